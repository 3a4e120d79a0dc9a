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
    if (holder.host != QSysInfo::machineHostName() || holder.pid <= 0)
        return false;
    if (holder.pid == QCoreApplication::applicationPid())
        return false; // another engine in this very process: alive by definition
    // Signal 0 checks existence without sending anything. EPERM means it exists (another user).
    return ::kill(static_cast<pid_t>(holder.pid), 0) != 0 && errno == ESRCH;
}

} // namespace fb::sync
