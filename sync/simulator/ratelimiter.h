#pragma once
// Request-weight limiting per IP, as Binance does it (API sheet §3): a fixed window (one minute,
// divided by the time scale) resetting on its boundary; over the limit -> 429 until the window
// ends; more than `requestsBeforeBan` requests while limited -> 418, a ban that doubles on each
// repeat offence from 2 minutes (scaled) up to 3 days (scaled).

#include <QByteArray>
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

// How exchangeInfo's rateLimits name a weight window (`interval` × `intervalNum`) and the
// X-MBX-USED-WEIGHT-<intervalNum><letter> header that counts it (API sheet §3.2).
struct ReportedWindow
{
    QString interval = QStringLiteral("MINUTE"); // SECOND or MINUTE, Binance's enum values
    qint64 intervalNum = 1;
    qint64 ms = 60000;                                             // interval × intervalNum
    QByteArray header = QByteArrayLiteral("X-MBX-USED-WEIGHT-1M"); // names the reported window
};

// The window a client is told about for a real window of `windowMs`: the smallest whole number
// of seconds that is a whole multiple of it (in minutes when that is whole). A client that keeps
// under the limit per reported window then keeps under it in every real window, because the
// windows are aligned on the epoch and each reported window holds whole real ones: 60000 ms ->
// MINUTE/1, 1000 -> SECOND/1 (time scale 60), 500 -> SECOND/1 (120), 30000 -> SECOND/30 (2).
// A window that divides no small number of seconds (time scale 7: 8571 ms) is reported as a
// long one (8571 s): still safe, but a client then uses the limit sparingly.
ReportedWindow reportedWindow(qint64 windowMs);

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
