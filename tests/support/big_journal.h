#pragma once
// A journal of many synthetic trades for the sort test and the sort benchmark: every column is
// a formula of the trade's number i, so a test can compute the exact expected order itself
// (fb::Decimal-free: each decimal column is an integer number of units at a fixed scale).
// Written with one INSERT ... SELECT from a recursive CTE in one transaction (a million trades
// in seconds, not the minutes the stores would take for their parts and hashes).

#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {
class Database;
}

namespace fbtest::big {

inline constexpr qint64 kBaseMs = 1'700'000'000'000;

// Trade i's fields as the generator writes them (decimals as units and their scale).
struct Trade
{
    QString key;
    QString symbol;
    QString direction;
    QString status;
    qint64 openTime = 0;
    std::optional<qint64> closeTime;
    qint64 maxQtyUnits = 0;                // scale 3
    std::optional<qint64> entryPriceUnits; // scale 4; none for every 97th trade
    std::optional<qint64> exitPriceUnits;  // scale 4; none while open
    qint64 realizedUnits = 0;              // scale 4
    qint64 feeUnits = 0;                   // scale 4, USDT
    qint64 fundingUnits = 0;               // scale 4
    qint64 netUnits = 0;                   // scale 4
    QString flags;
    QString tagsJson; // empty: no annotation
};

Trade trade(int i, int count);

// Fills an empty (migrated) journal with `count` trades.
void generate(fb::journal::Database& db, int count);

} // namespace fbtest::big
