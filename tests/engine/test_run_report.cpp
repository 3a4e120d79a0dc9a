// The run's report (docs/design.md §3.11, §3.12; issue 10, defects 8 and 16): every count is
// the run's over all its attempts, stored in the run row (trades, invalid trades, batches), a
// run with failed symbols keeps its message, the progress line counts the trades of the batches
// committed before it, and the CLI's summary line and `status` show the success rate, the
// batches, the invalid trades and each symbol's duration and retries. Engine tests run on the
// test clock against the simulator; CLI tests start a real fillbook-cli against a second
// simulator on the real clock (real loopback sockets; this thread's event loop serves both).
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/run_store.h"
#include "sync/journal/trade_store.h"
#include "tests/support/records.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

using namespace fb;
using namespace fb::test;

class TestRunReport : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;    // engine tests, on m_clock
    fbtest::SimulatedExchange m_cliSim; // fillbook-cli, on the real clock
    QTemporaryDir m_dir;
    int m_dbs = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_dbs)); }

    sync::RunSummary sync(const QString& db, int maxBatches = 0)
    {
        m_sim->resetRateLimits();
        sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        config.maxBatches = maxBatches;
        const sync::RunParams p = params(m_clock);
        return runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
    }

    sync::RunSummary resume(const QString& db, const QString& runId)
    {
        m_sim->resetRateLimits();
        const sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        return runEngine(config, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
    }

    struct Result
    {
        int exitCode = -1;
        QString output;
    };

    Result runCli(const QString& db, const QStringList& command)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(sim::kDemoApiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(sim::kDemoApiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        QProcess p;
        p.setProcessEnvironment(env);
        // stdout only: the summary and progress lines; errors go to stderr.
        p.start(QStringLiteral(FILLBOOK_CLI),
                QStringList{QStringLiteral("--db"), db, QStringLiteral("--base-url"),
                            m_cliSim.baseUrl().toString()} +
                    command);
        if (!p.waitForStarted())
            qFatal("fillbook-cli did not start");
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120'000))
            qFatal("fillbook-cli did not finish");
        Result r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.output = QString::fromUtf8(p.readAllStandardOutput());
        return r;
    }

    static QMap<QString, qint64> tradesPerSymbol(const QString& db)
    {
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QMap<QString, qint64> counts;
        journal::TradeFilter all;
        all.withParts = false;
        for (const JournalTrade& t : journal::TradeStore(j).loadTrades(all))
            counts[t.symbol] += 1;
        return counts;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock), m_clock),
                 qPrintable(m_sim.errorString()));
        QVERIFY2(m_cliSim.start(fbtest::smallAccount()), qPrintable(m_cliSim.errorString()));
    }

    // Defect 8: a run paused after one batch and resumed reports the same counts, records AND
    // trades, batches and symbols, as the same run done in one go; so does its stored row.
    void aResumedRunCountsItsWholeRun()
    {
        const sync::RunSummary whole = sync(newDb());
        QCOMPARE(whole.status, sync::RunStatus::Completed);
        QVERIFY(whole.tradesInserted > 0);
        QCOMPARE(whole.batchesTotal, qint64(3)); // 6 symbols in batches of 2
        QCOMPARE(whole.batchesDone, qint64(3));

        const QString db = newDb();
        const sync::RunSummary first = sync(db, 1);
        QCOMPARE(first.status, sync::RunStatus::Paused);
        QCOMPARE(first.batchesDone, qint64(1));
        QCOMPARE(first.batchesTotal, qint64(3));
        QVERIFY(first.tradesInserted > 0);
        QVERIFY(first.tradesInserted < whole.tradesInserted);
        const sync::RunSummary done = resume(db, first.runId);
        QCOMPARE(done.status, sync::RunStatus::Completed);
        QCOMPARE(done.recordsInserted, whole.recordsInserted);
        QCOMPARE(done.duplicatesSkipped, whole.duplicatesSkipped);
        QCOMPARE(done.tradesInserted, whole.tradesInserted);
        QCOMPARE(done.tradesUpdated, whole.tradesUpdated);
        QCOMPARE(done.batchesDone, qint64(3));
        QCOMPARE(done.batchesTotal, qint64(3));
        QCOMPARE(done.symbolsTotal, whole.symbolsTotal);
        QCOMPARE(done.symbolsCompleted, whole.symbolsCompleted);
        QCOMPARE(done.successRate(), 1.0);

        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        const auto run = journal::RunStore(j).run(first.runId);
        QVERIFY(run);
        QCOMPARE(run->counters.inserted, whole.recordsInserted);
        QCOMPARE(run->counters.tradesInserted, whole.tradesInserted);
        QCOMPARE(run->counters.tradesUpdated, whole.tradesUpdated);
        QCOMPARE(run->counters.batchesDone, qint64(3));
        QCOMPARE(run->counters.batchesTotal, qint64(3));
        // The stored summary carries the counts the run ended with, not zeros.
        const sync::RunSummary stored =
            sync::RunSummary::fromJson(QJsonDocument::fromJson(run->summaryJson.toUtf8()).object());
        QCOMPARE(stored.tradesInserted, whole.tradesInserted);
        QCOMPARE(stored.recordsInserted, whole.recordsInserted);
        QCOMPARE(stored.symbolsCompleted, whole.symbolsCompleted);
    }

    // Defect 8: a completed_with_errors run stores its message, naming each failed symbol with
    // its reason, as the run's own message.
    void aRunWithFailedSymbolsStoresItsMessage()
    {
        const QString broken = m_sim->account().symbolNames().at(1);
        QString error;
        QVERIFY2(m_sim->setFaults(QStringLiteral("fail-symbol=%1").arg(broken), &error),
                 qPrintable(error));
        const QString db = newDb();
        const sync::RunSummary s = sync(db);
        QVERIFY(m_sim->setFaults(QString(), &error));
        QCOMPARE(s.status, sync::RunStatus::CompletedWithErrors);
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        journal::RunStore runs(j);
        const auto failed = runs.runSymbols(s.runId, {journal::SymbolStatus::Failed});
        QCOMPARE(failed.size(), 1);
        QVERIFY(!failed.first().error.isEmpty());
        const QString expected =
            QStringLiteral("1 of 6 symbols failed: %1 (%2).").arg(broken, failed.first().error);
        QCOMPARE(s.message, expected);
        QCOMPARE(runs.run(s.runId)->error, expected);
        QCOMPARE(s.symbolsTotal, 6);
        QCOMPARE(s.symbolsCompleted, 5);
        QCOMPARE(s.successRate(), 5.0 / 6.0);
        const journal::SymbolTally tally = runs.symbolTally(s.runId);
        QCOMPARE(tally.completed, qint64(5));
        QCOMPARE(tally.failed, qint64(1));
        QCOMPARE(tally.total(), qint64(6));
    }

    // Defect 8: the trades the run wrote flagged INVALID are counted per run. A fill with a zero
    // price fails validation (docs/design.md §2.8).
    void invalidTradesAreCountedPerRun()
    {
        sim::Account& account = m_sim->account();
        const sim::Account clean = account;
        const QString symbol = account.symbolNames().at(0);
        const qint64 time = account.fills(symbol).last().time + 1;
        QVERIFY(time <= m_clock.base);
        account.appendFill(
            fbtest::makeFill(symbol, account.nextFillId(symbol), "BUY", "0", "0.001", time));
        const QString db = newDb();
        const sync::RunSummary s = sync(db);
        account = clean;
        QCOMPARE(s.status, sync::RunStatus::Completed);
        qint64 invalid = 0;
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            invalid = journal::TradeStore(j).countTrades().invalid;
            QCOMPARE(journal::RunStore(j).run(s.runId)->counters.invalidTrades, invalid);
        }
        QVERIFY(invalid > 0);
        QCOMPARE(s.invalidTrades, invalid); // a fresh journal: every trade is this run's

        // A second sync writes no trade, so it counts none, though the journal still has them.
        const sync::RunSummary again = sync(db);
        QCOMPARE(again.invalidTrades, qint64(0));
    }

    // Defect 16: each plain progress line counts the trades of every batch committed before it.
    // With the next batch fetched while the previous commits, its line used to be printed
    // before that commit, one batch short.
    void plainProgressLinesCountCommittedBatches()
    {
        const QString db = newDb();
        m_cliSim->resetRateLimits();
        // Each batch its own commit (its own line): batches grouped into one commit (D175)
        // print one line for the group.
        const Result r = runCli(db, {QStringLiteral("sync"), QStringLiteral("--batch-size"),
                                     QStringLiteral("2"), QStringLiteral("--commit-each-batch")});
        QCOMPARE(r.exitCode, 0);
        const QMap<QString, qint64> trades = tradesPerSymbol(db);
        static const QRegularExpression line(
            QStringLiteral("^Processing (.*) \\(batch (\\d+)/(\\d+)\\) — (\\d+) trades? inserted "
                           "so far \\(\\d+%\\)$"));
        static const QRegularExpression last(
            QStringLiteral("^Reconciling and writing the report — (\\d+) trades? inserted so far"));
        qint64 committed = 0; // trades of the batches before the line
        int batches = 0;
        qint64 total = -1;
        for (const QString& text : r.output.split(QLatin1Char('\n'))) {
            if (const auto m = last.match(text); m.hasMatch())
                total = m.captured(1).toLongLong();
            const auto m = line.match(text);
            if (!m.hasMatch())
                continue;
            ++batches;
            QCOMPARE(m.captured(2).toInt(), batches);
            QCOMPARE(m.captured(3).toInt(), 3);
            QCOMPARE(m.captured(4).toLongLong(), committed);
            QString names = m.captured(1);
            names.remove(QStringLiteral("…"));
            for (const QString& symbol : names.split(QStringLiteral(", ")))
                committed += trades.value(symbol);
        }
        QCOMPARE(batches, 3);
        QVERIFY(committed > 0);
        QCOMPARE(total, committed);
    }

    // The same rule for --json-progress: a snapshot naming batch k counts at least the trades of
    // batches 1..k-1 and at most those of 1..k, in order.
    void jsonProgressCountsCommittedBatches()
    {
        const QString db = newDb();
        m_cliSim->resetRateLimits();
        const Result r =
            runCli(db, {QStringLiteral("sync"), QStringLiteral("--batch-size"), QStringLiteral("2"),
                        QStringLiteral("--json-progress"), QStringLiteral("--commit-each-batch")});
        QCOMPARE(r.exitCode, 0);
        const QMap<QString, qint64> trades = tradesPerSymbol(db);
        QMap<int, qint64> batchTrades; // batch -> its trades
        QVector<QJsonObject> events;
        for (const QString& text : r.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            if (o.value(QStringLiteral("event")).toString() != QLatin1String("progress") ||
                o.value(QStringLiteral("phase")).toString() != QLatin1String("symbols") ||
                o.value(QStringLiteral("batch")).toInt() == 0)
                continue;
            const int batch = o.value(QStringLiteral("batch")).toInt();
            qint64 sum = 0;
            for (const QJsonValue& v : o.value(QStringLiteral("symbols")).toArray())
                sum += trades.value(v.toString());
            batchTrades.insert(batch, sum);
            events.append(o);
        }
        QCOMPARE(batchTrades.keys(), (QList<int>{1, 2, 3}));
        qint64 previous = 0;
        for (const QJsonObject& o : std::as_const(events)) {
            const int batch = o.value(QStringLiteral("batch")).toInt();
            qint64 before = 0;
            for (int k = 1; k < batch; ++k)
                before += batchTrades.value(k);
            const qint64 shown = o.value(QStringLiteral("tradesInserted")).toInteger();
            QVERIFY2(shown >= before && shown <= before + batchTrades.value(batch),
                     qPrintable(QStringLiteral("batch %1 shows %2 trades; %3 were committed "
                                               "before it")
                                    .arg(batch)
                                    .arg(shown)
                                    .arg(before)));
            QVERIFY(shown >= previous);
            previous = shown;
        }
    }

    // Defects 8 and 16: the CLI's summary line and `status` (plain and --json) show the success
    // rate, the batches and the invalid trades; `status RUN_ID` each symbol's duration and
    // retries.
    void summaryLineAndStatusShowTheReport()
    {
        const QString broken = m_cliSim->account().symbolNames().at(2);
        QString error;
        QVERIFY(m_cliSim->setFaults(QStringLiteral("fail-symbol=%1").arg(broken), &error));
        m_cliSim->resetRateLimits();
        const QString db = newDb();
        const Result r = runCli(
            db, {QStringLiteral("sync"), QStringLiteral("--batch-size"), QStringLiteral("2")});
        QVERIFY(m_cliSim->setFaults(QString(), &error));
        QCOMPARE(r.exitCode, sync::exit_code::CompletedWithErrors);

        journal::RunRecord run;
        QVector<journal::RunSymbolRecord> symbols;
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            run = *journal::RunStore(j).latestRun();
            symbols = journal::RunStore(j).runSymbols(run.id);
        }
        const journal::RunCounters& c = run.counters;
        QCOMPARE(c.batchesDone, qint64(3));
        QCOMPARE(c.batchesTotal, qint64(3));
        const QString counts =
            QStringLiteral("%1 trades inserted, %2 updated, 0 invalid; 1 failed symbols; success "
                           "rate 83 % (5 of 6 symbols); 3/3 batches; ")
                .arg(c.tradesInserted)
                .arg(c.tradesUpdated);
        QVERIFY2(r.output.contains(QStringLiteral("Run %1 completed_with_errors: ").arg(run.id)),
                 qPrintable(r.output));
        QVERIFY2(r.output.contains(counts), qPrintable(r.output));

        const Result status = runCli(db, {QStringLiteral("status"), run.id});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.output.contains(
                     QStringLiteral("\n  %1 trades inserted, %2 updated, 0 invalid; success rate "
                                    "83 % (5 of 6 symbols); 3/3 batches\n")
                         .arg(c.tradesInserted)
                         .arg(c.tradesUpdated)),
                 qPrintable(status.output));
        QVERIFY2(status.output.contains(QStringLiteral("\n  %1\n").arg(run.error)),
                 qPrintable(status.output));
        QVERIFY(run.error.startsWith(QStringLiteral("1 of 6 symbols failed: %1 (").arg(broken)));
        for (const journal::RunSymbolRecord& s : std::as_const(symbols)) {
            QVERIFY(s.startedAt && s.endedAt);
            const qint64 ms = *s.endedAt - *s.startedAt; // tenths of a second below 10 s
            const QString duration =
                ms >= 10'000 ? sync::formatDuration(ms)
                             : QStringLiteral("%1.%2 s").arg(ms / 1000).arg(ms % 1000 / 100);
            const QString expected =
                QStringLiteral("  %1 %2 %3 records, %4 inserted, %5, %6 %7")
                    .arg(s.symbol.leftJustified(14), symbolStatusName(s.status).leftJustified(12))
                    .arg(s.recordsFetched)
                    .arg(s.inserted)
                    .arg(duration)
                    .arg(s.retries)
                    .arg(s.retries == 1 ? QStringLiteral("retry") : QStringLiteral("retries"));
            QVERIFY2(status.output.contains(expected), qPrintable(expected + status.output));
            if (s.symbol == broken)
                QVERIFY(s.retries > 0); // the simulator's 500s were retried
        }

        const Result json =
            runCli(db, {QStringLiteral("status"), run.id, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.output.toUtf8())
                                  .object()
                                  .value(QStringLiteral("runs"))
                                  .toArray()
                                  .first()
                                  .toObject();
        QCOMPARE(o.value(QStringLiteral("successRate")).toDouble(), 5.0 / 6.0);
        QCOMPARE(o.value(QStringLiteral("symbolsCompleted")).toInteger(), 5);
        QCOMPARE(o.value(QStringLiteral("symbolsFailed")).toInteger(), 1);
        QCOMPARE(o.value(QStringLiteral("symbolsTotal")).toInteger(), 6);
        QCOMPARE(o.value(QStringLiteral("batchesDone")).toInteger(), 3);
        QCOMPARE(o.value(QStringLiteral("batchesTotal")).toInteger(), 3);
        QCOMPARE(o.value(QStringLiteral("invalidTrades")).toInteger(), 0);
        QCOMPARE(o.value(QStringLiteral("tradesInserted")).toInteger(), c.tradesInserted);
        QCOMPARE(o.value(QStringLiteral("message")).toString(), run.error);
        const QJsonArray rows = o.value(QStringLiteral("symbols")).toArray();
        QCOMPARE(rows.size(), symbols.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows.at(i).toObject();
            QCOMPARE(row.value(QStringLiteral("symbol")).toString(), symbols[i].symbol);
            QCOMPARE(row.value(QStringLiteral("durationMs")).toInteger(),
                     *symbols[i].endedAt - *symbols[i].startedAt);
            QCOMPARE(row.value(QStringLiteral("retries")).toInteger(), symbols[i].retries);
        }
    }
};

QTEST_GUILESS_MAIN(TestRunReport)
#include "test_run_report.moc"
