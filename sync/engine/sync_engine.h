#pragma once
// The sync engine: one run of docs/design.md §3's pipeline, on the worker thread that created it.
// Every [Box] is a SyncEngine::State; stateChanged() reports each one as it is entered.
//
//   [Idle]
//   startRun(params)            resumeRun(id)
//        |                           |
//        +------------+--------------+
//                     v
//               [Lock] ---- held by a live process, or the run to resume is missing, not
//                     |     resumable, has other parameters or another endpoint
//                     |     --> [Finished] (no run)
//                     |  ---- the run's ban has not ended (resume), or a paused run of the
//                     |       account and endpoint is still banned (new run) --> [Finished]
//                     |       (no run created or changed, resumeAfterMs = the ban's end; no
//                     |       request sent)
//                     |  recover: dead holders' runs -> interrupted, stale ones -> expired
//                     v
//               [RunRow] committed: created, or set running again (intent before the first
//                     v   request)
//               [Preflight] clock offset -> the range fixed in exchange time (stored),
//                     |     exchangeInfo (limits), positions (committed)
//                     v
//               [Income] page -> commit(rows + coverage + counters) -> page ...
//                     |  (--max-duration is checked before every page: paused)
//                     v
//               [Plan] symbols and their rows committed (intent before symbol requests)
//                     v
//          +--> [Batch] i: fetch fills + orders of its symbols concurrently (BatchFetcher)
//          |          (a symbol over commitRecordCap records commits a chunk: raw + coverage)
//          |          -> batch i+1 marked in_progress and its fetch started, if allowed
//          |          -> ONE transaction: raw, rebuilt trades, coverage, symbol rows, counters
//          |          -> batchCommitted(keys)
//          +----------+ more batches, no stop requested, within --max-batches/--max-duration
//                     v
//               [Finalize] reconciliation, status, summary (no batches: straight from [Plan])
//                     v
//               [Finished] -> finished(summary)
//
// Any step may end the run early, straight to [Finished]: a ban, a limit or Stop -> paused;
// offline -> paused (offline); bad key -> failed; interrupt() -> interrupted; a journal write
// error -> failed with the transaction rolled back. What an API error leads to is
// binance::meaningOf()'s (retry.h). Whatever happens, what was committed stays, and a resumed
// run fetches only what coverage says is missing. The summary says why the run stopped and
// whether (and from when) it can be resumed; how to resume is each front end's to say.
//
// Threads: construct the engine on its worker thread (SyncWorker does). It owns its journal
// connection and its BinanceClient (and so its QNetworkAccessManager); its signals carry value
// types only and are meant for queued connections.

#include "sync/binance/income_pager.h"
#include "sync/engine/commit_grouping.h"
#include "sync/engine/engine_config.h"
#include "sync/engine/engine_journal.h"
#include "sync/engine/eta_estimator.h"
#include "sync/engine/progress_events.h"
#include "sync/engine/run_types.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace fb::binance {
class BinanceClient;
class IncomePager;
} // namespace fb::binance

namespace fb::sync {

class BatchFetcher;
class FeePriceFetcher;
struct BanInForce;

class SyncEngine : public QObject
{
    Q_OBJECT
public:
    // The boxes of the diagram above, in pipeline order. An engine runs once: Finished is final.
    enum class State { Idle, Lock, RunRow, Preflight, Income, Plan, Batch, Finalize, Finished };
    Q_ENUM(State)

    explicit SyncEngine(EngineConfig config, QObject* parent = nullptr);
    ~SyncEngine() override;

