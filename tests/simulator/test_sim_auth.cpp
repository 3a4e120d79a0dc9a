// USER_DATA security and parameter rules (API sheet §2, §4, §9): the HMAC test vector, raw-query
// verification in any parameter order, and one data row per enforced error code.
#include "simtest.h"
#include "sync/simulator/auth.h"
#include "sync/simulator/generator.h"

using namespace fb::sim;
using namespace simtest;

class TestSimAuth : public QObject
{
    Q_OBJECT
private:
    FakeClock m_clock;
    fbtest::SimulatedExchange m_sim;

    QByteArray secret() const { return m_sim->config().apiSecret; }
    QByteArray ts(qint64 offset = 0) const
    {
        return QByteArray::number(m_sim->serverTime() + offset);
    }
    QByteArray signQ(const QByteArray& payload) const
    {
        return payload + "&signature=" + Simulator::sign(payload, secret());
    }

private slots:
    void initTestCase()
    {
        SimulatorConfig config;
        config.fills = 300;
        config.symbols = 4;
        config.clock = m_clock.fn();
        QVERIFY2(m_sim.start(config), qPrintable(m_sim.errorString()));
    }

    void hmacTestVector()
    {
        const QByteArray secret =
            "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        QCOMPARE(hmacSha256Hex(secret, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&"
                                       "timeInForce=GTC&recvWindow=5000&timestamp=1591702613943"),
                 QByteArray("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
        QCOMPARE(hmacSha256Hex(secret, "symbol=BTCUSDT&timestamp=1591702613943"),
                 QByteArray("8a22fe81851a943577a5d6f4d13c65d01d57c4f4a15ee583d231daf989254967"));
    }

    void signedPayloadIsTheRawQueryBeforeTheLastSignature()
    {
        QCOMPARE(signedPayload("a=1&b=2&signature=ff"), QByteArray("a=1&b=2"));
        QCOMPARE(signedPayload("signature=ff"), QByteArray(""));
        QVERIFY(!signedPayload("a=1&signature=ff&b=2"));
        QVERIFY(!signedPayload("a=1&b=2"));
        // A parameter merely ending in "signature" is not the signature.
        QVERIFY(!signedPayload("a=1&xsignature=ff"));
    }

