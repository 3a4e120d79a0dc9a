// The sync engine against fillbook-sim over real loopback sockets: a full run, an incremental
// run's request count, exact resume after an interruption at every commit, a failed write at
// every write, and the plain failures (empty account, wrong secret, a second sync).
#include "engine_test_util.h"

#include "sync/binance/income_pager.h"
#include "sync/engine/sync_worker.h"

#include "sync/journal/run_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_store.h"
#include <QRegularExpression>

using namespace fb;
using namespace fb::test;

class TestSyncEngine : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    QStringList m_reference;
    int m_referenceCommits = 0;
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_dbCounter)); }

    sim::Simulator& simulator()
    {
        if (!m_sim.isRunning() && !startAtClockBase(m_sim, smallAccount(m_clock), m_clock))
            qFatal("%s", qPrintable(m_sim.errorString()));
        return *m_sim;
    }

    sync::RunSummary sync(const QString& db, sync::EngineHooks hooks = {}, int maxBatches = 0,
                          qint64 laterMs = 0)
    {
        sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
        config.hooks = std::move(hooks);
        config.maxBatches = maxBatches;
        sync::RunParams p = params(m_clock);
        p.rangeToMs += laterMs;
        freshWeightWindow();
        return runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
    }

    // One simulator serves dozens of syncs a minute here, and it counts weight per IP per
    // minute as Binance does; the client then rightly holds requests until the minute ends.
    // Each sync starts in a fresh window so the tests measure the engine, not the budget
    // (which tests/binance covers).
    void freshWeightWindow() { simulator().resetRateLimits(); }

    sync::RunSummary resume(const QString& db, const QString& runId)
    {
        freshWeightWindow();
        sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
        return runEngine(config, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        // The uninterrupted reference every other journal is compared with.
        const QString db = newDb();
        sync::EngineHooks hooks;
        hooks.afterCommit = [this](int n) { m_referenceCommits = n; };
        const sync::RunSummary summary = sync(db, hooks);
        QCOMPARE(summary.status, sync::RunStatus::Completed);
        QCOMPARE(summary.exitCode, sync::exit_code::Completed);
        m_reference = dumpJournal(db);
        QVERIFY(m_reference.size() > 3000);
        qInfo("reference: %lld rows, %d commits, %lld requests, %lld weight, %lld trades",
              qint64(m_reference.size()), m_referenceCommits, summary.requests, summary.weightUsed,
              summary.tradesInserted);
    }

    void fullSyncStoresEverythingTheExchangeServes()
    {
        const QString db = newDb();
        const sync::RunSummary summary = sync(db);
        QCOMPARE(summary.status, sync::RunStatus::Completed);
        QVERIFY(summary.failedSymbols.isEmpty());
        QCOMPARE(summary.symbolsCompleted, summary.symbolsTotal);
        QVERIFY(summary.tradesInserted > 50);
        // Every served fill is in the journal exactly once.
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        qint64 served = 0;
        for (const QString& symbol : simulator().account().symbolNames()) {
            for (const Fill& f : simulator().account().fills(symbol))
                served += f.time >= params(m_clock).rangeFromMs ? 1 : 0;
        }
        QCOMPARE(sqlOn(j).scalar(QStringLiteral("SELECT COUNT(*) FROM fills")).toLongLong(),
                 served);
        // Reconciliation of a clean account matches to the last decimal.
        journal::RunStore runs(j);
        const auto run = runs.run(summary.runId);
        QVERIFY(run);
        QCOMPARE(run->status, journal::RunStatus::Completed);
        const auto report = ReconciliationReport::fromJson(
            QJsonDocument::fromJson(run->reconciliationJson.toUtf8()).object());
        QVERIFY(report);
        QVERIFY2(report->allMatch(), qPrintable(report->mismatches().value(0).describe()));
        QCOMPARE(dumpJournal(db), m_reference);
    }

    void incrementalSyncWithNothingNewIsCheap()
    {
        const QString db = newDb();
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        const QStringList before = dumpJournal(db).filter(
            QRegularExpression(QStringLiteral("^(fill|income|order|trade)\\|")));
        // An hour later, nothing new happened on the exchange.
        const sync::RunSummary again = sync(db, {}, 0, 3'600'000);
        QCOMPARE(again.status, sync::RunStatus::Completed);
        int openSymbols = 0;
        QSet<QString> open;
        for (const Position& p : simulator().account().positions()) {
            if (!p.positionAmt.isZero())
                open.insert(p.symbol);
        }
        openSymbols = static_cast<int>(open.size());
        QVERIFY(openSymbols > 0);
        // Preflight (time, exchangeInfo, positionRisk) + one income page + one fills page per
        // symbol with an open position. Nothing else: quiet symbols cost nothing, and orders
        // are not asked for when no new fill needs them.
        QCOMPARE(again.requests, qint64(3 + 1 + openSymbols));
        QCOMPARE(again.recordsInserted, qint64(0));
        QCOMPARE(again.tradesInserted, qint64(0));
        {
            // A completed run is stored as 100 % done, although much of what was planned for an
            // incremental run turned out not to be needed; and with its final request count.
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            const auto run = journal::RunStore(j).run(again.runId);
            QVERIFY(run);
            QVERIFY(run->counters.plannedUnits > 0);
            QCOMPARE(run->counters.doneUnits, run->counters.plannedUnits);
            QCOMPARE(run->counters.requests, again.requests);
        }
        QCOMPARE(dumpJournal(db).filter(
                     QRegularExpression(QStringLiteral("^(fill|income|order|trade)\\|"))),
                 before);
    }

    void interruptedAfterEveryCommitResumesToTheSameJournal()
    {
        QVERIFY(m_referenceCommits > 5);
        for (int n = 1; n <= m_referenceCommits; ++n) {
            const QString db = newDb();
            sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
            sync::SyncEngine* engine = nullptr;
            config.hooks.afterCommit = [&engine, n](int commit) {
                if (commit == n)
                    engine->interrupt();
            };
            const sync::RunParams p = params(m_clock);
            freshWeightWindow();
            const sync::RunSummary first = runEngine(config, [&engine, p](sync::SyncEngine& e) {
                engine = &e;
                e.startRun(p);
            });
            if (first.status == sync::RunStatus::Completed) {
                // Interrupting after the very last commit (the run's own end) has no effect.
                QCOMPARE(dumpJournal(db), m_reference);
                continue;
            }
            QCOMPARE(first.status, sync::RunStatus::Interrupted);
            QCOMPARE(first.exitCode, sync::exit_code::Interrupted);
            const sync::RunSummary resumed = resume(db, first.runId);
            QVERIFY2(resumed.status == sync::RunStatus::Completed,
                     qPrintable(QStringLiteral("commit %1: %2").arg(n).arg(resumed.message)));
            QCOMPARE(resumed.runId, first.runId);
            QString diff;
            QVERIFY2(
                sameJournal(m_reference, dumpJournal(db), &diff),
                qPrintable(QStringLiteral("interrupted after commit %1: %2").arg(n).arg(diff)));
        }
    }

    void failedWriteAtEveryPointThenNextSyncReachesTheSameJournal()
    {
        for (int n = 1; n <= m_referenceCommits; ++n) {
            const QString db = newDb();
            sync::EngineHooks hooks;
            hooks.beforeCommit = [n](int write) {
                if (write == n)
                    throw journal::JournalError(journal::JournalError::Kind::DiskFull,
                                                QStringLiteral("database or disk is full"), 13);
            };
            const sync::RunSummary failed = sync(db, hooks);
            QCOMPARE(failed.exitCode, sync::exit_code::Journal);
            QVERIFY(failed.message.contains(QStringLiteral("database or disk is full")));
            const sync::RunSummary next = sync(db);
            QVERIFY2(next.status == sync::RunStatus::Completed, qPrintable(next.message));
            QString diff;
            QVERIFY2(sameJournal(m_reference, dumpJournal(db), &diff),
                     qPrintable(QStringLiteral("write %1 failed: %2").arg(n).arg(diff)));
        }
    }

    void batchLimitPausesAndResumeCompletes()
    {
        const QString db = newDb();
        const sync::RunSummary paused = sync(db, {}, 1);
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        // Says why, and that it can go on (how is the front end's to say).
        QVERIFY2(paused.message.contains(QStringLiteral("(batch limit)")),
                 qPrintable(paused.message));
        QVERIFY(paused.resumable());
        const sync::RunSummary done = resume(db, paused.runId);
        QCOMPARE(done.status, sync::RunStatus::Completed);
        QCOMPARE(dumpJournal(db), m_reference);
    }

    void durationLimitPausesBetweenIncomePages()
    {
        const QString db = newDb();
        sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
        config.maxDurationMs = 60'000;
        // Write 4 is the first income page (1: the run row, 2: symbol precisions, 3:
        // positions); two minutes pass while it commits, and the ledger has more pages.
        config.hooks.afterCommit = [this](int commit) {
            if (commit == 4)
                m_clock.advance(120'000);
        };
        const sync::RunParams p = params(m_clock);
        freshWeightWindow();
        const sync::RunSummary paused =
            runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        QVERIFY2(paused.message.startsWith(QStringLiteral("Paused after 2 min")) &&
                     paused.message.contains(QStringLiteral("(time limit).")),
                 qPrintable(paused.message));
        QVERIFY(paused.resumable());
        QCOMPARE(paused.requests, qint64(3 + 1)); // preflight and one income page, no more
        QCOMPARE(paused.symbolsTotal, 0);         // the symbol phase was never reached
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            QCOMPARE(sqlOn(j).scalar(QStringLiteral("SELECT COUNT(*) FROM income")).toLongLong(),
                     1000);
            QCOMPARE(sqlOn(j).scalar(QStringLiteral("SELECT COUNT(*) FROM fills")).toLongLong(), 0);
            // The page's coverage committed with it: from the range start to before the
            // page's last millisecond.
            QCOMPARE(sqlOn(j)
                         .scalar(QStringLiteral("SELECT covered_from FROM coverage WHERE stream = "
                                                "'income'"))
                         .toLongLong(),
                     p.rangeFromMs);
            QCOMPARE(sqlOn(j)
                         .scalar(QStringLiteral("SELECT covered_to + 1 FROM coverage WHERE stream "
                                                "= 'income'"))
                         .toLongLong(),
                     sqlOn(j).scalar(QStringLiteral("SELECT MAX(time) FROM income")).toLongLong());
        }
        const sync::RunSummary done = resume(db, paused.runId);
        QCOMPARE(done.status, sync::RunStatus::Completed);
        QString diff;
        QVERIFY2(sameJournal(m_reference, dumpJournal(db), &diff), qPrintable(diff));
    }

    void unknownRunIdIsAPlainError()
    {
        const QString db = newDb();
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        const sync::RunSummary r = resume(db, QStringLiteral("sync_20260101_000000_deadbeef"));
        QCOMPARE(r.exitCode, sync::exit_code::Usage);
        QCOMPARE(r.message, QStringLiteral("Run 'sync_20260101_000000_deadbeef' not found."));
    }

    void emptyAccountCompletesWithNoTrades()
    {
        QFile dataset(m_dir.filePath(QStringLiteral("empty.json")));
        QVERIFY(dataset.open(QIODevice::WriteOnly));
        dataset.write(R"({"fills": [], "income": [], "orders": [], "positions": [],
                          "symbols": ["BTCUSDT"], "hedgeMode": false})");
        dataset.close();
        sim::SimulatorConfig config = smallAccount(m_clock);
        config.datasetPath = dataset.fileName();
        fbtest::SimulatedExchange exchange;
        QVERIFY2(exchange.start(config), qPrintable(exchange.errorString()));
        sim::Simulator& quiet = *exchange;
        const QString db = newDb();
        sync::EngineConfig c = engineConfig(db, quiet, m_clock);
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s = runEngine(c, [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(s.status, sync::RunStatus::Completed);
        QCOMPARE(s.tradesInserted, qint64(0));
        QCOMPARE(s.recordsInserted, qint64(0));
        // time, exchangeInfo, positionRisk, and one empty income page per income window.
        const sync::RunParams range = params(m_clock);
        QCOMPARE(s.requests, 3 + binance::windowCount(range.rangeFromMs, range.rangeToMs,
                                                      binance::kIncomeWindowMs));
    }

    void wrongSecretFailsPlainlyAndWritesNothingButTheRun()
    {
        const QString db = newDb();
        sync::EngineConfig c = engineConfig(db, simulator(), m_clock);
        c.client.apiSecret = QByteArrayLiteral("not-the-secret");
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s = runEngine(c, [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(s.status, sync::RunStatus::Failed);
        QCOMPARE(s.exitCode, sync::exit_code::Auth);
        QVERIFY2(s.message.contains(QStringLiteral("secret"), Qt::CaseInsensitive),
                 qPrintable(s.message));
        QVERIFY(!s.message.contains(QStringLiteral("not-the-secret")));
        QCOMPARE(s.retries, 0);
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(sqlOn(j).scalar(QStringLiteral("SELECT COUNT(*) FROM income")).toLongLong(), 0);
        QCOMPARE(sqlOn(j).scalar(QStringLiteral("SELECT COUNT(*) FROM fills")).toLongLong(), 0);
        QCOMPARE(sqlOn(j).scalar(QStringLiteral("SELECT status FROM runs")).toString(),
                 QStringLiteral("failed"));
    }

    void secondConcurrentSyncIsRefused()
    {
        const QString db = newDb();
        sync::EngineConfig c = engineConfig(db, simulator(), m_clock);
        sync::SyncEngine first(c);
        QSignalSpy firstDone(&first, &sync::SyncEngine::finished);
        QSignalSpy started(&first, &sync::SyncEngine::runStarted);
        first.startRun(params(m_clock));
        QVERIFY(!started.isEmpty() || started.wait(10'000));
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary second = runEngine(c, [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(second.exitCode, sync::exit_code::Busy);
        QVERIFY2(second.message.contains(started.first().first().toString()),
                 qPrintable(second.message)); // names the holder's run
        QVERIFY(firstDone.wait(120'000));
        QCOMPARE(firstDone.first().first().value<sync::RunSummary>().status,
                 sync::RunStatus::Completed);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "test_sync_engine.moc"
