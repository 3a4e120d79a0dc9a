#include "ui/candle_worker.h"

#include "sync/binance/binance_client.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>

#include <algorithm>

namespace fb::ui {

namespace {
Q_LOGGING_CATEGORY(lcCandleWorker, "fillbook.ui.candles")
constexpr qint64 kMinute = 60'000;

// The trades whose chart window still misses minutes, per symbol: the last missing minute of
// each, sorted. An answer settling a symbol's minutes up to M completes every trade whose last
// missing minute is at most M (the fetch asks each symbol's minutes oldest first).
struct PendingTrades
{
    QHash<QString, QVector<qint64>> lastMissing;
    int done = 0;
    int total = 0;

    void answered(const QString& symbol, qint64 lastMinute, bool unavailable)
    {
        auto it = lastMissing.find(symbol);
        if (it == lastMissing.end())
            return;
        QVector<qint64>& minutes = it.value();
        const auto end = unavailable ? minutes.end()
                                     : std::upper_bound(minutes.begin(), minutes.end(), lastMinute);
        done += int(end - minutes.begin());
        minutes.erase(minutes.begin(), end);
    }
};
} // namespace

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
    m_client = client;
    // Candles are public: the fetch never sends a key.
    m_client.apiKey.clear();
    m_client.apiSecret.clear();
    m_share = sharePercent;
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
    QMetaObject::invokeMethod(
        m_context, [this, config = m_client, share = m_share] { startOnThread(config, share); });
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
                start(m_client, m_share);
        },
        Qt::QueuedConnection);
}

void CandleWorker::startOnThread(const binance::ClientConfig& config, int sharePercent)
{
    CandleProgress progress;
    progress.state = CandleProgress::State::Fetching;
    auto pending = std::make_shared<PendingTrades>();
    try {
        if (!m_db)
            m_db = std::make_unique<journal::Database>(
                m_path, journal::OpenOptions{journal::OpenMode::ReadWrite,
                                             QStringLiteral("ui-candles"), false});
        m_fetcher.reset();
        m_binance = std::make_unique<binance::BinanceClient>(config);
        if (!m_binance->configError().isEmpty()) {
            progress.state = CandleProgress::State::Failed;
            progress.error = m_binance->configError();
            return publish(progress);
        }
    } catch (const journal::JournalError& e) {
        progress.state = CandleProgress::State::Failed;
        progress.error = e.message();
        return publish(progress);
    }
    try {
        // Which trades are complete, and the last missing minute of the others (this
        // computer's clock: the fetch plans again with the exchange's).
        journal::CandleStore store(*m_db);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QVector<journal::CandleWindow> windows = store.closedTradeWindows();
        pending->total = int(windows.size());
        for (const journal::CandleWindow& w : windows) {
            const QVector<qint64> missing = store.missingMinutes({w}, now).value(w.symbol);
            if (missing.isEmpty())
                ++pending->done;
            else
                pending->lastMissing[w.symbol].append(missing.last());
        }
        for (QVector<qint64>& minutes : pending->lastMissing)
            std::sort(minutes.begin(), minutes.end());
    } catch (const journal::JournalError& e) {
        progress.state = CandleProgress::State::Failed;
        progress.error = e.message();
        return publish(progress);
    }
    progress.tradesDone = pending->done;
    progress.tradesTotal = pending->total;
    if (pending->done == pending->total) {
        // Nothing to fetch: not even the exchange's clock is asked for.
        progress.state = CandleProgress::State::Done;
        return publish(progress);
    }
    m_binance->syncClock([this, progress, pending,
                          sharePercent](const binance::Result<binance::ServerTime>& clock) mutable {
        if (!clock.ok()) {
            progress.state = CandleProgress::State::Failed;
            progress.error = clock.error.message;
            return publish(progress);
        }
        // The exchange's weight limit (the share is a part of it); without an answer the
        // client's default (Binance's 2400) holds.
        m_binance->fetchExchangeInfo([this, progress, pending, sharePercent](const auto&) {
            fetchOnThread(progress, pending, sharePercent);
        });
    });
}

void CandleWorker::fetchOnThread(CandleProgress progress, std::shared_ptr<void> pendingTrades,
                                 int sharePercent)
{
    auto pending = std::static_pointer_cast<PendingTrades>(pendingTrades);
    {
        progress.tradesDone = pending->done;
        progress.tradesTotal = pending->total;
        publish(progress);
        sync::CandleFetchOptions options;
        options.sharePercent = sharePercent;
        options.shouldYield = [flag = m_syncRunning, this] {
            return flag->load() || sync::syncIsRunning(*m_db, QDateTime::currentMSecsSinceEpoch());
        };
        options.onAnswer = [this, pending, progress](const QString& symbol, qint64 firstMinute,
                                                     qint64 lastMinute, bool unavailable) mutable {
            pending->answered(symbol, lastMinute, unavailable);
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
        m_fetcher->start(options, [this, pending, progress](const sync::CandleFetchSummary& s) {
            CandleProgress end = progress;
            end.tradesDone = pending->done;
            end.weight = s.weight;
            switch (s.end) {
            case sync::CandleFetchEnd::Done:
                end.state = CandleProgress::State::Done;
                end.tradesDone = pending->total;
                break;
            case sync::CandleFetchEnd::Yielded:
            case sync::CandleFetchEnd::Stopped:
                end.state = CandleProgress::State::Yielded;
                break;
            case sync::CandleFetchEnd::Failed:
                end.state = CandleProgress::State::Failed;
                end.error = s.error;
                break;
            }
            qCInfo(lcCandleWorker) << "candle fetch ended:" << s.requests << "requests, weight"
                                   << s.weight << "," << s.candlesStored << "candles";
            publish(end);
        });
    }
}

} // namespace fb::ui
