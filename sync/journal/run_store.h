#pragma once
// Sync runs and their symbols (docs/design.md §3.2). The engine owns the state machine; this
// store only persists it. Statuses are the enums of run_status.h, stored as their lower-case
// names ("running", "paused", "in_progress", ...); the schema's CHECK constraints refuse
// anything else.
//
// "Intent before effect": createRun() writes the run and its symbol rows in one transaction,
// before the engine makes its first request.

#include "sync/journal/run_status.h"
#include "sync/journal/sync_lock.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

namespace fb::journal {

class Database;

struct RunCounters
{
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 duplicates = 0;
    qint64 failedSymbols = 0;
    qint64 retries = 0;
    qint64 requests = 0;
    qint64 weight = 0;
    qint64 plannedUnits = 0;
    qint64 doneUnits = 0;
    // The run's report (docs/design.md §3.12). Like every counter here, cumulative over all
    // the run's attempts: a resume starts from the stored values and adds to them.
    qint64 tradesInserted = 0;
    qint64 tradesUpdated = 0;
    qint64 invalidTrades = 0; // trades the run inserted or changed that are flagged INVALID
    qint64 batchesDone = 0;   // batches committed
    qint64 batchesTotal = 0;  // batches committed in earlier attempts + batches planned now

    bool operator==(const RunCounters& other) const = default;
};

struct RunRecord
{
    QString id; // sync_YYYYMMDD_HHMMSS_xxxxxxxx
    QString account;
    RunStatus status = RunStatus::Running;
    QString paramsJson = QStringLiteral("{}");
    QString fingerprint;
    std::optional<qint64> rangeFrom;
    std::optional<qint64> rangeTo;
    qint64 createdAt = 0; // 0: now
    std::optional<qint64> startedAt;
    qint64 updatedAt = 0; // stamped on every write
    std::optional<qint64> endedAt;
    std::optional<qint64> pausedUntil; // end of a rate-limit ban, for a paused run
    RunCounters counters;
    QString error;
    QString summaryJson;
    QString reconciliationJson;

    bool operator==(const RunRecord& other) const = default;
};

struct RunSymbolRecord
{
    QString runId;
    QString symbol;
    SymbolStatus status = SymbolStatus::Pending;
    qint64 recordsFetched = 0;
    qint64 inserted = 0;
    qint64 duplicates = 0;
    QString error;
    qint64 retries = 0;
    std::optional<qint64> startedAt;
    std::optional<qint64> endedAt;

    bool operator==(const RunSymbolRecord& other) const = default;
};

// How many of a run's symbols are in each status.
struct SymbolTally
{
    qint64 pending = 0;
    qint64 inProgress = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 skipped = 0;

    qint64 total() const { return pending + inProgress + completed + failed + skipped; }
    bool operator==(const SymbolTally& other) const = default;
};

// What discardRun() did, with what the caller needs to word it.
struct DiscardResult
{
    enum class Outcome {
        Discarded,    // the run is now `discarded`
        NotFound,     // no run with that id
        BeingSynced,  // a live sync holds the lock for this run: `holder` says who
        NotResumable, // only interrupted or paused runs can be discarded: `run` has its status
    };
    Outcome outcome = Outcome::NotFound;
    std::optional<RunRecord> run;
    std::optional<LockHolder> holder;
};

// The stale-run rule's bounds (docs/design.md §3.5, §3.6): a lock whose heartbeat is older than
// staleLockMs belongs to a dead holder; an interrupted or paused run not touched for maxAgeMs
// expires (0: never).
inline constexpr qint64 kStaleLockMs = 60'000;
inline constexpr qint64 kRunMaxAgeMs = 24 * 3'600'000LL;

struct StaleRunLimits
{
    qint64 staleLockMs = kStaleLockMs;
    qint64 maxAgeMs = kRunMaxAgeMs;
    // Set when the caller holds the sync lock itself and has not named its run yet (the engine
    // right after taking the lock): every `running` run then belongs to a dead process. Any
    // other live holder that names no run yet is starting a run, so `running` runs are left
    // alone until it does.
    QString callerHolderId;
};

// What the stale-run rule changes: `running` runs whose holder is dead become interrupted;
// interrupted or paused runs (those just interrupted included) older than the limit expire.
// A run may be in both lists.
struct StaleRuns
{
    QStringList interrupted;
    QStringList expired;

