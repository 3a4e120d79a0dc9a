#pragma once
// Every write the sync engine makes to the journal, one transaction each (docs/design.md §3.4,
// "Intent before effect"). Kept apart from the engine's state machine so that the rule "data,
// coverage and run counters commit together" is visible in one file.
//
// Lives on the engine's worker thread with the connection it opened. Every method may throw
// journal::JournalError; the open transaction is then rolled back by RAII and nothing is lost.

#include "models/domain/lifecycle.h"
#include "models/domain/reconciliation.h"
#include "models/domain/reconciliation_sums.h"
#include "models/domain/unreadable_record.h"
#include "sync/engine/engine_config.h"
#include "sync/engine/run_planner.h"
#include "sync/engine/run_types.h"
#include "sync/journal/coverage_store.h"
#include "sync/journal/database.h"
#include "sync/journal/kline_store.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/run_store.h"
#include "sync/journal/symbol_info_store.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/trade_store.h"

#include "models/domain/computable.h"

#include <QMap>

#include <memory>

namespace fb::sync {

// Stream names in the coverage table.
inline const QString kIncomeStream = QStringLiteral("income");
inline const QString kFillsStream = QStringLiteral("fills");
inline const QString kOrdersStream = QStringLiteral("orders");
// allAlgoOrders (docs/design.md D108): lastId = the newest algoId stored.
inline const QString kAlgoOrdersStream = QStringLiteral("algo_orders");

// What one symbol's fetch produced, ready to commit.
struct SymbolFetch
{
    QString symbol;
    bool ok = false;
    bool skipped = false; // -1121: delisted or unknown
    QString error;
    int retries = 0;
    QVector<Fill> fills;
    QVector<Order> orders;
    // The Algo Service's orders, walked after the orders (D108); committed with the symbol.
    QVector<AlgoOrder> algoOrders;
    bool algoFetched = false; // the walk ran to its end
    std::optional<qint64> newestAlgoId;
    std::optional<qint64> newestFillId;
    qint64 recordsFetched = 0;
    // False when the orders were not needed (an incremental check that found no new fills):
    // then the orders coverage does not advance.
    bool ordersFetched = true;
    // Elements that could not be read (the symbol then fails): kept and flagged whatever the
    // symbol's outcome (docs/design.md §2.11).
    QVector<UnreadableRecord> unreadable;
    // Fills among `fills` whose time cannot be right: fill id -> why. Stored and flagged.
    QMap<qint64, QString> implausibleFills;
    // What the pagers noticed and let pass (rows outside a window, a crowded millisecond).
    QStringList warnings;
};

// Part of one symbol's fetch, committed before the symbol is complete so that a batch never
// buffers more than EngineConfig::commitRecordCap records of a symbol (docs/design.md §3.4: "one
// transaction per batch" becomes one per chunk plus the batch's; trades, derived and
// rebuildable, are rebuilt only in the batch commit that completes the symbol).
struct SymbolChunk
{
    QString symbol;
    QVector<Fill> fills;
    QVector<Order> orders;
    qint64 recordsFetched = 0;
    // What this fetch has covered completely so far, per stream, in the order it was walked:
    // finished pagers' spans, then the running pager's [span start, coveredThrough]. The
    // journal adds each span that touches the stored coverage (one that does not would leave
    // a hole: older history waits for its last page, as income does).
    QVector<TimeSpan> fillsCovered;
    std::optional<qint64> newestFillId; // highest fill id stored so far by this fetch
    QVector<TimeSpan> ordersCovered;
    bool ordersWalkDone = false;            // no order page of this fetch is still to come
    QMap<qint64, QString> implausibleFills; // of `fills`, as in SymbolFetch
};

// A symbol whose records could not be computed with (docs/design.md §2.10): what is wrong,
// and the raw records to flag. Its raw records stay stored; the symbol alone fails.
struct SymbolComputeFailure
{
    QString symbol;
    QString reason;  // what is wrong: the record and the amount
    QString message; // the symbol row's error: the reason and what happens now
    QVector<qint64> fillIds;
    QVector<Income> incomeRows;
};

// A symbol's flat point at or before the run's range, found by its reconciliation and stored
// with the run's end (docs/design.md §2.9): the next run's reconciliation starts there.
struct RangeCutUpdate
{
    QString account;
    QString symbol;
    journal::RangeCut cut;

