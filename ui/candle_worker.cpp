#include "ui/candle_worker.h"

#include "sync/binance/binance_client.h"
#include "sync/engine/resume_guard.h"
#include "sync/journal/candle_extremes.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/trade_queries.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace fb::ui {

namespace {
Q_LOGGING_CATEGORY(lcCandleWorker, "fillbook.ui.candles")

// The sources with their accounts resolved: `others` takes the journal's accounts that no
// source names; a source left without accounts is dropped.
QVector<CandleSource> resolveSources(QVector<CandleSource> sources, journal::Database& db)
{
    QSet<QString> named;
    for (const CandleSource& source : std::as_const(sources))
        for (const QString& account : source.accounts)
            named.insert(account);
    QVector<CandleSource> resolved;
    for (CandleSource& source : sources) {
        if (source.others) {
            for (const QString& account : journal::tradeAccounts(db))
                if (!named.contains(account)) {
                    source.accounts << account;
                    named.insert(account);
                }
            source.others = false;
        }
        source.endpoint = source.endpoint.isEmpty() ? sync::endpointLabel(source.client.baseUrl)
                                                    : sync::normalizedEndpoint(source.endpoint);
        if (!source.accounts.isEmpty())
            resolved << source;
    }
    return resolved;
}
} // namespace

// The trades whose chart window still misses minutes, per source and symbol: the last missing
// minute of each, sorted. An answer settling a symbol's minutes up to M completes every trade of
// that source whose last missing minute is at most M (the fetch asks each symbol's minutes
// oldest first). Sources are apart: another endpoint's answer settles only its own trades.
struct CandleWorker::PendingTrades
{
    QVector<QHash<QString, QVector<qint64>>> lastMissing; // per source
    int done = 0;
    int total = 0;

    void answered(int source, const QString& symbol, qint64 lastMinute, bool unavailable)
    {
        auto it = lastMissing[source].find(symbol);
        if (it == lastMissing[source].end())
            return;
        QVector<qint64>& minutes = it.value();
        const auto end = unavailable ? minutes.end()
                                     : std::upper_bound(minutes.begin(), minutes.end(), lastMinute);
        done += int(end - minutes.begin());
        minutes.erase(minutes.begin(), end);
    }
};

