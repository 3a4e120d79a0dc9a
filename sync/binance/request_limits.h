#pragma once
// How long one attempt of a request may take, and how large its answer may be (issue 10, defects
// 7 and 10). Pure: the latencies are passed in, so tests know every bound exactly.
//
// Time: a request is bounded by its *total* time, not only by silence (a server that trickles a
// byte every few seconds would otherwise never time out). The bound follows the exchange's
// observed speed: `factor` × the slowest of the last `window` successful attempts, never below
// `floorMs` and never above `ceilingMs` (the configured requestTimeoutMs, 30 s by default). Until
// `minSamples` answers are seen, the ceiling applies. So on a link where pages take 200 ms a
// hung request is given up after the 5 s floor instead of 30 s, while a slow link (pages of
// 3 s) still gets 24 s.
//
// Size: an answer is read only up to `kDefaultMaxResponseBytes` (16 MiB). The largest
// legitimate answer is far below: a page of 1000 fills or orders is under 1 MiB, and
// production's exchangeInfo (every symbol and its filters) about 1.5 MB. Beyond the limit the
// reading stops and the attempt fails, so an endless body cannot grow memory without bound.

#include <QtGlobal>

#include <deque>

namespace fb::binance {

inline constexpr qint64 kDefaultMaxResponseBytes = 16 * 1024 * 1024;

class AdaptiveTimeout
{
public:
    static constexpr int kDefaultFactor = 8;
    static constexpr int kDefaultWindow = 32;
    static constexpr int kMinSamples = 3;

    AdaptiveTimeout(qint64 floorMs, qint64 ceilingMs, int factor = kDefaultFactor,
                    int window = kDefaultWindow);

    // A successful attempt took `latencyMs` from sending to its last byte.
    void observe(qint64 latencyMs);
    // The total time the next attempt may take.
    qint64 currentMs() const;

    qint64 floorMs() const { return m_floorMs; }
    qint64 ceilingMs() const { return m_ceilingMs; }

private:
    qint64 m_floorMs;
    qint64 m_ceilingMs;
    int m_factor;
    int m_window;
    std::deque<qint64> m_recent;
};

} // namespace fb::binance
