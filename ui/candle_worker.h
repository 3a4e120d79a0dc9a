#pragma once
// The desktop's candle fetch (docs/design.md D114, D132): the CLI's fetch phase
// (sync::CandleFetcher) run on a thread of its own with its own read-write journal connection
// and its own public client (no key). It runs after each sync ends and at start-up when candles
// are missing, yields to the sync (it stops before its next request as soon as a sync of this
// window starts, or any sync holds the journal's lock) and runs again when that sync ends; what
// it stored stays. Its weight stays within its share of the budget (CandleFetchOptions).
//
// Each account's trades get their candles from that account's own exchange endpoint (demo,
// testnet, production or a custom URL; D148): the fetch runs once per endpoint, in
// the order given, over the closed trades of the accounts of that endpoint.
//
// Results cross threads as values, queued: the progress (trades whose candles are complete out
// of the closed trades to chart) and each answered span, so that the detail pane draws a chart
// as soon as its candles are in.

#include "sync/binance/client_config.h"
#include "sync/engine/candle_fetch.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <atomic>
#include <memory>
#include <optional>

namespace fb::journal {
class Database;
}
namespace fb::binance {
class BinanceClient;
}

namespace fb::ui {

struct CandleProgress
{
    enum class State {
        Idle,     // never ran, or nothing to fetch
        Fetching, // requests going out
        Yielded,  // a sync runs: continues after it
        Done,     // every closed trade's candles are in (or its symbol has none)
        Failed    // stopped on an error; the next sync's end tries again
    };
    State state = State::Idle;
    int tradesDone = 0;  // closed trades whose chart window is fetched (or has no candles)
    int tradesTotal = 0; // closed trades
    qint64 weight = 0;   // declared weight of this fetch's requests
    QString error;       // Failed: the reason, one sentence
};

// Where the candles of some accounts' trades come from. `others`: also the trades of every
// account of the journal that no source names (an account removed from Settings, or the only
// source).
struct CandleSource
{
    binance::ClientConfig client;
    QStringList accounts;
    bool others = false;
    // The endpoint's label, whose cache the candles go to (docs/design.md D165): "demo"
    // for the demo's exchange; empty: the client's base URL.
    QString endpoint;
};

class CandleWorker : public QObject
{
    Q_OBJECT
public:
    explicit CandleWorker(const QString& journalPath, QObject* parent = nullptr);
    ~CandleWorker() override; // stops the fetch, closes the connection on its thread, joins it

    // Fetches what is missing with `client` (its keys are dropped: candles are public). A fetch
    // already running goes on; one asked for while a sync runs starts when syncEnded() comes.
    void start(const binance::ClientConfig& client, int sharePercent = 25);
    // The same per endpoint: each source's trades from its own client, one after the other.
    // `keepMinutes`: the cache's bound (Settings → Chart candles kept; D166, D172).
    void start(const QVector<CandleSource>& sources, int sharePercent = 25,
               qint64 keepMinutes = journal::kDefaultCandleCacheMinutes);
    // A sync of this window starts: the fetch stops before its next request.
    void syncStarted();
    // The sync ended: start() may fetch again (the window calls it with the sync's client).
    void syncEnded();
    CandleProgress progress() const { return m_progress; }
    bool isFetching() const { return m_progress.state == CandleProgress::State::Fetching; }
    // True while the symbol's trades may still get candles from this fetch (queued or running).
    bool isPending() const;

signals:
    void progressChanged(const fb::ui::CandleProgress& progress);
    // Candles of [firstMinute, lastMinute] of `symbol` were stored (or the symbol was found to
    // have none, `unavailable`): a chart over those minutes may draw now.
    void candlesStored(const QString& symbol, qint64 firstMinute, qint64 lastMinute,
                       bool unavailable);

private:
    // The closed trades still missing candles and how many are done (worker thread; shared by
    // the fetch's callbacks of one start()).
    struct PendingTrades;
    void startOnThread(QVector<CandleSource> sources, int sharePercent, qint64 keepMinutes);
    // Source `index` of the pending trades' (worker thread): its client, clock and weight limit,
    // then its fetch; after the last one, Done.
    void runSource(int index, CandleProgress progress, std::shared_ptr<PendingTrades> pending,
                   int sharePercent);
    // After the clock and the weight limit are known: the fetch itself (worker thread).
    void fetchOnThread(int index, CandleProgress progress, std::shared_ptr<PendingTrades> pending,
                       int sharePercent);
    void publish(const CandleProgress& progress); // from the worker thread
    // At the end of a start() (worker thread): evicts when the bound's line moved (D172).
    void evictIfTheBoundMoved();

    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread; owns the fetch's objects
    QString m_path;
    std::shared_ptr<std::atomic<bool>> m_syncRunning = std::make_shared<std::atomic<bool>>(false);
    // On the UI thread.
    CandleProgress m_progress;
    bool m_running = false; // a fetch is on the worker thread (UI's view)
    bool m_wantedAfterSync = false;
    QVector<CandleSource> m_sources;
    int m_share = 25;
    qint64 m_keepMinutes = journal::kDefaultCandleCacheMinutes;
    // On the worker thread.
    std::unique_ptr<journal::Database> m_db;
    std::unique_ptr<binance::BinanceClient> m_binance;
    std::unique_ptr<sync::CandleFetcher> m_fetcher;
    QVector<CandleSource> m_runningSources; // the running fetch's, accounts resolved
    qint64 m_runningKeepMinutes = journal::kDefaultCandleCacheMinutes; // the running fetch's cap
    std::optional<qint64> m_runningKeptFrom; // its line (CandleStore::keepFrom), as planned
};

} // namespace fb::ui

Q_DECLARE_METATYPE(fb::ui::CandleProgress)
