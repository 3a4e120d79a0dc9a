#pragma once
// How long one attempt of a request may take, and how large its answer may be (issue 10, defects
// 7 and 10). Pure: the latencies are passed in, so tests know every bound exactly.
//
// Time: a request is bounded by its *total* time, not only by silence (a server that trickles a
// byte every few seconds would otherwise never time out). The bound follows the exchange's
// observed speed *per lane* (the client uses one lane per endpoint: a page of 1000 fills is
// slower than a candle request, and must neither stretch nor be cut by the other's bound):
//
//   bound = clamp(max(factor × p90, 2 × slowest), floor, ceiling) × 2^(attempt - 1), <= ceiling
//   floor = clamp(20 × the median answer of every lane, lowest floor, floor)
//
// over the lane's last `window` successful attempts (the lane has fewer than `minSamples`: every
// lane's together; fewer still: 5 × the floor, 10 s by default, not above the ceiling — D177).
// p90 × 4 leaves room for the slow tail, 2 × the slowest never cuts off an answer as slow as
// one already seen, the floor (2 s by default) stays above any normal answer of the real
// exchange (100-300 ms, pages of 1000 up to about 1.5 s), the ceiling is the configured
// requestTimeoutMs (30 s). A retry after a timeout gets twice the bound, so an exchange that
// became slower than the bound is not timed out for ever (only successes are observed).
// docs/design.md D95 has the figures.
//
// On a link much faster than the real exchange's usual one (the simulator on loopback, a
// server next to the exchange) the floor falls with the link's median answer time, down to the
// lowest floor (250 ms by default): a median of 100 ms or more keeps the whole floor, so the
// exchange as most traders reach it is bounded as before, while a hang on a link that answers
// in 5 ms no longer costs 2 s (D176).
//
// Size: an answer is read only up to `kDefaultMaxResponseBytes` (16 MiB). The largest
// legitimate answer is far below: a page of 1000 fills or orders is under 1 MiB, and
// production's exchangeInfo (every symbol and its filters) about 1.5 MB. Beyond the limit the
// reading stops and the attempt fails, so an endless body cannot grow memory without bound.

#include <QtGlobal>

#include <deque>
#include <map>

namespace fb::binance {

inline constexpr qint64 kDefaultMaxResponseBytes = 16 * 1024 * 1024;

class AdaptiveTimeout
{
public:
    static constexpr int kDefaultFactor = 4; // × the 90th percentile
    static constexpr int kDefaultWindow = 32;
    static constexpr int kMinSamples = 3;
    static constexpr int kPercentile = 90;
    static constexpr int kFloorMedianFactor = 20; // the floor: × the median answer, on a fast link
    static constexpr int kColdFloorFactor = 5;    // before any kMinSamples answers: × the floor

    // `lowestFloorMs` (at most `floorMs`; by default `floorMs`, a fixed floor) is where the floor
    // stops falling on a fast link.
    AdaptiveTimeout(qint64 floorMs, qint64 ceilingMs, int factor = kDefaultFactor,
                    int window = kDefaultWindow, qint64 lowestFloorMs = -1);

    // A successful attempt in `lane` took `latencyMs` from sending to its last byte.
    void observe(qint64 latencyMs, int lane = 0);
    // The total time attempt number `attempt` (1 = the first) of a request in `lane` may take.
    qint64 currentMs(int lane = 0, int attempt = 1) const;

    qint64 floorMs() const { return m_floorMs; }
    qint64 lowestFloorMs() const { return m_lowestFloorMs; }
    qint64 ceilingMs() const { return m_ceilingMs; }
    // The floor the link's speed gives now: floorMs() until kMinSamples answers were observed.
    qint64 currentFloorMs() const;

private:
    qint64 boundOf(const std::deque<qint64>& samples) const;
    void push(std::deque<qint64>& samples, qint64 latencyMs) const;

    qint64 m_floorMs;
    qint64 m_lowestFloorMs;
    qint64 m_ceilingMs;
    int m_factor;
    int m_window;
    std::deque<qint64> m_all;
    std::map<int, std::deque<qint64>> m_lanes;
};

} // namespace fb::binance
