// BinanceClient over real loopback sockets against FakeExchange, the failures that are not
// retried with backoff: 418 bans, -1021 clock re-sync, auth failures, rejected requests, unknown
// symbols, offline, refused configuration -- and no credential in any message or log line.
#include "client_test_support.h"

#include <QSignalSpy>

using namespace clienttest;

class TestClientErrors : public QObject
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

    void banStopsAndFailsFastUntilItEnds()
    {
        const qint64 until = nowMs() + 3'600'000;
        server->script(kIncome, {ScriptedReply::error(418, -1003,
                                                      "Way too many requests; IP banned until " +
                                                          QByteArray::number(until) + ".")});
        BinanceClient client(config(server->url()));
        QSignalSpy banned(&client, &BinanceClient::banned);
        Catch<QList<Income>> first;
        client.fetchIncomePage(incomeRequest(0, 1), first.handler());
        QTRY_VERIFY_WITH_TIMEOUT(first.result.has_value(), 5000);
        QCOMPARE(categoryName(first.result->error.category), categoryName(ErrorCategory::Banned));
        QCOMPARE(first.result->error.untilMs, until);
        QCOMPARE(first.result->error.httpStatus, 418);
        QCOMPARE(banned.size(), 1);
        QCOMPARE(client.bannedUntil(), until);
        Catch<QList<Fill>> second;
        client.fetchFillsPage(userTradesFromId(QStringLiteral("BTCUSDT"), 1), second.handler());
        QTRY_VERIFY_WITH_TIMEOUT(second.result.has_value(), 5000);
        QCOMPARE(categoryName(second.result->error.category), categoryName(ErrorCategory::Banned));
        QCOMPARE(server->requests().size(), 1); // nothing knocks during the ban
    }

    void banWithoutMessageUsesRetryAfter()
    {
        server->script(kIncome, {ScriptedReply::json(418, "", {{"Retry-After", "120"}})});
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        const qint64 before = nowMs();
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QCOMPARE(categoryName(page.result->error.category), categoryName(ErrorCategory::Banned));
        QVERIFY(page.result->error.untilMs >= before + 120'000);
        QVERIFY(page.result->error.untilMs <= nowMs() + 120'000);
    }

    void clockSkewResyncsOnceAndRetries()
    {
        const qint64 skew = -45'000; // this computer runs 45 s fast
        server->script(kIncome, {ScriptedReply::error(400, -1021,
                                                      "Timestamp for this request was 1000ms "
                                                      "ahead of the server's time."),
                                 ScriptedReply::json(200, "[]")});
        server->setFallback([skew](const RecordedRequest&) {
            return ScriptedReply::json(
                200, "{\"serverTime\":" + QByteArray::number(nowMs() + skew) + "}");
        });
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QVERIFY2(page.result->ok(), qPrintable(page.result->error.message));
        const QList<RecordedRequest>& r = server->requests();
        QCOMPARE(r.size(), 3);
        QCOMPARE(r[0].path, kIncome);
        QCOMPARE(r[1].path, QByteArray("/fapi/v1/time"));
        QCOMPARE(r[2].path, kIncome);
        const qint64 firstStamp = r[0].param(QStringLiteral("timestamp")).toLongLong();
        const qint64 secondStamp = r[2].param(QStringLiteral("timestamp")).toLongLong();
        QVERIFY(firstStamp - secondStamp > 40'000); // re-signed with the corrected clock
        QVERIFY(qAbs(client.clockOffsetMs() - skew) < 1000);
    }

    void clockSkewTwiceFails()
    {
        const ScriptedReply skewed = ScriptedReply::error(400, -1021,
                                                          "Timestamp for this request "
                                                          "is outside of the recvWindow.");
        server->script(kIncome, {skewed, skewed, skewed});
        server->setFallback([](const RecordedRequest&) {
            return ScriptedReply::json(200, "{\"serverTime\":" + QByteArray::number(nowMs()) + "}");
        });
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QCOMPARE(categoryName(page.result->error.category), categoryName(ErrorCategory::ClockSkew));
        QCOMPARE(page.result->error.apiCode, -1021);
        QCOMPARE(server->requests().size(), 3); // income, time, income: retried exactly once
    }

    void authFailureIsFatalWithoutRetries_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("-2015") << 401 << -2015;
        QTest::newRow("-2014") << 400 << -2014;
        QTest::newRow("-1022") << 400 << -1022;
    }

    void authFailureIsFatalWithoutRetries()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        // A hostile or broken proxy echoing the credentials must not leak them into messages.
        server->script("/fapi/v3/account",
                       {ScriptedReply::error(status, code,
                                             "Invalid API-key, IP, or permissions "
                                             "for action, key " +
                                                 kKey + " secret " + kSecret)});
        BinanceClient client(config(server->url()));
        Catch<AccountSummary> account;
        client.fetchAccount(account.handler());
        QTRY_VERIFY_WITH_TIMEOUT(account.result.has_value(), 5000);
        const ApiError& e = account.result->error;
        QCOMPARE(categoryName(e.category), categoryName(ErrorCategory::Auth));
        QCOMPARE(e.apiCode, code);
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.attempts, 1);
        QCOMPARE(server->requests().size(), 1);
        QVERIFY2(e.message.contains(QLatin1String("API key and secret")), qPrintable(e.message));
        checkClean(e.message);
        checkClean(e.bodyExcerpt);
        QVERIFY(e.message.contains(QLatin1String("***")));
    }

    void rejectedRequestQuotesTheBodyWithoutSecrets()
    {
        server->script(kIncome, {ScriptedReply::error(400, -1100,
                                                      "Illegal characters found in "
                                                      "parameter; echo " +
                                                          kSecret)});
        BinanceClient client(config(server->url()));
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        const ApiError& e = page.result->error;
        QCOMPARE(categoryName(e.category), categoryName(ErrorCategory::Rejected));
        QCOMPARE(server->requests().size(), 1);
        QVERIFY(e.message.contains(QLatin1String("-1100")));
        checkClean(e.message);
        checkClean(e.bodyExcerpt);
    }

    void badSymbolIsSkipped()
    {
        server->script("/fapi/v1/userTrades",
                       {ScriptedReply::error(400, -1121, "Invalid symbol.")});
        BinanceClient client(config(server->url()));
        Catch<QList<Fill>> page;
        client.fetchFillsPage(userTradesByTime(QStringLiteral("OLDUSDT"), 0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QCOMPARE(categoryName(page.result->error.category), categoryName(ErrorCategory::BadSymbol));
        QCOMPARE(page.result->error.symbol, QStringLiteral("OLDUSDT"));
        QCOMPARE(server->requests().size(), 1);
    }

    void nothingListeningMeansOffline()
    {
        const QUrl url = server->url();
        server->close(); // the port is now refused
        BinanceClient client(config(url));
        QSignalSpy retrying(&client, &BinanceClient::retrying);
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QCOMPARE(categoryName(page.result->error.category), categoryName(ErrorCategory::Offline));
        QCOMPARE(page.result->error.attempts, 1);
        QCOMPARE(retrying.size(), 0);
        QVERIFY(page.result->error.message.contains(QLatin1String("connection refused")));
    }

    void plainHttpToARemoteHostIsRefused()
    {
        BinanceClient client(config(QUrl(QStringLiteral("http://fapi.binance.com"))));
        QVERIFY(client.configError().contains(QLatin1String("https")));
        Catch<QList<Income>> page;
        client.fetchIncomePage(incomeRequest(0, 1), page.handler());
        QTRY_VERIFY_WITH_TIMEOUT(page.result.has_value(), 5000);
        QCOMPARE(categoryName(page.result->error.category), categoryName(ErrorCategory::Config));
        QCOMPARE(client.counters().requestsSent, qint64(0));
        // localhost and [::1] are accepted.
        QVERIFY(BinanceClient(config(QUrl(QStringLiteral("http://localhost:1"))))
                    .configError()
                    .isEmpty());
        QVERIFY(
            BinanceClient(config(QUrl(QStringLiteral("http://[::1]:1")))).configError().isEmpty());
        ClientConfig noKey = config(server->url());
        noKey.apiSecret.clear();
        BinanceClient keyless(noKey);
        Catch<AccountSummary> account;
        keyless.fetchAccount(account.handler());
        QTRY_VERIFY_WITH_TIMEOUT(account.result.has_value(), 5000);
        QCOMPARE(categoryName(account.result->error.category), categoryName(ErrorCategory::Config));
        QCOMPARE(server->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClientErrors)
#include "test_client_errors.moc"
