#include "sync/simulator/ratelimiter.h"

#include <algorithm>
#include <numeric>

namespace fb::sim {

ReportedWindow reportedWindow(qint64 windowMs)
{
    windowMs = std::max<qint64>(1, windowMs);
    const qint64 ms = std::lcm(windowMs, qint64(1000));
    ReportedWindow w;
    w.ms = ms;
    if (ms % 60000 == 0) {
        w.interval = QStringLiteral("MINUTE");
        w.intervalNum = ms / 60000;
        w.header = "X-MBX-USED-WEIGHT-" + QByteArray::number(w.intervalNum) + 'M';
    } else {
        w.interval = QStringLiteral("SECOND");
        w.intervalNum = ms / 1000;
        w.header = "X-MBX-USED-WEIGHT-" + QByteArray::number(w.intervalNum) + 'S';
    }
    return w;
}

RateLimiter::IpState& RateLimiter::state(const QString& ip, qint64 now)
{
    IpState& s = m_ips[ip];
    const qint64 window = std::max<qint64>(1, m_limits.windowMs);
    const qint64 start = now - ((now % window) + window) % window;
    if (s.windowStart != start) {
        s.windowStart = start;
        s.used = 0;
        s.limited = false;
        s.requestsWhileLimited = 0;
    }
    return s;
}

RateDecision RateLimiter::admit(const QString& ip, qint64 weight, qint64 now)
{
    IpState& s = state(ip, now);
    RateDecision d;
    if (now < s.bannedUntil) {
        d.kind = RateDecision::Kind::Banned;
        d.usedWeight = s.used;
        d.bannedUntil = s.bannedUntil;
        d.retryAfterMs = s.bannedUntil - now;
        return d;
    }
    const qint64 windowEnd = s.windowStart + std::max<qint64>(1, m_limits.windowMs);
    if (s.limited) {
        s.used += weight;
        if (++s.requestsWhileLimited > m_limits.requestsBeforeBan) {
            const qint64 until = ban(ip, now);
            d.kind = RateDecision::Kind::Banned;
            d.usedWeight = s.used;
            d.bannedUntil = until;
            d.retryAfterMs = until - now;
            return d;
        }
        d.kind = RateDecision::Kind::Limited;
        d.usedWeight = s.used;
        d.retryAfterMs = windowEnd - now;
        return d;
    }
    s.used += weight;
    d.usedWeight = s.used;
    if (s.used > m_limits.weightLimit) {
        s.limited = true;
        d.kind = RateDecision::Kind::Limited;
        d.retryAfterMs = windowEnd - now;
    }
    return d;
}

qint64 RateLimiter::usedWeight(const QString& ip, qint64 now)
{
    return state(ip, now).used;
}

qint64 RateLimiter::ban(const QString& ip, qint64 now)
{
    IpState& s = state(ip, now);
    qint64 length = m_limits.firstBanMs;
    for (int i = 0; i < s.banLevel && length < m_limits.maxBanMs; ++i)
        length *= 2;
    length = std::min(length, m_limits.maxBanMs);
    s.bannedUntil = now + length;
    ++s.banLevel;
    return s.bannedUntil;
}

} // namespace fb::sim
