#pragma once
// The simulated market's 1-minute candles (GET /fapi/v1/klines), used by the journal to value
// commission paid in BNB. Stateless and deterministic: a candle is a pure function of the seed,
// the pair and its minute, so any window can be served in any order and two simulators with the
// same seed always agree. The path is integer ticks: a reference price plus two triangle waves
// (about ±5 % over 10 days, ±0.5 % over ~6.6 hours) plus a hashed wiggle of ±0.05 %; exact
// decimals throughout, never a double.

#include "models/money/decimal.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace fb::sim {

struct SimKline
{
    qint64 openTime = 0;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    Decimal volume;
};

// The pairs served by default: BNBUSDT and BNBUSDC.
QStringList defaultKlinePairs();

// The candle of `pair` for the minute opening at `minuteOpenMs` (a multiple of 60,000), or
// nullopt when the pair's base asset has no reference price in the catalog.
std::optional<SimKline> simKline(quint64 seed, const QString& pair, qint64 minuteOpenMs);

} // namespace fb::sim
