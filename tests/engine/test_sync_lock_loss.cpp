// A sync that lost its lock stops writing (issue 10, defect 11; docs/design.md §3.6). A writer
// stalled past the staleness bound (SIGSTOP, a suspended laptop) is replaced by a second sync;
// when it continues, its next commit must be refused inside the commit's own transaction, and
// its run ends `interrupted` with exit code 3. The stall is simulated without any timing: at
// an exact commit, a second connection takes the lock over as a later sync would, its clock
// 61 s ahead so that the first holder's heartbeat is stale.
#include "engine_test_util.h"

#include "sync/journal/run_store.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/transaction.h"

using namespace fb;
using namespace fb::test;

namespace {

const QString kIntruder = QStringLiteral("other-host:4242:intruder");

// Takes the journal's lock over the way a second sync does after the first one went silent:
// from its own connection, with a clock past the staleness bound.
bool takeOverLock(const QString& path, qint64 nowMs)
{
    journal::Database other(path, {journal::OpenMode::ReadWrite, QStringLiteral("intruder"), true});
    journal::LockHolder intruder;
    intruder.holderId = kIntruder;
    intruder.pid = 4242;
    intruder.host = QStringLiteral("other-host");
    const journal::LockAttempt attempt = journal::SyncLock(other).tryAcquire(
        intruder, journal::kStaleLockMs, nowMs + journal::kStaleLockMs + 1'000);
    return attempt.acquired && attempt.tookOverStale;
}

} // namespace

class TestSyncLockLoss : public QObject
{
    Q_OBJECT

    TestClock m_clock;

private slots:
    void commitAfterTakeoverIsRefused()
    {
        fbtest::SimulatedExchange exchange;
        QVERIFY(startAtClockBase(exchange, smallAccount(m_clock), m_clock));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));

        // Commit 4 is in the middle of the run (after the run row, the positions and the first
        // income page); the takeover happens right after it, before the run's next write.
        constexpr int kTakeoverAfter = 4;
        sync::EngineConfig config = engineConfig(path, *exchange, m_clock);
        int lastCommit = 0;
        bool tookOver = false;
        QStringList atTakeover;
        config.hooks.afterCommit = [&](int index) {
            lastCommit = index;
            if (index != kTakeoverAfter)
                return;
            tookOver = takeOverLock(path, m_clock.fn()());
            atTakeover = dumpJournal(path);
        };
        const sync::RunSummary s =
            runEngine(config, [&](sync::SyncEngine& e) { e.startRun(params(m_clock, 30, 1)); });

        QVERIFY(tookOver);
        QCOMPARE(lastCommit, kTakeoverAfter); // nothing committed after the takeover
        QCOMPARE(s.status, sync::RunStatus::Interrupted);
        QCOMPARE(s.exitCode, sync::exit_code::Busy);
        QCOMPARE(s.message,
                 QStringLiteral("Another sync took over this journal (no run named yet, pid 4242 "
                                "on other-host). This sync stopped before its next commit: what "
                                "it committed before is kept, nothing after the takeover was "
                                "written."));

        // Not one row of the first writer after the takeover.
        QString diff;
        QVERIFY2(sameJournal(atTakeover, dumpJournal(path), &diff), qPrintable(diff));
        QVERIFY(!atTakeover.isEmpty());

        journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        const auto run = journal::RunStore(db).run(s.runId);
        QVERIFY(run);
        QCOMPARE(run->status, sync::RunStatus::Interrupted);
        QCOMPARE(run->error, s.message);
        // The lock stays the new holder's: the first writer neither released nor refreshed it.
        const auto holder = journal::SyncLock(db).current();
        QVERIFY(holder);
        QCOMPARE(holder->holderId, kIntruder);
    }

    void heartbeatThatFindsTheLockGoneStopsTheRun()
    {
        fbtest::SimulatedExchange exchange;
        QVERIFY(startAtClockBase(exchange, smallAccount(m_clock), m_clock));
        // Every answer takes 300 ms: the heartbeat (every 20 ms) notices the takeover while the
        // run waits for the exchange, before any further commit.
        exchange->setLatencyMs(300);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));

        sync::EngineConfig config = engineConfig(path, *exchange, m_clock);
        config.heartbeatIntervalMs = 20;
        int lastCommit = 0;
        bool tookOver = false;
        config.hooks.afterCommit = [&](int index) {
            lastCommit = index;
            if (index == 1) // the run row; preflight's requests come next
                tookOver = takeOverLock(path, m_clock.fn()());
        };
        const sync::RunSummary s =
            runEngine(config, [&](sync::SyncEngine& e) { e.startRun(params(m_clock, 30, 1)); });

        QVERIFY(tookOver);
        QCOMPARE(lastCommit, 1);
        QCOMPARE(s.status, sync::RunStatus::Interrupted);
        QCOMPARE(s.exitCode, sync::exit_code::Busy);
        QCOMPARE(s.message, QStringLiteral("Another sync took over this journal. This sync stopped "
                                           "before its next commit: what it committed before is "
                                           "kept, nothing after the takeover was written."));
        journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(db).run(s.runId)->status, sync::RunStatus::Interrupted);
        QCOMPARE(journal::SyncLock(db).current()->holderId, kIntruder);
    }

    void takeoverThatResumedTheRunKeepsIt()
    {
        // The holder that took over resumed the stalled run itself: the run is its now, and
        // the stalled writer must not mark it interrupted under its feet.
        fbtest::SimulatedExchange exchange;
        QVERIFY(startAtClockBase(exchange, smallAccount(m_clock), m_clock));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        sync::EngineConfig config = engineConfig(path, *exchange, m_clock);
        QString runId;
        config.hooks.afterCommit = [&](int index) {
            if (index != 4)
                return;
            QVERIFY(takeOverLock(path, m_clock.fn()()));
            journal::Database other(path,
                                    {journal::OpenMode::ReadWrite, QStringLiteral("other"), true});
            runId = journal::RunStore(other).latestRun()->id;
            QVERIFY(journal::SyncLock(other).setRunId(kIntruder, runId));
        };
        const sync::RunSummary s =
            runEngine(config, [&](sync::SyncEngine& e) { e.startRun(params(m_clock, 30, 1)); });
        QCOMPARE(s.runId, runId);
        QCOMPARE(s.exitCode, sync::exit_code::Busy);
        journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(db).run(runId)->status, sync::RunStatus::Running);
    }

    void anotherProgramHoldingTheFileIsBusyInPlainWords()
    {
        // Another program (a SQLite browser, a backup tool) holds the file's write lock for
        // longer than the journal waits: one plain sentence and exit 3, not SQLite's "database
        // is locked", and no run row.
        fbtest::SimulatedExchange exchange;
        QVERIFY(startAtClockBase(exchange, smallAccount(m_clock), m_clock));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        journal::Database other(path,
                                {journal::OpenMode::ReadWrite, QStringLiteral("other"), true});
        journal::Transaction held(other);

        sync::EngineConfig config = engineConfig(path, *exchange, m_clock);
        config.journalBusyTimeoutMs = 100; // then BEGIN is retried 3 times (50, 100, 200 ms)
        const sync::RunSummary s =
            runEngine(config, [&](sync::SyncEngine& e) { e.startRun(params(m_clock, 30, 1)); });
        QCOMPARE(s.exitCode, sync::exit_code::Busy);
        QCOMPARE(s.message, QStringLiteral("Another program keeps the journal locked; close it (or "
                                           "wait for it to finish) and sync again."));
        QCOMPARE(s.runId, QString());
        held.rollback();
        QVERIFY(!journal::RunStore(other).latestRun());
    }
};

QTEST_GUILESS_MAIN(TestSyncLockLoss)
#include "test_sync_lock_loss.moc"