    bool operator==(const RangeCutUpdate& other) const = default;
};

// A symbol's reconciliation hours and cut, found by its reconciliation and stored with the
// run's end (docs/design.md §2.9, D169): the next run reads only what is not kept.
struct ReconCacheUpdate
{
    QString account;
    QString symbol;
    QVector<HourSums> hours; // each computed completely from the journal's records
    std::optional<journal::RangeCut> reconCut; // a flat point at or before the first hour after
};

struct RunReconciliation
{
    ReconciliationReport report;
    QVector<SymbolComputeFailure> failures; // symbols left out of the report
    // Symbols reconciled from a flat point at or before the range (the others from their
    // whole history), and the range cuts to store with the run's end.
    QStringList fromFlatPoint;
    QVector<RangeCutUpdate> rangeCuts;
    // Symbols reconciled from their kept hours, and the hours and cuts to store with the end.
    QStringList fromCache;
    QVector<ReconCacheUpdate> cacheUpdates;
};

struct BatchCommit
{
    journal::UpsertCounts records;
    QStringList insertedTradeKeys;
    QStringList changedTradeKeys;
    int completed = 0;
    int failed = 0;
    int skipped = 0;
    qint64 invalidTrades = 0; // inserted or changed trades flagged INVALID
    int builtFromBatch = 0;   // symbols new to the journal, built from the batch's records (D178)
    // Symbols fetched completely whose rebuild failed (counted in `failed`).
    QVector<SymbolComputeFailure> computeFailures;
};

class EngineJournal
{
public:
    EngineJournal(const QString& path, EngineHooks hooks, int busyTimeoutMs = 5'000,
                  int walCheckpointPages = 1000);

    journal::Database& database() { return *m_db; }
    int commitCount() const { return m_commits; }

    // Lock and house-keeping ------------------------------------------------------------------
    // Taking the lock also makes `me` the owner every later write checks for.
    journal::LockAttempt acquireLock(const journal::LockHolder& me, qint64 staleAfterMs,
                                     qint64 nowMs);
    // False when the lock names another holder now: the caller must stop writing.
    bool heartbeat(const QString& holderId, qint64 nowMs);
    void releaseLock(const QString& holderId);
    // The end of a run: a PASSIVE checkpoint of what the raised WAL bound left in the log
    // (EngineConfig::walCheckpointPages). Logs and swallows a failure: the data is committed.
    void checkpointWal();
    // After a write threw JournalError::Kind::LockLost: marks the run `interrupted` with
    // `message`, unless the holder that took over has made the run its own (resumed it).
    void recordLockLoss(const QString& runId, const QString& message);

    // Runs ------------------------------------------------------------------------------------
    void createRun(const QString& runId, const RunParams& params, qint64 nowMs);
    // The run's range once fixed in exchange time (before its first data request): parameters,
    // fingerprint and range columns together, so a resume checks and uses the fixed range.
    void fixRunRange(const QString& runId, const RunParams& params);
    std::optional<journal::RunRecord> run(const QString& runId);
    void setRunStatus(const QString& runId, RunStatus status, const QString& error = {},
                      std::optional<qint64> pausedUntil = std::nullopt);
    void updateCounters(const QString& runId, const journal::RunCounters& counters);

