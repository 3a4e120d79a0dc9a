#pragma once
// Performance figures of the filtered closed trades, in exact decimals. Doubles appear only in
// the chart series built from these (ui/stats_view.cpp).

#include "ui/models/trade_list.h"

#include <QDate>
#include <QMap>
#include <QTimeZone>

namespace fb::ui {

struct EquityPoint
{
    qint64 timeMs = 0;
    Decimal equity; // cumulative net PnL after the trade closed
};

struct TradeStats
{
    int closedTrades = 0;
    int wins = 0;
    int losses = 0;
    Decimal netPnl;
    Decimal grossProfit; // sum of winning net PnL
    Decimal grossLoss;   // sum of losing net PnL, as a positive number
    Decimal maxDrawdown; // largest fall of the equity curve from a previous peak, positive
    QVector<EquityPoint> equity;
    QMap<QDate, Decimal> pnlByDay;
    QMap<QDate, int> tradesByDay;

    std::optional<Decimal> winRatePercent() const;
    std::optional<Decimal> profitFactor() const;
    std::optional<Decimal> expectancy() const; // net PnL per closed trade
    std::optional<Decimal> averageWin() const;
    std::optional<Decimal> averageLoss() const;
};

// Pure: the figures of the given trades (journal::loadClosedTrades), ordered by close time,
// all in one asset.
TradeStats computeStats(const QVector<ClosedTrade>& trades, const QTimeZone& zone);

// The figures of each margin asset on its own: amounts in USDT and in USDC are never added.
// Trades with an unknown entry (INCOMPLETE_START: the journal never saw them open, so their
// PnL and duration are not the trade's) are left out unless `includeUnknownEntry`; they are
// counted either way, for the toggle that brings them in.
struct StatsByAsset
{
    QMap<QString, TradeStats> assets; // by margin asset
    int unknownEntryTrades = 0;       // closed INCOMPLETE_START trades matching the filter
    bool unknownEntryIncluded = false;
};
StatsByAsset computeStatsByAsset(const QVector<ClosedTrade>& trades, const QTimeZone& zone,
                                 bool includeUnknownEntry);

} // namespace fb::ui
