#pragma once
// Who holds the journal's sync lock, and whether a holder on this machine is still alive.
// A holder that crashed or was killed (kill -9, power loss) cannot release the lock; its
// heartbeat stops. On the same host we can tell at once by asking the OS about its pid.

#include "sync/journal/sync_lock.h"

namespace fb::sync {

// host:pid:random — unique per process and attempt.
QString makeHolderId();
journal::LockHolder currentHolder(const QString& holderId, qint64 nowMs);
// True when `holder` ran on this host and its process no longer exists.
bool holderIsDeadOnThisHost(const journal::LockHolder& holder);

} // namespace fb::sync
