#include "sync/simulator/trade_candles.h"

#include "sync/simulator/random.h"

#include <algorithm>

namespace fb::sim {

namespace {
constexpr qint64 kMinute = 60'000;

// The fills of `symbol` whose time lies in the minute opening at `minuteOpenMs`.
std::pair<QVector<Fill>::const_iterator, QVector<Fill>::const_iterator>
fillsOfMinute(const QVector<Fill>& fills, qint64 minuteOpenMs)
{
    const auto byTime = [](const Fill& f, qint64 t) { return f.time < t; };
    const auto first = std::lower_bound(fills.cbegin(), fills.cend(), minuteOpenMs, byTime);
    return {first, std::lower_bound(first, fills.cend(), minuteOpenMs + kMinute, byTime)};
}
} // namespace

void widenToFills(const Account& account, const QString& symbol, SimKline& k)
{
    if (!account.symbol(symbol))
        return;
    const auto [first, end] = fillsOfMinute(account.fills(symbol), k.openTime);
    for (auto it = first; it != end; ++it) {
        k.high = std::max(k.high, it->price);
        k.low = std::min(k.low, it->price);
    }
}

std::optional<SimKline> tradedKline(const Account& account, quint64 seed, const QString& symbol,
                                    qint64 minuteOpenMs)
{
    const SymbolSpec* spec = account.symbol(symbol);
    if (!spec)
        return std::nullopt;
    const QVector<Fill>& fills = account.fills(symbol);
    const auto [first, end] = fillsOfMinute(fills, minuteOpenMs);
    Decimal open = spec->referencePrice;
    if (first != fills.cbegin())
        open = std::prev(first)->price;
    else if (!fills.isEmpty())
        open = fills.constFirst().price;
    Decimal high = open;
    Decimal low = open;
    Decimal close = open;
    for (auto it = first; it != end; ++it) {
        high = std::max(high, it->price);
        low = std::min(low, it->price);
        close = it->price;
    }
    // A wiggle of 0 .. ~0.05 % (at least one tick) on each side, from the seed and the minute.
    const Decimal tick = spec->tickSize;
    const qint64 ticks = std::max<qint64>(1, qint64(open.divide(tick, 0).mantissa()) / 2000);
    std::uint64_t h = mix64(seed, 0x7c4dULL);
    for (QChar c : symbol)
        h = mix64(h, c.unicode());
    const auto wiggle = [&](std::uint64_t salt) {
        const qint64 n = qint64(mix64(h ^ salt, std::uint64_t(minuteOpenMs / kMinute)) %
                                std::uint64_t(ticks + 1));
        return tick * Decimal::fromInt(n);
    };
    high = high + wiggle(0x1111);
    const Decimal lowered = low - wiggle(0x2222);
    if (lowered.isPositive())
        low = lowered;
    SimKline k;
    k.openTime = minuteOpenMs;
    k.open = open.normalized();
    k.high = high.normalized();
    k.low = low.normalized();
    k.close = close.normalized();
    k.volume = Decimal::fromScaled(qint64(mix64(h, std::uint64_t(minuteOpenMs) + 7) % 500000), 2);
    return k;
}

} // namespace fb::sim
