// The stale-run rule of RunStore (run_store.h): runs whose process died, and runs left too long.
// Kept apart from run_store.cpp, which only persists what the engine decides.

#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

namespace {

QString ageText(qint64 ms)
{
    constexpr qint64 kHourMs = 3'600'000;
    if (ms % kHourMs == 0)
        return QStringLiteral("%1 h").arg(ms / kHourMs);
    return QStringLiteral("%1 min").arg((ms + 59'999) / 60'000);
}

// Sets the status only if the run still has the one the rule saw (the caller's transaction makes
// that certain; the guard keeps a mistake from ever reviving a finished run). updated_at stays:
// recovery is not activity of the run, and its age counts from what its process last wrote.
void setRecoveredStatus(Database& db, const QString& runId, RunStatus from1, RunStatus from2,
                        RunStatus to, const QString& message)
{
    sqlOn(db).run(
        QStringLiteral("UPDATE runs SET status = ?, error = ? WHERE id = ? AND status IN (?, ?)"),
        {runStatusName(to), message, runId, runStatusName(from1), runStatusName(from2)},
        QStringLiteral("recover run %1").arg(runId));
}

} // namespace

StaleRuns RunStore::evaluateStaleRuns(qint64 nowMs, const QString& host, const PidProbe& isPidAlive,
                                      const StaleRunLimits& limits)
{
    const std::optional<LockHolder> holder = SyncLock(m_db).current();
    const bool holderAlive = holder && holder->isAlive(nowMs, limits.staleLockMs, host, isPidAlive);
    // A live holder that names no run yet is between taking the lock and naming its run
    // (milliseconds): its run may already be `running`. Only the caller itself knows it has none.
    const bool holderStartingARun =
        holderAlive && holder->runId.isEmpty() &&
        (limits.callerHolderId.isEmpty() || holder->holderId != limits.callerHolderId);
    StaleRuns stale;
    for (const RunRecord& r :
         runsWithStatus({RunStatus::Running, RunStatus::Interrupted, RunStatus::Paused})) {
        if (r.status == RunStatus::Running) {
            const bool alive = holderAlive && (holder->runId == r.id || holderStartingARun);
            if (alive)
                continue;
            stale.interrupted << r.id;
        }
        const qint64 last = r.updatedAt > 0 ? r.updatedAt : r.createdAt;
        if (limits.maxAgeMs > 0 && nowMs - last > limits.maxAgeMs)
            stale.expired << r.id;
    }
    return stale;
}

StaleRuns RunStore::findStaleRuns(qint64 nowMs, const QString& host, const PidProbe& isPidAlive,
                                  const StaleRunLimits& limits)
{
    // One snapshot: the lock and the runs must agree (a sync finishing in between would
    // otherwise show a `running` run without its lock).
    std::optional<Transaction> snapshot;
    if (!m_db.inTransaction())
        snapshot.emplace(m_db, Transaction::Mode::Deferred);
    StaleRuns stale = evaluateStaleRuns(nowMs, host, isPidAlive, limits);
    if (snapshot)
        snapshot->commit();
    return stale;
}

StaleRuns RunStore::recoverStaleRuns(qint64 nowMs, const QString& host, const PidProbe& isPidAlive,
                                     const StaleRunLimits& limits)
{
    // Readers call this every time they show runs: take the write lock only when there is
    // something to change, then decide again under it.
    if (!m_db.inTransaction() && findStaleRuns(nowMs, host, isPidAlive, limits).isEmpty())
        return {};
    WriteScope scope(m_db);
    const StaleRuns stale = evaluateStaleRuns(nowMs, host, isPidAlive, limits);
    for (const QString& id : stale.interrupted)
        setRecoveredStatus(m_db, id, RunStatus::Running, RunStatus::Running, RunStatus::Interrupted,
                           QStringLiteral("The process running this sync stopped without "
                                          "finishing (crash, kill or power loss)."));
    for (const QString& id : stale.expired)
        setRecoveredStatus(m_db, id, RunStatus::Interrupted, RunStatus::Paused, RunStatus::Expired,
                           QStringLiteral("Not resumed within %1; its data is kept and the next "
                                          "sync fetches only what is missing.")
                               .arg(ageText(limits.maxAgeMs)));
    scope.commit();
    if (!stale.isEmpty())
        qCInfo(lcJournal) << "stale runs recovered: interrupted" << stale.interrupted << "expired"
                          << stale.expired;
    return stale;
}

bool RunStore::interruptRunAfterLockLoss(const QString& runId, const QString& message)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("UPDATE runs SET status = ?, error = ? WHERE id = ? AND status IN (?, ?) "
                       "AND NOT EXISTS (SELECT 1 FROM sync_lock WHERE run_id = ?)"),
        {runStatusName(RunStatus::Interrupted), message, runId, runStatusName(RunStatus::Running),
         runStatusName(RunStatus::Interrupted), runId},
        QStringLiteral("record that run %1 lost the sync lock").arg(runId));
    const bool changed = query.numRowsAffected() == 1;
    scope.commit();
    return changed;
}

} // namespace fb::journal
