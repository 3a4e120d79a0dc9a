#pragma once
// The request-weight budget of the futures IP pool (API sheet §3, docs/design.md §3.9).
//
// Binance counts weight per IP in fixed windows (one minute in production, assumed to reset on
// the boundary of the server clock) and answers 429 once the limit (2400 by default) is
// crossed; repeated 429s become an IP ban (418). Limit and window come from exchangeInfo's
// REQUEST_WEIGHT entry (`interval` × `intervalNum`): real Binance says MINUTE/1, the simulator
// under --time-scale a shorter window. The budget keeps a tally for the current window: our own
// declared weights as requests go out, raised to the X-MBX-USED-WEIGHT-<n><letter> header that
// names this window whenever a response carries it (the header is the authority: it also counts
// other programs on the same IP). It never lowers the tally within a window, since headers of
// concurrent responses arrive out of order.
//
// delayBefore() says how long to hold a request so that the window's use stays under ~90 % of
// the limit; a normal sync therefore never sees a 429. Pure: time comes from the injected clock
// (server time), so tests step it by hand.

#include "sync/binance/clock.h"

#include <QByteArray>

#include <optional>

namespace fb::binance {

// The window a used-weight header counts, from its name: "x-mbx-used-weight-1m" -> 60000,
// "X-MBX-USED-WEIGHT-10S" -> 10000 (API sheet §3.2: x-mbx-used-weight-(\d+)([smhd]), any
// case). nullopt when the name is not such a header.
std::optional<qint64> usedWeightHeaderWindowMs(const QByteArray& name);

class WeightBudget
{
public:
    static constexpr int kDefaultLimit = 2400;
    static constexpr int kDefaultTargetPercent = 90;
    static constexpr qint64 kDefaultWindowMs = 60'000; // until exchangeInfo says otherwise

    explicit WeightBudget(NowMs clock, int limitPerWindow = kDefaultLimit,
                          int targetPercent = kDefaultTargetPercent);

    // From exchangeInfo's REQUEST_WEIGHT rate limit; ignored when not positive.
    void setLimit(int limitPerWindow);
    int limit() const { return m_limit; }
    // The window the limit applies to (interval × intervalNum); ignored when not positive. The
    // tally so far is kept for the new window: it over-counts at worst, never under-counts.
    void setWindow(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }
    // The weight a window may use before requests are held: limit × targetPercent / 100.
    int threshold() const;

    // Milliseconds to wait before sending a request of `weight`; 0 = send now.
    qint64 delayBefore(int weight) const;
    // A request of `weight` was sent now.
    void onSent(int weight);
    // A response carried the used-weight header of this budget's window = usedWeight. With
    // `sentAtMs` (server time the request went out): a request sent before the current window
    // began was counted by the exchange in an earlier window, so its header says nothing about
    // this one and is ignored (taken as this window's, it held a whole minute's requests:
    // docs/design.md D96).
    void onUsedWeight(qint64 usedWeight, std::optional<qint64> sentAtMs = std::nullopt);
    // A 429/-1003/403: hold every request until `untilMs` (server time). Returns the effective
    // pause end (never earlier than an existing pause).
    qint64 pauseUntil(qint64 untilMs);
    // The end of the current window (server time): where a 429 without Retry-After waits.
    qint64 windowEnd() const;

    qint64 usedInCurrentWindow() const;
    qint64 pausedUntil() const { return m_pausedUntil; }
    bool paused() const { return m_clock() < m_pausedUntil; }

private:
    void roll() const; // forget the tally when the window has changed

    NowMs m_clock;
    int m_limit;
    qint64 m_windowMs = kDefaultWindowMs;
    int m_targetPercent;
    mutable qint64 m_windowStart = 0;
    mutable qint64 m_used = 0;
    qint64 m_pausedUntil = 0;
};

} // namespace fb::binance
