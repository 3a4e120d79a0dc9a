// A real `fillbook-cli sync` stopped at many points of its run, then `resume --latest`: the
// journal ends exactly as an uninterrupted run's. Real processes, real sockets (fillbook-sim).
//
// Every kill lands mid-run by construction: the victim runs with --json-progress and is killed
// when it reports its N-th distinct progress state (phase, batch, records inserted: a commit or
// a phase step; repeated timer reports of the same state do not count), after its "started"
// event (the run row is committed) and before "finished". The test then checks that the run
// the victim left is still `running`: the proof that it died mid-run.
//
// The twenty kill points run with --commit-each-batch (one commit per batch, as a sync at the
// rate limit's speed commits): each batch is a state to die in. The product's default, where
// batches that come fast are held and committed together (docs/design.md D175), has its own
// case: a kill while fetched batches are held.
#include "engine_test_util.h"

#include "sync/journal/sql_access.h"

#include "sync/journal/run_store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <csignal>

using namespace fb;
using namespace fb::test;

class TestCliKill : public QObject
{
    Q_OBJECT

    QProcess m_sim;
    QString m_baseUrl;
    QTemporaryDir m_dir;
    QStringList m_range;        // sync, its range, one symbol a batch, one commit a batch
    QStringList m_rangeGrouped; // the same with the default commit schedule (D175)
    QStringList m_expected;     // the reference journal
    int m_progressEvents = 0;   // in the reference run

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(sim::kDemoApiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(sim::kDemoApiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        return env;
    }

    QStringList cli(const QString& db, const QStringList& command) const
    {
        return QStringList{QStringLiteral("--db"), db, QStringLiteral("--base-url"), m_baseUrl} +
               command;
    }

    // Runs fillbook-cli to its end and returns its exit code.
    int runCli(const QString& db, const QStringList& command, QByteArray* output = nullptr)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(FILLBOOK_CLI), cli(db, command));
        if (!p.waitForFinished(180'000))
            qFatal("fillbook-cli did not finish");
        if (output)
            *output = p.readAll();
        return p.exitCode();
    }

    // The events a --json-progress run printed so far, read line by line.
    struct Events
    {
        QByteArray pending;
        int progress = 0; // distinct states
        QString lastState;
        bool started = false;
        bool finished = false;

        void feed(const QByteArray& bytes)
        {
            pending += bytes;
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                const QString event = o.value(QStringLiteral("event")).toString();
                const QString state =
                    o.value(QStringLiteral("phase")).toString() + QLatin1Char('/') +
                    QString::number(o.value(QStringLiteral("batch")).toInt()) + QLatin1Char('/') +
                    QString::number(o.value(QStringLiteral("recordsInserted")).toInteger());
                if (event == QLatin1String("started")) {
                    started = true;
                } else if (event == QLatin1String("progress") && started && state != lastState) {
                    ++progress;
                    lastState = state;
                } else if (event == QLatin1String("finished"))
                    finished = true;
            }
        }
    };

