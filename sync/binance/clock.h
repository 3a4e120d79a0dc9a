#pragma once
// Time for the client: an injectable "now" and the server clock offset.
//
// Everything that depends on time (signing, the weight budget's minute window, backoff, ban
// expiry) reads it through a NowMs function, so tests drive time by hand and never sleep.

#include <QtGlobal>

#include <functional>

namespace fb::binance {

// Milliseconds since the Unix epoch, UTC.
using NowMs = std::function<qint64()>;

// The machine's wall clock.
NowMs systemClock();

// The offset to add to the local clock to get the exchange's clock, measured from one
// GET /fapi/v1/time round trip: the server read its clock somewhere between our send and our
// receive, and the midpoint is the best estimate without more information (NTP's assumption of a
// symmetric path). API sheet §2.4.
qint64 clockOffsetMs(qint64 sentAtMs, qint64 receivedAtMs, qint64 serverTimeMs);

// Local clock plus a measured offset: the exchange's time as well as we know it.
class ServerClock
{
public:
    explicit ServerClock(NowMs local = systemClock());

    qint64 localNow() const { return m_local(); }
    qint64 now() const { return m_local() + m_offsetMs; }
    qint64 offsetMs() const { return m_offsetMs; }
    void setOffsetMs(qint64 offset) { m_offsetMs = offset; }
    // A NowMs that reads this clock's server time (the object must outlive it).
    NowMs serverNow() const
    {
        return [this] { return now(); };
    }

private:
    NowMs m_local;
    qint64 m_offsetMs = 0;
};

} // namespace fb::binance
