// Transactions and threads: rollback on destruction and on errors, a reader thread that sees the
// last committed state while a writer holds a write transaction (WAL), busy writers, a full
// disk, connections used from the wrong thread, and the one-sync-at-a-time lock.
#include "journal_test_util.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/transaction.h"

#include <QMutex>
#include <QThread>

#include <functional>

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

QVector<Fill> fills(qint64 firstId, int count)
{
    QVector<Fill> result;
    for (int i = 0; i < count; ++i)
        result.append(makeFill(QStringLiteral("BTCUSDT"), firstId + i, "BUY", "68290.10", "0.010",
                               1761958800000 + i));
    return result;
}

// Runs `work` on a fresh QThread and waits for it; exceptions are reported as text.
QString runOnThread(const std::function<void()>& work)
{
    QString failure;
    QThread* thread = QThread::create([&] {
        try {
            work();
        } catch (const JournalError& error) {
            failure = error.message();
        } catch (const std::exception& error) {
            failure = QString::fromUtf8(error.what());
        }
    });
    thread->start();
    thread->wait();
    delete thread;
    return failure;
}

OpenOptions readOnly(const char* purpose = "reader")
{
    OpenOptions options;
    options.mode = OpenMode::ReadOnly;
    options.purpose = QLatin1String(purpose);
    return options;
}

} // namespace

