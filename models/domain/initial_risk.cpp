#include "models/domain/initial_risk.h"

#include "models/domain/trade.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace fb {

namespace {

constexpr qint64 kForever = std::numeric_limits<qint64>::max();

bool isStopType(const QString& type)
{
    return type == QLatin1String("STOP") || type == QLatin1String("STOP_MARKET");
}

// The closing side of a book: a long position is closed by selling.
Side closingSide(Direction direction)
{
    return direction == Direction::Long ? Side::Sell : Side::Buy;
}

// Where the position stood at `at` (every part timed at or before it counted).
struct PositionAt
{
    Decimal quantity;
    std::optional<Decimal> averageEntry;
};

PositionAt positionAt(const JournalTrade& trade, qint64 at)
{
    PositionAt out;
    Decimal cost;
    Decimal entered;
    for (const TradeFillPart& part : trade.fills) {
        if (part.time > at)
            break; // parts are in (time, id) order
        if (part.increasesPosition) {
            out.quantity += part.qty;
            cost += part.price * part.qty;
            entered += part.qty;
        } else {
            out.quantity -= part.qty;
        }
    }
    if (entered.isPositive())
        out.averageEntry = cost.divide(entered, 8).normalized();
    return out;
}

} // namespace

QString stopSourceName(StopOrder::Source source)
{
    return source == StopOrder::Source::Algo ? QStringLiteral("algo") : QStringLiteral("order");
}

StopOrder StopOrder::fromOrder(const Order& order)
{
    StopOrder s;
    s.source = Source::Order;
    s.id = order.orderId;
    s.type = order.origType.isEmpty() ? order.type : order.origType;
    s.side = order.side;
    s.positionSide = order.positionSide;
    s.reduceOnly = order.reduceOnly;
    s.closePosition = order.closePosition;
    s.stopPrice = order.stopPrice;
    s.quantity = order.origQty;
    s.createTime = order.time;
    const QString& status = order.status;
    if (status == QLatin1String("REJECTED"))
        s.neverLive = true;
    else if (status != QLatin1String("NEW") && status != QLatin1String("PARTIALLY_FILLED"))
        s.endTime = order.updateTime > 0 ? order.updateTime : order.time;
    return s;
}

StopOrder StopOrder::fromAlgo(const AlgoOrder& algo)
{
    StopOrder s;
    s.source = Source::Algo;
    s.id = algo.algoId;
    s.type = algo.orderType;
    s.side = algo.side;
    s.positionSide = algo.positionSide;
    s.reduceOnly = algo.reduceOnly;
    s.closePosition = algo.closePosition;
    s.stopPrice = algo.triggerPrice;
    s.quantity = algo.quantity;
    s.createTime = algo.createTime;
    s.becameOrderId = algo.actualOrderIdValue();
    const QString& status = algo.algoStatus;
    if (status == QLatin1String("REJECTED")) {
        s.neverLive = true;
    } else if (status == QLatin1String("TRIGGERED") || status == QLatin1String("FINISHED")) {
        s.endTime = algo.triggerTime > 0 ? algo.triggerTime : algo.updateTime;
    } else if (status != QLatin1String("NEW") && status != QLatin1String("TRIGGERING")) {
        s.endTime = algo.updateTime > 0 ? algo.updateTime : algo.createTime; // CANCELED, EXPIRED
    }
    return s;
}

bool StopOrder::isProtective() const
{
    // Hedge mode refuses reduceOnly: there a stop on a LONG/SHORT book reduces by its side alone
    // (the caller checks the side), so the book stands for the flag.
    return isStopType(type) && (reduceOnly || closePosition || positionSide != PositionSide::Both);
}

std::optional<InitialRisk> computeInitialRisk(const JournalTrade& trade,
                                              const QVector<StopOrder>& stops)
{
    // History that starts mid-position has no known entry for its first part.
    if (trade.hasFlag(FlagIncompleteStart) || !trade.startingQty.isZero() || trade.fills.isEmpty())
        return std::nullopt;
    // A triggered algo order and the order it became are one stop: the algo order stands.
    QSet<qint64> becameOrders;
    for (const StopOrder& s : stops) {
        if (s.source == StopOrder::Source::Algo && s.becameOrderId)
            becameOrders.insert(*s.becameOrderId);
    }
    const qint64 closeTime = trade.closeTime.value_or(kForever);
    struct Candidate
    {
        const StopOrder* stop;
        qint64 liveFrom;
    };
    QVector<Candidate> candidates;
    for (const StopOrder& s : stops) {
        if (!s.isProtective() || s.neverLive || s.side != closingSide(trade.direction) ||
            s.positionSide != trade.positionSide)
            continue;
        if (s.source == StopOrder::Source::Order && becameOrders.contains(s.id))
            continue;
        if (!s.closePosition && !s.quantity.isPositive())
            continue;
        const qint64 liveFrom = std::max(s.createTime, trade.openTime);
        const qint64 liveUntil = s.endTime.value_or(kForever); // exclusive
        if (liveFrom >= liveUntil || liveFrom >= closeTime)
            continue;
        // The position must be open at that moment (not between a close and a reopen of the
        // same millisecond, and never after the trade's last fill).
        if (!positionAt(trade, liveFrom).quantity.isPositive())
            continue;
        candidates.append({&s, liveFrom});
    }
    if (candidates.isEmpty())
        return std::nullopt;
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.liveFrom != b.liveFrom)
            return a.liveFrom < b.liveFrom;
        if (a.stop->createTime != b.stop->createTime)
            return a.stop->createTime < b.stop->createTime;
        if (a.stop->source != b.stop->source)
            return a.stop->source < b.stop->source;
        return a.stop->id < b.stop->id;
    });
    const qint64 at = candidates.first().liveFrom;
    const PositionAt position = positionAt(trade, at);
    if (!position.averageEntry)
        return std::nullopt;
    InitialRisk out;
    out.at = at;
    out.entryPrice = *position.averageEntry;
    out.stopPrice = candidates.first().stop->stopPrice;
    out.source = candidates.first().stop->source;
    out.stopId = candidates.first().stop->id;
    // Every stop live at that moment protects its part of the position (partial stops), in
    // creation order, until the whole position is protected; a closePosition stop takes the
    // rest.
    Decimal remaining = position.quantity;
    for (const Candidate& c : candidates) {
        if (c.liveFrom != at || !remaining.isPositive())
            break;
        const StopOrder& s = *c.stop;
        const Decimal protectedQty = s.closePosition ? remaining : std::min(s.quantity, remaining);
        out.risk += (out.entryPrice - s.stopPrice).abs() * protectedQty;
        remaining -= protectedQty;
        ++out.stopCount;
    }
    out.risk = out.risk.normalized();
    out.quantity = (position.quantity - remaining).normalized();
    return out;
}

std::optional<Decimal> rMultiple(const Decimal& net, const Decimal& risk)
{
    if (!risk.isPositive())
        return std::nullopt;
    return net.divide(risk, 4).normalized();
}

Decimal netForR(const JournalTrade& trade)
{
    return trade.valuation.computed ? trade.valuation.netPnlValued : trade.netPnl;
}

void applyInitialRisk(QVector<JournalTrade>& trades, const QVector<StopOrder>& stops)
{
    for (JournalTrade& trade : trades)
        trade.initialRisk = computeInitialRisk(trade, stops);
}

} // namespace fb
