#include "models/domain/initial_risk.h"

#include "models/domain/trade.h"

#include <QMap>
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

namespace {

// A triggered algo order and the order it became are one stop: the algo order stands.
QSet<qint64> becameOrderIds(const QVector<StopOrder>& stops)
{
    QSet<qint64> became;
    for (const StopOrder& s : stops) {
        if (s.source == StopOrder::Source::Algo && s.becameOrderId)
            became.insert(*s.becameOrderId);
    }
    return became;
}

// What makes a stop a candidate whatever the trade: protective, ever live, not the order a
// triggered algo order became, and with a quantity (or closing the whole position).
bool mayProtect(const StopOrder& s, const QSet<qint64>& becameOrders)
{
    if (!s.isProtective() || s.neverLive)
        return false;
    if (s.source == StopOrder::Source::Order && becameOrders.contains(s.id))
        return false;
    return s.closePosition || s.quantity.isPositive();
}

// The rule of D103 over `stops`, each of which already passed mayProtect(); any subset that
// holds every such stop on the trade's book and closing side that is live at some moment in
// [openTime, closeTime) gives the same answer as all of them (the others are skipped below).
std::optional<InitialRisk> riskFrom(const JournalTrade& trade,
                                    const QVector<const StopOrder*>& stops)
{
    // History that starts mid-position has no known entry for its first part.
    if (trade.hasFlag(FlagIncompleteStart) || !trade.startingQty.isZero() || trade.fills.isEmpty())
        return std::nullopt;
    const qint64 closeTime = trade.closeTime.value_or(kForever);
    struct Candidate
    {
        const StopOrder* stop;
        qint64 liveFrom;
    };
    QVector<Candidate> candidates;
    for (const StopOrder* stop : stops) {
        const StopOrder& s = *stop;
        if (s.side != closingSide(trade.direction) || s.positionSide != trade.positionSide)
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

// The stops of one book and closing side, by creation time, with the latest end among each
// prefix: a trade looks only at the stops created before it closed and not all ended before it
// opened, so a rebuild costs trades x stops-near-each-trade instead of trades x all stops.
struct StopLane
{
    QVector<const StopOrder*> byCreation;
    QVector<qint64> prefixLatestEnd;
};

} // namespace

std::optional<InitialRisk> computeInitialRisk(const JournalTrade& trade,
                                              const QVector<StopOrder>& stops)
{
    const QSet<qint64> becameOrders = becameOrderIds(stops);
    QVector<const StopOrder*> candidates;
    for (const StopOrder& s : stops) {
        if (mayProtect(s, becameOrders))
            candidates.append(&s);
    }
    return riskFrom(trade, candidates);
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
    // The same answer as computeInitialRisk(trade, stops) for each trade (test_initial_risk
    // compares them), with the trade-independent checks done once per stop.
    const QSet<qint64> becameOrders = becameOrderIds(stops);
    QMap<std::pair<PositionSide, Side>, StopLane> lanes;
    for (const StopOrder& s : stops) {
        if (mayProtect(s, becameOrders))
            lanes[{s.positionSide, s.side}].byCreation.append(&s);
    }
    for (StopLane& lane : lanes) {
        std::stable_sort(
            lane.byCreation.begin(), lane.byCreation.end(),
            [](const StopOrder* a, const StopOrder* b) { return a->createTime < b->createTime; });
        qint64 latest = std::numeric_limits<qint64>::min();
        for (const StopOrder* s : lane.byCreation) {
            latest = std::max(latest, s->endTime.value_or(kForever));
            lane.prefixLatestEnd.append(latest);
        }
    }
    for (JournalTrade& trade : trades) {
        const auto lane = lanes.constFind({trade.positionSide, closingSide(trade.direction)});
        if (lane == lanes.cend()) {
            trade.initialRisk = riskFrom(trade, {});
            continue;
        }
        // Stops before `first` all ended at or before the trade opened; stops from `last` on
        // were created at or after it closed: neither kind is ever live while it is open.
        const auto& ends = lane->prefixLatestEnd;
        const qsizetype first =
            std::partition_point(ends.cbegin(), ends.cend(),
                                 [&](qint64 end) { return end <= trade.openTime; }) -
            ends.cbegin();
        const qint64 closeTime = trade.closeTime.value_or(kForever);
        const auto& created = lane->byCreation;
        const qsizetype last =
            std::partition_point(created.cbegin(), created.cend(),
                                 [&](const StopOrder* s) { return s->createTime < closeTime; }) -
            created.cbegin();
        trade.initialRisk = riskFrom(trade, first < last ? created.mid(first, last - first)
                                                         : QVector<const StopOrder*>{});
    }
}

} // namespace fb
