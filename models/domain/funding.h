#pragma once
// Funding attribution (docs/design.md §2.7): each FUNDING_FEE row goes to the one lifecycle of its
// symbol that was open at its time, or to the symbol's unattributed funding.

#include "models/domain/trade.h"

namespace fb {

// Adds each row of `funding` (FUNDING_FEE rows of one symbol) to the single trade of `trades`
// open at the row's time and returns the rows that found no single trade, ordered by
// (time, tranId). Attributed rows add their income to JournalTrade::funding and their tranId to
// fundingTranIds, in (time, tranId) order; netPnl is not touched (the caller recomputes it).
//
// "Open at t" is openTime <= t <= closeTime with both bounds inclusive; an OPEN trade has no
// upper bound, and an INCOMPLETE_START trade has no lower bound (its position provably existed
// before its first fill). A row open in zero or in more than one trade (hedge mode with both
// sides open, or the exact millisecond at which one lifecycle closes and the next opens) stays
// unattributed. So does a row whose asset differs from the trade's margin asset, because a
// trade's funding is a single amount in its margin asset.
//
// O((F + T) log T) for F rows and T trades; `trades` may be in any order.
QVector<Income> attributeFunding(QVector<JournalTrade>& trades, const QVector<Income>& funding);

} // namespace fb
