#pragma once
// Fetches the fills and orders of one batch of symbols, concurrently, within the client's
// weight budget (docs/design.md §3.3, pipeline step 6). Nothing is written here: the results go
// back to the engine, which commits the whole batch in one transaction.
//
// Per symbol, two streams run one after the other, each a chain of pagers:
//   fills:  time-window pagers over the plan's spans, then an id pager from the plan's fromId
//   orders: one orderId pager from the smallest order id the fills reference (D77), then the
//           Algo Service's orders by algoId (D108) when any order was walked
// How far an API error reaches is binance::meaningOf()'s (retry.h): one that belongs to a
// symbol (retries exhausted, a rejected request) fails that symbol only, or marks it skipped
// (-1121), as does a pager that cannot continue; one that concerns the whole run (ban,
// authentication, offline, cancelled) stops every stream and is reported once.
//
// Stragglers (issue 10, defect 7): a batch is reported when all its symbols finished, or, when
// it may carry, once the grace period after its first finished symbol has passed: the finished
// ones are reported and the unfinished ones (a hung request, a long history) are *carried*:
// they keep fetching while the next batch runs, and are reported with the first report after
// they finish. So one slow request never holds the other symbols' commits. A batch that may not
// carry (the last one before --max-batches stops, or drain()) waits for every symbol, carried
// ones included; at most `maxCarried` symbols are carried at a time (bounded memory).
//
// Memory: when a symbol has buffered more than the record cap (fills + orders), its records so
// far go to the chunk sink (the engine commits them with the coverage they complete) and the
// buffer starts again; the results then hold only what came after the last chunk.

#include "sync/binance/binance_client.h"
#include "sync/engine/engine_journal.h"
#include "sync/engine/run_planner.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace fb::sync {

class BatchFetcher : public QObject
{
    Q_OBJECT
public:
    BatchFetcher(binance::BinanceClient& client, qint64 rangeFromMs, qint64 rangeToMs,
                 QObject* parent = nullptr);
    ~BatchFetcher() override;

    // Commits a chunk synchronously; false = the run cannot go on (the fetch then stops).
    using ChunkSink = std::function<bool(const SymbolChunk&)>;
    // A cap <= 0 or no sink: every record stays buffered until the batch finishes.
    void setChunking(int recordCap, ChunkSink sink);

    // Carry stragglers after `graceMs` (0 = never), at most `maxCarried` at a time.
    void setStragglers(qint64 graceMs, int maxCarried);

    // Starts fetching a batch; `mayCarry` lets it be reported without its stragglers.
    void start(const QVector<SymbolPlan>& plans, bool mayCarry = false);
    // Reports the carried symbols once they have all finished (at once when there are none).
    void drain() { start({}, false); }
    bool isRunning() const { return m_openBatch >= 0; }
    // Symbols of already reported batches still fetching.
    int carriedCount() const;
    // Carried symbols (finished or not) or a run stop wait to be reported: drain() them.
    bool hasUnreported() const { return !m_states.isEmpty() || m_runStop.has_value(); }
    // The client's queued first requests go out now (before the caller blocks the thread).
    void sendNow() { m_client.sendQueuedNow(); }

    // Planned request weight of a symbol's plan (for progress), before anything is fetched.
    static qint64 estimateWeight(const SymbolPlan& plan);

signals:
    // One page arrived (for progress): its request weight.
    void pageFetched(qint64 weight);
    // Every symbol finished; `runStop` is set when the run must stop (then some results may
    // be incomplete: only those with ok == true are safe to commit).
    void finished(const QVector<fb::sync::SymbolFetch>& results,
                  const std::optional<fb::binance::ApiError>& runStop);

private:
    struct SymbolState;
    void startFills(const std::shared_ptr<SymbolState>& state);
    void startOrders(const std::shared_ptr<SymbolState>& state);
    void nextFillPage(const std::shared_ptr<SymbolState>& state);
    void nextOrderPage(const std::shared_ptr<SymbolState>& state);
    void nextAlgoPage(const std::shared_ptr<SymbolState>& state);
    // A page with unreadable elements: they are kept in the result and the symbol stops.
    bool stopForUnreadable(const std::shared_ptr<SymbolState>& state,
                           const QList<UnreadableRecord>& unreadable, const QString& what);
    // A pager's new warnings go to the log and the symbol's result (then the run's summary).
    void collectWarnings(const std::shared_ptr<SymbolState>& state, const QStringList& warnings);
    // Returns true when the error stopped the symbol (or the run).
    bool handleError(const std::shared_ptr<SymbolState>& state, const binance::ApiError& error);
    void fillsDone(const std::shared_ptr<SymbolState>& state);
    void ordersDone(const std::shared_ptr<SymbolState>& state);
    void algoDone(const std::shared_ptr<SymbolState>& state);
    void streamDone(const std::shared_ptr<SymbolState>& state);
    void finishIfIdle();
    void onGraceExpired();
    // Reports every finished symbol (the open batch's and carried ones) and closes the batch.
    void reportOpenBatch();
    // Hands the symbol's buffered records to the chunk sink once they exceed the cap.
    void commitChunkIfFull(const std::shared_ptr<SymbolState>& state);

    binance::BinanceClient& m_client;
    qint64 m_rangeFromMs;
    qint64 m_rangeToMs;
    QVector<std::shared_ptr<SymbolState>> m_states;
    std::optional<binance::ApiError> m_runStop;
    int m_openBatch = -1; // the batch not reported yet; -1 = none
    int m_nextBatch = 0;
    bool m_openMayCarry = false;
    qint64 m_graceMs = 0;
    int m_maxCarried = 0;
    QTimer m_graceTimer;
    int m_recordCap = 0;
    qint64 m_latestPlausibleMs = 0; // exchange time, fixed when a batch starts
    ChunkSink m_chunkSink;
    // Callbacks may arrive after this object is gone (the client outlives it): they check this.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fb::sync
