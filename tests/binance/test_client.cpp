// BinanceClient over real loopback sockets against FakeExchange, the working paths: signing on
// the wire, retries with backoff, the 429 pause, the weight header, exact request counts for a
// paged sync, the spot host, cancellation.
#include "client_test_support.h"

#include "sync/binance/income_pager.h"

#include <QSignalSpy>

using namespace clienttest;

class TestClient : public QObject
{
    Q_OBJECT
    FakeExchange* server = nullptr;

private slots:
    void initTestCase() { setUpProcess(); }

    void init()
    {
        server = new FakeExchange(this);
        QVERIFY(server->listen());
    }

    void cleanup()
    {
        delete server;
        server = nullptr;
        checkLogClean();
    }

    void signedRequestOnTheWire()
    {
        const QByteArray rows = "[" + incomeRow(1000, "COMMISSION", 4480321991774044580) + ",\n " +
                                incomeRow(1001, "FUNDING_FEE", 7) + "]";
        server->script(kIncome, {ScriptedReply::json(200, rows, {{"x-mbx-used-weight-1m", "31"}})});
        BinanceClient client(config(server->url()));
        QVERIFY(client.configError().isEmpty());
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(1000, 2000), page.handler());
        QVERIFY(!page.result); // never delivered from inside the call
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY2(page.result->ok(), qPrintable(page.result->error.message));
        QCOMPARE(page.result->value->size(), 2);
        QCOMPARE(page.result->value->at(0).tranId, Q_INT64_C(4480321991774044580));
        QCOMPARE(page.result->value->at(0).raw, incomeRow(1000, "COMMISSION", 4480321991774044580));
        QCOMPARE(page.result->value->at(1).account, QStringLiteral("main"));

