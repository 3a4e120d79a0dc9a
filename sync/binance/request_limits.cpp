#include "sync/binance/request_limits.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace fb::binance {

AdaptiveTimeout::AdaptiveTimeout(qint64 floorMs, qint64 ceilingMs, int factor, int window,
                                 qint64 lowestFloorMs)
    : m_floorMs(std::max<qint64>(1, std::min(floorMs, ceilingMs)))
    , m_lowestFloorMs(lowestFloorMs < 0 ? m_floorMs
                                        : std::clamp<qint64>(lowestFloorMs, 1, m_floorMs))
    , m_ceilingMs(std::max<qint64>(1, ceilingMs))
    , m_factor(std::max(1, factor))
    , m_window(std::max(1, window))
{}

void AdaptiveTimeout::push(std::deque<qint64>& samples, qint64 latencyMs) const
{
    samples.push_back(std::max<qint64>(0, latencyMs));
    while (static_cast<int>(samples.size()) > m_window)
        samples.pop_front();
}

void AdaptiveTimeout::observe(qint64 latencyMs, int lane)
{
    push(m_all, latencyMs);
    push(m_lanes[lane], latencyMs);
}

qint64 AdaptiveTimeout::currentFloorMs() const
{
    if (m_lowestFloorMs >= m_floorMs || static_cast<int>(m_all.size()) < kMinSamples)
        return m_floorMs;
    std::vector<qint64> sorted(m_all.begin(), m_all.end());
    const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    // Saturate before multiplying: a pathological sample must not overflow.
    const qint64 byMedian = *middle > m_floorMs ? m_floorMs : *middle * kFloorMedianFactor;
    return std::clamp(byMedian, m_lowestFloorMs, m_floorMs);
}

qint64 AdaptiveTimeout::boundOf(const std::deque<qint64>& samples) const
{
    std::vector<qint64> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    // The nearest-rank percentile: the smallest sample with at least 90 % of them at or below.
    const size_t rank = (n * kPercentile + 99) / 100;
    const qint64 p90 = sorted[std::max<size_t>(rank, 1) - 1];
    const qint64 slowest = sorted.back();
    // Saturate before multiplying: a pathological sample must not overflow.
    const qint64 byPercentile = p90 > m_ceilingMs ? m_ceilingMs : p90 * m_factor;
    const qint64 bySlowest = slowest > m_ceilingMs ? m_ceilingMs : slowest * 2;
    return std::clamp(std::max(byPercentile, bySlowest), currentFloorMs(), m_ceilingMs);
}

qint64 AdaptiveTimeout::currentMs(int lane, int attempt) const
{
    // Nothing known of the link yet (the first requests of a client: the clock, exchangeInfo,
    // the positions): generous, yet a hang there costs 10 s, not the 30 s ceiling (D177).
    qint64 bound =
        m_floorMs > m_ceilingMs / kColdFloorFactor ? m_ceilingMs : m_floorMs * kColdFloorFactor;
    const auto it = m_lanes.find(lane);
    if (it != m_lanes.end() && static_cast<int>(it->second.size()) >= kMinSamples)
        bound = boundOf(it->second);
    else if (static_cast<int>(m_all.size()) >= kMinSamples)
        bound = boundOf(m_all);
    for (int i = 1; i < attempt && bound < m_ceilingMs; ++i)
        bound *= 2;
    return std::min(bound, m_ceilingMs);
}

} // namespace fb::binance
