#include "sync/engine/candle_fetch.h"

#include "sync/binance/responses.h"
#include "sync/engine/lock_identity.h"
#include "sync/engine/resume_guard.h"
#include "sync/journal/candle_extremes.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/trade_queries.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace fb::sync {

namespace {
Q_LOGGING_CATEGORY(lcCandles, "fillbook.sync.candles")

constexpr int kInvalidSymbol = -1121; // API sheet §4.2
constexpr qint64 kWindowMarginMs = 1000;
} // namespace

bool syncIsRunning(journal::Database& db, qint64 nowMs)
{
    const std::optional<journal::LockHolder> holder = journal::SyncLock(db).current();
    return holder && holder->isAlive(nowMs, journal::kStaleLockMs, thisHost(), &pidIsAlive);
}

CandleFetcher::CandleFetcher(binance::BinanceClient& client, journal::Database& db, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_db(db)
{}

CandleFetcher::~CandleFetcher()
{
    *m_alive = false;
}

void CandleFetcher::start(const CandleFetchOptions& options, Done done)
{
    m_options = options;
    m_options.sharePercent = std::clamp(m_options.sharePercent, 1, 90);
    m_done = std::move(done);
    m_summary = {};
    m_queue.clear();
    const QString endpoint = m_options.endpoint.isEmpty() ? endpointLabel(m_client.config().baseUrl)
                                                          : normalizedEndpoint(m_options.endpoint);
    m_endpoint = endpoint;
    journal::CandleStore store(m_db, endpoint);
    // The cap counts every closed trade of the journal (no endpoint is "": none is left out as
    // unavailable), so that every endpoint's fetch and the desktop's count agree on it.
    const QVector<journal::CandleWindow> all =
        journal::CandleStore(m_db, QString()).closedTradeWindows();
    const std::optional<qint64> keptFrom =
        journal::CandleStore::keepFrom(all, m_options.maxCachedMinutes);
    try {
        // The readers (MAE/MFE, the chart) take these accounts' candles from this endpoint.
        journal::setCandleEndpoint(
            m_db, m_options.accounts.isEmpty() ? journal::tradeAccounts(m_db) : m_options.accounts,
            endpoint);
        m_summary.candlesEvicted = store.evict(all, keptFrom);
    } catch (const journal::JournalError& e) {
        // Busy or full: written by the next fetch; planning below stays within the cap.
        qCWarning(lcCandles).noquote() << "could not note the endpoint or evict:" << e.message();
    }
    m_all = all;
    m_keptFrom = keptFrom;
    // The kept windows whole; of older ones only the minutes MAE/MFE need, until their extremes
    // are kept (D112): fetched, then kept as extremes by the evict when the fetch ends.
    const QVector<journal::CandleWindow> windows = journal::windowsToFetch(
        m_db, endpoint, store.closedTradeWindows(m_options.accounts), keptFrom);
    const auto missing = store.missingMinutes(windows, m_client.serverNow());
    QStringList symbols = missing.keys();
    symbols.sort();
    for (const QString& symbol : std::as_const(symbols)) {
        const QVector<qint64> minutes = missing.value(symbol);
        const auto wanted = std::make_shared<QSet<qint64>>(minutes.cbegin(), minutes.cend());
        for (const binance::KlineSpan& span : binance::planKlineRequests(minutes))
            m_queue.append({symbol, span, wanted});
    }
    m_summary.plannedRequests = int(m_queue.size());
    // Never synchronous: the caller's stack unwinds before the first request or `done`.
    QTimer::singleShot(0, this, [this, alive = m_alive] {
        if (*alive)
            sendNext();
    });
}

qint64 CandleFetcher::weightWaitMs(int weight)
{
    // The share is counted in the budget's windows of server time, like the exchange does.
    const qint64 window = std::max<qint64>(1, m_client.budget().windowMs());
    const qint64 now = m_client.serverNow();
    const qint64 start = now - (((now % window) + window) % window);
    if (start != m_windowStart) {
        m_windowStart = start;
        m_windowWeight = 0;
    }
    const qint64 share =
        std::max<qint64>(1, qint64(m_client.budget().limit()) * m_options.sharePercent / 100);
    if (m_windowWeight == 0 || m_windowWeight + weight <= share)
        return 0;
    // A second past the boundary: the measured clock offset is only known to within the
    // round trip, and a request sent right at our boundary could still land in the exchange's
    // old window (seen: 751 of a 750 share).
    return start + window - now + kWindowMarginMs;
}

void CandleFetcher::sendNext()
{
    if (m_queue.isEmpty())
        return finish(CandleFetchEnd::Done);
    if (m_options.shouldYield && m_options.shouldYield())
        return finish(CandleFetchEnd::Yielded);
    if (m_options.maxRequests > 0 && m_summary.requests >= m_options.maxRequests)
        return finish(CandleFetchEnd::Stopped);
    const Job job = m_queue.constFirst();
    const binance::Request request =
        binance::klinesRequest(job.symbol, job.span.firstMinute, job.span.lastMinute);
    if (const qint64 wait = weightWaitMs(request.weight()); wait > 0) {
        QTimer::singleShot(std::chrono::milliseconds(wait), this, [this, alive = m_alive] {
            if (*alive)
                sendNext();
        });
        return;
    }
    m_queue.removeFirst();
    m_windowWeight += request.weight();
    m_client.fetchKlines(request, [this, alive = m_alive, job,
                                   weight = request.weight()](const auto& result) {
        if (!*alive)
            return;
        ++m_summary.requests;
        // Every attempt weighs, a lost answer's too (the exchange served it).
        m_summary.weight += qint64(weight) * std::max(1, result.attempts);
        const qint64 now = m_client.serverNow();
        try {
            journal::CandleStore store(m_db, m_endpoint);
            if (!result.ok()) {
                if (result.error.apiCode != kInvalidSymbol)
                    return finish(CandleFetchEnd::Failed, result.error.message);
                // Delisted (or never listed here): no chart for its trades, not asked again.
                // The exchange's own words ("Invalid symbol."), not the sync's sentence.
                const auto body = binance::parseErrorBody(result.error.bodyExcerpt.toUtf8());
                store.setUnavailable(
                    job.symbol, body && !body->msg.isEmpty() ? body->msg : result.error.message,
                    now);
                m_summary.unavailable << job.symbol;
                m_queue.removeIf([&](const Job& j) { return j.symbol == job.symbol; });
                if (m_options.onAnswer)
                    m_options.onAnswer(job.symbol, job.span.firstMinute, job.span.lastMinute, true);
                return sendNext();
            }
            QVector<Candle> candles;
            for (const binance::Kline& k : result.value->klines) {
                if (k.closeTime < now) // an open candle still changes: never cached
                    candles.append({k.openTime, k.open, k.high, k.low, k.close});
            }
            for (const QString& u : result.value->unreadable)
                qCWarning(lcCandles).noquote() << job.symbol << "an unreadable candle:" << u;
            // The runs of wanted minutes inside the span: what this answer settles.
            QVector<QPair<qint64, qint64>> runs;
            for (qint64 m = job.span.firstMinute; m <= job.span.lastMinute;
                 m += binance::kMinuteMs) {
                if (!job.wanted->contains(m))
                    continue;
                if (!runs.isEmpty() && runs.last().second + binance::kMinuteMs == m)
                    runs.last().second = m;
                else
                    runs.append({m, m});
            }
            m_summary.candlesStored += store.storeSpans(job.symbol, runs, candles, now);
            if (m_options.onAnswer)
                m_options.onAnswer(job.symbol, job.span.firstMinute, job.span.lastMinute, false);
        } catch (const std::exception& e) {
            // A journal error (busy, disk full): what was stored stays; the next run resumes.
            return finish(CandleFetchEnd::Failed, QString::fromUtf8(e.what()));
        }
        sendNext();
    });
}

void CandleFetcher::finish(CandleFetchEnd end, const QString& error)
{
    m_summary.end = end;
    m_summary.error = error;
    m_queue.clear();
    if (m_keptFrom && m_summary.requests > 0) {
        // The older trades' candles fetched for their MAE/MFE: their extremes kept, the candles
        // dropped, so the cache stays within the cap (D166).
        try {
            m_summary.candlesEvicted +=
                journal::CandleStore(m_db, m_endpoint).evict(m_all, m_keptFrom);
        } catch (const journal::JournalError& e) {
            qCWarning(lcCandles).noquote() << "could not evict:" << e.message();
        }
    }
    qCInfo(lcCandles) << "candle fetch ended" << int(end) << "requests" << m_summary.requests
                      << "candles" << m_summary.candlesStored;
    Done done = std::exchange(m_done, {});
    if (done)
        done(m_summary);
}

} // namespace fb::sync
