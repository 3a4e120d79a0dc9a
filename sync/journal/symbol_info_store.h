#pragma once
// The exchange's display precisions per symbol (exchangeInfo's pricePrecision and
// quantityPrecision, schema v7): written by the sync at each preflight, read by the desktop to
// show prices and sizes as the exchange does. Exchange-wide facts, not per account.

#include <QHash>
#include <QString>
#include <QVector>

namespace fb::journal {

class Database;

struct SymbolPrecision
{
    QString symbol;
    int price = 0;
    int quantity = 0;

    bool operator==(const SymbolPrecision& other) const = default;
};

// Upserts every row in one transaction (joins the caller's if one is open).
void storeSymbolPrecisions(Database& db, const QVector<SymbolPrecision>& symbols, qint64 nowMs);
// Every stored symbol's precisions, by symbol.
QHash<QString, SymbolPrecision> loadSymbolPrecisions(Database& db);

} // namespace fb::journal
