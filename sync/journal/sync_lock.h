#pragma once
// One sync per journal (docs/design.md §3.6). The lock is a single row in `sync_lock`, taken
// inside an IMMEDIATE transaction so two processes cannot both acquire it. A holder refreshes its
// heartbeat; a lock whose heartbeat is older than the staleness bound belongs to a holder that
// died and may be taken over (the engine then marks that holder's run `interrupted`).

#include <QString>

#include <functional>
#include <optional>

namespace fb::journal {

class Database;

// Whether a process of this machine still exists. Injected so that the journal stays free of OS
// calls and tests decide who is alive; sync/engine/lock_identity.h has the real one.
using PidProbe = std::function<bool(qint64 pid)>;

struct LockHolder
{
    QString holderId; // unique per process and attempt (e.g. host:pid:random)
    QString runId;
    qint64 pid = 0;
    QString host;
    qint64 acquiredAt = 0;
    qint64 heartbeatAt = 0;

    // "run sync_20261101_080000_1a2b3c4d (pid 4242 on host1, last heartbeat 12 s ago)"
    QString describe(qint64 nowMs) const;
    // Alive unless its heartbeat is older than staleAfterMs, or it ran on `thisHost` and its
    // pid is gone (then it is dead at once, whatever its heartbeat says).
    bool isAlive(qint64 nowMs, qint64 staleAfterMs, const QString& thisHost,
                 const PidProbe& isPidAlive) const;
    bool operator==(const LockHolder& other) const = default;
};

struct LockAttempt
{
    bool acquired = false;
    bool tookOverStale = false;
    // Acquired: the stale holder that was replaced, if any. Refused: the live holder.
    std::optional<LockHolder> other;
    // Refused: one sentence naming the holder, for the user.
    QString message;
};

class SyncLock
{
public:
    explicit SyncLock(Database& db);

    // Takes the lock when it is free, already ours (same holderId) or stale (heartbeat older
    // than staleAfterMs). `me.acquiredAt/heartbeatAt` are set to nowMs.
    LockAttempt tryAcquire(const LockHolder& me, qint64 staleAfterMs, qint64 nowMs);
    // False when the lock is no longer ours (taken over after we stalled): stop writing.
    bool heartbeat(const QString& holderId, qint64 nowMs);
    // Inside the caller's write transaction: throws JournalError::Kind::LockLost unless the lock
    // row still names `holderId`. A writer that stalled (SIGSTOP, a suspended laptop) past the
    // staleness bound may have been replaced; checking in the same IMMEDIATE transaction as the
    // data means its commit cannot land after the takeover (docs/design.md §3.6).
    void requireHeldBy(const QString& holderId);
    bool setRunId(const QString& holderId, const QString& runId);
    bool release(const QString& holderId);
    std::optional<LockHolder> current();

private:
    Database& m_db;
};

} // namespace fb::journal
