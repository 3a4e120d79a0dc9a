#include "sync/binance/clock.h"

#include <QDateTime>

namespace fb::binance {

NowMs systemClock()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

qint64 clockOffsetMs(qint64 sentAtMs, qint64 receivedAtMs, qint64 serverTimeMs)
{
    // Written as send + half the round trip so the sum cannot overflow for any real time.
    const qint64 midpoint = sentAtMs + (receivedAtMs - sentAtMs) / 2;
    return serverTimeMs - midpoint;
}

ServerClock::ServerClock(NowMs local)
    : m_local(local ? std::move(local) : systemClock())
{}

} // namespace fb::binance
