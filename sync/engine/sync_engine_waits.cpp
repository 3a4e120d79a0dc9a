// The waits of a run as WaitNotice events (docs/design.md §3.11): a rate-limit pause, the weight
// budget holding requests until the next window, a retry's backoff, and a request whose answer
// is slow to come. The front ends show each with what it waits for and, where its end is known,
// a countdown; a silent bar is what made a 40 s budget hold look like a freeze.
#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"

#include <algorithm>

namespace fb::sync {

namespace {
// A request unanswered for longer than this is reported: shorter waits are ordinary.
constexpr qint64 kSlowAnswerMs = 2000;
} // namespace

void SyncEngine::connectWaits()
{
    binance::BinanceClient* client = m_client.get();
    connect(client, &binance::BinanceClient::rateLimited, this, [this](qint64 untilServerMs) {
        WaitNotice notice;
        notice.kind = WaitNotice::Kind::RateLimit;
        notice.sinceMs = now();
        // The pause's end is exchange time: back to this computer's clock, the engine's.
        notice.untilMs = untilServerMs - m_client->clockOffsetMs();
        reportWait(notice);
    });
    connect(client, &binance::BinanceClient::heldByBudget, this, [this](qint64 delayMs) {
        WaitNotice notice;
        notice.kind = WaitNotice::Kind::WeightBudget;
        notice.sinceMs = now();
        notice.untilMs = notice.sinceMs + delayMs;
        reportWait(notice);
    });
    connect(client, &binance::BinanceClient::retrying, this,
            [this](const QString& what, int attempt, qint64 delayMs, const QString& reason) {
                if (m_wait.kind == WaitNotice::Kind::RateLimit && m_wait.untilMs > now())
                    return; // the rate-limit pause already says why, and until when
                WaitNotice notice;
                notice.kind = WaitNotice::Kind::Retry;
                notice.sinceMs = now();
                notice.untilMs = notice.sinceMs + std::max<qint64>(0, delayMs);
                notice.what = what;
                notice.reason = reason;
                notice.attempt = attempt;
                reportWait(notice);
            });
    m_slowAnswerTimer.start();
}

void SyncEngine::checkSlowAnswer()
{
    if (!m_client)
        return;
    const qint64 t = now();
    // A countdown that is still running says enough.
    if (m_wait.untilMs > t)
        return;
    const auto oldest = m_client->oldestInFlight();
    if (oldest && t - oldest->sentAtLocalMs >= kSlowAnswerMs) {
        WaitNotice notice;
        notice.kind = WaitNotice::Kind::SlowAnswer;
        notice.sinceMs = oldest->sentAtLocalMs;
        notice.what = oldest->name;
        if (notice != m_wait)
            reportWait(notice);
        return;
    }
    if (m_wait.kind != WaitNotice::Kind::None)
        reportWait(WaitNotice{});
}

void SyncEngine::reportWait(const WaitNotice& notice)
{
    m_wait = notice;
    emit waiting(notice);
}

} // namespace fb::sync
