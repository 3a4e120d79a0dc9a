#include "sync/simulator/stops.h"

#include "sync/simulator/random.h"

#include <QHash>

#include <array>

namespace fb::sim {
namespace {

int bookIndex(PositionSide side)
{
    return static_cast<int>(side);
}

struct Lifecycle
{
    PositionSide book = PositionSide::Both;
    int sign = 0; // +1 long, -1 short
    qint64 openTime = 0;
    Decimal entryPrice;
    Decimal qtyAfterOpen;
    std::optional<qint64> closeTime;
    const Fill* closingFill = nullptr; // brought the book exactly to zero
    bool flipped = false;
};

// A price `percent` tenths of a percent away from `price` (below for -1), on the tick grid.
Decimal offsetPrice(const SymbolSpec& spec, const Decimal& price, int direction, qint64 tenths)
{
    const Decimal moved = price * Decimal::fromScaled(1000 + direction * tenths, 3);
    const Decimal ticks = moved.divide(spec.tickSize, 0);
    const Decimal onGrid = (ticks * spec.tickSize).normalized();
    return onGrid.isPositive() ? onGrid : spec.tickSize;
}

QString clientAlgoId(Rng& rng)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id;
    for (int i = 0; i < 22; ++i)
        id.append(QLatin1Char(digits[rng.below(62)]));
    return id;
}

} // namespace

QVector<AlgoOrder> generateStops(const StopPlanInput& input)
{
    Rng rng(mix64(input.seed, 0x5709ULL));
    const SymbolSpec& spec = input.spec;
    QHash<qint64, const Order*> orderById;
    for (const Order& o : *input.orders)
        orderById.insert(o.orderId, &o);

    // Lifecycles from the fills, per book; those begun before the history get no stop.
    std::array<Decimal, 3> amount;
    for (const auto& [side, state] : input.starting)
        amount[bookIndex(side)] = state.amount;
    QVector<Lifecycle> lifecycles;
    std::array<qsizetype, 3> open{-1, -1, -1};
    for (const Fill& f : *input.fills) {
        const int b = bookIndex(f.positionSide);
        const Decimal before = amount[b];
        const Decimal after = before + f.signedQty();
        amount[b] = after;
        if (open[b] >= 0 && (after.isZero() || after.signum() != before.signum())) {
            Lifecycle& l = lifecycles[open[b]];
            l.closeTime = f.time;
            l.flipped = !after.isZero();
            if (after.isZero())
                l.closingFill = &f;
            open[b] = -1;
        }
        if (!after.isZero() && (before.isZero() || after.signum() != before.signum())) {
            Lifecycle l;
            l.book = f.positionSide;
            l.sign = after.signum();
            l.openTime = f.time;
            l.entryPrice = f.price;
            l.qtyAfterOpen = after.abs();
            lifecycles.append(l);
            open[b] = lifecycles.size() - 1;
        }
    }

    QVector<AlgoOrder> stops;
    for (const Lifecycle& l : lifecycles) {
        if (!rng.percent(75))
            continue;
        const qint64 created = l.openTime + rng.range(1000, 60000);
        if (l.closeTime && created >= *l.closeTime - 1)
            continue; // closed before the trader got to it
        AlgoOrder stop;
        stop.symbol = spec.symbol;
        stop.algoType = QStringLiteral("CONDITIONAL");
        stop.orderType = QStringLiteral("STOP_MARKET");
        stop.side = l.sign > 0 ? Side::Sell : Side::Buy;
        stop.positionSide = l.book;
        stop.timeInForce = QStringLiteral("GTC");
        stop.workingType =
            rng.percent(70) ? QStringLiteral("MARK_PRICE") : QStringLiteral("CONTRACT_PRICE");
        stop.priceMatch = QStringLiteral("NONE");
        stop.selfTradePreventionMode = QStringLiteral("EXPIRE_MAKER");
        stop.priceProtect = rng.percent(50);
        const Decimal zeroQty = Decimal::fromScaled(0, spec.quantityPrecision());
        stop.closePosition = rng.percent(40);
        stop.reduceOnly = !stop.closePosition && l.book == PositionSide::Both;
        if (stop.closePosition) {
            stop.quantity = zeroQty;
        } else {
            // The position at the time, or half of it (a partial stop).
            Decimal q = l.qtyAfterOpen;
            if (rng.percent(25)) {
                const Decimal half = l.qtyAfterOpen.divide(Decimal::fromInt(2) * spec.stepSize, 0);
                q = (half.isPositive() ? half * spec.stepSize : spec.stepSize).normalized();
            }
            stop.quantity = Decimal::fromScaled(0, spec.quantityPrecision()) + q;
        }
        const Decimal zeroPrice = Decimal::fromScaled(0, spec.pricePrecision());
        stop.price = zeroPrice;
        stop.actualPrice = zeroPrice;
        stop.triggerPrice = zeroPrice + offsetPrice(spec, l.entryPrice, -l.sign, rng.range(5, 40));
        stop.createTime = created;
        stop.updateTime = created;

        // Moved once, closer to the entry, some time before the close.
        const qint64 end = l.closeTime.value_or(created + 3600000);
        if (rng.percent(30) && end - created > 2000) {
            AlgoOrder moved = stop;
            const qint64 at = rng.range(created + 1, end - 1);
            stop.algoStatus = QStringLiteral("CANCELED");
            stop.updateTime = at;
            stops.append(stop);
            moved.createTime = at;
            moved.updateTime = at;
            moved.triggerPrice =
                zeroPrice + offsetPrice(spec, l.entryPrice, -l.sign, rng.range(2, 4));
            stop = moved;
        }

        const Order* closing = l.closingFill ? orderById.value(l.closingFill->orderId) : nullptr;
        const bool losing = l.closingFill && (l.sign > 0 ? l.closingFill->price < l.entryPrice
                                                         : l.closingFill->price > l.entryPrice);
        const bool plainMarket = closing && closing->type == QLatin1String("MARKET") &&
                                 closing->status == QLatin1String("FILLED") &&
                                 closing->time > stop.createTime;
        if (!l.closeTime) {
            stop.algoStatus = QStringLiteral("NEW");
        } else if (losing && plainMarket && rng.percent(60)) {
            // The stop closed the trade: it triggered into the closing order.
            stop.algoStatus = QStringLiteral("FINISHED");
            stop.triggerPrice = zeroPrice + l.closingFill->price;
            stop.actualOrderId = QString::number(closing->orderId);
            stop.actualPrice = closing->avgPrice;
            stop.triggerTime = closing->time;
            stop.updateTime = closing->updateTime;
            if (!stop.closePosition)
                stop.quantity = closing->origQty;
        } else {
            // Closed by hand (or flipped): the leftover stop is cancelled, a closePosition one
            // expires with the position.
            stop.algoStatus =
                stop.closePosition ? QStringLiteral("EXPIRED") : QStringLiteral("CANCELED");
            stop.updateTime = *l.closeTime + rng.range(50, 5000);
        }
        stops.append(stop);
    }
    // Ids grow with creation time; clientAlgoIds are random.
    std::sort(stops.begin(), stops.end(),
              [](const AlgoOrder& a, const AlgoOrder& b) { return a.createTime < b.createTime; });
    qint64 nextId = 3000000 + static_cast<qint64>(rng.below(900000000));
    for (AlgoOrder& s : stops) {
        s.algoId = nextId;
        nextId += rng.range(1, 5000);
        s.clientAlgoId = clientAlgoId(rng);
    }
    return stops;
}

} // namespace fb::sim
