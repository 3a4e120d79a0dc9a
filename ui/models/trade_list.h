#pragma once
// The trade history's value types as the desktop uses them. The filter, the rows and the
// queries behind them belong to the journal's read side (sync/journal/trade_queries.h); the
// item models here only page through them.

#include "sync/journal/trade_queries.h"

namespace fb::ui {

using journal::ClosedTrade;
using journal::TradeCursor;
using journal::TradeQuery;
using journal::TradeRow;
using journal::TradeSort;

} // namespace fb::ui
