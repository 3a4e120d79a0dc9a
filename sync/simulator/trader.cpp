#include "sync/simulator/trader.h"

#include <algorithm>
#include <cstring>

namespace fb::sim {
namespace {

constexpr qint64 kHour = 3600000;
constexpr qint64 kFundingInterval = 8 * kHour; // funding at 00:00, 08:00 and 16:00 UTC

int idx(PositionSide side)
{
    return static_cast<int>(side);
}

} // namespace

SymbolTrader::SymbolTrader(const SymbolPlan& plan, const FeeSchedule& fees, std::uint64_t seed)
    : m_plan(plan)
    , m_fees(fees)
    , m_rng(seed)
{
    for (BookState& b : m_books) {
        b.amount = Decimal::fromInt(0);
        b.entryPrice = Decimal::fromInt(0);
    }
}

Decimal SymbolTrader::price(qint64 ticks) const
{
    const Decimal& tick = m_plan.spec.tickSize;
    return Decimal::fromScaled(ticks * tick.mantissa(), tick.scale());
}

Decimal SymbolTrader::qty(qint64 steps) const
{
    const Decimal& step = m_plan.spec.stepSize;
    return Decimal::fromScaled(steps * step.mantissa(), step.scale());
}

qint64 SymbolTrader::ticksOf(const Decimal& value) const
{
    return static_cast<qint64>(value.divide(m_plan.spec.tickSize, 0).mantissa());
}

qint64 SymbolTrader::stepsOf(const Decimal& value) const
{
    return static_cast<qint64>(value.abs().divide(m_plan.spec.stepSize, 0).mantissa());
}

qint64 SymbolTrader::lotSteps()
{
    return m_baseLot * m_rng.range(1, 12);
}

QString SymbolTrader::clientId()
{
    static const char kAlphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const std::uint64_t app = m_rng.below(10);
    char id[32] = {};
    const char* prefix = app < 6 ? "web_" : (app < 8 ? "ios_" : "android_");
    const size_t n = std::strlen(prefix);
    std::memcpy(id, prefix, n);
    for (size_t i = 0; i < 20; ++i)
        id[n + i] = kAlphabet[m_rng.below(62)];
    return QString::fromLatin1(id, static_cast<qsizetype>(n + 20));
}

void SymbolTrader::walkPrice()
{
    const qint64 step = std::max<qint64>(1, m_priceTicks / 150);
    m_priceTicks += m_rng.range(-step, step);
    // Reflect at half and twice the reference price so that prices stay plausible.
    const qint64 low = std::max<qint64>(1, m_refTicks / 2);
    const qint64 high = m_refTicks * 2;
    if (m_priceTicks < low)
        m_priceTicks = low + (low - m_priceTicks);
    if (m_priceTicks > high)
        m_priceTicks = high - (m_priceTicks - high);
    m_priceTicks = std::max<qint64>(1, m_priceTicks);
}

void SymbolTrader::prepareStartingPosition()
{
    if (!m_plan.startMidPosition)
        return;
    QVector<PositionSide> sides;
    if (!m_plan.hedgeMode)
        sides = {PositionSide::Both};
    else if (m_plan.bothBooksAtOnce)
        sides = {PositionSide::Long, PositionSide::Short};
    else
        sides = {m_rng.percent(50) ? PositionSide::Long : PositionSide::Short};
    for (PositionSide side : sides) {
        int sign = side == PositionSide::Short ? -1 : 1;
        if (side == PositionSide::Both && m_rng.percent(50))
            sign = -1;
        BookState& b = book(side);
        b.amount = qty(lotSteps() * m_rng.range(2, 6) * sign);
        b.entryPrice = price(m_refTicks * m_rng.range(95, 105) / 100).normalized();
        m_out.starting.append({side, b});
        m_lifecycleOrders[idx(side)] = 1;
        m_bookUpdated[idx(side)] = m_plan.start - m_rng.range(kHour, 20 * 24 * kHour);
    }
}

PositionSide SymbolTrader::chooseBook()
{
    if (!m_plan.hedgeMode)
        return PositionSide::Both;
    if (m_plan.bothBooksAtOnce)
        return m_rng.percent(50) ? PositionSide::Long : PositionSide::Short;
    if (!book(PositionSide::Long).amount.isZero())
        return PositionSide::Long;
    if (!book(PositionSide::Short).amount.isZero())
        return PositionSide::Short;
    return m_rng.percent(50) ? PositionSide::Long : PositionSide::Short;
}

SymbolTrader::Action SymbolTrader::chooseAction(PositionSide side, bool last)
{
    const BookState& b = book(side);
    if (b.amount.isZero())
        return Action::Open;
    if (last && m_plan.openAtEnd)
        return Action::ScaleIn;
    const bool oneWay = side == PositionSide::Both;
    if (m_lifecycleOrders[idx(side)] >= 8)
        return oneWay && m_rng.percent(20) ? Action::Flip : Action::Close;
    const std::uint64_t r = m_rng.below(100);
    if (r < 22)
        return Action::ScaleIn;
    if (r < 47)
        return stepsOf(b.amount) >= 2 ? Action::PartialClose : Action::Close;
    if (r < 85 || !oneWay)
        return Action::Close;
    return Action::Flip;
}

void SymbolTrader::emitFundingUntil(qint64 t)
{
    const qint64 limit = std::min(t, m_plan.end + 1);
    for (; m_nextFunding < limit; m_nextFunding += kFundingInterval) {
        Decimal net;
        for (const BookState& b : m_books)
            net += b.amount;
        if (net.isZero())
            continue;
        qint64 rateUnits = m_rng.range(-50, 150); // funding rate in millionths
        if (rateUnits == 0)
            rateUnits = 100;
        const Decimal rate = Decimal::fromScaled(rateUnits, 6);
        Income row;
        row.symbol = m_plan.spec.symbol;
        row.incomeType = QStringLiteral("FUNDING_FEE");
        row.income = toScale(-(net * price(m_priceTicks) * rate), kMoneyScale);
        if (row.income.isZero())
            continue;
        row.asset = m_plan.spec.quoteAsset;
        row.info = row.incomeType;
        row.time = m_nextFunding;
        m_out.income.append(std::move(row));
    }
}

void SymbolTrader::maybeCancelledOrder(qint64 t)
{
    if (!m_rng.percent(8))
        return;
    const qint64 created = t - m_rng.range(60000, 1800000);
    if (created <= m_lastTime || created <= m_plan.start)
        return;
    Order o;
    o.symbol = m_plan.spec.symbol;
    o.orderId = m_nextOrderId;
    m_nextOrderId += m_rng.range(1, 4000);
    o.clientOrderId = clientId();
    const bool expired = m_rng.percent(25);
    o.status = expired ? QStringLiteral("EXPIRED") : QStringLiteral("CANCELED");
    o.side = m_rng.percent(50) ? Side::Buy : Side::Sell;
    o.positionSide = !m_plan.hedgeMode   ? PositionSide::Both
                     : m_rng.percent(50) ? PositionSide::Long
                                         : PositionSide::Short;
    const qint64 away = m_rng.range(1, 50) * std::max<qint64>(1, m_priceTicks / 1000);
    o.price = price(std::max<qint64>(1, m_priceTicks + (o.side == Side::Buy ? -away : away)));
    o.avgPrice = Decimal::fromScaled(0, 5);
    o.origQty = qty(lotSteps());
    o.executedQty = qty(0);
    o.cumQuote = Decimal::fromScaled(0, 5);
    o.timeInForce = expired ? QStringLiteral("GTX") : QStringLiteral("GTC");
    o.type = QStringLiteral("LIMIT");
    o.origType = o.type;
    o.stopPrice = Decimal::fromInt(0);
    o.workingType = QStringLiteral("CONTRACT_PRICE");
    o.priceMatch = QStringLiteral("NONE");
    o.selfTradePreventionMode = QStringLiteral("EXPIRE_MAKER");
    o.time = created;
    o.updateTime = expired ? created : m_rng.range(created + 1, t - 1);
    m_out.orders.append(std::move(o));
}

void SymbolTrader::placeOrder(qint64 t, PositionSide side, Action action, int maxFills,
                              const Special& special)
{
    BookState& b = book(side);
    const int held = b.amount.signum();
    int dir = 0;
    qint64 steps = 0;
    switch (action) {
    case Action::Open:
        dir = side == PositionSide::Long    ? 1
              : side == PositionSide::Short ? -1
              : m_rng.percent(55)           ? 1
                                            : -1;
        steps = lotSteps();
        break;
    case Action::ScaleIn:
        dir = held;
        steps = lotSteps();
        break;
    case Action::PartialClose:
        dir = -held;
        steps = m_rng.range(1, stepsOf(b.amount) - 1);
        break;
    case Action::Close:
        dir = -held;
        steps = stepsOf(b.amount);
        break;
    case Action::Flip:
        dir = -held;
        steps = stepsOf(b.amount) + lotSteps();
        break;
    }
    const bool isSpecial = !special.clientOrderId.isEmpty();
    const bool maker = !isSpecial && m_rng.percent(40);
    qint64 fills = 1;
    if (!isSpecial) {
        const std::uint64_t r = m_rng.below(10);
        fills = maker ? (r < 8 ? 1 : 2) : (r < 7 ? 1 : (r < 9 ? 2 : 3));
    }
    fills = std::clamp<qint64>(fills, 1, std::min<qint64>(steps, maxFills));
    const qint64 basePrice = isSpecial ? special.priceTicks : m_priceTicks;
    const bool partialCancel = maker && m_rng.percent(6);
    const bool inBnb = t >= m_plan.bnbFrom && t < m_plan.bnbUntil;

    Order o;
    o.symbol = m_plan.spec.symbol;
    o.orderId = m_nextOrderId;
    m_nextOrderId += m_rng.range(1, 4000);
    o.clientOrderId = isSpecial ? special.clientOrderId : clientId();
    o.side = dir > 0 ? Side::Buy : Side::Sell;
    o.positionSide = side;
    o.type = (maker || isSpecial) ? QStringLiteral("LIMIT") : QStringLiteral("MARKET");
    o.origType = o.type;
    o.timeInForce = isSpecial ? QStringLiteral("IOC") : QStringLiteral("GTC");
    o.price = (maker || isSpecial) ? price(basePrice) : Decimal::fromInt(0);
    o.reduceOnly = isSpecial || (side == PositionSide::Both &&
                                 (action == Action::Close || action == Action::PartialClose) &&
                                 m_rng.percent(50));
    o.stopPrice = Decimal::fromInt(0);
    o.workingType = QStringLiteral("CONTRACT_PRICE");
    o.priceMatch = QStringLiteral("NONE");
    o.selfTradePreventionMode = QStringLiteral("EXPIRE_MAKER");
    o.time = std::max(m_lastTime, t - m_rng.range(1, 300));

    Decimal executed = qty(0);
    Decimal cumQuote;
    qint64 remaining = steps;
    qint64 ft = t;
    for (qint64 i = 0; i < fills; ++i) {
        const qint64 partSteps =
            i + 1 == fills ? remaining : m_rng.range(1, remaining - (fills - 1 - i));
        remaining -= partSteps;
        if (i > 0)
            ft += m_rng.range(0, 40);
        // A market order walks the book; a limit order fills at its price.
        const qint64 ticks =
            (maker || isSpecial) ? basePrice : std::max<qint64>(1, basePrice + dir * i);
        Fill f;
        f.symbol = m_plan.spec.symbol;
        f.id = m_nextFillId;
        m_nextFillId += m_rng.range(1, 40);
        f.orderId = o.orderId;
        f.side = o.side;
        f.price = price(ticks);
        f.qty = qty(partSteps);
        f.quoteQty = productKeepingScale(f.price, f.qty);
        const FillEffect effect = applyFill(b, dir > 0 ? f.qty : -f.qty, f.price);
        f.realizedPnl = effect.realizedPnl;
        f.commission = m_fees.commission(f.quoteQty, maker, inBnb);
        f.commissionAsset = inBnb ? QStringLiteral("BNB") : m_plan.spec.quoteAsset;
        f.marginAsset = m_plan.spec.quoteAsset;
        f.time = ft;
        f.positionSide = side;
        f.buyer = o.side == Side::Buy;
        f.maker = maker;
        executed += f.qty;
        cumQuote += f.quoteQty;

        Income commission;
        commission.symbol = f.symbol;
        commission.incomeType = QStringLiteral("COMMISSION");
        commission.income = -f.commission;
        commission.asset = f.commissionAsset;
        commission.info = commission.incomeType;
        commission.time = ft;
        commission.tradeId = QString::number(f.id);
        if (effect.closedQty.isPositive()) {
            Income pnl = commission;
            pnl.incomeType = QStringLiteral("REALIZED_PNL");
            pnl.info = pnl.incomeType;
            pnl.income = f.realizedPnl;
            pnl.asset = m_plan.spec.quoteAsset;
            m_out.income.append(std::move(pnl));
        }
        m_out.income.append(std::move(commission));
        m_out.fills.append(std::move(f));
    }
    o.executedQty = executed;
    o.cumQuote = cumQuote;
    o.avgPrice = cumQuote.divide(executed, std::max(5, m_plan.spec.pricePrecision()));
    o.origQty = partialCancel ? executed + qty(lotSteps()) : executed;
    o.status = partialCancel ? QStringLiteral("CANCELED") : QStringLiteral("FILLED");
    o.updateTime = partialCancel ? ft + m_rng.range(1000, 600000) : ft;
    m_out.orders.append(std::move(o));

    m_lastTime = ft;
    m_bookUpdated[idx(side)] = ft;
    m_lifecycleOrders[idx(side)] = b.amount.isZero() ? 0 : m_lifecycleOrders[idx(side)] + 1;
    if (isSpecial)
        m_priceTicks = basePrice; // the market was there
}

SymbolOutput SymbolTrader::run()
{
    const SymbolSpec& spec = m_plan.spec;
    m_refTicks = std::max<qint64>(1, ticksOf(spec.referencePrice));
    m_priceTicks = m_refTicks;
    // A lot is roughly 300 units of quote currency; orders take 1..12 lots.
    const Decimal lotValue = spec.referencePrice * spec.stepSize;
    m_baseLot = std::max<qint64>(
        1, static_cast<qint64>(Decimal::fromInt(300).divide(lotValue, 0).mantissa()));
    m_nextFillId = 100000000 + static_cast<qint64>(m_rng.below(6000000000ULL));
    m_nextOrderId = 1000000000 + static_cast<qint64>(m_rng.below(700000000000ULL));
    m_nextFunding = (m_plan.start / kFundingInterval + 1) * kFundingInterval;
    m_lastTime = m_plan.start;
    m_out.fills.reserve(m_plan.fillBudget);
    m_out.orders.reserve(m_plan.fillBudget);
    m_out.income.reserve(m_plan.fillBudget * 2);
    prepareStartingPosition();

    const qint64 n = m_plan.fillBudget;
    const qint64 span = m_plan.end - m_plan.start;
    const qint64 slot = std::max<qint64>(1, span / std::max<qint64>(1, n));
    qint64 used = 0;
    while (used < n) {
        const qint64 t = std::max(m_lastTime, m_plan.start + span * used / n +
                                                  static_cast<qint64>(m_rng.below(slot)));
        emitFundingUntil(t);
        maybeCancelledOrder(t);
        const PositionSide side = chooseBook();
        const bool last = n - used <= 3;
        Action action = chooseAction(side, last);
        Special special;
        const BookState& b = book(side);
        const int sign = b.amount.signum();
        if (sign != 0 && m_plan.liquidation && !m_liquidated && t >= m_plan.start + span * 6 / 10) {
            // Liquidated 8 % against the entry: a loss, closed by the exchange.
            m_liquidated = true;
            action = Action::Close;
            special.priceTicks = ticksOf(b.entryPrice) * (100 - 8 * sign) / 100;
            special.clientOrderId =
                QStringLiteral("autoclose-%1%2").arg(t).arg(m_rng.range(100000, 999999));
        } else if (sign != 0 && m_plan.adl && !m_adlDone && t >= m_plan.start + span * 8 / 10) {
            // Auto-deleveraged in profit (ADL takes the most profitable positions).
            m_adlDone = true;
            action = Action::Close;
            special.priceTicks = ticksOf(b.entryPrice) * (100 + 5 * sign) / 100;
            special.clientOrderId = QStringLiteral("adl_autoclose");
        }
        if (!special.clientOrderId.isEmpty())
            special.priceTicks = std::max<qint64>(1, special.priceTicks);
        const qint64 before = m_out.fills.size();
        placeOrder(t, side, action, static_cast<int>(std::min<qint64>(3, n - used)), special);
        used += m_out.fills.size() - before;
        walkPrice();
    }
    emitFundingUntil(m_plan.end + 1);

    SymbolSpec marked = spec;
    marked.markPrice = price(m_priceTicks);
    m_out.lastPrice = marked.markPrice;
    for (PositionSide side : {PositionSide::Both, PositionSide::Long, PositionSide::Short}) {
        const BookState& b = book(side);
        if (!b.amount.isZero())
            m_out.positions.append(positionRow(marked, side, b, m_bookUpdated[idx(side)], m_fees));
    }
    return std::move(m_out);
}

} // namespace fb::sim
