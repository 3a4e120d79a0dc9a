#pragma once
// The request-weight budget of the futures IP pool (API sheet §3, design.md §3).
//
// Binance counts weight per IP in fixed one-minute windows (assumed to reset on the minute
// boundary of the server clock) and answers 429 once the limit (2400 by default, read from
// exchangeInfo) is crossed; repeated 429s become an IP ban (418). The budget keeps a tally for
// the current minute: our own declared weights as requests go out, raised to the
// X-MBX-USED-WEIGHT-1M header whenever a response carries it (the header is the authority: it
// also counts other programs on the same IP). It never lowers the tally within a minute, since
// headers of concurrent responses arrive out of order.
//
// delayBefore() says how long to hold a request so that the minute's use stays under ~90 % of
// the limit; a normal sync therefore never sees a 429. Pure: time comes from the injected clock
// (server time), so tests step it by hand.

#include "sync/binance/clock.h"

namespace fb::binance {

class WeightBudget
{
public:
    static constexpr int kDefaultLimit = 2400;
    static constexpr int kDefaultTargetPercent = 90;
    static constexpr qint64 kWindowMs = 60'000;

    explicit WeightBudget(NowMs clock, int limitPerMinute = kDefaultLimit,
                          int targetPercent = kDefaultTargetPercent);

    // From exchangeInfo's REQUEST_WEIGHT rate limit; ignored when not positive.
    void setLimit(int limitPerMinute);
    int limit() const { return m_limit; }
    // The weight a minute may use before requests are held: limit × targetPercent / 100.
    int threshold() const;

    // Milliseconds to wait before sending a request of `weight`; 0 = send now.
    qint64 delayBefore(int weight) const;
    // A request of `weight` was sent now.
    void onSent(int weight);
    // A response carried X-MBX-USED-WEIGHT-1M = usedWeight.
    void onUsedWeight(qint64 usedWeight);
    // A 429/-1003/403: hold every request until `untilMs` (server time). Returns the effective
    // pause end (never earlier than an existing pause).
    qint64 pauseUntil(qint64 untilMs);
    // The end of the current minute window (server time): where a 429 without Retry-After waits.
    qint64 windowEnd() const;

    qint64 usedInCurrentWindow() const;
    qint64 pausedUntil() const { return m_pausedUntil; }
    bool paused() const { return m_clock() < m_pausedUntil; }

private:
    void roll() const; // forget the tally when the minute has changed

    NowMs m_clock;
    int m_limit;
    int m_targetPercent;
    mutable qint64 m_windowStart = 0;
    mutable qint64 m_used = 0;
    qint64 m_pausedUntil = 0;
};

} // namespace fb::binance
