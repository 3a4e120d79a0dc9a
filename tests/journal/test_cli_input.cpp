// fillbook-cli's input checks: bad input is refused with one sentence and exit 2 before anything
// is created or sent (no journal file, no run row, no request, no progress line), and resume
// takes the same run limits as sync. The built binary runs against the simulator on loopback.
#include "sync/journal/database.h"
#include "sync/journal/run_store.h"
#include "tests/support/sim_fixture.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using namespace fb::journal;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString utcDate(qint64 daysFromToday)
{
    return QDateTime::currentDateTimeUtc().date().addDays(daysFromToday).toString(Qt::ISODate);
}

} // namespace

class TestCliInput : public QObject
{
    Q_OBJECT

    fbtest::SimulatedExchange m_exchange;
    QTemporaryDir m_dir;
    int m_refusals = 0;

    // A journal path in a folder that does not exist yet: a refused command must create neither.
    QString freshJournal(const QString& name) const
    {
        return m_dir.filePath(name + QStringLiteral("/journal.sqlite"));
    }

    // Runs fillbook-cli to its end while this thread's event loop serves the simulator.
    Result runCli(const QString& db, const QStringList& arguments,
                  const QString& baseUrl = QString())
    {
        const fb::binance::ClientConfig config = m_exchange.clientConfig();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromUtf8(config.apiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromUtf8(config.apiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(FILLBOOK_CLI_PATH),
                      QStringList{QStringLiteral("--db"), db, QStringLiteral("--base-url"),
                                  baseUrl.isEmpty() ? m_exchange.baseUrl().toString() : baseUrl} +
                          arguments);
        if (!process.waitForStarted(10'000))
            qFatal("fillbook-cli did not start");
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60'000))
            qFatal("fillbook-cli did not finish");
        Result result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    qint64 requestsServed() const
    {
        return m_exchange->stats().value(QStringLiteral("requests")).toInteger();
    }

    // Refused with exit 2 and exactly `error` on stderr; nothing printed, created or sent.
    void expectRefusedUntouched(const QStringList& arguments, const QString& error,
                                const QString& baseUrl = QString())
    {
        const QString db = freshJournal(QStringLiteral("refused%1").arg(++m_refusals));
        const qint64 requestsBefore = requestsServed();
        const Result r = runCli(db, arguments, baseUrl);
        QCOMPARE(r.out, QString()); // no "Checking the exchange clock…" either
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: ") + error + QLatin1Char('\n'));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(requestsServed(), requestsBefore);
        QVERIFY(!QFileInfo::exists(db));
        QVERIFY(!QFileInfo::exists(QFileInfo(db).absolutePath()));
    }

    // The symbols of `runId` that are completed.
    static int completedSymbols(const QString& db, const QString& runId)
    {
        Database journal(db);
        int completed = 0;
        for (const RunSymbolRecord& s : RunStore(journal).runSymbols(runId))
            completed += s.status == SymbolStatus::Completed ? 1 : 0;
        return completed;
    }

    static std::optional<RunRecord> latestRun(const QString& db)
    {
        Database journal(db);
        return RunStore(journal).latestRun();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_exchange.start(fbtest::smallAccount()), qPrintable(m_exchange.errorString()));
    }

    // Before: --until 1970-01-02 made a range starting before 1970 (a negative startTime), the
    // run paused with exit 5 and could never finish.
    void untilOlderThanTheExchangeKeepsIsRefused()
    {
        const QString first = QDateTime::fromMSecsSinceEpoch(
                                  QDateTime::currentMSecsSinceEpoch() - 90LL * 86'400'000, Qt::UTC)
                                  .date()
                                  .addDays(1)
                                  .toString(Qt::ISODate);
        expectRefusedUntouched(
            {QStringLiteral("sync"), QStringLiteral("--until"), QStringLiteral("1970-01-02")},
            QStringLiteral("--until '1970-01-02' is older than the 90 days the "
                           "exchange keeps; use a date from %1 on.")
                .arg(first));
    }

    // Before: both were reported as "--since 'D' is not a past date as YYYY-MM-DD.".
    void sinceOnOrAfterUntilIsRefused()
    {
        const QString since = utcDate(-3);
        for (const QString& until : {utcDate(-3), utcDate(-5)}) {
            expectRefusedUntouched({QStringLiteral("sync"), QStringLiteral("--since"), since,
                                    QStringLiteral("--until"), until},
                                   QStringLiteral("--since '%1' is not before --until '%2'; give "
                                                  "a start date earlier than the end date.")
                                       .arg(since, until));
        }
        expectRefusedUntouched(
            {QStringLiteral("sync"), QStringLiteral("--since"), utcDate(1)},
            QStringLiteral("--since '%1' is not a past date as YYYY-MM-DD.").arg(utcDate(1)));
    }

    // Before: an empty account contacted the exchange, then failed to write (exit 7).
    void emptyAccountIsRefused()
    {
        for (const QString& account : {QString(), QStringLiteral("  ")}) {
            expectRefusedUntouched({QStringLiteral("--account"), account, QStringLiteral("sync")},
                                   QStringLiteral("--account needs a name (e.g. --account main)."));
        }
    }

    // Before: the engine refused the URL only after creating the journal and a failed run row,
    // and printed "Checking the exchange clock and limits… (0%)" first.
    void refusedBaseUrlCreatesNothing()
    {
        expectRefusedUntouched(
            {QStringLiteral("sync")},
            QStringLiteral("--base-url 'http://example.com' is plain http, which would send the "
                           "API key unencrypted; use https:// (http is accepted only for a "
                           "simulator on this computer: 127.0.0.1, ::1 or localhost)."),
            QStringLiteral("http://user:secret@example.com"));
        expectRefusedUntouched({QStringLiteral("sync")},
                               QStringLiteral("--base-url 'ftp://example.com' is not an https:// "
                                              "URL (e.g. https://testnet.binancefuture.com)."),
                               QStringLiteral("ftp://example.com"));
        expectRefusedUntouched({QStringLiteral("sync")},
                               QStringLiteral("--base-url 'example.com' is not a URL (e.g. "
                                              "https://testnet.binancefuture.com)."),
                               QStringLiteral("example.com"));
    }

    void badRunLimitsAreRefused()
    {
        expectRefusedUntouched(
            {QStringLiteral("sync"), QStringLiteral("--max-duration"),
             QStringLiteral("99999999999h")},
            QStringLiteral("--max-duration '99999999999h' is not a duration like 90s, 5m or 2h."));
        expectRefusedUntouched({QStringLiteral("resume"), QStringLiteral("--latest"),
                                QStringLiteral("--max-batches"), QStringLiteral("0")},
                               QStringLiteral("--max-batches must be a positive whole number."));
        expectRefusedUntouched(
            {QStringLiteral("discard"), QStringLiteral("--latest"), QStringLiteral("--max-batches"),
             QStringLiteral("1")},
            QStringLiteral("--max-batches is not an option of 'discard'. Run 'fillbook-cli "
                           "--help' for usage."));
    }

    // Before: "--max-batches is not an option of 'resume'." (exit 2); a refused resume printed
    // "Checking the exchange clock and limits… (0%)" before its error.
    void resumeTakesTheRunLimits()
    {
        const QString db = m_dir.filePath(QStringLiteral("limits.sqlite"));
        const QStringList batchOfOne{QStringLiteral("--max-batches"), QStringLiteral("1")};
        Result r = runCli(db, QStringList{QStringLiteral("sync"), QStringLiteral("--batch-size"),
                                          QStringLiteral("1")} +
                                  batchOfOne);
        QCOMPARE(r.exitCode, 5);
        const std::optional<RunRecord> run = latestRun(db);
        QVERIFY(run);
        QCOMPARE(run->status, RunStatus::Paused);
        QCOMPARE(completedSymbols(db, run->id), 1);

        r = runCli(db, QStringList{QStringLiteral("resume"), run->id,
                                   QStringLiteral("--max-batches"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.startsWith(QStringLiteral("Resumed %1 ").arg(run->id)), qPrintable(r.out));
        QCOMPARE(latestRun(db)->status, RunStatus::Paused);
        QCOMPARE(completedSymbols(db, run->id), 3);

        r = runCli(db, {QStringLiteral("resume"), QStringLiteral("--latest"),
                        QStringLiteral("--max-duration"), QStringLiteral("1h")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(latestRun(db)->status, RunStatus::Completed);

        // A resume the engine refuses prints its sentence and no progress at all.
        const qint64 requestsBefore = requestsServed();
        r = runCli(db, {QStringLiteral("resume"), run->id});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Run '%1' is completed; only interrupted or "
                                       "paused runs, or runs with failed symbols, can be "
                                       "resumed.\n")
                            .arg(run->id));
        QCOMPARE(requestsServed(), requestsBefore);
    }
};

QTEST_GUILESS_MAIN(TestCliInput)
#include "test_cli_input.moc"
