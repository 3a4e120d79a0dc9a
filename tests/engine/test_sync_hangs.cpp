// Issue 10, defects 7 and 10, in the engine: a hung request never holds the other symbols (the
// batch reports without its straggler, which is carried and committed later), a sync with 1 %
// of its requests hanging ends within a stated bound, and --max-duration ends a run that waits
// out a rate-limit pause.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"

using namespace fb;
using namespace fb::test;

namespace {

// Symbol -> status of the run's symbol rows, read from the journal file.
QMap<QString, QString> symbolStatuses(const QString& db, const QString& runId)
{
    journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
    QSqlQuery q = sqlOn(j).run(
        QStringLiteral("SELECT symbol, status FROM run_symbols WHERE run_id = ?"), {runId});
    QMap<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

QString lastRunId(const QString& db)
{
    journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
    return sqlOn(j)
        .scalar(QStringLiteral("SELECT id FROM runs ORDER BY created_at DESC LIMIT 1"))
        .toString();
}

} // namespace

class TestSyncHangs : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("h%1.sqlite").arg(++m_dbCounter)); }

    void setFaults(const QString& spec)
    {
        QString error;
        QVERIFY2(m_sim->setFaults(spec, &error), qPrintable(error));
        m_sim->resetRateLimits();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock, 11), m_clock),
                 qPrintable(m_sim.errorString()));
    }

    void cleanup() { setFaults(QString()); }

    // Every request of one symbol hangs. Each attempt of it is given up after 3 s; long before
    // the first of those timeouts, every other symbol is committed (on main its batch waited
    // for it, and so did every batch after).
    void hungSymbolNeverHoldsTheOthers()
    {
        QStringList symbols;
        for (const sim::SymbolSpec& s : m_sim->account().symbols())
            symbols << s.symbol;
        std::sort(symbols.begin(), symbols.end());
        QVERIFY(symbols.size() >= 4);
        // In the first batch (batches follow the plan). Not BNBUSDT: its klines price the other
        // symbols' BNB fees; they never hold a batch (D65), but the run's end waits for them.
        symbols.removeAll(QStringLiteral("BNBUSDT"));
        const QString hung = symbols.first();
        setFaults(QStringLiteral("hang-symbol=%1").arg(hung));

        const QString db = newDb();
        sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        config.client.requestTimeoutMs = 3'000;
        config.client.minRequestTimeoutMs = 3'000;    // the hung symbol's bound, exactly:
        config.client.lowestRequestTimeoutMs = 3'000; // a fixed floor, whatever the link
        config.client.retry.maxAttempts = 2;
        config.stragglerGraceMs = 200;
        QElapsedTimer elapsed;
        qint64 firstTimeoutMs = -1;
        // When each symbol was first seen completed, read after every commit.
        QMap<QString, qint64> completedAtMs;
        QString runId;
        config.hooks.afterCommit = [&](int) {
            if (runId.isEmpty())
                runId = lastRunId(db);
            const auto statuses = symbolStatuses(db, runId);
            for (auto it = statuses.begin(); it != statuses.end(); ++it) {
                if (it.value() == QLatin1String("completed") && !completedAtMs.contains(it.key()))
                    completedAtMs.insert(it.key(), elapsed.elapsed());
            }
        };
        const sync::RunParams p = params(m_clock);
        elapsed.start();
        const sync::RunSummary summary = runEngine(
            config, [p](sync::SyncEngine& e) { e.startRun(p); },
            [&](sync::SyncEngine& e) {
                QObject::connect(
                    &e, &sync::SyncEngine::waiting, &e, [&](const sync::WaitNotice& notice) {
                        if (notice.kind == sync::WaitNotice::Kind::Retry &&
                            notice.reason == QLatin1String("timeout") && firstTimeoutMs < 0)
                            firstTimeoutMs = elapsed.elapsed();
                    });
            },
            60'000);
        const qint64 totalMs = elapsed.elapsed();

        QCOMPARE(summary.status, sync::RunStatus::CompletedWithErrors);
        QCOMPARE(summary.failedSymbols, QStringList{hung});
        // The 3 s bound, give or take the 5 % a coarse Qt timer may fire early (the hung
        // symbol's first request now goes out within milliseconds of the start: 2,971 ms seen).
        QVERIFY2(firstTimeoutMs >= 2'850, qPrintable(QString::number(firstTimeoutMs)));
        const auto statuses = symbolStatuses(db, summary.runId);
        QCOMPARE(statuses.value(hung), QStringLiteral("failed"));
        for (const QString& s : std::as_const(symbols)) {
            if (s == hung || !statuses.contains(s))
                continue; // up to date symbols have no requests to wait for
            QCOMPARE(statuses.value(s), QStringLiteral("completed"));
            QVERIFY2(completedAtMs.value(s, -1) >= 0 && completedAtMs.value(s) < firstTimeoutMs,
                     qPrintable(QStringLiteral("%1 committed at %2 ms, the hung symbol's first "
                                               "timeout at %3 ms")
                                    .arg(s)
                                    .arg(completedAtMs.value(s, -1))
                                    .arg(firstTimeoutMs)));
        }
        // Two attempts of 3 s, one backoff (≤ 200 ms), and the rest of the sync.
        QVERIFY2(totalMs < 12'000, qPrintable(QString::number(totalMs)));
    }

    // 1 % of all requests hang, on an account of 20 symbols and 8,000 fills over 89 days (about
    // 200 requests now that a sync costs near its lower bound; seed 5 draws one hang). What is
    // asserted is behaviour, not a time target (issue 12's target 5, 1.5 × the clean run's
    // time, is fillbook-bench's --hang-only figure): the hang was injected, the run completed,
    // and it cost well under the 10 s ceiling a stalled request would wait (half of it, a margin
    // no machine's load erases, where the adaptive bound costs under a second). A hang costs its
    // request one adaptive
    // timeout (per endpoint, max(4 × p90, 2 × slowest) of its recent answers, here the floor:
    // 20 × the median answer between 250 and 500 ms, D176 — loopback answers take
    // milliseconds) and an immediate retry, and holds no other
    // symbol (docs/design.md D95). Before: 8 × the slowest answer of any endpoint with a
    // 1 s floor, a backoff after the timeout; on main before issue 10 each hang cost the 10 s
    // ceiling and held its batch and every later one.
    void onePercentHangsEndWithinTheBound()
    {
        fbtest::SimulatedExchange exchange;
        sim::SimulatorConfig account = fbtest::simAccount(5, 20, 8000, 90);
        account.weightLimit = fbtest::kAmpleWeightLimit;
        QVERIFY2(startAtClockBase(exchange, account, m_clock), qPrintable(exchange.errorString()));
        const sync::RunParams p = params(m_clock, 89, 4);
        auto run = [&](const QString& faults) {
            QString error;
            if (!exchange->setFaults(faults, &error))
                qFatal("%s", qPrintable(error));
            exchange->resetRateLimits();
            exchange->resetStats();
            const QString db = newDb();
            sync::EngineConfig config = engineConfig(db, *exchange, m_clock);
            config.client.requestTimeoutMs = 10'000;
            config.client.minRequestTimeoutMs = 500;
            config.stragglerGraceMs = 300;
            QElapsedTimer t;
            t.start();
            const sync::RunSummary s = runEngine(
                config, [p](sync::SyncEngine& e) { e.startRun(p); }, {}, 120'000);
            return std::make_pair(s, t.elapsed());
        };
        const auto [clean, cleanMs] = run(QString());
        QCOMPARE(clean.status, sync::RunStatus::Completed);
        const auto [hangs, hangsMs] = run(QStringLiteral("hang=0.01"));
        const QJsonObject stats = exchange->stats();
        qInfo("clean sync %lld ms; with 1 %% hangs %lld ms (%lld requests, faults %s)",
              qint64(cleanMs), qint64(hangsMs), hangs.requests,
              QJsonDocument(stats.value(QStringLiteral("faults")).toObject())
                  .toJson(QJsonDocument::Compact)
                  .constData());
        QCOMPARE(hangs.status, sync::RunStatus::Completed);
        const int injected =
            stats.value(QStringLiteral("faults")).toObject().value(QStringLiteral("hang")).toInt();
        QVERIFY2(injected >= 1, "no request hung: the test would prove nothing");
        QVERIFY2(hangsMs - cleanMs < qint64(injected) * 5'000,
                 qPrintable(QStringLiteral("%1 ms with %2 hang(s), %3 ms clean")
                                .arg(hangsMs)
                                .arg(injected)
                                .arg(cleanMs)));
    }

    // Once the symbols are planned every request meets a 429 whose pause lasts to the end of
    // the (one-minute) weight window, and the client would wait and re-send up to 20 times.
    // --max-duration 1.5 s still ends the run at its limit: paused, exit 5, its income
    // committed; the resume completes it.
    void durationLimitEndsARateLimitWait()
    {
        const QString db = newDb();
        sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        config.maxDurationMs = 1'500;
        bool limited = false;
        const sync::RunParams p = params(m_clock);
        QElapsedTimer t;
        t.start();
        const sync::RunSummary paused = runEngine(
            config, [p](sync::SyncEngine& e) { e.startRun(p); },
            [&](sync::SyncEngine& e) {
                QObject::connect(&e, &sync::SyncEngine::stateChanged, &e,
                                 [&](sync::SyncEngine::State state) {
                                     if (state == sync::SyncEngine::State::Plan)
                                         setFaults(QStringLiteral("http429=1"));
                                 });
                QObject::connect(&e, &sync::SyncEngine::rateLimited, &e,
                                 [&](qint64) { limited = true; });
            },
            20'000);
        const qint64 ms = t.elapsed();
        QVERIFY(limited);
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        QVERIFY2(paused.message.contains(QStringLiteral("(time limit).")),
                 qPrintable(paused.message));
        QVERIFY(paused.resumable());
        QVERIFY2(ms >= 1'400 && ms < 5'000, qPrintable(QString::number(ms)));
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            QVERIFY(sqlOn(j).scalar(QStringLiteral("SELECT COUNT(*) FROM income")).toLongLong() >
                    0);
            QCOMPARE(
                sqlOn(j)
                    .scalar(QStringLiteral("SELECT status FROM runs WHERE id = ?"), {paused.runId})
                    .toString(),
                QStringLiteral("paused"));
        }
        setFaults(QString());
        const QString runId = paused.runId;
        const sync::RunSummary done =
            runEngine(engineConfig(db, *m_sim, m_clock),
                      [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
        QCOMPARE(done.status, sync::RunStatus::Completed);
    }
};

QTEST_GUILESS_MAIN(TestSyncHangs)
#include "test_sync_hangs.moc"