    bool isEmpty() const { return interrupted.isEmpty() && expired.isEmpty(); }
    bool operator==(const StaleRuns& other) const = default;
};

class RunStore
{
public:
    explicit RunStore(Database& db);

    // The run and a `pending` row per symbol, in one transaction.
    void createRun(const RunRecord& run, const QStringList& symbols = {});
    // Adds `pending` rows for symbols discovered later; symbols already in the run are kept.
    void addSymbols(const QString& runId, const QStringList& symbols);

    // Writes every mutable field of the run (all but id and createdAt).
    void saveRun(const RunRecord& run);
    void updateStatus(const QString& runId, RunStatus status, const QString& error = {});
    void updateCounters(const QString& runId, const RunCounters& counters);
    // Final status, end time, summary and reconciliation report.
    void finishRun(const QString& runId, RunStatus status, const QString& summaryJson,
                   const QString& reconciliationJson = {}, const QString& error = {});

    // A writer that lost the sync lock records why its run stopped, in one transaction of its
    // own: the run becomes `interrupted` with `message` only while no lock holder names it (a
    // holder that took over may already be resuming it, and then the run is that holder's).
    // Running or already interrupted by the stale-run rule; updated_at stays. True when changed.
    bool interruptRunAfterLockLoss(const QString& runId, const QString& message);

    // Writes every field of a symbol row (the row must exist).
    void saveSymbol(const RunSymbolRecord& symbol);
    // Status change with its timestamps: started_at when it goes in_progress (first time),
    // ended_at when it completes, fails or is skipped.
    void setSymbolStatus(const QString& runId, const QString& symbol, SymbolStatus status,
                         const QString& error = {});

    std::optional<RunRecord> run(const QString& runId);
    std::optional<RunRecord> latestRun(const QString& account = {});
    // Newest first.
    QVector<RunRecord> listRuns(int limit = 50, const QString& account = {});
    QVector<RunRecord> runsWithStatus(const QVector<RunStatus>& statuses,
                                      const QString& account = {});
    // Ordered by symbol.
    QVector<RunSymbolRecord> runSymbols(const QString& runId,
                                        const QVector<SymbolStatus>& statuses = {});

    // Removes the bookkeeping (run and symbol rows) of finished runs created before cutoffMs,
    // in one transaction; returns how many runs went. Synced records and trades are facts and
    // stay; interrupted and paused runs stay so that they can still be resumed or discarded.
    int pruneFinishedRuns(qint64 cutoffMs);

    // The run's symbols counted by status (the success rate's inputs, for every run listed).
    SymbolTally symbolTally(const QString& runId);

    // The user gives up on an incomplete run, in one transaction: refused while a sync holds
    // the lock for it or when it is not interrupted or paused; otherwise it becomes
    // `discarded`. The records and trades it synced are kept. One rule for the CLI and the
    // desktop.
    DiscardResult discardRun(const QString& runId);

    // The one stale-run rule (docs/design.md §3.5), applied by whoever reads or starts runs: the
    // engine when a sync starts, `fillbook-cli status`, the desktop's banner and Runs tab. A
    // `running` run is alive only while a live lock holder names it (a holder is dead when its
    // heartbeat is older than limits.staleLockMs, or when it ran on `host` and isPidAlive says
    // its pid is gone); otherwise it becomes `interrupted`. Interrupted or paused runs whose last
    // update is older than limits.maxAgeMs become `expired`. Recovery keeps updated_at: it is
    // not activity of the run. One IMMEDIATE transaction; returns what changed.
    StaleRuns recoverStaleRuns(qint64 nowMs, const QString& host, const PidProbe& isPidAlive,
                               const StaleRunLimits& limits = {});
    // The same rule without writing (works on a read-only connection): what recoverStaleRuns()
    // would change now. Lets a reader open a writer only when there is something to recover.
    StaleRuns findStaleRuns(qint64 nowMs, const QString& host, const PidProbe& isPidAlive,
                            const StaleRunLimits& limits = {});

private:
    QVector<RunRecord> selectRuns(const QString& tail, const QVariantList& values);
    StaleRuns evaluateStaleRuns(qint64 nowMs, const QString& host, const PidProbe& isPidAlive,
                                const StaleRunLimits& limits);
    Database& m_db;
};

} // namespace fb::journal