class TestJournalConcurrency : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_path = journalPath(m_dir, "concurrency.sqlite"); }
    void cleanup()
    {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(m_path + QLatin1String(suffix));
    }

    void transactionWithoutCommitRollsBack()
    {
        Database db(m_path);
        RawStore raw(db);
        {
            Transaction tx(db);
            QCOMPARE(raw.upsertFills(fills(1, 5)).inserted, 5);
            QVERIFY(db.inTransaction());
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(raw.counts().fills, 0);
    }

    void exceptionRollsBack()
    {
        Database db(m_path);
        RawStore raw(db);
        raw.upsertFills(fills(1, 2));
        try {
            Transaction tx(db);
            raw.upsertFills(fills(100, 3));
            throw std::runtime_error("network failed mid-batch");
        } catch (const std::runtime_error&) {
        }
        QCOMPARE(raw.counts().fills, 2);
    }

    void failedStatementLeavesTheDatabaseAsBefore()
    {
        Database db(m_path);
        RawStore raw(db);
        raw.upsertFills(fills(1, 2));
        Position position;
        position.symbol = QStringLiteral("BTCUSDT");
        position.positionAmt = dec("1");
        try {
            Transaction tx(db);
            raw.upsertFills(fills(100, 3));
            // Two rows with the same (account, symbol, positionSide): primary key violation.
            raw.replacePositions(QStringLiteral("main"), {position, position});
            tx.commit();
            QFAIL("a constraint violation was committed");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Constraint);
            QVERIFY2(error.message().contains(QLatin1String("UNIQUE constraint failed")),
                     qPrintable(error.message()));
        }
        QCOMPARE(raw.counts().fills, 2);
        QCOMPARE(raw.counts().positions, 0);
        // The connection is still usable.
        QCOMPARE(raw.upsertFills(fills(100, 3)).inserted, 3);
    }

    void savepointUndoesOnlyItsPart()
    {
        Database db(m_path);
        RawStore raw(db);
        Transaction tx(db);
        raw.upsertFills(fills(1, 2));
        {
            Savepoint symbol(db);
            raw.upsertFills(fills(100, 3));
        } // rolled back: that symbol failed
        {
            Savepoint symbol(db);
            raw.upsertFills(fills(200, 1));
            symbol.release();
        }
        tx.commit();
        QCOMPARE(raw.counts().fills, 3);
    }

    void readerSeesLastCommittedStateWhileWriterWrites()
    {
        Database writer(m_path, OpenOptions{OpenMode::ReadWrite, QStringLiteral("sync")});
        RawStore raw(writer);
        raw.upsertFills(fills(1, 10));

        Transaction tx(writer);
        raw.upsertFills(fills(100, 25)); // uncommitted

        qint64 seen = -1;
        QString mode;
        QString failure = runOnThread([&] {
            Database reader(m_path, readOnly("ui"));
            seen = RawStore(reader).counts().fills;
            mode = reader.journalMode();
        });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(seen, 10);
        QCOMPARE(mode, QStringLiteral("wal"));

        tx.commit();
        failure = runOnThread([&] {
            Database reader(m_path, readOnly("ui"));
            seen = RawStore(reader).counts().fills;
        });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(seen, 35);
    }

    void readerSnapshotIsStableAcrossACommit()
    {
        Database writer(m_path);
        RawStore raw(writer);
        raw.upsertFills(fills(1, 3));
        Database reader(m_path, readOnly());
        Transaction snapshot(reader, Transaction::Mode::Deferred);
        QCOMPARE(RawStore(reader).counts().fills, 3);
        raw.upsertFills(fills(10, 4)); // commits while the reader's snapshot is open
        QCOMPARE(RawStore(reader).counts().fills, 3);
        snapshot.commit();
        QCOMPARE(RawStore(reader).counts().fills, 7);
    }

    void secondWriterGetsBusyNotCorruption()
    {
        Database first(m_path);
        OpenOptions impatient;
        impatient.busyTimeoutMs = 50;
        impatient.busyRetries = 2;
        Database second(m_path, impatient);
        Transaction holding(first);
        RawStore(first).upsertFills(fills(1, 1));
        try {
            Transaction tx(second);
            QFAIL("two writers held the journal at once");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Busy);
            QCOMPARE(error.sqliteCode(), 5);
            QVERIFY2(error.message().contains(QLatin1String("database is locked")),
                     qPrintable(error.message()));
        }
        holding.commit();
        Transaction now(second); // free again
        now.commit();
        QCOMPARE(RawStore(second).counts().fills, 1);
    }

    void fullDiskFailsCleanly()
    {
        Database db(m_path);
        RawStore raw(db);
        raw.upsertFills(fills(1, 10));
        // Simulate a full disk: the file may not grow beyond its current size.
        const int pages = sqlOn(db).scalar(QStringLiteral("PRAGMA page_count")).toInt();
        sqlOn(db).run(QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
        try {
            Transaction tx(db);
            raw.upsertFills(fills(1000, 5000));
            tx.commit();
            QFAIL("wrote past a full disk");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::DiskFull);
            QCOMPARE(error.sqliteCode(), 13);
        }
        QCOMPARE(raw.counts().fills, 10);
        sqlOn(db).run(QStringLiteral("PRAGMA max_page_count = 1073741823"));
        QCOMPARE(raw.upsertFills(fills(1000, 50)).inserted, 50);
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
    }

    void connectionRefusesOtherThreads()
    {
        if (Database::threadMisuseIsFatal())
            QSKIP("debug build: using a connection from another thread aborts by design");
        Database db(m_path);
        const QString failure = runOnThread([&] { RawStore(db).counts(); });
        QVERIFY2(failure.contains(QLatin1String("belongs to another thread")), qPrintable(failure));
        QCOMPARE(RawStore(db).counts().fills, 0); // fine from the owner
    }

    void lockAcquireRefuseAndStaleTakeover()
    {
        Database a(m_path);
        Database b(m_path); // another process, as far as SQLite is concerned
        LockHolder first{QStringLiteral("hostA:100:aa"),
                         QStringLiteral("sync_20261101_080000_1a2b3c4d"),
                         100,
                         QStringLiteral("hostA"),
                         0,
                         0};
        LockHolder second{QStringLiteral("hostB:200:bb"), QString(), 200,
                          QStringLiteral("hostB"),        0,         0};
        const qint64 t0 = 1'800'000'000'000;
        const qint64 stale = 30'000;

        LockAttempt attempt = SyncLock(a).tryAcquire(first, stale, t0);
        QVERIFY(attempt.acquired);
        QVERIFY(!attempt.tookOverStale);

        attempt = SyncLock(b).tryAcquire(second, stale, t0 + 10'000);
        QVERIFY(!attempt.acquired);
        QCOMPARE(attempt.other->holderId, first.holderId);
        QCOMPARE(attempt.message,
                 QStringLiteral("Another sync is already running on this journal: run "
                                "sync_20261101_080000_1a2b3c4d (pid 100 on hostA, last heartbeat "
                                "10 s ago)."));

        QVERIFY(SyncLock(a).heartbeat(first.holderId, t0 + 20'000));
        attempt = SyncLock(b).tryAcquire(second, stale, t0 + 45'000); // 25 s since heartbeat
        QVERIFY(!attempt.acquired);

        attempt = SyncLock(b).tryAcquire(second, stale, t0 + 60'000); // 40 s: holder died
        QVERIFY(attempt.acquired);
        QVERIFY(attempt.tookOverStale);
        QCOMPARE(attempt.other->runId, first.runId);
        QCOMPARE(SyncLock(a).current()->holderId, second.holderId);

        QVERIFY(!SyncLock(a).heartbeat(first.holderId, t0 + 61'000)); // lost it
        QVERIFY(!SyncLock(a).release(first.holderId));
        QVERIFY(SyncLock(b).setRunId(second.holderId, QStringLiteral("sync_x")));
        QVERIFY(SyncLock(b).tryAcquire(second, stale, t0 + 62'000).acquired); // re-entrant
        QVERIFY(SyncLock(b).release(second.holderId));
        QVERIFY(!SyncLock(a).current());
        QVERIFY(SyncLock(a).tryAcquire(first, stale, t0 + 63'000).acquired);
    }

    void lockCannotBeTakenTwiceFromTwoThreads()
    {
        {
            Database init(m_path);
        }
        const qint64 now = 1'800'000'000'000;
        int acquired = 0;
        QMutex mutex;
        QList<QThread*> threads;
        for (int i = 0; i < 4; ++i) {
            threads.append(QThread::create([&, i] {
                Database db(m_path);
                LockHolder me{
                    QStringLiteral("holder-%1").arg(i), QString(), i, QStringLiteral("host"), 0, 0};
                if (SyncLock(db).tryAcquire(me, 30'000, now).acquired) {
                    QMutexLocker lock(&mutex);
                    ++acquired;
                }
            }));
        }
        for (QThread* thread : threads)
            thread->start();
        for (QThread* thread : threads) {
            thread->wait();
            delete thread;
        }
        QCOMPARE(acquired, 1);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestJournalConcurrency)
#include "test_journal_concurrency.moc"
