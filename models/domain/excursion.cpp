#include "models/domain/excursion.h"

#include "models/domain/trade.h"

namespace fb {

namespace {

constexpr qint64 kMinute = 60'000;

qint64 floorMinute(qint64 ms)
{
    return ms - (((ms % kMinute) + kMinute) % kMinute);
}

std::optional<Decimal> inR(const Decimal& move, const Decimal& qty,
                           const std::optional<Decimal>& risk)
{
    if (!risk || !risk->isPositive())
        return std::nullopt;
    return (move * qty).divide(*risk, 4).normalized();
}

} // namespace

MinuteRange innerMinutes(qint64 openTime, qint64 closeTime)
{
    return {floorMinute(openTime) + kMinute, floorMinute(closeTime) - kMinute};
}

std::optional<Excursion> computeExcursion(const JournalTrade& trade, const QVector<Candle>& candles,
                                          const std::optional<Decimal>& risk)
{
    if (trade.status != TradeStatus::Closed || !trade.closeTime || !trade.avgEntryPrice)
        return std::nullopt;
    const Decimal entry = *trade.avgEntryPrice;
    // The lowest and highest price traded while the trade was open.
    Decimal low = entry;
    Decimal high = entry;
    const auto see = [&](const Decimal& lo, const Decimal& hi) {
        if (lo < low)
            low = lo;
        if (hi > high)
            high = hi;
    };
    for (const TradeFillPart& part : trade.fills)
        see(part.price, part.price);
    const MinuteRange inner = innerMinutes(trade.openTime, *trade.closeTime);
    for (const Candle& c : candles) {
        if (c.openTime >= inner.first && c.openTime <= inner.last)
            see(c.low, c.high);
    }
    Excursion e;
    const bool isLong = trade.direction == Direction::Long;
    e.worstPrice = isLong ? low : high;
    e.bestPrice = isLong ? high : low;
    e.mae = (isLong ? entry - low : high - entry).normalized();
    e.mfe = (isLong ? high - entry : entry - low).normalized();
    e.maeR = inR(e.mae, trade.maxQty, risk);
    e.mfeR = inR(e.mfe, trade.maxQty, risk);
    return e;
}

void insertExcursionJson(QJsonObject& o, const TradeExcursion& t)
{
    const auto text = [](const std::optional<Decimal>& d) {
        return d ? QJsonValue(d->toString()) : QJsonValue();
    };
    const std::optional<Excursion>& e = t.excursion;
    o.insert(QStringLiteral("mae"), e ? text(e->mae) : QJsonValue());
    o.insert(QStringLiteral("mfe"), e ? text(e->mfe) : QJsonValue());
    o.insert(QStringLiteral("maeR"), e ? text(e->maeR) : QJsonValue());
    o.insert(QStringLiteral("mfeR"), e ? text(e->mfeR) : QJsonValue());
    o.insert(QStringLiteral("candlesUnavailable"),
             t.candlesUnavailable ? QJsonValue(*t.candlesUnavailable) : QJsonValue());
}

} // namespace fb
