#pragma once
// Request-weight limiting per IP, as Binance does it (API sheet §3): a fixed window (one minute,
// divided by the time scale) resetting on its boundary; over the limit -> 429 until the window
// ends; more than `requestsBeforeBan` requests while limited -> 418, a ban that doubles on each
// repeat offence from 2 minutes (scaled) up to 3 days (scaled).

#include <QHash>
#include <QString>

namespace fb::sim {

struct RateLimits
{
    qint64 weightLimit = 2400;
    qint64 windowMs = 60000;
    qint64 firstBanMs = 120000;
    qint64 maxBanMs = 3LL * 86400000;
    int requestsBeforeBan = 10;
};

struct RateDecision
{
    enum class Kind { Allowed, Limited, Banned };
    Kind kind = Kind::Allowed;
    qint64 usedWeight = 0;   // for X-MBX-USED-WEIGHT-1M
    qint64 retryAfterMs = 0; // to the window's end (429) or the ban's end (418)
    qint64 bannedUntil = 0;  // ms, for the 418 message
};

class RateLimiter
{
public:
    void setLimits(const RateLimits& limits) { m_limits = limits; }
    const RateLimits& limits() const { return m_limits; }

    // Charges `weight` to the IP (unless banned) and decides.
    RateDecision admit(const QString& ip, qint64 weight, qint64 now);
    // Weight used in the current window, without charging anything.
    qint64 usedWeight(const QString& ip, qint64 now);
    // Bans the IP now (escalating), as if it had kept sending while limited.
    qint64 ban(const QString& ip, qint64 now);
    void reset() { m_ips.clear(); }

private:
    struct IpState
    {
        qint64 windowStart = -1;
        qint64 used = 0;
        bool limited = false;
        int requestsWhileLimited = 0;
        qint64 bannedUntil = 0;
        int banLevel = 0;
    };
    IpState& state(const QString& ip, qint64 now);

    RateLimits m_limits;
    QHash<QString, IpState> m_ips;
};

} // namespace fb::sim
