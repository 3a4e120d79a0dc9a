// The weight budget with a hand-driven clock.
#include "sync/binance/endpoints.h"
#include "sync/binance/weight_budget.h"

#include <QTest>

using namespace fb::binance;

class TestBudget : public QObject
{
    Q_OBJECT
private slots:
    void holdsRequestsAboveNinetyPercentUntilTheNextMinute()
    {
        qint64 now = 1'700'000'080'000; // 40 s into a minute
        WeightBudget budget([&now] { return now; });
        QCOMPARE(budget.threshold(), 2160); // 90 % of 2400
        for (int i = 0; i < 72; ++i) {      // 72 income pages × 30 = 2160
            QCOMPARE(budget.delayBefore(30), qint64(0));
            budget.onSent(30);
        }
        QCOMPARE(budget.usedInCurrentWindow(), qint64(2160));
        QCOMPARE(budget.delayBefore(30), qint64(20'000)); // until the minute turns
        QCOMPARE(budget.delayBefore(0), qint64(0));
        now += 19'999;
        QCOMPARE(budget.delayBefore(5), qint64(1));
        now += 1;
        QCOMPARE(budget.delayBefore(30), qint64(0));
        QCOMPARE(budget.usedInCurrentWindow(), qint64(0));
    }

    void headerIsTheAuthorityButNeverLowersTheTally()
    {
        qint64 now = 120'000;
        WeightBudget budget([&now] { return now; });
        budget.onSent(5);
        budget.onUsedWeight(2100); // other programs on the same IP
        QCOMPARE(budget.usedInCurrentWindow(), qint64(2100));
        QCOMPARE(budget.delayBefore(60), qint64(0));      // 2160: still within 90 %
        QCOMPARE(budget.delayBefore(61), qint64(60'000)); // would cross it
        budget.onUsedWeight(1500);                        // a late header from an earlier response
        QCOMPARE(budget.usedInCurrentWindow(), qint64(2100));
        now += 60'000;
        budget.onUsedWeight(30); // new minute: the header starts the new tally
        QCOMPARE(budget.usedInCurrentWindow(), qint64(30));
    }

    void limitFromExchangeInfo()
    {
        qint64 now = 0;
        WeightBudget budget([&now] { return now; });
        budget.setLimit(6000);
        QCOMPARE(budget.limit(), 6000);
        QCOMPARE(budget.threshold(), 5400);
        budget.setLimit(0); // nonsense is ignored
        QCOMPARE(budget.limit(), 6000);
        budget.onSent(5400);
        QVERIFY(budget.delayBefore(1) > 0);
        // A request heavier than the threshold still goes at the start of an empty minute.
        WeightBudget tiny([&now] { return now; }, 10);
        QCOMPARE(tiny.delayBefore(30), qint64(0));
    }

    void pauseAfterRateLimit()
    {
        qint64 now = 1'000'000;
        WeightBudget budget([&now] { return now; });
        QCOMPARE(budget.windowEnd(), qint64(1'020'000));
        QCOMPARE(budget.pauseUntil(now + 5000), qint64(1'005'000));
        QVERIFY(budget.paused());
        QCOMPARE(budget.delayBefore(1), qint64(5000));
        QCOMPARE(budget.pauseUntil(now + 1000), qint64(1'005'000)); // never shortened
        now += 5000;
        QVERIFY(!budget.paused());
        QCOMPARE(budget.delayBefore(1), qint64(0));
    }

    void endpointWeights()
    {
        QCOMPARE(serverTimeRequest().weight(), 1);
        QCOMPARE(exchangeInfoRequest().weight(), 1);
        QCOMPARE(incomeRequest(0, 1).weight(), 30);
        QCOMPARE(userTradesFromId(QStringLiteral("BTCUSDT"), 1).weight(), 5);
        QCOMPARE(allOrdersByTime(QStringLiteral("BTCUSDT"), 0, 1).weight(), 5);
        QCOMPARE(forceOrdersRequest(QStringLiteral("BTCUSDT")).weight(), 20);
        QCOMPARE(forceOrdersRequest(QString()).weight(), 50);
        QCOMPARE(positionRiskRequest().weight(), 5);
        QCOMPARE(positionModeRequest().weight(), 30);
        QCOMPARE(accountRequest().weight(), 5);
        QCOMPARE(apiRestrictionsRequest().weight(), 1);
        QCOMPARE(endpointInfo(Endpoint::ApiRestrictions).host, Host::Spot);
        QCOMPARE(endpointInfo(Endpoint::PositionRisk).path, "/fapi/v3/positionRisk");
        QVERIFY(!endpointInfo(Endpoint::ServerTime).isSigned);
        QVERIFY(endpointInfo(Endpoint::Income).isSigned);
    }
};

QTEST_GUILESS_MAIN(TestBudget)
#include "test_budget.moc"