    State state() const { return m_state; }
    bool isRunning() const { return m_active; }
    QString runId() const { return m_runId; }

public slots:
    void startRun(const fb::sync::RunParams& params);
    void resumeRun(const QString& runId);
    // Stop button: finish the current batch, then pause the run (resumable).
    void requestPause();
    // SIGINT/SIGTERM, window closed: stop now. Nothing uncommitted is kept; run -> interrupted.
    void interrupt();

signals:
    void runStarted(const QString& runId, const fb::sync::RunParams& params);
    void progress(const fb::sync::ProgressSnapshot& snapshot);
    void batchCommitted(const QStringList& insertedKeys, const QStringList& changedKeys);
    void rateLimited(qint64 untilMs);
    // A wait the user should hear about (docs/design.md §3.11): rate limit, weight budget,
    // retry backoff, an answer that is slow to come; Kind::None when it is over.
    void waiting(const fb::sync::WaitNotice& notice);
    void symbolFailed(const QString& symbol, const QString& error);
    void finished(const fb::sync::RunSummary& summary);
    // Emitted on every change of state(), before the new state's work starts (and, for
    // Finished, before finished()).
    void stateChanged(fb::sync::SyncEngine::State state);

private:
    qint64 now() const;
    void enter(State state);
    bool begin(); // open the journal, take the lock, recover abandoned runs
    void preflight();
    // With the clock offset just measured: the range in exchange time (stored for a new run),
    // and the fetcher over it. False when the run ended (its journal write failed).
    bool fixRange();
    void startIncome();
    void nextIncomePage();
    // The exchange refused an income window as too long: narrow it (once per run); false when
    // the error is anything else.
    bool fallBackToShorterIncomeWindows(const binance::ApiError& error);
    void planSymbols();
    void nextBatch();
    // Marks the batch in_progress and starts fetching it; false when that write failed.
    // A batch may carry its stragglers into the next unless --max-batches ends the attempt
    // with it. `announce` false: the batch is prefetched while the one before commits, and the
    // progress report after that commit announces it, with that batch's trades counted.
    bool startBatchFetch(int index, bool announce = true);
    // May another batch start after the one now being committed (limits, Stop, end of plan)?
    bool mayPrefetchNextBatch() const;
    void onBatchFetched(const QVector<SymbolFetch>& results,
                        const std::optional<binance::ApiError>& runStop);
    bool commitChunk(const SymbolChunk& chunk);
    // Commits the held batches in one transaction (D175); the committed symbols whose trades
    // were stored, or nothing when the run ended on the journal's error.
    std::optional<QStringList> commitHeldBatches();
    void dropHeldBatches();
    // Fees in another asset (sync_engine_fees.cpp): committed symbols whose fees need prices
    // the journal lacks are queued; one fetch runs at a time, and its closes commit on their own.
    void queueFeeValuation(const QStringList& symbols);
    void pumpFeePrices();
    bool feePricesInFlight() const;
    void onFeePricesFetched(const QStringList& symbols, const QVector<journal::KlineClose>& closes);
    // Before the run ends or pauses at a batch boundary: true when prices are in flight, and
    // nextBatch() runs again once they are stored. `sweepTheRun` first queues every completed
    // symbol of the run (once), so a resumed run values what an uninterrupted one does.
    bool waitForFeePrices(bool sweepTheRun);
    void finalize();

    void stopForApiError(const binance::ApiError& error);
    // --max-duration reached: pause the run (at an income page or batch boundary).
    bool stopForDurationLimit();
    // --max-duration's timer: whatever the run waits for is cancelled, and the run pauses.
    void onDeadline();
    void stopRun(RunStatus status, int exitCode, const QString& message, qint64 resumeAfterMs = 0);
    // A journal error ends the run: LockLost through stopForLostLock(), the rest as failed.
    void failForJournal(const std::exception& error);
    // The lock names another holder now (our heartbeat or a commit found out): nothing more is
    // written but this run's own `interrupted` mark, and the run ends with exit_code::Busy.
    void stopForLostLock(const QString& detail);
    // Anything else a commit threw (a guard missed): the transaction was rolled back; the run
    // fails cleanly instead of the process aborting with the run left running.
    void failForUnexpected(const std::exception& error);
    void finishWithoutRun(int exitCode, const QString& message);
    // resumeRun() during the ban that paused the run: the run is left as it is.
    void refuseDuringBan(const journal::RunRecord& run, const BanInForce& ban);
    static QString lockedJournalText(); // sync_engine_stops.cpp
    void finish(RunSummary summary);
    bool checkInterrupted();

