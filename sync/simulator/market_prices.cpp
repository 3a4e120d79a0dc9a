#include "sync/simulator/market_prices.h"

#include "sync/simulator/random.h"
#include "sync/simulator/symbols.h"

#include <QHash>

#include <algorithm>

namespace fb::sim {

namespace {

constexpr qint64 kMinute = 60'000;

struct PairSpec
{
    qint64 referenceTicks = 0; // reference price in ticks
    Decimal tick;
};

std::optional<PairSpec> pairSpec(const QString& pair)
{
    static const QHash<QString, PairSpec> byBase = [] {
        QHash<QString, PairSpec> out;
        for (const SymbolSpec& s : symbolCatalog(60)) {
            if (out.contains(s.baseAsset))
                continue;
            // Two more decimals than the contract's tick: candles of a spot-like index.
            const Decimal tick = Decimal::fromScaled(s.tickSize.mantissa(), s.tickSize.scale() + 2);
            out.insert(s.baseAsset, {s.referencePrice.divide(tick, 0).mantissa() > 0
                                         ? qint64(s.referencePrice.divide(tick, 0).mantissa())
                                         : 1,
                                     tick});
        }
        return out;
    }();
    for (const char* quote : {"USDT", "USDC"}) {
        const QLatin1String q(quote);
        if (pair.endsWith(q) && pair.size() > q.size()) {
            const auto it = byBase.constFind(pair.left(pair.size() - q.size()));
            if (it != byBase.cend())
                return it.value();
        }
    }
    return std::nullopt;
}

// A triangle wave of period `period` minutes between -amplitude and +amplitude.
qint64 triangle(qint64 minute, qint64 period, qint64 amplitude, qint64 phase)
{
    if (amplitude <= 0)
        return 0;
    qint64 p = (minute + phase) % period;
    if (p < 0)
        p += period;
    const qint64 x = p * 4 * amplitude / period; // 0 .. 4A
    return x < 2 * amplitude ? x - amplitude : 3 * amplitude - x;
}

std::uint64_t pairHash(quint64 seed, const QString& pair)
{
    std::uint64_t h = mix64(seed, 0x6b1eULL);
    for (QChar c : pair)
        h = mix64(h, c.unicode());
    return h;
}

qint64 closeTicks(std::uint64_t h, const PairSpec& spec, qint64 minute)
{
    const qint64 ref = spec.referenceTicks;
    const qint64 slow = triangle(minute, 14'400, ref / 20, qint64(h % 14'400));
    const qint64 fast = triangle(minute, 397, ref / 200, qint64((h >> 16) % 397));
    const qint64 wiggleRange = std::max<qint64>(1, ref / 2000);
    const qint64 wiggle =
        qint64(mix64(h, std::uint64_t(minute)) % std::uint64_t(2 * wiggleRange + 1)) - wiggleRange;
    return std::max<qint64>(1, ref + slow + fast + wiggle);
}

Decimal ticksToPrice(qint64 ticks, const Decimal& tick)
{
    return Decimal::fromScaled(ticks * tick.mantissa(), tick.scale());
}

} // namespace

QStringList defaultKlinePairs()
{
    return {QStringLiteral("BNBUSDT"), QStringLiteral("BNBUSDC")};
}

std::optional<SimKline> simKline(quint64 seed, const QString& pair, qint64 minuteOpenMs)
{
    const auto spec = pairSpec(pair);
    if (!spec)
        return std::nullopt;
    const std::uint64_t h = pairHash(seed, pair);
    const qint64 minute = minuteOpenMs / kMinute;
    const qint64 close = closeTicks(h, *spec, minute);
    const qint64 open = closeTicks(h, *spec, minute - 1);
    const qint64 spread = std::max<qint64>(1, spec->referenceTicks / 4000);
    const qint64 highExtra =
        qint64(mix64(h ^ 0x1111, std::uint64_t(minute)) % std::uint64_t(spread));
    const qint64 lowExtra =
        qint64(mix64(h ^ 0x2222, std::uint64_t(minute)) % std::uint64_t(spread));
    SimKline k;
    k.openTime = minuteOpenMs;
    k.open = ticksToPrice(open, spec->tick);
    k.close = ticksToPrice(close, spec->tick);
    k.high = ticksToPrice(std::max(open, close) + highExtra, spec->tick);
    k.low = ticksToPrice(std::max<qint64>(1, std::min(open, close) - lowExtra), spec->tick);
    k.volume = Decimal::fromScaled(qint64(mix64(h, std::uint64_t(minute) + 7) % 500000), 2);
    return k;
}

} // namespace fb::sim
