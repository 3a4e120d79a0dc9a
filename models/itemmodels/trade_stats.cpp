#include "models/itemmodels/trade_stats.h"

#include "sync/journal/database.h"

#include <QDateTime>
#include <QSqlQuery>

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
    }
    return stats;
}

QVector<ClosedTrade> loadClosedTrades(journal::Database& db, const TradeQuery& query, int maxTrades)
{
    QVariantList values;
    QString where = whereClause(query, values);
    where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
             QStringLiteral("t.status = 'CLOSED' AND t.close_time IS NOT NULL");
    values << maxTrades;
    QSqlQuery q = db.run(QStringLiteral("SELECT t.close_time, t.net_pnl FROM trades t LEFT JOIN "
                                        "annotations a ON a.trade_key = t.key") +
                             where + QStringLiteral(" ORDER BY t.close_time, t.key LIMIT ?"),
                         values, QStringLiteral("load closed trades for statistics"));
    QVector<ClosedTrade> trades;
    while (q.next())
        trades.append(ClosedTrade{q.value(0).toLongLong(),
                                  Decimal::parse(q.value(1).toString()).value_or(Decimal())});
    return trades;
}

} // namespace fb::ui
