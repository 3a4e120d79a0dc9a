// `fillbook-cli resume RUN_ID` on a run that ended completed_with_errors retries its failed
// symbols and ends completed. A sync's retries are printed from the engine's wait notices (the
// desktop's source too): one "retrying" line, or JSON event, per retry the run counts. A real
// fillbook-cli process against the in-process simulator (real loopback sockets; the test's event
// loop serves while it waits).
#include "engine_test_util.h"

#include "sync/journal/run_store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

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

    // Answers that fail with HTTP 503 now and then: each retry is one line (plain output) and
    // one "retrying" event (--json-progress), as many as the run's own count of retries.
    void retriesArePrintedOncePerRetry()
    {
        QString error;
        QVERIFY2(m_sim->setFaults(QStringLiteral("http503=0.08"), &error), qPrintable(error));
        m_sim->resetRateLimits();
        const Result json = runCli(m_dir.filePath(QStringLiteral("retry-json.sqlite")),
                                   {QStringLiteral("sync"), QStringLiteral("--json-progress")});
        QVERIFY2(json.exitCode == sync::exit_code::Completed, qPrintable(json.output));
        int events = 0;
        int retries = -1;
        for (const QString& line : json.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            const QString event = o.value(QStringLiteral("event")).toString();
            if (event == QLatin1String("finished"))
                retries = o.value(QStringLiteral("retries")).toInt();
            if (event != QLatin1String("retrying"))
                continue;
            ++events;
            QCOMPARE(o.keys(), (QStringList{QStringLiteral("attempt"), QStringLiteral("delayMs"),
                                            QStringLiteral("endpoint"), QStringLiteral("event"),
                                            QStringLiteral("reason")}));
            QVERIFY2(
                o.value(QStringLiteral("endpoint")).toString().startsWith(QStringLiteral("GET /")),
                qPrintable(line));
            QVERIFY2(o.value(QStringLiteral("attempt")).toInt() >= 2, qPrintable(line));
            QVERIFY2(o.value(QStringLiteral("delayMs")).toInteger() >= 0, qPrintable(line));
            QVERIFY2(
                o.value(QStringLiteral("reason")).toString().startsWith(QStringLiteral("HTTP 503")),
                qPrintable(line));
        }
        QVERIFY2(events > 0, qPrintable(json.output));
        QCOMPARE(events, retries);

        m_sim->resetRateLimits();
        const Result lines =
            runCli(m_dir.filePath(QStringLiteral("retry-lines.sqlite")), {QStringLiteral("sync")});
        QVERIFY(m_sim->setFaults(QString(), &error));
        QVERIFY2(lines.exitCode == sync::exit_code::Completed, qPrintable(lines.output));
        const QRegularExpression retryLine(
            QStringLiteral("^retrying GET /\\S+( \\S+)? \\(attempt (\\d+) in (\\d+) ms\\): "
                           "HTTP 503.*$"));
        const QRegularExpression summary(QStringLiteral("; (\\d+) retries; "));
        int printed = 0;
        int counted = -1;
        for (const QString& line : lines.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QStringLiteral("retrying "))) {
                ++printed;
                const QRegularExpressionMatch m = retryLine.match(line);
                QVERIFY2(m.hasMatch(), qPrintable(line));
                QVERIFY2(m.captured(2).toInt() >= 2, qPrintable(line));
            } else if (line.startsWith(QStringLiteral("Run "))) {
                const QRegularExpressionMatch m = summary.match(line);
                QVERIFY2(m.hasMatch(), qPrintable(line));
                counted = m.captured(1).toInt();
            }
        }
        QVERIFY2(printed > 0, qPrintable(lines.output));
        QCOMPARE(printed, counted);
    }
};

QTEST_GUILESS_MAIN(TestCliRetryFailed)
#include "test_cli_retry_failed.moc"
