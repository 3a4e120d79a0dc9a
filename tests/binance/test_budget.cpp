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

    // A header answered in the next window for a request sent in the previous one counts the
    // previous window: it must not fill the new one (a minute without requests was measured).
    void headerOfAnEarlierWindowIsIgnored()
    {
        qint64 now = 59'990;
        WeightBudget budget([&now] { return now; });
        budget.onSent(30);
        const qint64 sentAt = now;
        now = 60'050; // the answer arrives in the next window
        budget.onUsedWeight(2'150, sentAt);
        QCOMPARE(budget.usedInCurrentWindow(), qint64(0));
        QCOMPARE(budget.delayBefore(30), qint64(0));
        budget.onUsedWeight(40, 60'010); // a request of this window: its header counts
        QCOMPARE(budget.usedInCurrentWindow(), qint64(40));
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

    void windowFromExchangeInfo()
    {
        // The simulator at --time-scale 60 reports SECOND/1: 2400 per second, held at 2160.
        qint64 now = 1'700'000'000'250; // 250 ms into a second
        WeightBudget budget([&now] { return now; });
        QCOMPARE(budget.windowMs(), qint64(60'000));
        budget.onSent(1); // time and exchangeInfo went out under the default minute
        budget.onSent(1);
        budget.setWindow(1000);
        QCOMPARE(budget.windowMs(), qint64(1000));
        QCOMPARE(budget.usedInCurrentWindow(), qint64(2)); // carried over: never under-counts
        QCOMPARE(budget.windowEnd(), qint64(1'700'000'001'000));
        for (int i = 0; i < 431; ++i) { // 2 + 431 × 5 = 2157
            QCOMPARE(budget.delayBefore(5), qint64(0));
            budget.onSent(5);
        }
        QCOMPARE(budget.delayBefore(3), qint64(0));   // 2160 exactly: allowed
        QCOMPARE(budget.delayBefore(5), qint64(750)); // to the end of this second
        budget.onUsedWeight(2300);                    // the header of this window
        QCOMPARE(budget.delayBefore(1), qint64(750));
        now += 750; // the next second
        QCOMPARE(budget.usedInCurrentWindow(), qint64(0));
        QCOMPARE(budget.delayBefore(30), qint64(0));
        QCOMPARE(budget.windowEnd(), qint64(1'700'000'002'000));
        // Nonsense is ignored.
        budget.setWindow(0);
        budget.setWindow(-5);
        QCOMPARE(budget.windowMs(), qint64(1000));
        // A 30-second window (time scale 2).
        budget.setWindow(30'000);
        QCOMPARE(budget.windowEnd(), qint64(1'700'000'010'000));
    }

    void usedWeightHeaderNames()
    {
        QCOMPARE(usedWeightHeaderWindowMs("x-mbx-used-weight-1m"), std::optional<qint64>(60'000));
        QCOMPARE(usedWeightHeaderWindowMs("X-MBX-USED-WEIGHT-1M"), std::optional<qint64>(60'000));
        QCOMPARE(usedWeightHeaderWindowMs("X-MBX-USED-WEIGHT-1S"), std::optional<qint64>(1000));
        QCOMPARE(usedWeightHeaderWindowMs("x-mbx-used-weight-30s"), std::optional<qint64>(30'000));
        QCOMPARE(usedWeightHeaderWindowMs("x-mbx-used-weight-2h"),
                 std::optional<qint64>(7'200'000));
        QCOMPARE(usedWeightHeaderWindowMs("x-mbx-used-weight-1d"),
                 std::optional<qint64>(86'400'000));
        QVERIFY(!usedWeightHeaderWindowMs("x-mbx-used-weight"));
        QVERIFY(!usedWeightHeaderWindowMs("x-mbx-used-weight-m"));
        QVERIFY(!usedWeightHeaderWindowMs("x-mbx-used-weight-0m"));
        QVERIFY(!usedWeightHeaderWindowMs("x-mbx-used-weight-1x"));
        QVERIFY(!usedWeightHeaderWindowMs("x-mbx-used-weight-+1m"));
        QVERIFY(!usedWeightHeaderWindowMs("x-mbx-order-count-1m"));
        QVERIFY(!usedWeightHeaderWindowMs("x-sapi-used-ip-weight-1m"));
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
