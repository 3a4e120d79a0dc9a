// The machinery of issue 12's target 4 as whole `fillbook-cli sync` processes (fillbook-bench
// --realrun-only, tests/support/realrun.h) works end to end, on small histories: the history
// built through the journal API as a completed run leaves it, the simulator serving the
// account's next fills from a dataset, and one CLI process per sync landing exactly the new
// fills, with its exit code, CPU time and peak RSS read back. Times nothing.

#include "tests/support/realrun.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <memory>
#include <vector>

using namespace fbtest::realrun;

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

class TestRealrun : public QObject
{
    Q_OBJECT

private slots:
    void launcherReportsTheProgramsOwnPeak();
    void incrementalSyncsLandExactlyTheNewFills_data();
    void incrementalSyncsLandExactlyTheNewFills();
};

// Linux hands the exec'ing process's old peak RSS to the new program's ru_maxrss: measured
// from this process, /bin/true would report at least the 64 MB touched here.
void TestRealrun::launcherReportsTheProgramsOwnPeak()
{
    std::vector<char> ballast(64 * 1024 * 1024);
    std::memset(ballast.data(), 1, ballast.size());
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("rusage.txt"));
    QCOMPARE(QProcess::execute(QStringLiteral(FILLBOOK_RUSAGE), {out, QStringLiteral("/bin/true")}),
             0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList parts = QString::fromUtf8(file.readAll()).split(QLatin1Char(' '));
    QCOMPARE(parts.size(), 10);
    QCOMPARE(parts[0], QStringLiteral("exit"));
    QCOMPARE(parts[1], QStringLiteral("0"));
    const qint64 maxRssKb = parts[9].trimmed().toLongLong();
    QVERIFY2(maxRssKb > 0 && maxRssKb < 16 * 1024, qPrintable(parts.join(QLatin1Char(' '))));
    QVERIFY(ballast[12345] == 1);
}

void TestRealrun::incrementalSyncsLandExactlyTheNewFills_data()
{
    QTest::addColumn<int>("history");
    QTest::newRow("2,000 fills") << 2000;
    QTest::newRow("4,000 fills") << 4000;
}

void TestRealrun::incrementalSyncsLandExactlyTheNewFills()
{
    QFETCH(int, history);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString journal = dir.filePath(QStringLiteral("journal.db"));
    const qint64 start = now();
    // Steps of 1,000 fills: later steps rebuild from the cut the earlier ones left.
    const BuiltHistory built = buildHistory(journal, history, start, start - 89 * kDayMs, 1000);
    QCOMPARE(built.fills, qint64(history));
    QVERIFY(built.lastTimeMs < start);
    QVERIFY(built.incomeRows > history); // a COMMISSION row per fill, and more
    QCOMPARE(journalFills(journal), qint64(history));

    const Tools tools{QStringLiteral(FILLBOOK_CLI), QStringLiteral(FILLBOOK_SIM),
                      QStringLiteral(FILLBOOK_RUSAGE)};
    const quint16 port = freePort();
    ServedAccount account(journal);
    qint64 lastEnd = now();
    // The warm-up sync, then two incremental ones: each lands exactly the 100 new fills.
    for (int run = 0; run < 3; ++run) {
        account.trade(100, lastEnd);
        QCOMPARE(account.fillsTraded(), qint64(100 * (run + 1)));
        const QString dataset = dir.filePath(QStringLiteral("dataset.json"));
        account.writeDataset(dataset);
        // The new fills lie before the exchange's now (the simulator's clock is this one's).
        QTRY_VERIFY_WITH_TIMEOUT(now() >= account.readyAtMs(), 5000);
        const SyncFigures f =
            syncOnce(tools, journal, dataset, port, dir.filePath(QStringLiteral("home")));
        lastEnd = now();
        QVERIFY2(f.exitCode == 0, qPrintable(f.output));
        QCOMPARE(f.fillsBefore, qint64(history + 100 * run));
        QCOMPARE(f.fillsAfter, qint64(history + 100 * (run + 1)));
        QVERIFY(f.wallMs > 0);
        QVERIFY(f.cpuMs() > 0);
        QVERIFY(f.maxRssKb > 0);
        QStringList events;
        for (const auto& e : f.events)
            events.append(e.first);
        QVERIFY2(events.contains(QStringLiteral("started")) &&
                     events.contains(QStringLiteral("symbols")) &&
                     events.contains(QStringLiteral("finished")),
                 qPrintable(events.join(QLatin1Char(','))));
    }
}

QTEST_GUILESS_MAIN(TestRealrun)
#include "test_realrun.moc"
