#include "sync/engine/lock_identity.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

namespace fb::sync {

QString makeHolderId()
{
    return QStringLiteral("%1:%2:%3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

journal::LockHolder currentHolder(const QString& holderId, qint64 nowMs)
{
    journal::LockHolder me;
    me.holderId = holderId;
    me.pid = QCoreApplication::applicationPid();
    me.host = QSysInfo::machineHostName();
    me.acquiredAt = nowMs;
    me.heartbeatAt = nowMs;
    return me;
}

bool holderIsDeadOnThisHost(const journal::LockHolder& holder)
{
    if (holder.host != thisHost() || holder.pid <= 0)
        return false;
    return !pidIsAlive(holder.pid);
}

QString thisHost()
{
    return QSysInfo::machineHostName();
}

bool pidIsAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (pid == QCoreApplication::applicationPid())
        return true; // another engine in this very process: alive by definition
    // Signal 0 checks existence without sending anything. EPERM means it exists (another user).
    return !(::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
}

journal::StaleRuns recoverStaleRuns(journal::Database& db, qint64 nowMs,
                                    const journal::StaleRunLimits& limits)
{
    return journal::RunStore(db).recoverStaleRuns(nowMs, thisHost(), pidIsAlive, limits);
}

journal::StaleRuns findStaleRuns(journal::Database& db, qint64 nowMs,
                                 const journal::StaleRunLimits& limits)
{
    return journal::RunStore(db).findStaleRuns(nowMs, thisHost(), pidIsAlive, limits);
}

} // namespace fb::sync
