// The engine against a misbehaving exchange: every fault kind at once, a symbol that always
// fails, and an IP ban. Each ends, once resumed where needed, in exactly the journal of a clean
// run (a failing symbol excepted, which is named and retried by the next sync).
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/run_store.h"

using namespace fb;
using namespace fb::test;

class TestSyncFaults : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    QStringList m_reference;
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("f%1.sqlite").arg(++m_dbCounter)); }

    sync::RunSummary sync(const QString& db)
    {
        m_sim->resetRateLimits(); // see test_sync_engine.cpp: a fresh weight window per sync
        const sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        const sync::RunParams p = params(m_clock);
        return runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
    }

    sync::RunSummary resume(const QString& db, const QString& runId)
    {
        m_sim->resetRateLimits();
        const sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        return runEngine(config, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
    }

    void setFaults(const char* spec)
    {
        QString error;
        QVERIFY2(m_sim->setFaults(QLatin1String(spec), &error), qPrintable(error));
        m_sim->resetRateLimits();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        sim::SimulatorConfig config = smallAccount(m_clock, 11);
        // A compressed minute: spurious 429s pause the client for at most a second.
        config.timeScale = Decimal::fromInt(60);
        QVERIFY2(startAtClockBase(m_sim, config, m_clock), qPrintable(m_sim.errorString()));
        const QString db = newDb();
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        m_reference = dumpJournal(db);
    }

    void everyFaultKindStillEndsInTheCleanJournal()
    {
        setFaults("http500=0.05,http503=0.05,reset=0.05,hang=0.04,truncate=0.05,badjson=0.05,"
                  "http429=0.04,skew=3000");
        m_sim->resetStats();
        const QString db = newDb();
        sync::RunSummary s = sync(db);
        // A request may exhaust its retries; then its symbol failed or the run paused. Either
        // way the next attempt must converge on the same journal.
        for (int attempt = 0; attempt < 5 && s.status != sync::RunStatus::Completed; ++attempt) {
            qInfo("attempt %d ended %s: %s", attempt, qPrintable(runStatusName(s.status)),
                  qPrintable(s.message));
            s = (s.status == sync::RunStatus::Paused || s.status == sync::RunStatus::Interrupted)
                    ? resume(db, s.runId)
                    : sync(db);
        }
        QCOMPARE(s.status, sync::RunStatus::Completed);
        const QJsonObject stats = m_sim->stats();
        qInfo("faults injected: %s", QJsonDocument(stats.value(QStringLiteral("faults")).toObject())
                                         .toJson(QJsonDocument::Compact)
                                         .constData());
        // Which request draws which fault depends on arrival order (four requests are in
        // flight), so the test asserts that faults of most kinds really happened, not which.
        const QJsonObject injected = stats.value(QStringLiteral("faults")).toObject();
        qint64 total = 0;
        for (const QJsonValue& v : injected)
            total += v.toInteger();
        QVERIFY2(injected.size() >= 5 && total >= 10,
                 QJsonDocument(injected).toJson(QJsonDocument::Compact).constData());
        QString diff;
        QVERIFY2(sameJournal(m_reference, dumpJournal(db), &diff), qPrintable(diff));
        setFaults("");
    }

    void aPermanentlyFailingSymbolDoesNotStopTheOthers()
    {
        const QString broken = m_sim->account().symbolNames().at(1);
        setFaults(qPrintable(QStringLiteral("fail-symbol=%1").arg(broken)));
        const QString db = newDb();
        const sync::RunSummary s = sync(db);
        QCOMPARE(s.status, sync::RunStatus::CompletedWithErrors);
        QCOMPARE(s.exitCode, sync::exit_code::CompletedWithErrors);
        QCOMPARE(s.failedSymbols, QStringList{broken});
        QCOMPARE(s.symbolsCompleted, s.symbolsTotal - 1);
        QVERIFY(s.message.contains(broken));
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        const auto failed =
            journal::RunStore(j).runSymbols(s.runId, {journal::SymbolStatus::Failed});
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().symbol, broken);
        QVERIFY(!failed.first().error.isEmpty());
        // Fixed on the exchange's side: the next sync fetches only that symbol and converges.
        setFaults("");
        const sync::RunSummary next = sync(db);
        QCOMPARE(next.status, sync::RunStatus::Completed);
        QString diff;
        QVERIFY2(sameJournal(m_reference, dumpJournal(db), &diff), qPrintable(diff));
    }

    // A symbol fails once; resuming its completed_with_errors run retries exactly that symbol
    // and ends completed, every symbol synced as in a clean run.
    void resumingARunWithFailedSymbolsRetriesThem()
    {
        const QString broken = m_sim->account().symbolNames().at(2);
        setFaults(qPrintable(QStringLiteral("fail-symbol=%1").arg(broken)));
        const QString db = newDb();
        const sync::RunSummary failed = sync(db);
        QCOMPARE(failed.status, sync::RunStatus::CompletedWithErrors);
        QCOMPARE(failed.failedSymbols, QStringList{broken});
        QVERIFY2(failed.message.startsWith(QStringLiteral("1 of %1 symbols failed: %2 (")
                                               .arg(failed.symbolsTotal)
                                               .arg(broken)),
                 qPrintable(failed.message));
        QVERIFY(!failed.resumable()); // not offered by the banner or auto-resume
        QVERIFY(sync::canRetryFailedSymbols(failed.status));
        QVector<journal::RunSymbolRecord> before;
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            before = journal::RunStore(j).runSymbols(failed.runId);
        }
        QVERIFY(before.size() > 2);

        setFaults(""); // the exchange answers again
        const sync::RunSummary retried = resume(db, failed.runId);
        QCOMPARE(retried.runId, failed.runId);
        QCOMPARE(retried.status, sync::RunStatus::Completed);
        QCOMPARE(retried.exitCode, sync::exit_code::Completed);
        QCOMPARE(retried.failedSymbols, QStringList());
        QCOMPARE(retried.message, QStringLiteral("Sync completed."));

        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        journal::RunStore runs(j);
        const journal::RunRecord run = *runs.run(failed.runId);
        QCOMPARE(run.status, journal::RunStatus::Completed);
        QCOMPARE(run.counters.failedSymbols, 0);
        QCOMPARE(run.error, QString());
        // Exactly the failed symbol was attempted again: the others' rows are untouched.
        const QVector<journal::RunSymbolRecord> after = runs.runSymbols(failed.runId);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].symbol, before[i].symbol);
            QCOMPARE(after[i].status, journal::SymbolStatus::Completed);
            if (after[i].symbol == broken) {
                QCOMPARE(before[i].status, journal::SymbolStatus::Failed);
                QCOMPARE(after[i].error, QString());
            } else {
                QCOMPARE(after[i], before[i]);
            }
        }
        QString diff;
        QVERIFY2(sameJournal(m_reference, dumpJournal(db), &diff), qPrintable(diff));

        // A completed run has nothing left to retry.
        const sync::RunSummary again = resume(db, failed.runId);
        QCOMPARE(again.exitCode, sync::exit_code::Usage);
        QCOMPARE(again.message,
                 QStringLiteral("Run '%1' is completed; only interrupted or paused runs, or runs "
                                "with failed symbols, can be resumed.")
                     .arg(failed.runId));
    }

    void anIpBanPausesTheRunUntilItEnds()
    {
        setFaults("ban-after=25");
        const QString db = newDb();
        const sync::RunSummary paused = sync(db);
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        QVERIFY(paused.resumeAfterMs > m_clock.fn()());
        QVERIFY2(paused.message.contains(QStringLiteral("banned")), qPrintable(paused.message));
        QVERIFY(m_sim->stats().value(QStringLiteral("banned418")).toInteger() >= 1);
        // The ban ends; the run resumes where it stopped.
        setFaults("");
        m_clock.advance(paused.resumeAfterMs - m_clock.fn()() + 1000);
        const sync::RunSummary done = resume(db, paused.runId);
        QCOMPARE(done.status, sync::RunStatus::Completed);
        QString diff;
        QVERIFY2(sameJournal(m_reference, dumpJournal(db), &diff), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "test_sync_faults.moc"
