// The sync connection's WAL bound (EngineConfig::walCheckpointPages, docs/design.md
// D154): where the log is checkpointed never changes what the journal holds, and the
// end of a run leaves the journal file itself complete, even while another connection (the
// desktop) keeps the file open so that closing the sync's connection does not checkpoint it.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"

#include <QFile>

using namespace fb;
using namespace fb::test;

class TestSyncWal : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("w%1.sqlite").arg(++m_dbCounter)); }

    sync::EngineConfig config(const QString& db, int walPages)
    {
        m_sim->resetRateLimits(); // each run in a fresh weight window (test_sync_chunks)
        sync::EngineConfig c = engineConfig(db, *m_sim, m_clock);
        c.walCheckpointPages = walPages;
        return c;
    }

    QStringList runSync(const QString& db, int walPages)
    {
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s =
            runEngine(config(db, walPages), [p](sync::SyncEngine& e) { e.startRun(p); });
        if (s.status != sync::RunStatus::Completed)
            qFatal("the sync did not complete: %s", qPrintable(s.message));
        return dumpJournal(db);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock), m_clock),
                 qPrintable(m_sim.errorString()));
    }

    void defaultBoundIs64MiB() { QCOMPARE(sync::EngineConfig{}.walCheckpointPages, 16'384); }

    void everyBoundEndsInTheSameJournal()
    {
        // 1 page: a checkpoint inside every COMMIT; SQLite's default; the engine's default.
        const QStringList reference = runSync(newDb(), sync::EngineConfig{}.walCheckpointPages);
        QVERIFY(reference.size() > 3000);
        for (int pages : {1, 1000}) {
            QString diff;
            QVERIFY2(sameJournal(reference, runSync(newDb(), pages), &diff),
                     qPrintable(QStringLiteral("%1 pages: %2").arg(pages).arg(diff)));
        }
    }

    void runEndLeavesTheFileComplete()
    {
        const QString db = newDb();
        {
            journal::Database create(db);
        } // the schema, so that a reader can open it
        // A reader holds the file open through the run (no transaction: nothing pins the log),
        // so the sync closing its connection is not the last close that would checkpoint.
        journal::Database reader(db,
                                 {journal::OpenMode::ReadOnly, QStringLiteral("reader"), false});
        const QStringList synced = runSync(db, sync::EngineConfig{}.walCheckpointPages);
        QVERIFY(synced.size() > 3000);
        // The file without its log: only what the checkpoint copied.
        const QString copy = m_dir.filePath(QStringLiteral("copy.sqlite"));
        QVERIFY(QFile::copy(db, copy));
        QString diff;
        QVERIFY2(sameJournal(synced, dumpJournal(copy), &diff), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestSyncWal)
#include "test_sync_wal.moc"