    // Starts a --json-progress sync on `db` and sends `signal` when it reports its
    // `atEvent`-th progress event. Returns false (with a reason) when the run finished first.
    bool stopAtEvent(const QString& db, int atEvent, int signal, QProcess& victim, QString* why)
    {
        victim.setProcessEnvironment(environment());
        victim.start(QStringLiteral(FILLBOOK_CLI),
                     cli(db, m_range + QStringList{QStringLiteral("--json-progress")}));
        if (!victim.waitForStarted()) {
            *why = QStringLiteral("fillbook-cli did not start");
            return false;
        }
        Events events;
        while (events.progress < atEvent && !events.finished) {
            if (!victim.waitForReadyRead(60'000)) {
                *why = QStringLiteral("no output for 60 s, or it ended");
                return false;
            }
            events.feed(victim.readAllStandardOutput());
        }
        if (events.finished) {
            *why = QStringLiteral("the run finished before event %1").arg(atEvent);
            return false;
        }
        ::kill(static_cast<pid_t>(victim.processId()), signal);
        return victim.waitForFinished(30'000);
    }

    std::optional<journal::RunRecord> latestRun(const QString& db)
    {
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        return journal::RunStore(j).latestRun();
    }

    // 20 points from the first state to the sixth from the end, evenly spread.
    static constexpr int kPoints = 20;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sim.setProgram(QStringLiteral(FILLBOOK_SIM));
        m_sim.setArguments(
            {QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--symbols"),
             QStringLiteral("22"), QStringLiteral("--fills"), QStringLiteral("5000"),
             QStringLiteral("--days"), QStringLiteral("30"), QStringLiteral("--weight-limit"),
             QStringLiteral("1000000"), QStringLiteral("--latency-ms"), QStringLiteral("2"),
             // The reference sync and the resumed ones are minutes apart: without this a
             // cancelled order crossing the 3-day purge line in between makes them differ.
             QStringLiteral("--freeze-retention")});
        m_sim.start();
        QVERIFY(m_sim.waitForStarted());
        QVERIFY(m_sim.waitForReadyRead(30'000));
        const QByteArray first = m_sim.readLine().trimmed();
        QVERIFY2(first.startsWith("listening on "), first.constData());
        m_baseUrl = QString::fromLatin1(first.mid(13));
        // A fixed range (the sim's account ends at its start; "until" is today 00:00 UTC).
        const QDate today = QDateTime::currentDateTimeUtc().date();
        m_range = {QStringLiteral("sync"),
                   QStringLiteral("--since"),
                   today.addDays(-25).toString(Qt::ISODate),
                   QStringLiteral("--until"),
                   today.toString(Qt::ISODate),
                   QStringLiteral("--batch-size"),
                   QStringLiteral("1")};
        m_rangeGrouped = m_range;
        m_range << QStringLiteral("--commit-each-batch");

        const QString reference = m_dir.filePath(QStringLiteral("reference.sqlite"));
        QByteArray output;
        QCOMPARE(
            runCli(reference, m_range + QStringList{QStringLiteral("--json-progress")}, &output),
            0);
        Events events;
        events.feed(output);
        QVERIFY(events.finished);
        m_progressEvents = events.progress;
        m_expected = dumpJournal(reference);
        QVERIFY(m_expected.size() > 5000);
        qInfo("reference run: %d distinct progress states", m_progressEvents);
        // 20 distinct kill points spread over the run, none in its last six states (timer
        // reports can merge two income pages into one state, so a victim may count one or two
        // fewer). A batch is announced with the commit before it (one state per batch since the
        // progress line counts committed trades), so 22 one-symbol batches give about 28.
        QVERIFY2(m_progressEvents >= kPoints + 6, qPrintable(QString::number(m_progressEvents)));
    }

    void cleanupTestCase()
    {
        m_sim.terminate();
        m_sim.waitForFinished(10'000);
    }

    void killNineMidRunThenResume_data()
    {
        QTest::addColumn<int>("atEvent");
        // 20 points from the first state to the sixth from the end, evenly spread, so every
        // phase (preflight, income pages, the batches' commits) is hit.
        for (int i = 0; i < kPoints; ++i) {
            const int at = 1 + i * (m_progressEvents - 7) / (kPoints - 1);
            QTest::addRow("state %d", at) << at;
        }
    }

    void killNineMidRunThenResume()
    {
        QFETCH(int, atEvent);
        const QString db = m_dir.filePath(QStringLiteral("killed-at-%1.sqlite").arg(atEvent));
        QProcess victim;
        QString why;
        QVERIFY2(stopAtEvent(db, atEvent, SIGKILL, victim, &why), qPrintable(why));
        QCOMPARE(victim.exitStatus(), QProcess::CrashExit); // no chance to clean up
        const auto left = latestRun(db);
        QVERIFY(left);
        // The kill landed mid-run: the run is neither finished nor marked by the victim.
        QCOMPARE(left->status, journal::RunStatus::Running);

        QByteArray output;
        QVERIFY2(runCli(db, {QStringLiteral("resume"), QStringLiteral("--latest")}, &output) == 0,
                 output.constData());
        QString diff;
        QVERIFY2(sameJournal(m_expected, dumpJournal(db), &diff), qPrintable(diff));
        QCOMPARE(latestRun(db)->status, journal::RunStatus::Completed);
    }

    // A fast sync holds fetched batches and commits them together (D175). A kill while
    // batches are held loses only what no commit wrote: the resume fetches those symbols again
    // and the journal ends as the reference's (which committed every batch alone). A progress
    // event shows batches held when its batch (one symbol each) is past the symbols done by
    // more than the one being fetched; the journal after the kill confirms it.
    void killNineWhileBatchesAreHeld()
    {
        for (int attempt = 1; attempt <= 3; ++attempt) {
            const QString db = m_dir.filePath(QStringLiteral("held-%1.sqlite").arg(attempt));
            QProcess victim;
            victim.setProcessEnvironment(environment());
            victim.start(QStringLiteral(FILLBOOK_CLI),
                         cli(db, m_rangeGrouped + QStringList{QStringLiteral("--json-progress")}));
            QVERIFY(victim.waitForStarted());
            int fetched = -1; // batches fetched (held or committed) when the kill was sent
            bool finished = false;
            QByteArray pending;
            while (fetched < 0 && !finished) {
                QVERIFY2(victim.waitForReadyRead(60'000), "no output for 60 s, or it ended");
                pending += victim.readAllStandardOutput();
                qsizetype newline;
                while (fetched < 0 && (newline = pending.indexOf('\n')) >= 0) {
                    const QJsonObject o = QJsonDocument::fromJson(pending.left(newline)).object();
                    pending.remove(0, newline + 1);
                    const QString event = o.value(QStringLiteral("event")).toString();
                    finished = finished || event == QLatin1String("finished");
                    const int batch = o.value(QStringLiteral("batch")).toInt();
                    const int done = o.value(QStringLiteral("symbolsDone")).toInt();
                    if (event == QLatin1String("progress") &&
                        o.value(QStringLiteral("phase")).toString() == QLatin1String("symbols") &&
                        batch - 1 - done >= 2) {
                        ::kill(static_cast<pid_t>(victim.processId()), SIGKILL);
                        fetched = batch - 1;
                    }
                }
            }
            if (finished)
                continue; // the run ended before batches were seen held: try again
            QVERIFY(victim.waitForFinished(30'000));
            QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
            QCOMPARE(latestRun(db)->status, journal::RunStatus::Running);
            int completed = 0;
            {
                journal::Database j(db,
                                    {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
                completed = sqlOn(j)
                                .scalar(QStringLiteral("SELECT COUNT(*) FROM run_symbols WHERE "
                                                       "status = 'completed'"))
                                .toInt();
            }
            QByteArray output;
            QVERIFY2(runCli(db, {QStringLiteral("resume"), QStringLiteral("--latest")}, &output) ==
                         0,
                     output.constData());
            QString diff;
            QVERIFY2(sameJournal(m_expected, dumpJournal(db), &diff), qPrintable(diff));
            QCOMPARE(latestRun(db)->status, journal::RunStatus::Completed);
            qInfo("attempt %d: killed with %d batches fetched, %d symbols committed", attempt,
                  fetched, completed);
            if (completed < fetched)
                return; // the kill landed while fetched batches were held
        }
        QFAIL("no kill landed while fetched batches were held (three attempts)");
    }

    void sigintAndSigtermStopCleanlyAndResume_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addRow("SIGINT") << int(SIGINT);
        QTest::addRow("SIGTERM") << int(SIGTERM);
    }

    void sigintAndSigtermStopCleanlyAndResume()
    {
        QFETCH(int, signal);
        const QString db = m_dir.filePath(QStringLiteral("signal-%1.sqlite").arg(signal));
        QProcess victim;
        QString why;
        QVERIFY2(stopAtEvent(db, m_progressEvents / 2, signal, victim, &why), qPrintable(why));
        QCOMPARE(victim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(victim.exitCode(), sync::exit_code::Interrupted);
        QCOMPARE(latestRun(db)->status, journal::RunStatus::Interrupted);

        QByteArray output;
        QVERIFY2(runCli(db, {QStringLiteral("resume"), QStringLiteral("--latest")}, &output) == 0,
                 output.constData());
        QString diff;
        QVERIFY2(sameJournal(m_expected, dumpJournal(db), &diff), qPrintable(diff));
    }

    void statusFormsAndUnknownRunIds()
    {
        const QString db = m_dir.filePath(QStringLiteral("reference.sqlite"));
        const QString runId = latestRun(db)->id;
        QByteArray output;
        QCOMPARE(runCli(db, {QStringLiteral("status"), QStringLiteral("--all")}, &output), 0);
        QVERIFY2(output.contains(runId.toUtf8()) && output.contains("completed"),
                 output.constData());
        QCOMPARE(runCli(db, {QStringLiteral("status"), runId}, &output), 0);
        QVERIFY2(output.contains(QStringLiteral("Run %1: completed").arg(runId).toUtf8()),
                 output.constData());
        QCOMPARE(runCli(db, {QStringLiteral("status"), runId, QStringLiteral("--failed")}, &output),
                 0);
        QVERIFY2(!output.contains("USDT "), output.constData()); // no failed symbol rows
        QCOMPARE(runCli(db,
                        {QStringLiteral("status"), QStringLiteral("sync_20260101_000000_"
                                                                  "00000000")},
                        &output),
                 sync::exit_code::Usage);
        QVERIFY2(output.contains("not found"), output.constData());
        QCOMPARE(runCli(db,
                        {QStringLiteral("resume"), QStringLiteral("sync_20260101_000000_00000000")},
                        &output),
                 sync::exit_code::Usage);
        QVERIFY2(output.contains("not found"), output.constData());
    }

    void pruneKeepsDataAndRecentRuns()
    {
        const QString db = m_dir.filePath(QStringLiteral("reference.sqlite"));
        QByteArray output;
        QCOMPARE(runCli(db,
                        {QStringLiteral("runs"), QStringLiteral("prune"),
                         QStringLiteral("--older-than"), QStringLiteral("1d")},
                        &output),
                 0);
        QVERIFY2(output.contains("Removed 0 finished run(s)"), output.constData());
        QVERIFY(latestRun(db)); // today's run stays
        QCOMPARE(runCli(db,
                        {QStringLiteral("runs"), QStringLiteral("prune"),
                         QStringLiteral("--older-than"), QStringLiteral("soon")},
                        &output),
                 sync::exit_code::Usage);
        QString diff;
        QVERIFY2(sameJournal(m_expected, dumpJournal(db), &diff), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestCliKill)
#include "test_cli_kill.moc"
