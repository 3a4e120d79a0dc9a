// How a real fillbook-cli process ends when the system stops it (issue 10, defect 15): SIGHUP
// (the terminal or SSH session closed) interrupts the run like SIGTERM, and the file size limit
// (ulimit -f) is a journal error with exit code 7 and a sentence naming the limit, not a death
// by SIGXFSZ. Against the in-process simulator over real loopback sockets; the test's event loop
// serves while it waits.
#include "engine_test_util.h"

#include "sync/journal/run_store.h"

#include <QFileInfo>
#include <QProcess>

#include <csignal>
#include <sys/resource.h>

using namespace fb;
using namespace fb::test;

class TestCliSignals : public QObject
{
    Q_OBJECT

    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;

    struct Result
    {
        int exitCode = -1; // -2: the process died of a signal
        QString out;
        QString err;
    };

    void startCli(QProcess& p, const QString& db, const QStringList& command)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(sim::kDemoApiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(sim::kDemoApiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FILLBOOK_CLI),
                QStringList{QStringLiteral("--db"), db, QStringLiteral("--base-url"),
                            m_sim.baseUrl().toString()} +
                    command);
        if (!p.waitForStarted())
            qFatal("fillbook-cli did not start");
    }

    static Result finish(QProcess& p, QString out = {})
    {
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120'000))
            qFatal("fillbook-cli did not finish");
        Result r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = out + QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    static journal::RunRecord latestRun(const QString& db)
    {
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        return *journal::RunStore(j).latestRun();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sim.start(fbtest::smallAccount()), qPrintable(m_sim.errorString()));
    }

    void init()
    {
        m_sim->setLatencyMs(0);
        m_sim->resetRateLimits();
    }

    void sighupInterruptsTheRunLikeSigterm()
    {
        // Slow answers keep the run going long enough to be hung up on mid-way.
        m_sim->setLatencyMs(200);
        const QString db = m_dir.filePath(QStringLiteral("sighup.sqlite"));
        QProcess p;
        startCli(p, db, {QStringLiteral("sync")});
        QString out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += QString::fromUtf8(p.readAllStandardOutput());
                return out.contains(QStringLiteral("Started sync_"));
            },
            60'000));
        QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGHUP), 0);
        const Result r = finish(p, out);

        QCOMPARE(r.exitCode, sync::exit_code::Interrupted);
        QVERIFY2(r.err.contains(QStringLiteral("fillbook-cli: interrupted; stopping the sync")),
                 qPrintable(r.err));
        const journal::RunRecord run = latestRun(db);
        QCOMPARE(run.status, journal::RunStatus::Interrupted);
        QCOMPARE(run.error, QStringLiteral("Interrupted; everything committed is kept."));
    }

    void fileSizeLimitIsAJournalErrorWithExitSeven()
    {
        // The journal exists with its schema; the child may grow no file past this limit, so
        // the first large transaction (the WAL grows) meets it.
        const QString db = m_dir.filePath(QStringLiteral("fsize.sqlite"));
        {
            journal::Database create(db);
        }
        const qint64 limit = QFileInfo(db).size() + 64 * 1024;
        QProcess p;
        p.setChildProcessModifier([limit] {
            const rlimit rl{static_cast<rlim_t>(limit), static_cast<rlim_t>(limit)};
            ::setrlimit(RLIMIT_FSIZE, &rl);
        });
        startCli(p, db, {QStringLiteral("sync")});
        const Result r = finish(p);

        QVERIFY2(r.exitCode == sync::exit_code::Journal,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("the disk/file size limit was reached")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("The last transaction was rolled back and nothing "
                                               "committed was lost")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSignals)
#include "test_cli_signals.moc"
