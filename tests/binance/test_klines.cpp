// GET /fapi/v1/klines (API sheet §5.12): the request, its weight by limit, the parser (exact
// decimals, unreadable candles set aside) and the planner that groups needed minutes into the
// cheapest requests.
#include "sync/binance/klines.h"

#include <QTest>

using namespace fb;
using namespace fb::binance;

namespace {
constexpr qint64 kT0 = 1'790'000'040'000; // a minute open (divisible by 60,000)
static_assert(kT0 % kMinuteMs == 0);
} // namespace

class TestKlines : public QObject
{
    Q_OBJECT
private slots:
    void weightFollowsTheLimit()
    {
        QCOMPARE(klinesWeight(1), 1);
        QCOMPARE(klinesWeight(99), 1);
        QCOMPARE(klinesWeight(100), 2);
        QCOMPARE(klinesWeight(499), 2);
        QCOMPARE(klinesWeight(500), 5);
        QCOMPARE(klinesWeight(1000), 5);
        QCOMPARE(klinesWeight(1001), 10);
        QCOMPARE(klinesWeight(1500), 10);
    }

    void requestSendsBothBoundsAndTheExactLimit()
    {
        const Request r = klinesRequest(QStringLiteral("BNBUSDT"), kT0, kT0 + 4 * kMinuteMs);
        QCOMPARE(r.name(), QStringLiteral("GET /fapi/v1/klines"));
        QCOMPARE(r.param(QStringLiteral("symbol")), QStringLiteral("BNBUSDT"));
        QCOMPARE(r.param(QStringLiteral("interval")), QStringLiteral("1m"));
        QCOMPARE(r.param(QStringLiteral("startTime")), QString::number(kT0));
        QCOMPARE(r.param(QStringLiteral("endTime")), QString::number(kT0 + 5 * kMinuteMs - 1));
        QCOMPARE(r.param(QStringLiteral("limit")), QStringLiteral("5"));
        QCOMPARE(r.weight(), 1);
        QVERIFY(!endpointInfo(Endpoint::Klines).isSigned);
        QCOMPARE(klinesRequest(QStringLiteral("BNBUSDT"), kT0, kT0 + 999 * kMinuteMs).weight(), 5);
        QCOMPARE(klinesRequest(QStringLiteral("BNBUSDT"), kT0, kT0 + 1499 * kMinuteMs).weight(),
                 10);
    }

