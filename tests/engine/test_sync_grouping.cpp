// Grouped commits (EngineConfig::commitGroupMs, docs/design.md D175): batches that arrive soon
// after the last commit are held and committed with the next ones. A grouped run ends in
// exactly the journal of a run that commits every batch alone, with fewer commits; a Stop while
// batches are held commits them (nothing fetched is thrown away on a clean stop); a journal
// failure at the grouped commit loses nothing committed and the resume ends in the same journal.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sql_access.h"

using namespace fb;
using namespace fb::test;

class TestSyncGrouping : public QObject
{
    Q_OBJECT

    // Long enough that no batch of these runs commits on the clock: only the run's end, a
    // stop, or the held-record cap commits them.
    static constexpr qint64 kHoldAll = 3'600'000;

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    ReferenceRun m_reference; // every batch committed alone
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("g%1.sqlite").arg(++m_dbCounter)); }

    sync::EngineConfig config(const QString& db, qint64 groupMs)
    {
        m_sim->resetRateLimits(); // a fresh weight window per run (see test_sync_chunks)
        sync::EngineConfig c = engineConfig(db, *m_sim, m_clock);
        c.commitGroupMs = groupMs;
        return c;
    }

    // The symbols with `status` in the journal's runs (each journal here has one run when it is
    // asked), read on a connection of its own: also from a commit hook, mid-run.
    static int symbolsIn(const QString& db, journal::SymbolStatus status)
    {
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        return sqlOn(j)
            .scalar(QStringLiteral("SELECT COUNT(*) FROM run_symbols WHERE status = ?"),
                    {journal::symbolStatusName(status)})
            .toInt();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock), m_clock),
                 qPrintable(m_sim.errorString()));
        // The reference: every batch committed alone.
        m_reference = referenceRun(config(newDb(), 0), params(m_clock));
        QVERIFY(m_reference.dump.size() > 3000);
        // 6 symbols in batches of 2: three batch commits, besides the run's own writes.
        QVERIFY2(m_reference.commits >= 3, qPrintable(QString::number(m_reference.commits)));
    }

    void groupedRunEndsInTheSameJournalWithFewerCommits()
    {
        const QString db = newDb();
        sync::EngineConfig c = config(db, kHoldAll);
        int commits = 0;
        c.hooks.afterCommit = [&commits](int n) { commits = n; };
        int batchesSeen = 0;
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s = runEngine(
            c, [p](sync::SyncEngine& e) { e.startRun(p); },
            [&batchesSeen](sync::SyncEngine& e) {
                QObject::connect(&e, &sync::SyncEngine::progress,
                                 [&batchesSeen](const sync::ProgressSnapshot& snap) {
                                     batchesSeen = std::max(batchesSeen, snap.batchIndex);
                                 });
            });
        QCOMPARE(s.status, sync::RunStatus::Completed);
        QCOMPARE(batchesSeen, 3);
        // The three batches went into one commit: at least two fewer writes than one commit a
        // batch (the fee valuation after each commit is grouped too).
        QVERIFY2(commits <= m_reference.commits - 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(commits).arg(m_reference.commits)));
        QString diff;
        QVERIFY2(sameJournal(m_reference.dump, dumpJournal(db), &diff), qPrintable(diff));
    }

    void stopWhileBatchesAreHeldCommitsThem()
    {
        const QString db = newDb();
        sync::EngineConfig c = config(db, kHoldAll);
        const sync::RunParams p = params(m_clock);
        // Stop right after the third batch is marked in_progress (its fetch starts): the first
        // two batches are fetched and held, nothing of them committed yet.
        sync::SyncEngine* engine = nullptr;
        int stopAt = 0;
        int commits = 0;
        c.hooks.afterCommit = [&](int n) {
            commits = n;
            if (stopAt > 0)
                return;
            if (symbolsIn(db, journal::SymbolStatus::InProgress) == 6 &&
                symbolsIn(db, journal::SymbolStatus::Completed) == 0) {
                stopAt = n;
                engine->interrupt(); // as the exact-resume tests do, from the hook
            }
        };
        const sync::RunSummary s = runEngine(
            c, [p](sync::SyncEngine& e) { e.startRun(p); },
            [&engine](sync::SyncEngine& e) { engine = &e; });
        QCOMPARE(s.status, sync::RunStatus::Interrupted);
        QVERIFY(stopAt > 0);
        // The held batches' four symbols were committed by the stop (then the run's end is
        // written), not thrown away; the third batch's two are fetched again on resume.
        QCOMPARE(commits, stopAt + 2);
        QCOMPARE(symbolsIn(db, journal::SymbolStatus::Completed), 4);
        QCOMPARE(symbolsIn(db, journal::SymbolStatus::InProgress), 2);

        const sync::RunSummary resumed =
            runEngine(config(db, kHoldAll), [&s](sync::SyncEngine& e) { e.resumeRun(s.runId); });
        QCOMPARE(resumed.status, sync::RunStatus::Completed);
        QString diff;
        QVERIFY2(sameJournal(m_reference.dump, dumpJournal(db), &diff), qPrintable(diff));
    }

    void failedGroupedCommitLosesNothingAndSyncsAgain()
    {
        const sync::RunParams p = params(m_clock);
        // A probe run finds which write is the grouped commit: the one after which the run's
        // six symbols are completed (the runs are the same, so their writes are too).
        int groupedWrite = 0;
        {
            const QString probe = newDb();
            sync::EngineConfig pc = config(probe, kHoldAll);
            pc.hooks.afterCommit = [&](int n) {
                if (groupedWrite > 0)
                    return;
                if (symbolsIn(probe, journal::SymbolStatus::Completed) == 6)
                    groupedWrite = n;
            };
            QCOMPARE(runEngine(pc, [p](sync::SyncEngine& e) { e.startRun(p); }).status,
                     sync::RunStatus::Completed);
        }
        QVERIFY(groupedWrite > 0);

        const QString db = newDb();
        sync::EngineConfig c = config(db, kHoldAll);
        c.hooks.beforeCommit = [groupedWrite](int n) {
            if (n == groupedWrite)
                throw journal::JournalError(journal::JournalError::Kind::Other,
                                            QStringLiteral("simulated I/O error"));
        };
        const sync::RunSummary s = runEngine(c, [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(s.status, sync::RunStatus::Failed);
        // Nothing of the held batches was written: their symbols are still to fetch.
        QCOMPARE(symbolsIn(db, journal::SymbolStatus::Completed), 0);

        // "Fix the cause and sync again": the next sync ends in the reference journal.
        QCOMPARE(
            runEngine(config(db, kHoldAll), [p](sync::SyncEngine& e) { e.startRun(p); }).status,
            sync::RunStatus::Completed);
        QString diff;
        QVERIFY2(sameJournal(m_reference.dump, dumpJournal(db), &diff), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestSyncGrouping)
#include "test_sync_grouping.moc"
