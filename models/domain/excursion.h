#pragma once
// MAE / MFE of a closed trade (docs/design.md D112): the worst adverse and the best
// favourable price move from the trade's average entry while it was open, from the 1-minute
// candles of the minutes strictly between its entry minute and its exit minute plus the
// trade's own fill prices; in R when the trade has an initial risk. Pure: candles in, exact
// decimals out.

#include "models/money/decimal.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace fb {

struct JournalTrade;

// One closed 1-minute candle of a symbol (GET /fapi/v1/klines, API sheet §5.12).
struct Candle
{
    qint64 openTime = 0; // the minute's open, ms UTC
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;

    bool operator==(const Candle& other) const = default;
};

struct Excursion
{
    Decimal mae;                 // >= 0, price units: how far the price went against the trade
    Decimal mfe;                 // >= 0, price units: how far it went for the trade
    std::optional<Decimal> maeR; // mae x maxQty / risk, half-even 4 places; nullopt: no risk
    std::optional<Decimal> mfeR;
    Decimal worstPrice; // the price of the MAE (the entry when mae is 0)
    Decimal bestPrice;  // the price of the MFE

    bool operator==(const Excursion& other) const = default;
};

// The minutes (opens, ms) whose whole candle counts for a trade open over [openTime, closeTime]:
// those strictly after the entry minute and strictly before the exit minute. Empty when the
// trade opened and closed in the same or in adjacent minutes. first > last when empty.
struct MinuteRange
{
    qint64 first = 0;
    qint64 last = -1;
    bool isEmpty() const { return last < first; }
    qint64 count() const { return isEmpty() ? 0 : (last - first) / 60'000 + 1; }
};
MinuteRange innerMinutes(qint64 openTime, qint64 closeTime);

// The excursion of a closed trade with an average entry, from `candles` (any order; only those
// of innerMinutes() are read, a minute without a candle is a minute without trades) and the
// trade's fill prices. `risk` is the trade's effective initial risk. nullopt for an open trade
// or one without an average entry.
std::optional<Excursion> computeExcursion(const JournalTrade& trade, const QVector<Candle>& candles,
                                          const std::optional<Decimal>& risk);

// What the journal knows of a trade's excursion: computed; pending (both nullopt: open, or
// its candles not all asked for yet); or no candles of its symbol, with the exchange's reason.
struct TradeExcursion
{
    std::optional<Excursion> excursion;
    std::optional<QString> candlesUnavailable;
};

// Adds the export fields of docs/design.md §5.2 (D116) to a trade's export object: `mae`,
// `mfe`, `maeR`, `mfeR` (decimal strings or null) and `candlesUnavailable` (string or null).
void insertExcursionJson(QJsonObject& object, const TradeExcursion& excursion);

} // namespace fb