    void minuteOpenFloors()
    {
        QCOMPARE(minuteOpen(kT0), kT0);
        QCOMPARE(minuteOpen(kT0 + 59'999), kT0);
        QCOMPARE(minuteOpen(kT0 + 60'000), kT0 + 60'000);
        QCOMPARE(minuteOpen(-1), -60'000);
    }

    void parsesExactDecimals()
    {
        const QByteArray body =
            R"([[1790000040000,"612.38000000","612.55","612.10","612.40","1520.31",1790000099999,)"
            R"("931000.1",412,"700.1","428700.2","0"],)"
            R"([1790000100000,"612.40","612.90","612.40","612.8765",)"
            R"("10",1790000159999,"1","2","3","4","0"]])";
        QString error;
        const auto page = parseKlineList(body, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->klines.size(), 2);
        QVERIFY(page->unreadable.isEmpty());
        const Kline& k = page->klines.at(0);
        QCOMPARE(k.openTime, Q_INT64_C(1790000040000));
        QCOMPARE(k.closeTime, Q_INT64_C(1790000099999));
        QCOMPARE(k.open.toPlainString(), QStringLiteral("612.38000000"));
        QCOMPARE(k.high.toString(), QStringLiteral("612.55"));
        QCOMPARE(k.low.toString(), QStringLiteral("612.1"));
        QCOMPARE(k.close.toString(), QStringLiteral("612.4"));
        QCOMPARE(page->klines.at(1).close.toString(), QStringLiteral("612.8765"));
    }

    void setsUnreadableCandlesAside()
    {
        const QByteArray body = R"([[1790000040000,"1","1","1","2.5","0",1790000099999],)"
                                R"({"not":"an array"},)"
                                R"([1790000100000,612.4,"1","1","1","0",1790000159999],)"
                                R"([1790000160000,"1","1","1","-3","0",1790000219999],)"
                                R"([1790000220000.5,"1","1","1","1","0",1790000279999],)"
                                R"([1790000280001,"1","1","1","1","0",1790000339999],)"
                                R"([1790000340000,"1"],)"
                                R"([1790000400000,"1","1","1","7","0",1790000459999]])";
        QString error;
        const auto page = parseKlineList(body, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->klines.size(), 2);
        QCOMPARE(page->klines.at(0).close.toString(), QStringLiteral("2.5"));
        QCOMPARE(page->klines.at(1).close.toString(), QStringLiteral("7"));
        QCOMPARE(page->unreadable.size(), 6);
        QVERIFY(page->unreadable.at(0).startsWith(QStringLiteral("element 1: ")));
        QVERIFY(page->unreadable.at(1).contains(QStringLiteral("not a positive decimal string")));
    }

    void aBodyThatIsNoArrayFails()
    {
        QString error;
        QVERIFY(!parseKlineList(R"({"code":-1121,"msg":"Invalid symbol."})", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!parseKlineList("[[1,", &error));
        const auto empty = parseKlineList("[]");
        QVERIFY(empty && empty->klines.isEmpty());
    }

    void planGroupsMinutesIntoTheCheapestRequests()
    {
        QVERIFY(planKlineRequests({}).isEmpty());
        // One minute, twice: one request of one candle.
        QCOMPARE(planKlineRequests({kT0, kT0}), (QVector<KlineSpan>{{kT0, kT0}}));
        // Ten minutes within 99: one request, weight 1.
        QCOMPARE(planKlineRequests({kT0 + 98 * kMinuteMs, kT0}),
                 (QVector<KlineSpan>{{kT0, kT0 + 98 * kMinuteMs}}));
        // 100 candles would cost 2; two isolated minutes cost 1 + 1 in two requests: the same
        // weight, so the fewer requests win.
        const auto two = planKlineRequests({kT0, kT0 + 99 * kMinuteMs});
        QCOMPARE(two, (QVector<KlineSpan>{{kT0, kT0 + 99 * kMinuteMs}}));
        // Three minutes spread over 1000: 3 × 1 beats one request of 5.
        const auto spread = planKlineRequests({kT0, kT0 + 500 * kMinuteMs, kT0 + 999 * kMinuteMs});
        QCOMPARE(spread.size(), 3);
        qint64 weight = 0;
        for (const KlineSpan& s : spread)
            weight += s.weight();
        QCOMPARE(weight, 3);
        // A minute every 50 over 2000 minutes (41 minutes): the cheapest cover.
        QVector<qint64> dense;
        for (int i = 0; i <= 2000; i += 50)
            dense << kT0 + i * kMinuteMs;
        const auto plan = planKlineRequests(dense);
        weight = 0;
        for (const KlineSpan& s : plan) {
            QVERIFY(s.candles() <= kKlinesMaxLimit);
            weight += s.weight();
        }
        // Spans of up to 499 candles hold 10 of these minutes for weight 2 (0.2 a minute; 99 → 2
        // minutes for 1, 1000 → 20 for 5, 1500 → 30 for 10): 4 × 2 + one single minute = 9.
        QCOMPARE(weight, 9);
        QCOMPARE(plan.size(), 5);
        // Every needed minute is covered.
        for (qint64 m : dense) {
            QVERIFY(std::any_of(plan.cbegin(), plan.cend(), [m](const KlineSpan& s) {
                return s.firstMinute <= m && m <= s.lastMinute;
            }));
        }
    }
};

QTEST_GUILESS_MAIN(TestKlines)
#include "test_klines.moc"
