#pragma once
// The 1-minute candles of a traded symbol (GET /fapi/v1/klines for a symbol of the account),
// consistent with the account's own fills (docs/design.md D115): the price of a minute
// starts where the last earlier fill traded (the first fill's price before any), every fill of
// the minute lies within its low .. high, the close is the minute's last fill (or the open), and
// a hashed wiggle of a few ticks widens high and low. Deterministic: a pure function of the
// seed, the fills and the minute, so any window can be served in any order. Exact decimals.

#include "sync/simulator/account.h"
#include "sync/simulator/market_prices.h"

#include <optional>

namespace fb::sim {

// nullopt when `symbol` is not a symbol of the account.
std::optional<SimKline> tradedKline(const Account& account, quint64 seed, const QString& symbol,
                                    qint64 minuteOpenMs);

// Widens `k` (a candle of the market path, market_prices.h) so that every fill of `symbol` in
// its minute lies within its low .. high: a BNB pair that is also traded stays consistent with
// its fills while its closes (what values fees) are kept.
void widenToFills(const Account& account, const QString& symbol, SimKline& k);

} // namespace fb::sim
