// The stale-run rule (RunStore::recoverStaleRuns): `running` runs whose holder is dead become
// interrupted, interrupted or paused runs older than 24 h expire. The time, this host and which
// pids are alive are injected, so every boundary is exact.
#include "journal_test_util.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sync_lock.h"

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

constexpr qint64 kNow = 1'790'000'000'000; // 2026-09-21
const QString kHost = QStringLiteral("trader-pc");
constexpr qint64 kLivePid = 4242;
constexpr qint64 kDeadPid = 4343;

bool isPidAlive(qint64 pid)
{
    return pid == kLivePid;
}

QString runId(int n)
{
    return QStringLiteral("sync_20260920_080000_0000000%1").arg(n);
}

} // namespace

class TestJournalRunRecovery : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_db = std::make_unique<Database>(journalPath(m_dir, "recovery.sqlite")); }
    void cleanup()
    {
        m_db.reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(journalPath(m_dir, "recovery.sqlite") + QLatin1String(suffix));
    }

    void runningRunWithoutALockIsInterrupted()
    {
        addRun(1, RunStatus::Running, kNow - 5'000);
        RunStore runs(*m_db);
        const StaleRuns expected{{runId(1)}, {}};
        QCOMPARE(runs.findStaleRuns(kNow, kHost, isPidAlive), expected);
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Running); // finding changes nothing

        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), expected);
        const RunRecord r = *runs.run(runId(1));
        QCOMPARE(r.status, RunStatus::Interrupted);
        QCOMPARE(r.error, QStringLiteral("The process running this sync stopped without "
                                         "finishing (crash, kill or power loss)."));
        QCOMPARE(r.updatedAt, kNow - 5'000); // not activity: the 24 h count from its last write
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), StaleRuns());
    }

    void aLiveHolderKeepsOnlyTheRunItNames()
    {
        addRun(1, RunStatus::Running, kNow - 5'000);
        addRun(2, RunStatus::Running, kNow - 5'000);
        takeLock(kHost, kLivePid, kNow - 10'000, runId(2));
        RunStore runs(*m_db);
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), (StaleRuns{{runId(1)}, {}}));
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Interrupted);
        QCOMPARE(runs.run(runId(2))->status, RunStatus::Running);
    }

    void aHolderWhosePidIsGoneOnThisHostIsDeadAtOnce()
    {
        addRun(1, RunStatus::Running, kNow - 1'000);
        takeLock(kHost, kDeadPid, kNow - 1'000, runId(1)); // a fresh heartbeat does not matter
        RunStore runs(*m_db);
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), (StaleRuns{{runId(1)}, {}}));
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Interrupted);
    }

    void aPidOnAnotherHostIsJudgedByItsHeartbeat()
    {
        addRun(1, RunStatus::Running, kNow - 1'000);
        takeLock(QStringLiteral("other-pc"), kDeadPid, kNow - kStaleLockMs, runId(1));
        RunStore runs(*m_db);
        // Exactly 60 s since its heartbeat: still alive (the lock is taken over only after).
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), StaleRuns());
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Running);
        // One millisecond later its heartbeat is stale.
        QCOMPARE(runs.recoverStaleRuns(kNow + 1, kHost, isPidAlive), (StaleRuns{{runId(1)}, {}}));
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Interrupted);
    }

    void aHolderStartingItsRunIsLeftAloneUnlessItIsTheCaller()
    {
        addRun(1, RunStatus::Running, kNow - 1'000);
        const QString holderId = takeLock(kHost, kLivePid, kNow - 1'000, QString());
        RunStore runs(*m_db);
        // Another process took the lock and has not named its run yet: that run may be this one.
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), StaleRuns());
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Running);
        // The engine that holds the lock itself knows it has no run yet.
        StaleRunLimits limits;
        limits.callerHolderId = holderId;
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive, limits),
                 (StaleRuns{{runId(1)}, {}}));
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Interrupted);
    }

    void runsLeftForADayExpire()
    {
        addRun(1, RunStatus::Paused, kNow - kRunMaxAgeMs);                  // exactly 24 h: kept
        addRun(2, RunStatus::Paused, kNow - kRunMaxAgeMs - 1);              // expired
        addRun(3, RunStatus::Interrupted, kNow - kRunMaxAgeMs - 1);         // expired
        addRun(4, RunStatus::Running, kNow - 3 * kRunMaxAgeMs);             // died 3 days ago: both
        addRun(5, RunStatus::CompletedWithErrors, kNow - 3 * kRunMaxAgeMs); // final: untouched
        addRun(6, RunStatus::Failed, kNow - 3 * kRunMaxAgeMs);              // final: untouched
        RunStore runs(*m_db);
        // Newest first, like every list of runs.
        const StaleRuns expected{{runId(4)}, {runId(3), runId(2), runId(4)}};
        QCOMPARE(runs.findStaleRuns(kNow, kHost, isPidAlive), expected);
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive), expected);
        QCOMPARE(runs.run(runId(1))->status, RunStatus::Paused);
        QCOMPARE(runs.run(runId(2))->status, RunStatus::Expired);
        QCOMPARE(runs.run(runId(3))->status, RunStatus::Expired);
        QCOMPARE(runs.run(runId(4))->status, RunStatus::Expired);
        QCOMPARE(runs.run(runId(4))->error,
                 QStringLiteral("Not resumed within 24 h; its data is kept and the next sync "
                                "fetches only what is missing."));
        QCOMPARE(runs.run(runId(5))->status, RunStatus::CompletedWithErrors);
        QCOMPARE(runs.run(runId(6))->status, RunStatus::Failed);

        // maxAgeMs 0: nothing expires.
        addRun(7, RunStatus::Paused, kNow - 3 * kRunMaxAgeMs);
        StaleRunLimits never;
        never.maxAgeMs = 0;
        QCOMPARE(runs.recoverStaleRuns(kNow, kHost, isPidAlive, never), StaleRuns());
        QCOMPARE(runs.run(runId(7))->status, RunStatus::Paused);
    }

    void aReaderCanFindButNotWrite()
    {
        addRun(1, RunStatus::Running, kNow - 5'000);
        Database reader(journalPath(m_dir, "recovery.sqlite"),
                        {OpenMode::ReadOnly, QStringLiteral("reader"), false});
        QCOMPARE(RunStore(reader).findStaleRuns(kNow, kHost, isPidAlive),
                 (StaleRuns{{runId(1)}, {}}));
        QCOMPARE(RunStore(reader).run(runId(1))->status, RunStatus::Running);
    }

private:
    void addRun(int n, RunStatus status, qint64 updatedAt)
    {
        RunRecord run;
        run.id = runId(n);
        run.account = QStringLiteral("main");
        run.status = status;
        run.createdAt = updatedAt - 60'000;
        run.updatedAt = updatedAt;
        RunStore(*m_db).createRun(run);
    }

    QString takeLock(const QString& host, qint64 pid, qint64 heartbeatAt, const QString& run)
    {
        LockHolder holder;
        holder.holderId = QStringLiteral("%1:%2:abcd").arg(host).arg(pid);
        holder.runId = run;
        holder.pid = pid;
        holder.host = host;
        const LockAttempt attempt = SyncLock(*m_db).tryAcquire(holder, kStaleLockMs, heartbeatAt);
        if (!attempt.acquired)
            qFatal("the test could not take the lock");
        return holder.holderId;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestJournalRunRecovery)
#include "test_journal_run_recovery.moc"
