#pragma once
// Who holds the journal's sync lock, and whether a holder on this machine is still alive.
// A holder that crashed or was killed (kill -9, power loss) cannot release the lock; its
// heartbeat stops. On the same host we can tell at once by asking the OS about its pid.

#include "sync/journal/run_store.h"
#include "sync/journal/sync_lock.h"

namespace fb::sync {

// host:pid:random — unique per process and attempt.
QString makeHolderId();
journal::LockHolder currentHolder(const QString& holderId, qint64 nowMs);
// True when `holder` ran on this host and its process no longer exists.
bool holderIsDeadOnThisHost(const journal::LockHolder& holder);
// This machine's host name, as the lock records it.
QString thisHost();
// True while a process with this pid exists on this machine (one of another user counts).
bool pidIsAlive(qint64 pid);

// The journal's stale-run rule (journal::RunStore::recoverStaleRuns) with this machine's view of
// which processes are alive: what the engine, `fillbook-cli status` and the desktop call.
journal::StaleRuns recoverStaleRuns(journal::Database& db, qint64 nowMs,
                                    const journal::StaleRunLimits& limits = {});
journal::StaleRuns findStaleRuns(journal::Database& db, qint64 nowMs,
                                 const journal::StaleRunLimits& limits = {});

} // namespace fb::sync
