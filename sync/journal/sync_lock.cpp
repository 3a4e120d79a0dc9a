#include "sync/journal/sync_lock.h"

#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

QString LockHolder::describe(qint64 nowMs) const
{
    const QString run = runId.isEmpty() ? QStringLiteral("a sync") : QStringLiteral("run ") + runId;
    return QStringLiteral("%1 (pid %2 on %3, last heartbeat %4 s ago)")
        .arg(run, QString::number(pid), host, QString::number((nowMs - heartbeatAt) / 1000));
}

bool LockHolder::isAlive(qint64 nowMs, qint64 staleAfterMs, const QString& thisHost,
                         const PidProbe& isPidAlive) const
{
    if (nowMs - heartbeatAt > staleAfterMs)
        return false;
    if (host == thisHost && pid > 0 && isPidAlive && !isPidAlive(pid))
        return false;
    return true;
}

SyncLock::SyncLock(Database& db)
    : m_db(db)
{}

std::optional<LockHolder> SyncLock::current()
{
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("SELECT holder_id, run_id, pid, host, acquired_at, "
                                       "heartbeat_at FROM sync_lock WHERE id = 1"),
                        {}, QStringLiteral("read the sync lock"));
    if (!query.next())
        return std::nullopt;
    LockHolder holder;
    holder.holderId = query.value(0).toString();
    holder.runId = query.value(1).toString();
    holder.pid = query.value(2).toLongLong();
    holder.host = query.value(3).toString();
    holder.acquiredAt = query.value(4).toLongLong();
    holder.heartbeatAt = query.value(5).toLongLong();
    return holder;
}

LockAttempt SyncLock::tryAcquire(const LockHolder& me, qint64 staleAfterMs, qint64 nowMs)
{
    if (me.holderId.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("A sync lock holder needs an id."));
    // The read and the write must be one atomic step: with BEGIN IMMEDIATE the second process
    // waits for the first to commit, then sees its row.
    WriteScope scope(m_db);
    LockAttempt attempt;
    const std::optional<LockHolder> holder = current();
    if (holder && holder->holderId != me.holderId) {
        if (nowMs - holder->heartbeatAt <= staleAfterMs) {
            attempt.other = holder;
            attempt.message = QStringLiteral("Another sync is already running on this journal: %1.")
                                  .arg(holder->describe(nowMs));
            return attempt; // the scope rolls back: nothing was written
        }
        attempt.tookOverStale = true;
        attempt.other = holder;
        qCWarning(lcJournal).noquote()
            << "taking over a stale sync lock from" << holder->describe(nowMs);
    }
    sqlOn(m_db).run(
        QStringLiteral("INSERT INTO sync_lock (id, holder_id, run_id, pid, host, "
                       "acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET holder_id = excluded.holder_id, "
                       "run_id = excluded.run_id, pid = excluded.pid, host = excluded.host, "
                       "acquired_at = excluded.acquired_at, "
                       "heartbeat_at = excluded.heartbeat_at"),
        {me.holderId,
         me.runId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(me.runId), me.pid,
         me.host, nowMs, nowMs},
        QStringLiteral("take the sync lock"));
    scope.commit();
    attempt.acquired = true;
    return attempt;
}

bool SyncLock::heartbeat(const QString& holderId, qint64 nowMs)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("UPDATE sync_lock SET heartbeat_at = ? "
                                                     "WHERE id = 1 AND holder_id = ?"),
                                      {nowMs, holderId}, QStringLiteral("refresh the sync lock"));
    const bool ours = query.numRowsAffected() == 1;
    scope.commit();
    return ours;
}

void SyncLock::requireHeldBy(const QString& holderId)
{
    if (!m_db.inTransaction())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("The sync lock is checked inside a write transaction."));
    const std::optional<LockHolder> holder = current();
    if (holder && holder->holderId == holderId)
        return;
    // Who took over, without a heartbeat age: this check has no clock of its own.
    const QString who =
        !holder ? QStringLiteral("nobody holds the lock now")
                : QStringLiteral("%1, pid %2 on %3")
                      .arg(holder->runId.isEmpty() ? QStringLiteral("no run named yet")
                                                   : QStringLiteral("run ") + holder->runId,
                           QString::number(holder->pid), holder->host);
    throw JournalError(JournalError::Kind::LockLost,
                       QStringLiteral("Another sync took over this journal (%1).").arg(who));
}

bool SyncLock::setRunId(const QString& holderId, const QString& runId)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("UPDATE sync_lock SET run_id = ? "
                                                     "WHERE id = 1 AND holder_id = ?"),
                                      {runId, holderId}, QStringLiteral("update the sync lock"));
    const bool ours = query.numRowsAffected() == 1;
    scope.commit();
    return ours;
}

bool SyncLock::release(const QString& holderId)
{
    WriteScope scope(m_db);
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("DELETE FROM sync_lock WHERE id = 1 AND holder_id = ?"),
                        {holderId}, QStringLiteral("release the sync lock"));
    const bool released = query.numRowsAffected() == 1;
    scope.commit();
    return released;
}

} // namespace fb::journal
