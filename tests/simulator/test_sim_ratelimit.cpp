// Request weight, 429 and 418 (API sheet §3) with a fake clock: the weight header on every
// response, the limit, Retry-After, the window boundary, bans escalating, and --time-scale.
#include "simtest.h"

using namespace fb::sim;
using namespace simtest;

namespace {

// A clock at the start of a weight window (plus `offset` ms).
FakeClock windowClock(qint64 offset = 0)
{
    FakeClock clock;
    *clock.now = kNow - kNow % 60000 + offset;
    return clock;
}

fbtest::SimulatedExchange makeSim(const FakeClock& clock, qint64 limit = 2400,
                                  const char* timeScale = "1", int requestsBeforeBan = 10)
{
    SimulatorConfig config;
    config.fills = 200;
    config.symbols = 3;
    config.weightLimit = limit;
    config.timeScale = *fb::Decimal::parse(std::string_view(timeScale));
    config.requestsBeforeBan = requestsBeforeBan;
    config.clock = clock.fn();
    return fbtest::startExchange(config);
}

qint64 weightOf(const Response& r)
{
    return r.header("X-MBX-USED-WEIGHT-1M").toLongLong();
}

} // namespace

class TestSimRateLimit : public QObject
{
    Q_OBJECT
private slots:
    void weightHeaderOnEveryResponse()
    {
        const FakeClock clock = windowClock(1000);
        auto sim = makeSim(clock);
        Client c(sim->port());
        QVERIFY(c.connect());
        auto signedReq = [&](const QByteArray& path, const QByteArray& query = {}) {
            return c.get(signedTarget(*sim, path, query), keyHeader());
        };
        QCOMPARE(weightOf(c.get("/fapi/v1/time")), 1);
        QCOMPARE(weightOf(c.get("/fapi/v1/exchangeInfo")), 2);
        QCOMPARE(weightOf(signedReq("/fapi/v1/income")), 32);
        QCOMPARE(weightOf(signedReq("/fapi/v1/userTrades", "symbol=BTCUSDT")), 37);
        QCOMPARE(weightOf(signedReq("/fapi/v1/allOrders", "symbol=BTCUSDT")), 42);
        QCOMPARE(weightOf(signedReq("/fapi/v1/forceOrders")), 92);
        QCOMPARE(weightOf(signedReq("/fapi/v1/forceOrders", "symbol=BTCUSDT")), 112);
        QCOMPARE(weightOf(signedReq("/fapi/v3/positionRisk")), 117);
        QCOMPARE(weightOf(signedReq("/fapi/v1/positionSide/dual")), 147);
        QCOMPARE(weightOf(signedReq("/fapi/v3/account")), 152);
        QCOMPARE(weightOf(signedReq("/sapi/v1/account/apiRestrictions")), 153);
        // Errors carry it too and still cost their weight; unknown paths cost nothing.
        const Response bad = signedReq("/fapi/v1/userTrades", "symbol=NOPE");
        QCOMPARE(bad.status, 400);
        QCOMPARE(weightOf(bad), 158);
        const Response unknown = c.get("/fapi/v1/nothing");
        QCOMPARE(unknown.status, 404);
        QCOMPARE(weightOf(unknown), 158);
        const Response unsigned_ = c.get("/fapi/v1/income");
        QCOMPARE(unsigned_.status, 401);
        QCOMPARE(weightOf(unsigned_), 188);
        // The next window starts from zero.
        clock.advance(60000);
        QCOMPARE(weightOf(c.get("/fapi/v1/time")), 1);
        const QJsonObject stats = sim->stats();
        QCOMPARE(stats[QStringLiteral("weight")].toInteger(), 189);
        QCOMPARE(stats[QStringLiteral("endpoints")][QStringLiteral("/fapi/v1/forceOrders")]
                      [QStringLiteral("weight")]
                          .toInteger(),
                 70);
    }