    // The sheet's test vector accepted by the server itself: its key, secret and timestamp, with
    // the server clock set to that instant.
    void documentVectorAcceptedByServer()
    {
        FakeClock clock;
        *clock.now = 1591702613943;
        SimulatorConfig config;
        config.fills = 50;
        config.symbols = 2;
        config.apiKey = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
        config.apiSecret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        config.clock = clock.fn();
        fbtest::SimulatedExchange exchange;
        QVERIFY2(exchange.start(config), qPrintable(exchange.errorString()));
        Simulator& sim = *exchange;
        Client c(sim.port());
        QVERIFY(c.connect());
        const Response r =
            c.get("/fapi/v1/userTrades?symbol=BTCUSDT&recvWindow=5000&timestamp=1591702613943&"
                  "signature=" +
                      hmacSha256Hex(config.apiSecret,
                                    "symbol=BTCUSDT&recvWindow=5000&timestamp=1591702613943"),
                  keyHeader(config.apiKey));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().isArray());
    }

    void anyParameterOrderVerifiesOverRawBytes()
    {
        const QByteArray orders[] = {
            "symbol=BTCUSDT&limit=5&timestamp=" + ts(),
            "timestamp=" + ts() + "&limit=5&symbol=BTCUSDT",
            "limit=5&timestamp=" + ts() + "&recvWindow=10000&symbol=BTCUSDT",
            // Percent-encoded bytes are verified as sent, not as decoded.
            "symbol=%42TCUSDT&limit=5&timestamp=" + ts(),
        };
        for (const QByteArray& payload : orders) {
            Client c(m_sim->port());
            QVERIFY(c.connect());
            const Response r = c.get("/fapi/v1/userTrades?" + signQ(payload), keyHeader());
            QVERIFY2(r.status == 200, r.body.constData());
        }
        // Upper-case hex is the same signature.
        const QByteArray payload = "symbol=BTCUSDT&timestamp=" + ts();
        Client c(m_sim->port());
        QVERIFY(c.connect());
        const Response r = c.get("/fapi/v1/userTrades?" + payload +
                                     "&signature=" + Simulator::sign(payload, secret()).toUpper(),
                                 keyHeader());
        QCOMPARE(r.status, 200);
    }

    void rejections_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("query"); // "$S" = sign here, "$T" = timestamp
        QTest::addColumn<QByteArray>("apiKey");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("msg");

        const QByteArray key = kDemoApiKey;
        const QByteArray trades = "/fapi/v1/userTrades";
        const QByteArray income = "/fapi/v1/income";
        const QByteArray orders = "/fapi/v1/allOrders";
        const QString invalidKey =
            QStringLiteral("Invalid API-key, IP, or permissions for action.");
        QTest::newRow("-2015 missing key") << trades << QByteArray("symbol=BTCUSDT&$T&$S")
                                           << QByteArray() << 401 << -2015 << invalidKey;
        QTest::newRow("-2015 unknown key") << trades << QByteArray("symbol=BTCUSDT&$T&$S")
                                           << QByteArray("nope") << 401 << -2015 << invalidKey;
        QTest::newRow("-2015 key differs in case") << trades << QByteArray("symbol=BTCUSDT&$T&$S")
                                                   << key.toLower() << 401 << -2015 << invalidKey;
        QTest::newRow("-1022 bad signature")
            << trades << QByteArray("symbol=BTCUSDT&$T&signature=00ff") << key << 400 << -1022
            << QStringLiteral("Signature for this request is not valid.");
        QTest::newRow("-1022 signature not last")
            << trades << QByteArray("symbol=BTCUSDT&$T&$S&limit=5") << key << 400 << -1022
            << QStringLiteral("Signature for this request is not valid.");
        QTest::newRow("-1102 no signature")
            << trades << QByteArray("symbol=BTCUSDT&$T") << key << 400 << -1102
            << QStringLiteral("Mandatory parameter 'signature' was not sent, was empty/null, or "
                              "malformed.");
        QTest::newRow("-1102 no timestamp")
            << trades << QByteArray("symbol=BTCUSDT&$S") << key << 400 << -1102
            << QStringLiteral("Mandatory parameter 'timestamp' was not sent, was empty/null, or "
                              "malformed.");
        QTest::newRow("-1100 float timestamp")
            << trades << QByteArray("symbol=BTCUSDT&timestamp=1768478400123.0&$S") << key << 400
            << -1100
            << QStringLiteral("Illegal characters found in parameter 'timestamp'; legal range is "
                              "'^[0-9]{1,20}$'.");
        QTest::newRow("-1100 float startTime")
            << trades << QByteArray("symbol=BTCUSDT&startTime=1656633600000.0&$T&$S") << key << 400
            << -1100
            << QStringLiteral("Illegal characters found in parameter 'startTime'; legal range is "
                              "'^[0-9]{1,20}$'.");
        QTest::newRow("-1100 fromId not a number")
            << trades << QByteArray("symbol=BTCUSDT&fromId=12a&$T&$S") << key << 400 << -1100
            << QStringLiteral("Illegal characters found in parameter 'fromId'; legal range is "
                              "'^[0-9]{1,20}$'.");
        QTest::newRow("-1021 1000 ms ahead")
            << trades << QByteArray("symbol=BTCUSDT&timestamp=+1000&$S") << key << 400 << -1021
            << QStringLiteral("Timestamp for this request was 1000ms ahead of the server's time.");
        QTest::newRow("-1021 outside default recvWindow")
            << trades << QByteArray("symbol=BTCUSDT&timestamp=-5001&$S") << key << 400 << -1021
            << QStringLiteral("Timestamp for this request is outside of the recvWindow.");
        QTest::newRow("-1021 outside given recvWindow")
            << trades << QByteArray("symbol=BTCUSDT&recvWindow=2000&timestamp=-2001&$S") << key
            << 400 << -1021
            << QStringLiteral("Timestamp for this request is outside of the recvWindow.");
        QTest::newRow("-1130 recvWindow above 60000")
            << trades << QByteArray("symbol=BTCUSDT&recvWindow=60001&$T&$S") << key << 400 << -1130
            << QStringLiteral("Data sent for parameter 'recvWindow' is not valid.");
        QTest::newRow("-1102 userTrades without symbol")
            << trades << QByteArray("$T&$S") << key << 400 << -1102
            << QStringLiteral("Mandatory parameter 'symbol' was not sent, was empty/null, or "
                              "malformed.");
        QTest::newRow("-1121 unknown symbol")
            << trades << QByteArray("symbol=NOPEUSDT&$T&$S") << key << 400 << -1121
            << QStringLiteral("Invalid symbol.");
        QTest::newRow("-1121 unknown symbol on income")
            << income << QByteArray("symbol=NOPEUSDT&$T&$S") << key << 400 << -1121
            << QStringLiteral("Invalid symbol.");
        QTest::newRow("-1127 userTrades window over 7 days")
            << trades
            << QByteArray("symbol=BTCUSDT&startTime=1767000000000&endTime=1767604800001&$T&$S")
            << key << 400 << -1127
            << QStringLiteral("More than 168 hours between startTime and endTime.");
        QTest::newRow("-1127 allOrders window of 7 days")
            << orders
            << QByteArray("symbol=BTCUSDT&startTime=1767000000000&endTime=1767604800000&$T&$S")
            << key << 400 << -1127
            << QStringLiteral("More than 168 hours between startTime and endTime.");
        QTest::newRow("-1128 fromId with startTime")
            << trades << QByteArray("symbol=BTCUSDT&fromId=1&startTime=1767000000000&$T&$S") << key
            << 400 << -1128 << QStringLiteral("Combination of optional parameters invalid.");
        QTest::newRow("-1128 fromId with endTime")
            << trades << QByteArray("symbol=BTCUSDT&fromId=1&endTime=1767000000000&$T&$S") << key
            << 400 << -1128 << QStringLiteral("Combination of optional parameters invalid.");
        QTest::newRow("-1130 userTrades limit 1001")
            << trades << QByteArray("symbol=BTCUSDT&limit=1001&$T&$S") << key << 400 << -1130
            << QStringLiteral("Data sent for parameter 'limit' is not valid.");
        QTest::newRow("-1130 income limit 1001")
            << income << QByteArray("limit=1001&$T&$S") << key << 400 << -1130
            << QStringLiteral("Data sent for parameter 'limit' is not valid.");
        QTest::newRow("-1130 limit 0")
            << income << QByteArray("limit=0&$T&$S") << key << 400 << -1130
            << QStringLiteral("Data sent for parameter 'limit' is not "
                              "valid.");
        QTest::newRow("-1104 page on income")
            << income << QByteArray("page=2&limit=10&$T&$S") << key << 400 << -1104
            << QStringLiteral("Not all sent parameters were read; read '3' parameter(s) but was "
                              "sent '4'.");
        QTest::newRow("-1023 start after end")
            << income << QByteArray("startTime=1767000000001&endTime=1767000000000&$T&$S") << key
            << 400 << -1023 << QStringLiteral("Start time is greater than end time.");
        QTest::newRow("-1101 duplicate parameter")
            << income << QByteArray("limit=5&limit=6&$T&$S") << key << 400 << -1101
            << QStringLiteral("Duplicate values for parameter 'limit'.");
        QTest::newRow("-1130 forceOrders autoCloseType")
            << QByteArray("/fapi/v1/forceOrders") << QByteArray("autoCloseType=BOTH&$T&$S") << key
            << 400 << -1130
            << QStringLiteral("Data sent for parameter 'autoCloseType' is not valid.");
        QTest::newRow("-1130 forceOrders limit 101")
            << QByteArray("/fapi/v1/forceOrders") << QByteArray("limit=101&$T&$S") << key << 400
            << -1130 << QStringLiteral("Data sent for parameter 'limit' is not valid.");
        QTest::newRow("-5000 unknown path")
            << QByteArray("/fapi/v1/order") << QByteArray("$T&$S") << key << 404 << -5000
            << QStringLiteral("Path /fapi/v1/order, Method GET is invalid");
        QTest::newRow("-2015 on apiRestrictions")
            << QByteArray("/sapi/v1/account/apiRestrictions") << QByteArray("$T&$S")
            << QByteArray("wrong") << 401 << -2015 << invalidKey;
    }

    void rejections()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, apiKey);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, msg);
        QByteArray q = query;
        q.replace("$T", QByteArray("timestamp=" + ts()));
        // Relative timestamps: "timestamp=+1000" = server time + 1000.
        const qsizetype rel = q.indexOf("timestamp=+");
        const qsizetype relMinus = q.indexOf("timestamp=-");
        for (qsizetype at : {rel, relMinus}) {
            if (at < 0)
                continue;
            qsizetype end = q.indexOf('&', at);
            if (end < 0)
                end = q.size();
            const QByteArray number = q.mid(at + 10, end - at - 10);
            q.replace(at + 10, end - at - 10, ts(number.toLongLong()));
        }
        if (q.contains("$S")) {
            const qsizetype at = q.indexOf("$S");
            const QByteArray before = q.left(at > 0 ? at - 1 : 0);
            q.replace("$S", QByteArray("signature=" + Simulator::sign(before, secret())));
        }
        Client c(m_sim->port());
        QVERIFY(c.connect());
        const Response r =
            c.get(path + '?' + q,
                  apiKey.isEmpty() ? QList<QPair<QByteArray, QByteArray>>() : keyHeader(apiKey));
        QCOMPARE(r.status, status);
        QCOMPARE(r.code(), code);
        QCOMPARE(r.object().value(QStringLiteral("msg")).toString(), msg);
        QVERIFY(!r.header("X-MBX-USED-WEIGHT-1M").isEmpty());
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    }

    void timingBoundariesAreExact()
    {
        // Accept iff timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
        for (const auto& [offset, ok] : {std::pair{999, true}, std::pair{1000, false},
                                         std::pair{-5000, true}, std::pair{-5001, false}}) {
            const QByteArray payload = "symbol=BTCUSDT&timestamp=" + ts(offset);
            Client c(m_sim->port());
            QVERIFY(c.connect());
            const Response r = c.get("/fapi/v1/userTrades?" + signQ(payload), keyHeader());
            QVERIFY2((r.status == 200) == ok, qPrintable(QString::number(offset)));
        }
    }

    void publicEndpointsNeedNoKey()
    {
        QCOMPARE(plainGet(*m_sim, "/fapi/v1/time").status, 200);
        QCOMPARE(plainGet(*m_sim, "/fapi/v1/exchangeInfo").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSimAuth)
#include "test_sim_auth.moc"