    journal::RunCounters currentCounters() const;
    // The run's counts (over all its attempts) into the summary that is stored and shown.
    void fillCounts(RunSummary& summary) const;
    // The message of a run that completed with failed symbols, with each one's reason.
    QString failureMessage(const QStringList& failed, const QMap<QString, QString>& reasons,
                           int symbolsTotal) const;
    void emitProgress(bool force);
    // sync_engine_waits.cpp: the client's waits as WaitNotice events.
    void connectWaits();
    void checkSlowAnswer();
    void reportWait(const WaitNotice& notice);
    void addDoneUnits(qint64 units);

    EngineConfig m_config;
    std::unique_ptr<EngineJournal> m_journal;
    std::unique_ptr<binance::BinanceClient> m_client;
    std::unique_ptr<BatchFetcher> m_fetcher;
    std::unique_ptr<FeePriceFetcher> m_feePrices;
    QStringList m_feeQueue;             // committed symbols whose fees wait for prices
    QSet<QString> m_feeTried;           // symbols whose prices this attempt asked for
    bool m_feeSweepQueued = false;      // the run's completed symbols were queued once
    bool m_waitingForFeePrices = false; // nextBatch() resumes when the fetch is stored
    std::unique_ptr<binance::IncomePager> m_incomePager;
    // Parented to the engine so that moveToThread() takes them along.
    QTimer m_heartbeat;
    QTimer m_progressTimer;
    QTimer m_deadline;
    QTimer m_slowAnswerTimer;
    WaitNotice m_wait;         // the wait last reported
    MonotonicProgress m_shown; // what the progress bar shows (never backwards)

    // The run.
    State m_state = State::Idle;
    bool m_active = false;
    bool m_finished = false;
    bool m_interruptRequested = false;
    bool m_pauseRequested = false;
    bool m_durationExpired = false; // the --max-duration timer fired
    bool m_draining = false;        // all batches reported; waiting for carried symbols
    QString m_holderId;
    bool m_lockHeld = false;
    QString m_runId;
    RunParams m_params;
    QStringList m_resumeSymbols; // non-empty when resuming: only these are planned
    QVector<Position> m_positions;
    std::optional<qint64> m_clockOffsetMs; // measured by this attempt's preflight
    qint64 m_attemptStartMs = 0;
    qint64 m_runStartMs = 0;
    journal::RunCounters m_baseCounters; // what earlier attempts of this run counted

    // Income phase.
    QVector<TimeSpan> m_incomeSpans;
    Coverage m_incomeCoverage;
    qint64 m_incomeWindowMs = binance::kIncomeWindowMs; // narrowed for the run on a refusal
    int m_incomeWindowFallbacks = 0;                    // 0 or 1

    // Symbol phase.
    RunPlan m_plan;
    QVector<QStringList> m_batches;
    int m_batchIndex = 0;
    int m_batchesThisAttempt = 0;  // started and committed, for --max-batches
    qint64 m_batchesCommitted = 0; // by this attempt, a batch the run stopped in included
    bool m_planned = false;        // m_batches holds this attempt's plan
    // Fetched batches not committed yet (D175): committed with the next batch, or when the run
    // stops; dropped (fetched again on resume) when the journal fails or the lock is lost.
    QVector<SymbolFetch> m_held;
    qint64 m_heldBatches = 0;
    CommitGrouping m_commitGrouping;
    QStringList m_allSymbols;

    // Progress.
    ProgressSnapshot m_snapshot;
    EtaEstimator m_eta;
    qint64 m_lastProgressMs = 0;
    qint64 m_recordsInserted = 0;
    qint64 m_recordsUpdated = 0;
    qint64 m_duplicates = 0;
    qint64 m_tradesInserted = 0; // by this attempt; m_baseCounters has the earlier ones
    qint64 m_tradesUpdated = 0;
    qint64 m_invalidTrades = 0;
    QStringList m_failedSymbols;
    // Pager warnings and unreadable income rows of this attempt, for the summary and the log.
    QStringList m_warnings;
    int m_unreadableIncome = 0;
    int m_completedSymbols = 0;
    // A resumed run's symbols that earlier attempts finished (completed or skipped): they count
    // in the run's totals, though this attempt does not plan them.
    int m_priorSymbolsDone = 0;
    int m_priorSymbolsCompleted = 0;
};

} // namespace fb::sync