    void limitGives429UntilTheWindowEnds()
    {
        const FakeClock clock = windowClock(15000);
        auto sim = makeSim(clock, 100);
        Client c(sim->port());
        QVERIFY(c.connect());
        const QByteArray income = "/fapi/v1/income";
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(c.get(signedTarget(*sim, income), keyHeader()).status, 200);
        QCOMPARE(weightOf(c.get(signedTarget(*sim, "/fapi/v1/userTrades", "symbol=BTCUSDT"),
                                keyHeader())),
                 95);
        const Response limited = c.get(signedTarget(*sim, income), keyHeader());
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.code(), -1003);
        QCOMPARE(limited.object()[QStringLiteral("msg")].toString(),
                 QStringLiteral("Too many requests; current limit is 100 requests per minute. "
                                "Please use the websocket for live updates to avoid polling the "
                                "API."));
        QCOMPARE(limited.header("Retry-After"), QByteArray("45"));
        QCOMPARE(weightOf(limited), 125);
        // Even a cheap request is refused for the rest of the window.
        clock.advance(44000);
        const Response still = c.get("/fapi/v1/time");
        QCOMPARE(still.status, 429);
        QCOMPARE(still.header("Retry-After"), QByteArray("1"));
        clock.advance(1000); // the next minute
        const Response again = c.get(signedTarget(*sim, income), keyHeader());
        QCOMPARE(again.status, 200);
        QCOMPARE(weightOf(again), 30);
        QCOMPARE(sim->stats()[QStringLiteral("rateLimited429")].toInteger(), 2);
    }

    void continuingWhileLimitedGets418WithEscalatingBans()
    {
        const FakeClock clock = windowClock(10000);
        auto sim = makeSim(clock, 30, "1", 3);
        Client c(sim->port());
        QVERIFY(c.connect());
        QCOMPARE(c.get("/fapi/v1/positionSide/dual?" + sim->signQuery({}), keyHeader()).status,
                 200);
        QCOMPARE(c.get("/fapi/v1/time").status, 429);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.get("/fapi/v1/time").status, 429);
        const Response banned = c.get("/fapi/v1/time");
        QCOMPARE(banned.status, 418);
        QCOMPARE(banned.code(), -1003);
        const qint64 until = *clock.now + 120000;
        QCOMPARE(banned.object()[QStringLiteral("msg")].toString(),
                 QStringLiteral("Way too many requests; IP banned until %1. Please use the "
                                "websocket for live updates to avoid bans.")
                     .arg(until));
        QCOMPARE(banned.header("Retry-After"), QByteArray("120"));
        QVERIFY(!banned.header("X-MBX-USED-WEIGHT-1M").isEmpty());
        // The ban outlives the weight window.
        clock.advance(60000);
        const Response stillBanned = c.get("/fapi/v1/time");
        QCOMPARE(stillBanned.status, 418);
        QCOMPARE(stillBanned.header("Retry-After"), QByteArray("60"));
        clock.advance(60000);
        QCOMPARE(c.get("/fapi/v1/time").status, 200);
        // A second offence: 4 minutes.
        QCOMPARE(c.get("/fapi/v1/positionSide/dual?" + sim->signQuery({}), keyHeader()).status,
                 429);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.get("/fapi/v1/time").status, 429);
        const Response second = c.get("/fapi/v1/time");
        QCOMPARE(second.status, 418);
        QCOMPARE(second.header("Retry-After"), QByteArray("240"));
        QCOMPARE(sim->stats()[QStringLiteral("banned418")].toInteger(), 3);
        // /sim/stats is never limited.
        QCOMPARE(c.get("/sim/stats").status, 200);
    }

    void timeScaleShrinksTheMinuteAndTheBans()
    {
        const FakeClock clock = windowClock(200);
        auto sim = makeSim(clock, 30, "60", 1);
        Client c(sim->port());
        QVERIFY(c.connect());
        QCOMPARE(c.get("/fapi/v1/positionSide/dual?" + sim->signQuery({}), keyHeader()).status,
                 200);
        const Response limited = c.get("/fapi/v1/time");
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("Retry-After"), QByteArray("1")); // 800 ms, rounded up
        clock.advance(800);                                       // a one-second "minute"
        QCOMPARE(c.get("/fapi/v1/time").status, 200);
        QCOMPARE(c.get("/fapi/v1/positionSide/dual?" + sim->signQuery({}), keyHeader()).status,
                 429);
        QCOMPARE(c.get("/fapi/v1/time").status, 429);
        const Response banned = c.get("/fapi/v1/time");
        QCOMPARE(banned.status, 418);
        QCOMPARE(banned.header("Retry-After"), QByteArray("2")); // 2 minutes / 60
        clock.advance(2000);
        QCOMPARE(c.get("/fapi/v1/time").status, 200);
    }

    void exchangeInfoAdvertisesTheConfiguredLimit()
    {
        const FakeClock clock = windowClock();
        auto sim = makeSim(clock, 1200);
        const QJsonObject info = plainGet(*sim, "/fapi/v1/exchangeInfo").object();
        QCOMPARE(info[QStringLiteral("rateLimits")][0][QStringLiteral("limit")].toInteger(), 1200);
        QCOMPARE(info[QStringLiteral("rateLimits")][0][QStringLiteral("interval")].toString(),
                 QStringLiteral("MINUTE"));
        QCOMPARE(info[QStringLiteral("rateLimits")][0][QStringLiteral("intervalNum")].toInteger(),
                 1);
    }

    void exchangeInfoAndHeaderReportTheScaledWindow()
    {
        const FakeClock clock = windowClock(200);
        auto sim = makeSim(clock, 2400, "60");
        const Response r = plainGet(*sim, "/fapi/v1/exchangeInfo");
        const QJsonObject weight = r.object()[QStringLiteral("rateLimits")].toArray()[0].toObject();
        QCOMPARE(weight[QStringLiteral("rateLimitType")].toString(),
                 QStringLiteral("REQUEST_WEIGHT"));
        QCOMPARE(weight[QStringLiteral("interval")].toString(), QStringLiteral("SECOND"));
        QCOMPARE(weight[QStringLiteral("intervalNum")].toInteger(), 1);
        QCOMPARE(weight[QStringLiteral("limit")].toInteger(), 2400);
        // The used-weight header is named after the reported window, as Binance names it.
        QCOMPARE(r.header("X-MBX-USED-WEIGHT-1S"), QByteArray("1"));
        QVERIFY(r.header("X-MBX-USED-WEIGHT-1M").isEmpty());

        auto slow = makeSim(clock, 2400, "2"); // a 30-second "minute"
        const QJsonObject slowWeight = plainGet(*slow, "/fapi/v1/exchangeInfo")
                                           .object()[QStringLiteral("rateLimits")]
                                           .toArray()[0]
                                           .toObject();
        QCOMPARE(slowWeight[QStringLiteral("interval")].toString(), QStringLiteral("SECOND"));
        QCOMPARE(slowWeight[QStringLiteral("intervalNum")].toInteger(), 30);
    }

    void reportedWindowHoldsWholeRealWindows()
    {
        auto check = [](qint64 real, const char* interval, qint64 num, qint64 ms,
                        const QByteArray& header) {
            const ReportedWindow w = reportedWindow(real);
            QCOMPARE(w.interval, QLatin1String(interval));
            QCOMPARE(w.intervalNum, num);
            QCOMPARE(w.ms, ms);
            QCOMPARE(w.header, header);
            QCOMPARE(w.ms % real, qint64(0));
        };
        check(60000, "MINUTE", 1, 60000, "X-MBX-USED-WEIGHT-1M");        // time scale 1
        check(120000, "MINUTE", 2, 120000, "X-MBX-USED-WEIGHT-2M");      // 0.5
        check(1000, "SECOND", 1, 1000, "X-MBX-USED-WEIGHT-1S");          // 60
        check(30000, "SECOND", 30, 30000, "X-MBX-USED-WEIGHT-30S");      // 2
        check(40000, "SECOND", 40, 40000, "X-MBX-USED-WEIGHT-40S");      // 1.5
        check(500, "SECOND", 1, 1000, "X-MBX-USED-WEIGHT-1S");           // 120: two real windows
        check(400, "SECOND", 2, 2000, "X-MBX-USED-WEIGHT-2S");           // 150: five real windows
        check(8571, "SECOND", 8571, 8571000, "X-MBX-USED-WEIGHT-8571S"); // 7: safe, sparse
    }
};

QTEST_GUILESS_MAIN(TestSimRateLimit)
#include "test_sim_ratelimit.moc"