    // Phases ----------------------------------------------------------------------------------
    void storePositions(const QString& account, const QVector<Position>& positions);
    // exchangeInfo's display precisions, for the desktop (symbols without them are skipped).
    void storeSymbolPrecisions(const QVector<journal::SymbolPrecision>& symbols, qint64 nowMs);
    std::optional<Coverage> coverage(const QString& account, const QString& stream,
                                     const QString& symbol);
    // One income page and its coverage advance, together with the run's counters.
    // Its unreadable rows are kept and flagged in the same transaction.
    journal::UpsertCounts commitIncomePage(const QString& runId, const QVector<Income>& rows,
                                           const QString& account,
                                           const std::optional<Coverage>& newCoverage,
                                           const journal::RunCounters& counters,
                                           const QVector<UnreadableRecord>& unreadable = {});
    // Facts for the planner: every candidate symbol and what the journal knows about it.
    // rereadMs: EngineConfig::coverageRereadMs, the margin the planner re-reads before a
    // covered end (the commissions counted are those of the spans it will fetch).
    QVector<SymbolFacts> gatherFacts(const RunParams& params, const QVector<Position>& positions,
                                     const QStringList& restrictTo, qint64 rereadMs);
    // Symbol rows of the plan (intent before the first symbol request).
    void recordPlan(const QString& runId, const RunPlan& plan, qint64 nowMs);
    void markInProgress(const QString& runId, const QStringList& symbols, qint64 nowMs);
    // The batch: raw records, rebuilt lifecycles, trades, coverage, symbol rows, run counters.
    // Fees in another asset are valued at the closes the journal already holds; the rest are
    // fetched after the commit and valued by commitFeePrices() (docs/design.md §2.5).
    BatchCommit commitBatch(const QString& runId, const RunParams& params,
                            const QVector<SymbolFetch>& fetched, journal::RunCounters counters,
                            qint64 nowMs);
    // Fees in another asset (engine_journal_fees.cpp) -------------------------------------------
    // The (pair, minute) closes the stored fills of `symbols` need and the journal does not
    // hold; `withNeeds` gets the symbols that need at least one.
    QVector<FeePriceNeed> feePriceNeeds(const QString& account, const QStringList& symbols,
                                        QStringList* withNeeds = nullptr);
    // Caches `closes` and values the trades of `symbols` with them, in one transaction: each
    // symbol's trades are rebuilt from its raw records, as a batch commit does. Returns the keys
    // of the trades whose valuation changed.
    QStringList commitFeePrices(const RunParams& params, const QVector<journal::KlineClose>& closes,
                                const QStringList& symbols, qint64 nowMs);
    // A chunk of one symbol: raw records upserted, coverage advanced to exactly what they
    // complete, the symbol row's counts and the run's counters; the symbol stays in_progress.
    journal::UpsertCounts commitSymbolChunk(const QString& runId, const RunParams& params,
                                            const SymbolChunk& chunk,
                                            journal::RunCounters counters);
    // Reconciliation over the run's range and symbols (docs/design.md §2.9): each symbol from
    // its range cut when one holds (reading the fills and funding from it on), else from its
    // whole history, with the same report either way. A symbol whose records cannot be
    // computed with is left out of the report and returned as a failure instead of throwing.
    // Writes nothing: the range cuts it finds come back in `rangeCuts` for finishRun.
    RunReconciliation reconcileRun(const RunParams& params, const QStringList& symbols);
    // Marks those symbols failed with their reasons and flags their records (conflicts).
    void failSymbols(const QString& runId, const QString& account,
                     const QVector<SymbolComputeFailure>& failures, qint64 nowMs);
    // The run's final counters and its end, in one transaction: a run is never seen finished
    // with the counters of an earlier batch. `rangeCuts` (from reconcileRun) are stored in it.
    void finishRun(const QString& runId, RunStatus status, const RunSummary& summary,
                   const journal::RunCounters& counters, const ReconciliationReport* report,
                   const QString& error = {}, const QVector<RangeCutUpdate>& rangeCuts = {},
                   const QVector<ReconCacheUpdate>& cacheUpdates = {});

private:
    // Runs `write` in an immediate transaction, applying the test hooks around the commit.
    // Once the lock is taken, the transaction first checks that the lock still names this
    // writer (journal::SyncLock::requireHeldBy): a writer that stalled past the staleness bound
    // and was replaced never commits again (docs/design.md §3.6).
    template <typename F> auto write(F&& body) -> decltype(body());