CandleWorker::CandleWorker(const QString& journalPath, QObject* parent)
    : QObject(parent)
    , m_path(journalPath)
{
    qRegisterMetaType<CandleProgress>();
    m_thread.setObjectName(QStringLiteral("fillbook-candles"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
}

CandleWorker::~CandleWorker()
{
    *m_syncRunning = true; // nothing more goes out
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_fetcher.reset();
            m_binance.reset();
            m_db.reset();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool CandleWorker::isPending() const
{
    return m_running || m_wantedAfterSync || m_progress.state == CandleProgress::State::Yielded;
}

void CandleWorker::start(const binance::ClientConfig& client, int sharePercent)
{
    start(QVector<CandleSource>{CandleSource{client, {}, true, QString()}}, sharePercent);
}

void CandleWorker::start(const QVector<CandleSource>& sources, int sharePercent, qint64 keepMinutes)
{
    m_sources = sources;
    // Candles are public: the fetch never sends a key.
    for (CandleSource& source : m_sources) {
        source.client.apiKey.clear();
        source.client.apiSecret.clear();
    }
    m_share = sharePercent;
    m_keepMinutes = keepMinutes;
    if (m_running || *m_syncRunning) {
        // After the running fetch (it planned before the newest trades) or after the sync.
        m_wantedAfterSync = true;
        return;
    }
    m_wantedAfterSync = false;
    m_running = true;
    // Said when the worker has counted the trades (its first progress).
    m_progress.state = CandleProgress::State::Fetching;
    m_progress.error.clear();
    QMetaObject::invokeMethod(m_context,
                              [this, sources = m_sources, share = m_share, keep = m_keepMinutes] {
                                  startOnThread(sources, share, keep);
                              });
}

void CandleWorker::syncStarted()
{
    *m_syncRunning = true;
}

void CandleWorker::syncEnded()
{
    *m_syncRunning = false;
}

void CandleWorker::publish(const CandleProgress& progress)
{
    QMetaObject::invokeMethod(
        this,
        [this, progress] {
            m_progress = progress;
            if (progress.state != CandleProgress::State::Fetching) {
                m_running = false;
                if (progress.state == CandleProgress::State::Yielded)
                    m_wantedAfterSync = true;
            }
            emit progressChanged(m_progress);
            // Trades closed while it ran: once more. A fetch that yielded waits for the end
            // of the sync (the window's start()); one that failed for the next sync's end.
            if (!m_running && m_wantedAfterSync && !*m_syncRunning &&
                progress.state == CandleProgress::State::Done)
                start(m_sources, m_share, m_keepMinutes);
        },
        Qt::QueuedConnection);
}

void CandleWorker::startOnThread(QVector<CandleSource> sources, int sharePercent,
                                 qint64 keepMinutes)
{
    m_runningKeepMinutes = keepMinutes;
    CandleProgress progress;
    progress.state = CandleProgress::State::Fetching;
    auto pending = std::make_shared<PendingTrades>();
    try {
        if (!m_db)
            m_db = std::make_unique<journal::Database>(
                m_path, journal::OpenOptions{journal::OpenMode::ReadWrite,
                                             QStringLiteral("ui-candles"), false});
        m_fetcher.reset();
        m_binance.reset();
        m_runningSources = resolveSources(std::move(sources), *m_db);
        // Which trades are complete, and the last missing minute of the others (this
        // computer's clock: each fetch plans again with its exchange's).
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        pending->lastMissing.resize(m_runningSources.size());
        // The cap (docs/design.md D166): older trades get no chart; the fetch evicts
        // their candles once their extremes are kept. Counted over every closed trade, as the fetch
        // does (no endpoint is "").
        const std::optional<qint64> keptFrom = journal::CandleStore::keepFrom(
            journal::CandleStore(*m_db, QString()).closedTradeWindows(), m_runningKeepMinutes);
        m_runningKeptFrom = keptFrom;
        for (int i = 0; i < m_runningSources.size(); ++i) {
            journal::CandleStore store(*m_db, m_runningSources.at(i).endpoint);
            // Older trades count while the minutes of their MAE/MFE are still to fetch (D112).
            const QVector<journal::CandleWindow> windows = journal::windowsToFetch(
                *m_db, store.endpoint(), store.closedTradeWindows(m_runningSources.at(i).accounts),
                keptFrom);
            pending->total += int(windows.size());
            const QVector<std::optional<qint64>> lastMissing =
                store.lastMissingMinutes(windows, now);
            for (qsizetype w = 0; w < windows.size(); ++w) {
                if (const std::optional<qint64> minute = lastMissing.at(w))
                    pending->lastMissing[i][windows.at(w).symbol].append(*minute);
                else
                    ++pending->done;
            }
            for (QVector<qint64>& minutes : pending->lastMissing[i])
                std::sort(minutes.begin(), minutes.end());
        }
    } catch (const journal::JournalError& e) {
        progress.state = CandleProgress::State::Failed;
        progress.error = e.message();
        return publish(progress);
    }
    progress.tradesDone = pending->done;
    progress.tradesTotal = pending->total;
    runSource(0, progress, pending, sharePercent);
}

void CandleWorker::evictIfTheBoundMoved()
{
    // A bound lowered in Settings (D172) leaves no candle missing, so no fetch starts, and a
    // fetch is what evicts: without this the oldest trades kept their charts (seen under Xvfb)
    // until a new trade needed candles. After a fetch the line recorded is already this one.
    try {
        // The line this start planned with (its trades read once, in startOnThread).
        journal::CandleStore everyEndpoint(*m_db, QString());
        if (everyEndpoint.keptFrom() != m_runningKeptFrom)
            everyEndpoint.evict(everyEndpoint.closedTradeWindows(), m_runningKeptFrom);
    } catch (const journal::JournalError& e) {
        // Busy or full: the next fetch evicts (the bound already limits what it fetches).
        qCWarning(lcCandleWorker).noquote() << "could not evict:" << e.message();
    }
}

void CandleWorker::runSource(int index, CandleProgress progress,
                             std::shared_ptr<PendingTrades> pending, int sharePercent)
{
    // A source none of whose trades misses a minute sends nothing, not even a time request.
    while (index < m_runningSources.size() && pending->lastMissing.at(index).isEmpty())
        ++index;
    if (index >= m_runningSources.size()) {
        evictIfTheBoundMoved();
        progress.state = CandleProgress::State::Done;
        progress.tradesDone = pending->total;
        return publish(progress);
    }
    m_fetcher.reset();
    m_binance = std::make_unique<binance::BinanceClient>(m_runningSources.at(index).client);
    if (!m_binance->configError().isEmpty()) {
        progress.state = CandleProgress::State::Failed;
        progress.error = m_binance->configError();
        return publish(progress);
    }
    m_binance->syncClock([this, index, progress, pending,
                          sharePercent](const binance::Result<binance::ServerTime>& clock) mutable {
        if (!clock.ok()) {
            progress.state = CandleProgress::State::Failed;
            progress.error = clock.error.message;
            return publish(progress);
        }
        // The exchange's weight limit (the share is a part of it); without an answer the
        // client's default (Binance's 2400) holds.
        m_binance->fetchExchangeInfo([this, index, progress, pending, sharePercent](const auto&) {
            fetchOnThread(index, progress, pending, sharePercent);
        });
    });
}

void CandleWorker::fetchOnThread(int index, CandleProgress progress,
                                 std::shared_ptr<PendingTrades> pending, int sharePercent)
{
    progress.tradesDone = pending->done;
    progress.tradesTotal = pending->total;
    publish(progress);
    sync::CandleFetchOptions options;
    options.sharePercent = sharePercent;
    options.maxCachedMinutes = m_runningKeepMinutes;
    options.accounts = m_runningSources.at(index).accounts;
    options.endpoint = m_runningSources.at(index).endpoint;
    options.shouldYield = [flag = m_syncRunning, this] {
        return flag->load() || sync::syncIsRunning(*m_db, QDateTime::currentMSecsSinceEpoch());
    };
    options.onAnswer = [this, index, pending, progress](const QString& symbol, qint64 firstMinute,
                                                        qint64 lastMinute,
                                                        bool unavailable) mutable {
        pending->answered(index, symbol, lastMinute, unavailable);
        progress.tradesDone = pending->done;
        publish(progress);
        QMetaObject::invokeMethod(
            this,
            [this, symbol, firstMinute, lastMinute, unavailable] {
                emit candlesStored(symbol, firstMinute, lastMinute, unavailable);
            },
            Qt::QueuedConnection);
    };
    m_fetcher = std::make_unique<sync::CandleFetcher>(*m_binance, *m_db);
    m_fetcher->start(
        options, [this, index, pending, progress, sharePercent](const sync::CandleFetchSummary& s) {
            CandleProgress end = progress;
            end.tradesDone = pending->done;
            end.weight = progress.weight + s.weight;
            qCInfo(lcCandleWorker)
                << "candle fetch of source" << index << "ended:" << s.requests << "requests, weight"
                << s.weight << "," << s.candlesStored << "candles";
            switch (s.end) {
            case sync::CandleFetchEnd::Done:
                // The next endpoint, once this fetcher's call has returned (it is replaced).
                QMetaObject::invokeMethod(
                    m_context,
                    [this, index, end, pending, sharePercent] {
                        runSource(index + 1, end, pending, sharePercent);
                    },
                    Qt::QueuedConnection);
                return;
            case sync::CandleFetchEnd::Yielded:
            case sync::CandleFetchEnd::Stopped:
                end.state = CandleProgress::State::Yielded;
                break;
            case sync::CandleFetchEnd::Failed:
                end.state = CandleProgress::State::Failed;
                end.error = s.error;
                break;
            }
            publish(end);
        });
}

} // namespace fb::ui
