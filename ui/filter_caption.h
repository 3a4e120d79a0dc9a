#pragma once
// The sentence that tells what the Statistics tab counts: "All trades" or "Filtered: BTCUSDT,
// long, 2026-10-01 – 2026-10-31" — the Trades tab's filters, which the statistics follow.

#include "ui/models/trade_list.h"

#include <QTimeZone>

namespace fb::ui {

QString filterCaption(const TradeQuery& query, const QTimeZone& zone);

} // namespace fb::ui