    std::unique_ptr<journal::Database> m_db;
    EngineHooks m_hooks;
    QString m_lockOwner; // the holder id every write requires; empty until the lock is taken
    int m_writes = 0;
    int m_commits = 0;
};

// Values every trade's commission in another asset at the journal's cached closes (missing ones
// leave the part "not valued").
void valueSymbolFees(journal::Database& db, QVector<JournalTrade>& trades);
// Sets each trade's initial risk from the symbol's stored stops (docs/design.md D103); after
// valueSymbolFees (R uses the valued net). Each trade's risk depends on its own fills and the
// stops alone, so a rebuild from a cut passes only the trades from the cut on, with `fromMs`
// the cut: stops that ended before it are not read (they cannot protect any of them).
void applySymbolStops(journal::Database& db, const QString& account, const QString& symbol,
                      QVector<JournalTrade>& trades, std::optional<qint64> fromMs = std::nullopt);

// One symbol's rebuild (engine_journal_rebuild.cpp, docs/design.md D126).
struct SymbolRebuild
{
    SymbolHistory history; // what was read: from the cut on, or everything
    SymbolBuild built;
    std::optional<qint64> fromMs; // the cut the build started from; nullopt: a full rebuild
};
// Reads and builds the symbol's trades: from its stored rebuild cut when `fromCut` and the cut
// still holds, else from its whole history. Writes nothing.
SymbolRebuild loadAndBuildSymbol(journal::Database& db, const QString& account,
                                 const QString& symbol, bool fromCut);
// After a successful build: values fees, sets initial risk, replaces the trades (from the cut
// on when the build started there) and stores the symbol's next rebuild cut. With
// `rangeFromMs` (the run's range start) and a build that started at or before it, the symbol's
// range cut is advanced to the latest flat point at or before it (docs/design.md §2.9).
journal::TradeChanges storeSymbolBuild(journal::Database& db, const QString& account,
                                       const QString& symbol, SymbolRebuild& rebuild,
                                       std::optional<qint64> rangeFromMs = std::nullopt);
// The latest time every one of `trades` either closed before or opened at or after (an
// INCOMPLETE_START trade opens at the beginning of time); nullopt when there is none.
std::optional<qint64> latestRebuildCut(const QVector<JournalTrade>& trades);
// The latest time <= `limit` at which every book of `trades` is flat (every trade closed before
// it or opened at or after it, an INCOMPLETE_START trade opening at the beginning of time), for
// trades built from a flat start; nullopt when there is none.
std::optional<qint64> latestFlatPointAtOrBefore(const QVector<JournalTrade>& trades, qint64 limit);
// Does a history read from a cut start flat? Each book's current position equals what its fills
// from the cut on add up to (the builder derives the starting position from the current one).
bool cutHolds(const SymbolHistory& history);
// A range cut at `cutMs` for a history read from a point at or before it: the floor is the
// smallest id among its fills at or after cutMs, else the symbol's largest fill id + 1.
journal::RangeCut rangeCutAt(journal::Database& db, const QString& account,
                             const SymbolHistory& history, qint64 cutMs);
// Stores a fetch's algo orders and, when its walk ended, advances their coverage (in the
// caller's transaction).
journal::UpsertCounts commitAlgoOrders(journal::Database& db, const RunParams& params,
                                       const SymbolFetch& fetch);

Coverage toPlannerCoverage(const std::optional<journal::Coverage>& stored);

} // namespace fb::sync
