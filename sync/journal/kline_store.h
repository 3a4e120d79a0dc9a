#pragma once
// The journal's cache of 1-minute closes used to value commission paid in another asset than
// the margin asset (docs/design.md §2.5, "Fees in another asset"; schema v7 `kline_closes`).
// Natural key (pair, open minute). A closed candle never changes, so a cached close is never
// fetched again and a second insert of the same minute is ignored.

#include "models/domain/fee_valuation.h"
#include "models/money/decimal.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fb::journal {

class Database;

struct KlineClose
{
    QString pair;
    qint64 openTime = 0; // the minute's open (ms)
    Decimal close;

    bool operator==(const KlineClose& other) const = default;
};

class KlineStore
{
public:
    explicit KlineStore(Database& db);

    // Stores closes not cached yet (inside the caller's transaction, or one of its own).
    // Returns how many were new.
    int store(const QVector<KlineClose>& closes, qint64 nowMs);
    std::optional<Decimal> close(const QString& pair, qint64 minute);
    // Cached closes of every (pair, minute) among `needs`: "pair|minute" -> close.
    QHash<QString, Decimal> closes(const QVector<FeePriceNeed>& needs);
    // The (pair, minute) of the account's stored fills of `symbols` whose commission is in
    // another asset than their margin asset and whose close is not cached, sorted and distinct.
    QVector<FeePriceNeed> missingForSymbols(const QString& account, const QStringList& symbols);
    // Of `needs`, those not cached.
    QVector<FeePriceNeed> missing(const QVector<FeePriceNeed>& needs);
    qint64 count();

    static QString cacheKey(const QString& pair, qint64 minute);

private:
    Database& m_db;
};

} // namespace fb::journal
