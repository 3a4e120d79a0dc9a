// `fillbook-cli resume RUN_ID` on a run that ended completed_with_errors retries its failed
// symbols and ends completed. A real fillbook-cli process against the in-process simulator (real
// loopback sockets; the test's event loop serves while it waits).
#include "engine_test_util.h"

#include "sync/journal/run_store.h"

#include <QProcess>

using namespace fb;
using namespace fb::test;

class TestCliRetryFailed : public QObject
{
    Q_OBJECT

    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;

    struct Result
    {
        int exitCode = -1;
        QString output;
    };

    // Runs fillbook-cli to its end while this thread's event loop serves the simulator.
    Result runCli(const QString& db, const QStringList& command)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(sim::kDemoApiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(sim::kDemoApiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(FILLBOOK_CLI),
                QStringList{QStringLiteral("--db"), db, QStringLiteral("--base-url"),
                            m_sim.baseUrl().toString()} +
                    command);
        if (!p.waitForStarted())
            qFatal("fillbook-cli did not start");
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120'000))
            qFatal("fillbook-cli did not finish");
        Result r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.output = QString::fromUtf8(p.readAll());
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sim.start(fbtest::smallAccount()), qPrintable(m_sim.errorString()));
    }

    void resumeRetriesTheFailedSymbolsOfARun()
    {
        const QString broken = m_sim->account().symbolNames().at(1);
        QString error;
        QVERIFY2(m_sim->setFaults(QStringLiteral("fail-symbol=%1").arg(broken), &error),
                 qPrintable(error));
        const QString db = m_dir.filePath(QStringLiteral("retry.sqlite"));
        const Result first = runCli(db, {QStringLiteral("sync")});
        QCOMPARE(first.exitCode, sync::exit_code::CompletedWithErrors);
        QString runId;
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            const auto run = journal::RunStore(j).latestRun();
            QVERIFY(run);
            QCOMPARE(run->status, journal::RunStatus::CompletedWithErrors);
            runId = run->id;
        }
        // The way on is named: resuming the run retries the symbol.
        // A complete command: this journal and the run's own exchange.
        const QString command = QStringLiteral("fillbook-cli --db %1 --base-url %2 resume %3")
                                    .arg(db, m_sim->baseUrl().toString(), runId);
        QVERIFY2(first.output.contains(QStringLiteral("Retry them with: ") + command),
                 qPrintable(first.output));

        const Result status = runCli(db, {QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.output.endsWith(QStringLiteral("  Retry its failed symbols with: ") +
                                        command + QLatin1Char('\n')),
                 qPrintable(status.output));

        QVERIFY(m_sim->setFaults(QString(), &error));
        m_sim->resetRateLimits();
        const Result retried = runCli(db, {QStringLiteral("resume"), runId});
        QVERIFY2(retried.exitCode == sync::exit_code::Completed, qPrintable(retried.output));
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        journal::RunStore runs(j);
        QCOMPARE(runs.run(runId)->status, journal::RunStatus::Completed);
        QCOMPARE(runs.run(runId)->counters.failedSymbols, 0);
        QCOMPARE(runs.runSymbols(runId, {journal::SymbolStatus::Failed}).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliRetryFailed)
#include "test_cli_retry_failed.moc"
