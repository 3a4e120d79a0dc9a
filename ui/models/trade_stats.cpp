#include "ui/models/trade_stats.h"

#include <QDateTime>

namespace fb::ui {

namespace {
constexpr int kPlaces = 8;
}

std::optional<Decimal> TradeStats::winRatePercent() const
{
    if (closedTrades == 0)
        return std::nullopt;
    return (Decimal::fromInt(wins) * Decimal::fromInt(100))
        .divide(Decimal::fromInt(closedTrades), 2);
}

std::optional<Decimal> TradeStats::profitFactor() const
{
    if (grossLoss.isZero())
        return std::nullopt;
    return grossProfit.divide(grossLoss, 2);
}

std::optional<Decimal> TradeStats::expectancy() const
{
    if (closedTrades == 0)
        return std::nullopt;
    return netPnl.divide(Decimal::fromInt(closedTrades), kPlaces);
}

std::optional<Decimal> TradeStats::averageWin() const
{
    if (wins == 0)
        return std::nullopt;
    return grossProfit.divide(Decimal::fromInt(wins), kPlaces);
}

std::optional<Decimal> TradeStats::averageLoss() const
{
    if (losses == 0)
        return std::nullopt;
    return grossLoss.divide(Decimal::fromInt(losses), kPlaces);
}

TradeStats computeStats(const QVector<ClosedTrade>& trades, const QTimeZone& zone)
{
    TradeStats stats;
    Decimal peak;
    for (const ClosedTrade& trade : trades) {
        ++stats.closedTrades;
        stats.netPnl += trade.netPnl;
        if (trade.netPnl.isPositive()) {
            ++stats.wins;
            stats.grossProfit += trade.netPnl;
        } else if (trade.netPnl.isNegative()) {
            ++stats.losses;
            stats.grossLoss -= trade.netPnl;
        }
        if (stats.netPnl > peak)
            peak = stats.netPnl;
        const Decimal drawdown = peak - stats.netPnl;
        if (drawdown > stats.maxDrawdown)
            stats.maxDrawdown = drawdown;
        stats.equity.append(EquityPoint{trade.closeTime, stats.netPnl});
        const QDate day = QDateTime::fromMSecsSinceEpoch(trade.closeTime, zone).date();
        stats.pnlByDay[day] += trade.netPnl;
        ++stats.tradesByDay[day];
    }
    return stats;
}

StatsByAsset computeStatsByAsset(const QVector<ClosedTrade>& trades, const QTimeZone& zone,
                                 bool includeUnknownEntry)
{
    StatsByAsset result;
    result.unknownEntryIncluded = includeUnknownEntry;
    QMap<QString, QVector<ClosedTrade>> byAsset;
    for (const ClosedTrade& trade : trades) {
        if (trade.unknownEntry) {
            ++result.unknownEntryTrades;
            if (!includeUnknownEntry)
                continue;
        }
        byAsset[trade.marginAsset].append(trade);
    }
    for (auto it = byAsset.cbegin(); it != byAsset.cend(); ++it)
        result.assets.insert(it.key(), computeStats(it.value(), zone));
    return result;
}

} // namespace fb::ui
