// The fillbook-sim executable: first line, serving, SIGTERM/SIGINT -> stats and exit 0, option
// errors, --dump-dataset.
#include "simtest.h"

#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

using namespace simtest;

namespace {

const QString kBinary = QStringLiteral(FILLBOOK_SIM_BINARY);

} // namespace

class TestSimCli : public QObject
{
    Q_OBJECT
private:
    // Starts the binary and returns the port from its first line (0 on failure).
    static quint16 start(QProcess& process, const QStringList& args)
    {
        process.start(kBinary, args);
        if (!process.waitForStarted(10000))
            return 0;
        if (!QTest::qWaitFor([&] { return process.canReadLine(); }, 20000))
            return 0;
        const QByteArray line = process.readLine().trimmed();
        if (!line.startsWith("listening on http://127.0.0.1:"))
            return 0;
        return static_cast<quint16>(line.mid(line.lastIndexOf(':') + 1).toUInt());
    }

private slots:
    void servesUntilSigtermThenPrintsStats()
    {
        QProcess process;
        const quint16 port = start(process, {QStringLiteral("--port"), QStringLiteral("0"),
                                             QStringLiteral("--fills"), QStringLiteral("500"),
                                             QStringLiteral("--symbols"), QStringLiteral("3")});
        QVERIFY(port != 0);
        Client c(port);
        QVERIFY(c.connect());
        QCOMPARE(c.get("/fapi/v1/time").status, 200);
        QCOMPARE(c.get("/fapi/v1/exchangeInfo").status, 200);
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(out.contains("requests 2, weight 2"), out.constData());
        QVERIFY2(out.contains("/fapi/v1/exchangeInfo"), out.constData());
    }

    void sigintToo()
    {
        QProcess process;
        const quint16 port = start(process, {QStringLiteral("--fills"), QStringLiteral("100"),
                                             QStringLiteral("--symbols"), QStringLiteral("2"),
                                             QStringLiteral("--hedge")});
        QVERIFY(port != 0);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("requests 0"));
    }

    void badOptionsExitWithUsageError()
    {
        for (const QStringList& args :
             {QStringList{QStringLiteral("--faults"), QStringLiteral("nope=1")},
              QStringList{QStringLiteral("--time-scale"), QStringLiteral("0")},
              QStringList{QStringLiteral("--port"), QStringLiteral("70000")},
              QStringList{QStringLiteral("--dataset"), QStringLiteral("/nonexistent.json")}}) {
            QProcess process;
            process.start(kBinary, args);
            QVERIFY(process.waitForFinished(20000));
            QCOMPARE(process.exitCode(), 2);
            QVERIFY(process.readAllStandardError().startsWith("fillbook-sim: "));
        }
    }

    void dumpAndServeADataset()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.json"));
        QProcess dump;
        dump.start(kBinary,
                   {QStringLiteral("--fills"), QStringLiteral("200"), QStringLiteral("--symbols"),
                    QStringLiteral("4"), QStringLiteral("--dump-dataset"), path});
        QVERIFY(dump.waitForFinished(20000));
        QCOMPARE(dump.exitCode(), 0);
        QProcess serve;
        const quint16 port = start(serve, {QStringLiteral("--dataset"), path});
        QVERIFY(port != 0);
        Client c(port);
        QVERIFY(c.connect());
        const QJsonArray symbols =
            c.get("/fapi/v1/exchangeInfo").object()[QStringLiteral("symbols")].toArray();
        QCOMPARE(symbols.size(), 4);
        serve.terminate();
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSimCli)
#include "test_sim_cli.moc"
