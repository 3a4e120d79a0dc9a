#include "sync/binance/request_limits.h"

#include <algorithm>

namespace fb::binance {

AdaptiveTimeout::AdaptiveTimeout(qint64 floorMs, qint64 ceilingMs, int factor, int window)
    : m_floorMs(std::max<qint64>(1, std::min(floorMs, ceilingMs)))
    , m_ceilingMs(std::max<qint64>(1, ceilingMs))
    , m_factor(std::max(1, factor))
    , m_window(std::max(1, window))
{}

void AdaptiveTimeout::observe(qint64 latencyMs)
{
    m_recent.push_back(std::max<qint64>(0, latencyMs));
    while (static_cast<int>(m_recent.size()) > m_window)
        m_recent.pop_front();
}

qint64 AdaptiveTimeout::currentMs() const
{
    if (static_cast<int>(m_recent.size()) < kMinSamples)
        return m_ceilingMs;
    // The slowest recent answer, not the average: a page of 1000 records legitimately takes
    // longer than an empty one, and must not be cut off because most pages were small.
    const qint64 slowest = *std::max_element(m_recent.begin(), m_recent.end());
    const qint64 scaled = slowest > m_ceilingMs ? m_ceilingMs : slowest * m_factor;
    return std::clamp(scaled, m_floorMs, m_ceilingMs);
}

} // namespace fb::binance
