// Run ids, fingerprints and the human progress line.
#include "sync/engine/run_types.h"

#include <QTest>

using namespace fb::sync;

class TestRunTypes : public QObject
{
    Q_OBJECT
private slots:
    void runIdFormat()
    {
        const QDateTime t(QDate(2026, 11, 22), QTime(3, 4, 5), Qt::UTC);
        const QString id = makeRunId(t, 0x00ab12cfu);
        QCOMPARE(id, QStringLiteral("sync_20261122_030405_00ab12cf"));
        QVERIFY(looksLikeRunId(id));
        QVERIFY(!looksLikeRunId(QStringLiteral("sync_2026_x")));
        QVERIFY(!looksLikeRunId(QStringLiteral("X")));
    }

    void fingerprintCoversWhatChangesTheFetch()
    {
        RunParams a;
        a.account = QStringLiteral("main");
        a.rangeFromMs = 1000;
        a.rangeToMs = 2000;
        a.symbols = {QStringLiteral("ETHUSDT"), QStringLiteral("BTCUSDT")};
        RunParams b = a;
        b.symbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}; // order is irrelevant
        b.rangeLabel = QStringLiteral("cosmetic");
        QCOMPARE(a.fingerprint(), b.fingerprint());
        QCOMPARE(a.fingerprint().size(), 64);
        b.rangeToMs = 2001;
        QVERIFY(a.fingerprint() != b.fingerprint());
        b = a;
        b.account = QStringLiteral("other");
        QVERIFY(a.fingerprint() != b.fingerprint());
        QCOMPARE(RunParams::fromJson(a.toJson()).fingerprint(), a.fingerprint());
    }

    void progressLineReadsLikeTheDesign()
    {
        ProgressSnapshot p;
        p.phase = Phase::Symbols;
        p.batchIndex = 3;
        p.batchCount = 8;
        p.currentSymbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                            QStringLiteral("SOLUSDT")};
        p.tradesInserted = 45;
        QCOMPARE(p.phaseLine(),
                 QString::fromUtf8(
                     "Processing BTCUSDT, ETHUSDT… (batch 3/8) — 45 trades inserted so far"));
        p.unitsDone = 25;
        p.unitsPlanned = 100;
        QCOMPARE(p.fraction(), 0.25);
    }

    void statusNamesRoundTrip()
    {
        for (auto s : {RunStatus::Running, RunStatus::Completed, RunStatus::CompletedWithErrors,
                       RunStatus::Interrupted, RunStatus::Paused, RunStatus::Failed,
                       RunStatus::Discarded, RunStatus::Expired})
            QCOMPARE(parseRunStatus(runStatusName(s)), std::optional<RunStatus>(s));
        QCOMPARE(runStatusName(RunStatus::CompletedWithErrors),
                 QStringLiteral("completed_with_errors"));
        QCOMPARE(parseRunStatus(QStringLiteral("nope")), std::nullopt);
    }

    void durations()
    {
        QCOMPARE(formatDuration(45'000), QStringLiteral("45 s"));
        QCOMPARE(formatDuration(200'000), QStringLiteral("3 min 20 s"));
        QCOMPARE(formatDuration(7'500'000), QStringLiteral("2 h 05 min"));
    }
};

QTEST_GUILESS_MAIN(TestRunTypes)
#include "test_run_types.moc"