        QCOMPARE(server->requests().size(), 1);
        const RecordedRequest& r = server->requests()[0];
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, kIncome);
        QCOMPARE(r.headers.value("x-mbx-apikey"), kKey);
        QVERIFY(r.signatureValid(kSecret));
        QVERIFY(r.query.startsWith("startTime=1000&endTime=2000&limit=1000&recvWindow=10000&"
                                   "timestamp="));
        QVERIFY(!r.hasParam(QStringLiteral("page")));
        QVERIFY(qAbs(r.param(QStringLiteral("timestamp")).toLongLong() - nowMs()) < 5000);
        const ClientCounters counters = client.counters();
        QCOMPARE(counters.requestsSent, qint64(1));
        QCOMPARE(counters.weightSent, qint64(30));
        QCOMPARE(counters.lastUsedWeight, qint64(31));
        QCOMPARE(counters.retries, qint64(0));
        QVERIFY(client.budget().usedInCurrentWindow() >= 31);
    }

    void publicEndpointsAreUnsignedAndSetClockAndLimit()
    {
        const qint64 skew = 30'000; // the exchange is 30 s ahead of this computer
        server->setFallback([skew](const RecordedRequest& r) {
            if (r.path == "/fapi/v1/time")
                return ScriptedReply::json(
                    200, "{\"serverTime\":" + QByteArray::number(nowMs() + skew) + "}");
            return ScriptedReply::json(
                200, R"({"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE",)"
                     R"("intervalNum":1,"limit":6000}],"symbols":[{"symbol":"BTCUSDT",)"
                     R"("status":"TRADING"}]})");
        });
        BinanceClient client(config(server->url()));
        QSignalSpy synced(&client, &BinanceClient::clockSynced);
        Catch<ServerTime> time;
        client.syncClock(time.handler());
        QTRY_VERIFY_WITH_TIMEOUT(time.result.has_value(), 5000);
        QVERIFY(time.result->ok());
        QVERIFY(qAbs(client.clockOffsetMs() - skew) < 1000);
        QCOMPARE(synced.size(), 1);
        Catch<ExchangeInfo> info;
        client.fetchExchangeInfo(info.handler());
        QTRY_VERIFY_WITH_TIMEOUT(info.result.has_value(), 5000);
        QVERIFY(info.result->ok());
        QCOMPARE(client.budget().limit(), 6000);
        QCOMPARE(client.budget().windowMs(), qint64(60'000));
        for (const RecordedRequest& r : server->requests()) {
            QVERIFY(!r.headers.contains("x-mbx-apikey")); // the key is sent only where needed
            QVERIFY(r.query.isEmpty());
        }
    }

    void nonAsciiSymbolIsSignedOverTheEncodedQuery()
    {
        server->script("/fapi/v1/userTrades", {ScriptedReply::json(200, "[]")});
        BinanceClient client(config(server->url()));
        const QString symbol = QString::fromUtf8("币安人生USDT");
        Catch<QList<Fill>> page;
        client.fetchFillsPage(userTradesFromId(symbol, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY(page.result->ok());
        const RecordedRequest& r = server->requests()[0];
        QVERIFY2(r.query.startsWith("symbol=%E5%B8%81%E5%AE%89%E4%BA%BA%E7%94%9FUSDT&fromId=1&"),
                 r.query.constData());
        QCOMPARE(r.param(QStringLiteral("symbol")), symbol);
        QVERIFY(r.signatureValid(kSecret));
    }

    void transientFailuresAreRetriedWithBackoff()
    {
        server->script(kIncome,
                       {ScriptedReply::error(503, -1001, "Service Unavailable."),
                        ScriptedReply::hang(), ScriptedReply::json(502, "<html>Bad Gateway</html>"),
                        ScriptedReply::error(400, -1000, "An unknown error occured."),
                        ScriptedReply::json(200, "[]")});
        ClientConfig c = config(server->url());
        c.requestTimeoutMs = 300;
        BinanceClient client(c);
        QSignalSpy retrying(&client, &BinanceClient::retrying);
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 10000);
        QVERIFY2(page.result->ok(), qPrintable(page.result->error.message));
        QCOMPARE(server->count(kIncome), 5);
        QCOMPARE(retrying.size(), 4);
        QList<qint64> delays;
        for (int i = 0; i < retrying.size(); ++i) {
            QCOMPARE(retrying[i][0].toString(), QStringLiteral("GET /fapi/v1/income"));
            QCOMPARE(retrying[i][1].toInt(), i + 2);
            delays.append(retrying[i][2].toLongLong());
        }
        // No backoff after the timeout: it already waited its bound (docs/design.md D95).
        QCOMPARE(delays, QList<qint64>({10, 0, 40, 80}));
        QCOMPARE(retrying[0][3].toString(), QStringLiteral("HTTP 503, code -1001"));
        QCOMPARE(retrying[1][3].toString(), QStringLiteral("timeout"));
        QCOMPARE(client.counters().retries, qint64(4));
        QCOMPARE(client.counters().requestsSent, qint64(5));
    }

    void connectionResetIsRetried()
    {
        server->script(kIncome, {ScriptedReply::resetMidBody(), ScriptedReply::json(200, "[]")});
        BinanceClient client(config(server->url()));
        QSignalSpy retrying(&client, &BinanceClient::retrying);
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY2(page.result->ok(), qPrintable(page.result->error.message));
        QCOMPARE(server->count(kIncome), 2);
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying[0][3].toString(), QStringLiteral("connection reset"));
    }

    void resetBeforeAnyAnswerIsSurvived()
    {
        // Qt itself re-sends an idempotent GET when the connection drops before any byte of the
        // answer, so how many resets reach the client varies; the call must still succeed.
        server->script(kIncome, {ScriptedReply::reset(), ScriptedReply::reset()});
        server->setFallback([](const RecordedRequest&) { return ScriptedReply::json(200, "[]"); });
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY2(page.result->ok(), qPrintable(page.result->error.message));
        QCOMPARE(server->count(kIncome), 3);
    }

    void malformedBodyIsRetriedThenFails()
    {
        const ScriptedReply truncated = ScriptedReply::json(200, "[{\"symbol\":\"BTCUSDT\",\"inc");
        server->script(kIncome, {truncated, truncated, truncated, truncated, truncated, truncated});
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        const ApiError& e = page.result->error;
        QVERIFY(!page.result->ok());
        QCOMPARE(categoryName(e.category), categoryName(ErrorCategory::Transient));
        QCOMPARE(server->count(kIncome), 5); // maxAttempts, then the symbol fails
        QCOMPARE(e.attempts, 5);
        QCOMPARE(e.endpoint, QStringLiteral("GET /fapi/v1/income"));
        QCOMPARE(e.httpStatus, 200);
        QVERIFY2(e.message.contains(QLatin1String("GET /fapi/v1/income failed after 5")),
                 qPrintable(e.message));
        QVERIFY(e.message.contains(QLatin1String("malformed")));
        QVERIFY(e.message.contains(QLatin1String("[{\"symbol\":\"BTCUSDT\",\"inc")));
        QVERIFY(e.bodyExcerpt.size() <= 120);
        checkClean(e.message);
    }

    void rateLimitPausesEveryRequestThenContinues()
    {
        server->script(kIncome, {ScriptedReply::error(429, -1003,
                                                      "Too many requests; current "
                                                      "limit is 2400 requests per minute.",
                                                      {{"Retry-After", "1"}}),
                                 ScriptedReply::json(200, "[]")});
        server->script("/fapi/v1/userTrades", {ScriptedReply::json(200, "[]")});
        BinanceClient client(config(server->url()));
        QSignalSpy limited(&client, &BinanceClient::rateLimited);
        Catch<QList<Income>> income;
        Catch<QList<Fill>> fills;
        connect(&client, &BinanceClient::rateLimited, this, [&] {
            // Sent during the pause: must wait for it too.
            client.fetchFillsPage(userTradesFromId(QStringLiteral("BTCUSDT"), 1), fills.handler());
        });
        client.fetchIncomePage(incomeRequest(0, 1), income.handler());
        QTRY_VERIFY_WITH_TIMEOUT(income.result.has_value() && fills.result.has_value(), 8000);
        QVERIFY(income.result->ok());
        QVERIFY(fills.result->ok());
        QCOMPARE(limited.size(), 1);
        const qint64 until = limited[0][0].toLongLong();
        QCOMPARE(server->count(kIncome), 2);
        QCOMPARE(server->count("/fapi/v1/userTrades"), 1);
        for (const RecordedRequest& r : server->requests().mid(1))
            QVERIFY2(r.receivedAtMs >= until, "a request went out during the 429 pause");
        QCOMPARE(client.counters().rateLimitHits, qint64(1));
    }

    void scaledWindowFromExchangeInfoAndItsHeader()
    {
        // The simulator at --time-scale 60: SECOND/1, and the header named after that window.
        server->setFallback([](const RecordedRequest& r) {
            if (r.path == "/fapi/v1/userTrades")
                return ScriptedReply::json(
                    200, "[]", {{"x-mbx-used-weight-1m", "2000"}, {"x-mbx-used-weight-1s", "7"}});
            return ScriptedReply::json(
                200, R"({"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND",)"
                     R"("intervalNum":1,"limit":2400}],"symbols":[]})");
        });
        BinanceClient client(config(server->url()));
        Catch<ExchangeInfo> info;
        client.fetchExchangeInfo(info.handler());
        QTRY_VERIFY_WITH_TIMEOUT(info.result.has_value(), 5000);
        QVERIFY(info.result->ok());
        QCOMPARE(client.budget().limit(), 2400);
        QCOMPARE(client.budget().windowMs(), qint64(1000));
        Catch<QList<Fill>> page;
        client.fetchFillsPage(userTradesFromId(QStringLiteral("BTCUSDT"), 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY(page.result->ok());
        // Only the header of the budget's window is its authority; the -1m one counts another.
        QCOMPARE(client.counters().lastUsedWeight, qint64(7));
    }

    void usedWeightHeaderHoldsTheNextRequestUntilTheMinuteTurns()
    {
        // Shift the client's clock so that "now" is 58 s into a minute: the hold is short.
        const qint64 real = nowMs();
        const qint64 shift = (58'000 - real % 60'000 + 60'000) % 60'000;
        ClientConfig c = config(server->url());
        c.clock = [shift] { return nowMs() + shift; };
        server->script("/fapi/v1/userTrades",
                       {ScriptedReply::json(200, "[]", {{"X-Mbx-Used-Weight-1M", "2380"}}),
                        ScriptedReply::json(200, "[]", {{"x-mbx-used-weight-1m", "5"}})});
        BinanceClient client(c);
        Catch<QList<Fill>> first, second;
        client.fetchFillsPage(userTradesFromId(QStringLiteral("BTCUSDT"), 1), first.handler());
        QTRY_VERIFY_WITH_TIMEOUT(first.result.has_value(), 1500);
        QCOMPARE(client.counters().lastUsedWeight, qint64(2380));
        QVERIFY(client.budget().usedInCurrentWindow() >= 2380);
        const qint64 minuteEnd = client.budget().windowEnd();
        QVERIFY(client.budget().delayBefore(5) > 0);
        client.fetchFillsPage(userTradesFromId(QStringLiteral("BTCUSDT"), 2), second.handler());
        QTRY_VERIFY_WITH_TIMEOUT(second.result.has_value(), 5000);
        QVERIFY(second.result->ok());
        QCOMPARE(server->requests().size(), 2);
        QVERIFY(server->requests()[1].receivedAtMs + shift >= minuteEnd);
    }

    void incomePagerDrivenAgainstTheServerMakesExactRequests()
    {
        // 9 rows, 3 sharing millisecond 1002; pages of 4.
        const QList<std::tuple<qint64, const char*, qint64>> data{
            {1000, "COMMISSION", 1},   {1001, "REALIZED_PNL", 1}, {1002, "COMMISSION", 2},
            {1002, "REALIZED_PNL", 2}, {1002, "FUNDING_FEE", 3},  {1003, "COMMISSION", 4},
            {1004, "COMMISSION", 5},   {1005, "COMMISSION", 6},   {1006, "COMMISSION", 7}};
        server->setFallback([&data](const RecordedRequest& r) {
            const qint64 start = r.param(QStringLiteral("startTime")).toLongLong();
            const qint64 end = r.param(QStringLiteral("endTime")).toLongLong();
            const int limit = r.param(QStringLiteral("limit")).toInt();
            QList<QByteArray> rows;
            for (const auto& [time, type, id] : data)
                if (time >= start && time <= end && rows.size() < limit)
                    rows.append(incomeRow(time, type, id));
            return ScriptedReply::json(200, "[" + rows.join(',') + "]");
        });
        BinanceClient client(config(server->url()));
        IncomePager pager(0, 5000, -1, 4);
        QList<Income> stored;
        int calls = 0;
        std::function<void()> step = [&] {
            const auto request = pager.next();
            if (!request)
                return;
            ++calls;
            client.fetchIncomePage(*request, [&](const Result<QList<Income>>& page) {
                QVERIFY(page.ok());
                stored += pager.accept(*page.value);
                step();
            });
        };
        step();
        QTRY_VERIFY_WITH_TIMEOUT(pager.done(), 5000);
        QCOMPARE(stored.size(), data.size());
        // [0..]: 4 rows (to 1002) -> [1002..]: 1002 x3, 1003 -> [1003..]: 1003..1006 -> [1006..]
        QCOMPARE(calls, 4);
        QCOMPARE(server->requests().size(), 4);
        QCOMPARE(client.counters().weightSent, qint64(4 * 30));
    }

    void spotHostForApiRestrictions()
    {
        FakeExchange spot;
        QVERIFY(spot.listen());
        spot.script(
            "/sapi/v1/account/apiRestrictions",
            {ScriptedReply::json(200, R"({"ipRestrict":true,"enableReading":true,)"
                                      R"("enableWithdrawals":true,"enableFutures":false})")});
        ClientConfig c = config(server->url());
        c.spotBaseUrl = spot.url();
        BinanceClient client(c);
        Catch<ApiRestrictions> restrictions;
        client.fetchApiRestrictions(restrictions.handler());
        QTRY_VERIFY_WITH_TIMEOUT(restrictions.result.has_value(), 5000);
        QVERIFY(restrictions.result->ok());
        QCOMPARE(restrictions.result->value->dangerousPermissions(),
                 QStringList{QStringLiteral("enableWithdrawals")});
        QCOMPARE(spot.requests().size(), 1);
        QVERIFY(spot.requests()[0].signatureValid(kSecret));
        QCOMPARE(server->requests().size(), 0);
    }

    void cancelAllDeliversCancelled()
    {
        server->script(kIncome, {ScriptedReply::hang()});
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> hanging;
        client.fetchIncomePage(incomeRequest(0, 1), hanging.handler());
        QTRY_COMPARE_WITH_TIMEOUT(server->requests().size(), 1, 5000);
        Catch<QList<Fill>> queued;
        client.fetchFillsPage(userTradesFromId(QStringLiteral("BTCUSDT"), 1), queued.handler());
        client.cancelAll();
        QTRY_VERIFY_WITH_TIMEOUT(hanging.result.has_value() && queued.result.has_value(), 5000);
        QCOMPARE(categoryName(hanging.result->error.category),
                 categoryName(ErrorCategory::Cancelled));
        QCOMPARE(categoryName(queued.result->error.category),
                 categoryName(ErrorCategory::Cancelled));
        QCOMPARE(client.pendingCalls(), 0);
    }

    void wrongRequestForACallIsAnErrorNotACrash()
    {
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        client.fetchIncomePage(userTradesFromId(QStringLiteral("BTCUSDT"), 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY(!page.result->ok());
        QCOMPARE(server->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "test_client.moc"
