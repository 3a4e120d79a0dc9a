// The ETA estimator driven by a fake clock: exact milliseconds, no sleeps.
#include "sync/engine/eta_estimator.h"

#include <QTest>

using fb::sync::EtaEstimator;

class TestEtaEstimator : public QObject
{
    Q_OBJECT
private slots:
    void hiddenUntilEnoughData()
    {
        EtaEstimator eta; // defaults: 2 batches and 3 s
        eta.begin(0, 0, 1000);
        QCOMPARE(eta.estimateMs(0), std::nullopt);
        eta.batchFinished(1000, 100);
        QCOMPARE(eta.estimateMs(1000), std::nullopt); // one batch is not a trend
        eta.batchFinished(2000, 200);
        QCOMPARE(eta.estimateMs(2000), std::nullopt);                // two batches, but only 2 s
        QCOMPARE(eta.estimateMs(3000), std::optional<qint64>(7000)); // 800 left at 0.1/ms, 1 s gone
    }

    void steadyRateCountsDown()
    {
        EtaEstimator eta;
        eta.begin(0, 0, 1000);
        eta.batchFinished(1000, 100);
        eta.batchFinished(2000, 200);
        eta.batchFinished(3000, 300);
        QCOMPARE(eta.estimateMs(3000), std::optional<qint64>(7000));
        QCOMPARE(eta.estimateMs(3500), std::optional<qint64>(6500));
        // Past the estimate with work left (a slow batch): never 0 while work remains.
        QCOMPARE(eta.estimateMs(9500), std::optional<qint64>(1000));
        QCOMPARE(eta.estimateMs(20000), std::optional<qint64>(1000));
    }

    // The last second counts down to 1 s, not 0: formatDuration rounds to whole seconds, and a
    // 0.4 s estimate read "0 s" a second before the run ended (issue 10, defect 16).
    void neverZeroWhileWorkRemains()
    {
        EtaEstimator eta;
        eta.begin(0, 0, 1000);
        eta.batchFinished(1000, 300);
        eta.batchFinished(2000, 600);
        eta.batchFinished(3000, 900); // 0.3/ms, 100 left: 333 ms
        QCOMPARE(eta.estimateMs(3000), std::optional<qint64>(1000));
        QCOMPARE(eta.estimateMs(3300), std::optional<qint64>(1000));
        eta.batchFinished(3333, 1000); // all planned work done
        QCOMPARE(eta.estimateMs(3333), std::optional<qint64>(0));
        QCOMPARE(eta.estimateMs(4000), std::optional<qint64>(0));
    }

    void smoothsTowardsTheNewRate()
    {
        EtaEstimator eta;
        eta.begin(0, 0, 10000);
        eta.batchFinished(1000, 100); // 0.1/ms
        eta.batchFinished(2000, 200); // 0.1/ms
        eta.batchFinished(3000, 500); // 0.3/ms -> 0.3*0.3 + 0.7*0.1 = 0.16
        QCOMPARE(eta.estimateMs(3000), std::optional<qint64>(59375)); // 9500 / 0.16
    }

    void resumeMeasuresFromTheResumeOnly()
    {
        EtaEstimator eta;
        eta.begin(0, 0, 1000);
        eta.batchFinished(1000, 400); // a fast first attempt...
        eta.batchFinished(2000, 500);
        // ...interrupted; an hour later the run resumes at half the speed.
        eta.begin(3'600'000, 500, 1000);
        QCOMPARE(eta.estimateMs(3'600'000), std::nullopt); // old batches do not count
        eta.batchFinished(3'601'000, 550);
        eta.batchFinished(3'602'000, 600);
        eta.batchFinished(3'603'000, 650);
        QCOMPARE(eta.estimateMs(3'603'000), std::optional<qint64>(7000)); // 350 at 0.05/ms
    }

    void rateLimitPauseAddsItsWait()
    {
        EtaEstimator eta;
        eta.begin(0, 0, 1000);
        eta.batchFinished(1000, 100);
        eta.batchFinished(2000, 200);
        eta.batchFinished(3000, 300);
        eta.pausedUntil(8000); // 429: hold until the weight window ends
        QCOMPARE(eta.estimateMs(3000), std::optional<qint64>(12000)); // 7000 + 5000 waiting
        QCOMPARE(eta.estimateMs(8000), std::optional<qint64>(2000));  // the wait is over
    }

    void neverFasterThanTheLimitAllows()
    {
        EtaEstimator eta;
        eta.setMaxUnitsPerMs(0.05); // e.g. 2160 weight/min at 90 % of 2400 is 0.036/ms
        eta.begin(0, 0, 1000);
        eta.batchFinished(1000, 100);
        eta.batchFinished(2000, 200);
        eta.batchFinished(3000, 300); // measured 0.1/ms (a burst), capped at 0.05/ms
        QCOMPARE(eta.estimateMs(3000), std::optional<qint64>(14000));
    }
};

QTEST_GUILESS_MAIN(TestEtaEstimator)
#include "test_eta_estimator.moc"
