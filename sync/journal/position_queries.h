#pragma once
// The open positions of the last sync (docs/design.md D134): the positionRisk
// snapshot each sync stores in `positions` (replaced per account), with when it was taken. The
// unrealized PnL there is the exchange's figure at its mark price at that moment; it is shown
// apart from the closed trades' PnL and never added to it.

#include "models/domain/records.h"

#include <QMap>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

struct OpenPositions
{
    QVector<Position> positions; // ordered by account, symbol, position side
    // When the newest snapshot was stored (ms UTC): the positions' fetch time, else the end of
    // the account's last completed sync (it found no open position); nullopt: never synced.
    std::optional<qint64> asOfMs;
    // Unrealized PnL summed per margin asset (exact).
    QMap<QString, Decimal> unrealizedByAsset() const;
};

// The positions of `account`, or of every account when it is empty.
OpenPositions loadOpenPositions(Database& db, const QString& account = QString());

} // namespace fb::journal
