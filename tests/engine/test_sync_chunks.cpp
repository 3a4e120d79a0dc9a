// Bounded memory per commit (EngineConfig::commitRecordCap): a symbol whose fetched records
// exceed the cap commits them in chunks, with coverage advanced exactly to what they complete,
// stays in_progress and has its trades rebuilt only when its last chunk commits. A run in
// chunks, and a run interrupted after any of its commits and resumed, end in exactly the
// journal of an uninterrupted run without chunks.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sql_access.h"

using namespace fb;
using namespace fb::test;

class TestSyncChunks : public QObject
{
    Q_OBJECT

    static constexpr int kCap = 250;

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    ReferenceRun m_reference; // the run without chunks
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_dbCounter)); }

    // Each run starts in a fresh weight window of the simulator: its used-weight header counts
    // every run of the minute, and before exchangeInfo answers the client budgets Binance's
    // default 2400 (see test_sync_engine's freshWeightWindow).
    sync::EngineConfig config(const QString& db, int cap)
    {
        m_sim->resetRateLimits();
        sync::EngineConfig c = engineConfig(db, *m_sim, m_clock);
        c.commitRecordCap = cap;
        return c;
    }

    // Everything the coverage of an unfinished symbol claims is stored, and its fill cursor is
    // the newest fill stored; its trades are not built yet. Returns whether such a symbol was
    // found (a chunk had committed).
    bool checkUnfinishedSymbols(const QString& db, const QString& runId)
    {
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        bool found = false;
        for (const journal::RunSymbolRecord& s : journal::RunStore(j).runSymbols(runId)) {
            if (s.status != journal::SymbolStatus::InProgress)
                continue;
            const qint64 stored =
                sqlOn(j)
                    .scalar(QStringLiteral("SELECT COUNT(*) FROM fills WHERE symbol = '%1'")
                                .arg(s.symbol))
                    .toLongLong();
            const qint64 storedOrders =
                sqlOn(j)
                    .scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE symbol = '%1'")
                                .arg(s.symbol))
                    .toLongLong();
            if (stored + storedOrders == 0)
                continue;
            found = true;
            if (sqlOn(j)
                    .scalar(QStringLiteral("SELECT COUNT(*) FROM trades WHERE symbol = '%1'")
                                .arg(s.symbol))
                    .toLongLong() != 0)
                qFatal("%s: trades built before its last chunk", qPrintable(s.symbol));
            QSqlQuery c =
                sqlOn(j).run(QStringLiteral("SELECT covered_from, covered_to, last_id FROM "
                                            "coverage WHERE stream = 'fills' AND symbol = ?"),
                             {s.symbol});
            if (!c.next())
                continue; // no fill page completed a span yet
            const qint64 from = c.value(0).toLongLong();
            const qint64 to = c.value(1).toLongLong();
            qint64 claimed = 0;
            for (const Fill& f : m_sim->account().fills(s.symbol))
                claimed += f.time >= from && f.time <= to ? 1 : 0;
            const qint64 storedInCoverage =
                sqlOn(j)
                    .scalar(QStringLiteral("SELECT COUNT(*) FROM fills WHERE symbol = '%1' AND "
                                           "time BETWEEN %2 AND %3")
                                .arg(s.symbol)
                                .arg(from)
                                .arg(to))
                    .toLongLong();
            if (claimed != storedInCoverage)
                qFatal("%s: coverage claims %lld fills, %lld stored", qPrintable(s.symbol), claimed,
                       storedInCoverage);
            if (stored > 0 &&
                c.value(2).toLongLong() !=
                    sqlOn(j)
                        .scalar(QStringLiteral("SELECT MAX(id) FROM fills WHERE symbol = '%1'")
                                    .arg(s.symbol))
                        .toLongLong())
                qFatal("%s: the fill cursor is not the newest stored fill", qPrintable(s.symbol));
        }
        return found;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock), m_clock),
                 qPrintable(m_sim.errorString()));
        // The reference: no chunks at all.
        m_reference = referenceRun(config(newDb(), 0), params(m_clock));
        QVERIFY(m_reference.dump.size() > 3000);
    }

    void chunkedRunEndsInTheSameJournal()
    {
        const QString db = newDb();
        sync::EngineConfig c = config(db, kCap);
        int commits = 0;
        c.hooks.afterCommit = [&commits](int n) { commits = n; };
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s = runEngine(c, [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(s.status, sync::RunStatus::Completed);
        QVERIFY2(
            commits > m_reference.commits + 5,
            qPrintable(QStringLiteral("%1 commits vs %2").arg(commits).arg(m_reference.commits)));
        QString diff;
        QVERIFY2(sameJournal(m_reference.dump, dumpJournal(db), &diff), qPrintable(diff));
    }

    void interruptedAfterEveryCommitResumesToTheSameJournal()
    {
        int chunkStates = 0;
        for (int n = 1;; ++n) {
            const QString db = newDb();
            sync::EngineConfig c = config(db, kCap);
            sync::SyncEngine* engine = nullptr;
            c.hooks.afterCommit = [&engine, n](int commit) {
                if (commit == n)
                    engine->interrupt();
            };
            const sync::RunParams p = params(m_clock);
            const sync::RunSummary first = runEngine(c, [&engine, p](sync::SyncEngine& e) {
                engine = &e;
                e.startRun(p);
            });
            if (first.status == sync::RunStatus::Completed) {
                QString diff;
                QVERIFY2(sameJournal(m_reference.dump, dumpJournal(db), &diff), qPrintable(diff));
                QVERIFY(n > m_reference.commits);
                break;
            }
            QCOMPARE(first.status, sync::RunStatus::Interrupted);
            chunkStates += checkUnfinishedSymbols(db, first.runId) ? 1 : 0;
            sync::EngineConfig r = config(db, kCap);
            const QString runId = first.runId;
            const sync::RunSummary resumed =
                runEngine(r, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
            QVERIFY2(resumed.status == sync::RunStatus::Completed,
                     qPrintable(QStringLiteral("commit %1: %2").arg(n).arg(resumed.message)));
            QString diff;
            QVERIFY2(
                sameJournal(m_reference.dump, dumpJournal(db), &diff),
                qPrintable(QStringLiteral("interrupted after commit %1: %2").arg(n).arg(diff)));
        }
        QVERIFY(chunkStates > 3); // the loop did stop between chunks of a symbol
    }
};

QTEST_GUILESS_MAIN(TestSyncChunks)
#include "test_sync_chunks.moc"
