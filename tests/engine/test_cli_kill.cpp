// kill -9 of a real `fillbook-cli sync` at random moments, then `resume --latest`: the journal
// ends exactly as an uninterrupted run's. Real processes, real sockets (fillbook-sim).
#include "engine_test_util.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>

#include <csignal>

using namespace fb;
using namespace fb::test;

class TestCliKill : public QObject
{
    Q_OBJECT

    QProcess m_sim;
    QString m_baseUrl;
    QTemporaryDir m_dir;
    QStringList m_range;

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

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sim.setProgram(QStringLiteral(FILLBOOK_SIM));
        // Enough symbols and a little latency that a sync lasts a few seconds.
        m_sim.setArguments(
            {QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--symbols"),
             QStringLiteral("20"), QStringLiteral("--fills"), QStringLiteral("5000"),
             QStringLiteral("--days"), QStringLiteral("30"), QStringLiteral("--weight-limit"),
             QStringLiteral("1000000"), QStringLiteral("--latency-ms"), QStringLiteral("8")});
        m_sim.start();
        QVERIFY(m_sim.waitForStarted());
        QVERIFY(m_sim.waitForReadyRead(30'000));
        const QByteArray first = m_sim.readLine().trimmed();
        QVERIFY2(first.startsWith("listening on "), first.constData());
        m_baseUrl = QString::fromLatin1(first.mid(13));
        // A fixed range (the sim's account ends at its start; "until" is today 00:00 UTC).
        const QDate today = QDateTime::currentDateTimeUtc().date();
        m_range = {QStringLiteral("sync"), QStringLiteral("--since"),
                   today.addDays(-25).toString(Qt::ISODate), QStringLiteral("--until"),
                   today.toString(Qt::ISODate)};
    }

    void cleanupTestCase()
    {
        m_sim.terminate();
        m_sim.waitForFinished(10'000);
    }

    void killNineAtRandomMomentsThenResume()
    {
        const QString reference = m_dir.filePath(QStringLiteral("reference.sqlite"));
        QByteArray output;
        QCOMPARE(runCli(reference, m_range, &output), 0);
        const QStringList expected = dumpJournal(reference);
        QVERIFY(expected.size() > 5000);

        QRandomGenerator random(20261122); // seeded: the same moments every run
        for (int attempt = 0; attempt < 4; ++attempt) {
            const int killAfterMs = 150 + int(random.bounded(2500));
            const QString db = m_dir.filePath(QStringLiteral("killed%1.sqlite").arg(attempt));
            QProcess victim;
            victim.setProcessEnvironment(environment());
            victim.start(QStringLiteral(FILLBOOK_CLI), cli(db, m_range));
            QVERIFY(victim.waitForStarted());
            const bool finishedFirst = victim.waitForFinished(killAfterMs);
            if (!finishedFirst) {
                ::kill(static_cast<pid_t>(victim.processId()), SIGKILL); // no chance to clean up
                QVERIFY(victim.waitForFinished(10'000));
                QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
            }
            // Resume what the killed process left (its run is 'running' with a dead holder);
            // if it died before its run row committed, a plain sync starts over.
            int code = runCli(db, {QStringLiteral("resume"), QStringLiteral("--latest")}, &output);
            if (code == 2)
                code = runCli(db, m_range, &output);
            QVERIFY2(code == 0, output.constData());
            QString diff;
            QVERIFY2(
                sameJournal(expected, dumpJournal(db), &diff),
                qPrintable(QStringLiteral("killed after %1 ms: %2").arg(killAfterMs).arg(diff)));
            qInfo("killed after %d ms%s; resumed to the identical journal", killAfterMs,
                  finishedFirst ? " (it had already finished)" : "");
        }
    }
};

QTEST_GUILESS_MAIN(TestCliKill)
#include "test_cli_kill.moc"
