// The array splitter (verbatim element bytes), big ids, and the endpoint parsers.
#include "sync/binance/json_array.h"
#include "sync/binance/responses.h"

#include <QTest>

using namespace fb;
using namespace fb::binance;

class TestJson : public QObject
{
    Q_OBJECT
private slots:
    void splitsElementsVerbatim()
    {
        const QByteArray body = "  [ {\"a\": 1.50, \"b\":\"x\"} ,\n{\"c\":[1,{\"d\":\"]\"}]}, 7 ,"
                                "\"s\" ]  \r\n";
        QString error;
        const auto parts = splitJsonArray(body, &error);
        QVERIFY2(parts, qPrintable(error));
        QCOMPARE(parts->size(), 4);
        QCOMPARE(parts->at(0), QByteArray("{\"a\": 1.50, \"b\":\"x\"}"));
        QCOMPARE(parts->at(1), QByteArray("{\"c\":[1,{\"d\":\"]\"}]}"));
        QCOMPARE(parts->at(2), QByteArray("7"));
        QCOMPARE(parts->at(3), QByteArray("\"s\""));
    }

    void stringsWithBracketsQuotesAndEscapes()
    {
        // {"info":"a ] b } c [ { , \" quoted \\","x":"\\"}
        const QByteArray first = "{\"info\":\"a ] b } c [ { , \\\" quoted \\\\\",\"x\":\"\\\\\"}";
        // {"info":"\u005d\n\\\"]"}
        const QByteArray second = "{\"info\":\"\\u005d\\n\\\\\\\"]\"}";
        const auto parts = splitJsonArray("[" + first + "," + second + "]");
        QVERIFY(parts);
        QCOMPARE(parts->size(), 2);
        QCOMPARE(parts->at(0), first);
        QCOMPARE(parts->at(1), second);
    }

    void emptyArray()
    {
        const auto parts = splitJsonArray(" [ ] ");
        QVERIFY(parts);
        QVERIFY(parts->isEmpty());
        QVERIFY(splitJsonArray("[]"));
    }

    void malformedInputIsAnError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("object") << QByteArray("{\"code\":-1000}");
        QTest::newRow("truncated element") << QByteArray("[{\"a\":1},{\"b\":");
        QTest::newRow("truncated after comma") << QByteArray("[{\"a\":1},");
        QTest::newRow("no closing bracket") << QByteArray("[{\"a\":1}");
        QTest::newRow("unterminated string") << QByteArray("[{\"a\":\"abc]");
        QTest::newRow("truncated escape") << QByteArray("[\"abc\\");
        QTest::newRow("mismatched") << QByteArray("[{\"a\":1]]");
        QTest::newRow("extra close") << QByteArray("[1]]");
        QTest::newRow("trailing comma") << QByteArray("[1,]");
        QTest::newRow("leading comma") << QByteArray("[,1]");
        QTest::newRow("double comma") << QByteArray("[1,,2]");
        QTest::newRow("missing comma") << QByteArray("[{} {}]");
        QTest::newRow("missing comma tight") << QByteArray("[{}{}]");
        QTest::newRow("missing comma scalars") << QByteArray("[1 2]");
        QTest::newRow("garbage after") << QByteArray("[1] x");
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>");
    }

    void malformedInputIsAnError()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!splitJsonArray(body, &error));
        QVERIFY2(error.startsWith(QLatin1String("malformed JSON array")), qPrintable(error));
    }

    void incomeKeepsBigIdsStringIdsAndRawBytes()
    {
        const QByteArray funding =
            R"({"symbol": "BTCUSDT", "incomeType": "FUNDING_FEE", "income": "-0.05466500", )"
            R"("asset": "USDT", "info": "FUNDING_FEE", "time": 1761984000000, )"
            R"("tranId": 4480321991774044580, "tradeId": ""})";
        const QByteArray transfer =
            R"({"symbol":"","incomeType":"TRANSFER","income":"500.00000000","asset":"USDT",)"
            R"("info":"TRANSFER","time":1761955200000,"tranId":"9689322392","tradeId":""})";
        QString error;
        const auto rows = parseIncomeList("[\n  " + funding + ",\n  " + transfer + "\n]",
                                          QStringLiteral("main"), &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).tranId, Q_INT64_C(4480321991774044580));
        QCOMPARE(rows->at(0).raw, funding); // spaces and key order exactly as sent
        QCOMPARE(rows->at(0).income.toPlainString(), QStringLiteral("-0.05466500"));
        QCOMPARE(rows->at(0).account, QStringLiteral("main"));
        QCOMPARE(rows->at(1).tranId, Q_INT64_C(9689322392));
        QCOMPARE(rows->at(1).raw, transfer);
    }

    void fillsAndOrdersParseWithRaw()
    {
        const QByteArray fill =
            R"({"symbol":"BTCUSDT","id":6240193381,"orderId":734201993381,"side":"BUY",)"
            R"("price":"68290.10","qty":"0.010","realizedPnl":"0","marginAsset":"USDT",)"
            R"("quoteQty":"682.90100","commission":"0.27316040","commissionAsset":"USDT",)"
            R"("time":1761958800123,"positionSide":"BOTH","buyer":true,"maker":false})";
        const auto fills = parseFillList("[" + fill + "]", QStringLiteral("main"));
        QVERIFY(fills);
        QCOMPARE(fills->at(0).id, Q_INT64_C(6240193381));
        QCOMPARE(fills->at(0).raw, fill);
        const QByteArray order =
            R"({"orderId": 734201993381, "symbol": "BTCUSDT", "status": "FILLED",)"
            R"( "clientOrderId": "autoclose-1", "price": "0", "avgPrice": "68290.10000",)"
            R"( "origQty": "0.010", "executedQty": "0.010", "cumQuote": "682.90100",)"
            R"( "timeInForce": "IOC", "type": "MARKET", "side": "SELL", "positionSide": "BOTH",)"
            R"( "time": 1761958800100, "updateTime": 1761958800123})";
        const auto orders = parseOrderList("[" + order + "]", QStringLiteral("main"));
        QVERIFY(orders);
        QCOMPARE(orders->at(0).clientOrderId, QStringLiteral("autoclose-1"));
        QCOMPARE(orders->at(0).raw, order);
    }

    void recordErrorsNameTheElement()
    {
        QString error;
        const QByteArray good =
            R"({"symbol":"","incomeType":"TRANSFER","income":"1","asset":"USDT","time":1,"tranId":1})";
        const QByteArray bad =
            R"({"symbol":"","incomeType":"TRANSFER","income":1.5,"asset":"USDT","time":1,"tranId":2})";
        QVERIFY(!parseIncomeList("[" + good + "," + bad + "]", {}, &error));
        QCOMPARE(error, QStringLiteral("element 2 of 2: income field 'income' is not a decimal "
                                       "number"));
        QVERIFY(!parseIncomeList("[" + good + ",[1]]", {}, &error));
        QCOMPARE(error, QStringLiteral("element 2 of 2: not a JSON object"));
        QVERIFY(!parseIncomeList("[" + good + ",{\"a\":tru}]", {}, &error));
        QVERIFY(error.startsWith(QLatin1String("element 2 of 2: invalid JSON")));
        QVERIFY(!parseFillList("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", {}, &error));
    }

    // Issue 10 defect 1: an element the exact types refuse is set aside verbatim with its
    // reason and what can be read of its key; the page's other records still parse.
    void unreadableElementsAreSetAside()
    {
        const QByteArray good =
            R"({"symbol":"BTCUSDT","id":11,"orderId":1,"side":"BUY","price":"1","qty":"1",)"
            R"("realizedPnl":"0","quoteQty":"1","commission":"0","commissionAsset":"USDT",)"
            R"("time":5,"positionSide":"BOTH","buyer":true,"maker":false})";
        const QByteArray tooLong =
            R"({"symbol":"BTCUSDT","id":"4480321991774044580","orderId":1,"side":"BUY",)"
            R"("price":"1234567890123456789012345678901234567890","qty":"1","realizedPnl":"0",)"
            R"("quoteQty":"1","commission":"0","commissionAsset":"USDT","time":6,)"
            R"("positionSide":"BOTH","buyer":true,"maker":false})";
        QList<UnreadableRecord> unreadable;
        QString error;
        const auto fills = parseFillList("[" + good + ",  " + tooLong + ",[1]]",
                                         QStringLiteral("main"), &error, &unreadable);
        QVERIFY2(fills, qPrintable(error));
        QCOMPARE(fills->size(), 1);
        QCOMPARE(fills->at(0).id, 11);
        QCOMPARE(unreadable.size(), 2);
        QCOMPARE(unreadable[0].raw, tooLong);
        QCOMPARE(unreadable[0].account, QStringLiteral("main"));
        QCOMPARE(unreadable[0].recordKind, QStringLiteral("fill"));
        QCOMPARE(unreadable[0].symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(unreadable[0].id, std::optional<qint64>(Q_INT64_C(4480321991774044580)));
        QCOMPARE(unreadable[0].reason,
                 QStringLiteral("fill field 'price' is not a decimal number"));
        QCOMPARE(unreadable[1].raw, QByteArray("[1]"));
        QCOMPARE(unreadable[1].reason, QStringLiteral("not a JSON object"));
        QCOMPARE(unreadable[1].id, std::optional<qint64>());
        // Income: the key is (incomeType, tranId).
        const QByteArray income =
            R"({"symbol":"ETHUSDT","incomeType":"COMMISSION","income":"1e3","asset":"USDT",)"
            R"("time":1,"tranId":77})";
        unreadable.clear();
        const auto rows =
            parseIncomeList("[" + income + "]", QStringLiteral("main"), &error, &unreadable);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 0);
        QCOMPARE(unreadable.size(), 1);
        QCOMPARE(unreadable[0].recordKind, QStringLiteral("income"));
        QCOMPARE(unreadable[0].incomeType, QStringLiteral("COMMISSION"));
        QCOMPARE(unreadable[0].id, std::optional<qint64>(77));
        // A body that is not an array still fails the page.
        QVERIFY(!parseFillList("{\"code\":-1121}", {}, &error, &unreadable));
    }

    void exchangeInfo()
    {
        const QByteArray body = R"({"timezone":"UTC","serverTime":1730000000000,"rateLimits":[
            {"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
            {"rateLimitType":"ORDERS","interval":"MINUTE","intervalNum":1,"limit":1200}],
            "symbols":[{"symbol":"BTCUSDT","status":"TRADING","contractType":"PERPETUAL",
            "marginAsset":"USDT","OrderType":["LIMIT"],"newField":{"x":1}},
            {"symbol":"OLDUSDT","status":"SETTLING_NEW_STATE"}]})";
        QString error;
        const auto info = parseExchangeInfo(body, &error);
        QVERIFY2(info, qPrintable(error));
        QCOMPARE(info->requestWeightLimit, std::optional<int>(6000));
        QCOMPARE(info->requestWeightWindowMs, qint64(60'000));
        QCOMPARE(info->symbols.size(), 2);
        QCOMPARE(info->symbols[0].contractType, QStringLiteral("PERPETUAL"));
        QCOMPARE(info->symbols[1].status, QStringLiteral("SETTLING_NEW_STATE")); // unknown kept
        const auto noLimits = parseExchangeInfo(R"({"symbols":[]})");
        QVERIFY(noLimits);
        QVERIFY(!noLimits->requestWeightLimit);
        QVERIFY(!parseExchangeInfo(R"({"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT",
            "interval":"MINUTE","intervalNum":1,"limit":"lots"}],"symbols":[]})",
                                   &error));
        QVERIFY(!parseExchangeInfo(R"({"rateLimits":[]})", &error));
    }

    void exchangeInfoWindowOtherThanAMinute()
    {
        // The simulator under --time-scale 60: a one-second window.
        const auto scaled = parseExchangeInfo(R"({"rateLimits":[
            {"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND","intervalNum":1,"limit":2400}],
            "symbols":[]})");
        QVERIFY(scaled);
        QCOMPARE(scaled->requestWeightLimit, std::optional<int>(2400));
        QCOMPARE(scaled->requestWeightWindowMs, qint64(1000));
        // Two pools: the one allowing the lower average rate wins (6000/min = 100/s < 300/s).
        const auto two = parseExchangeInfo(R"({"rateLimits":[
            {"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND","intervalNum":10,"limit":3000},
            {"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
            {"rateLimitType":"REQUEST_WEIGHT","interval":"FORTNIGHT","intervalNum":1,"limit":1}],
            "symbols":[]})");
        QVERIFY(two);
        QCOMPARE(two->requestWeightLimit, std::optional<int>(6000));
        QCOMPARE(two->requestWeightWindowMs, qint64(60'000));
        QCOMPARE(rateLimitIntervalMs(QStringLiteral("HOUR"), 2), std::optional<qint64>(7'200'000));
        QCOMPARE(rateLimitIntervalMs(QStringLiteral("DAY"), 1), std::optional<qint64>(86'400'000));
        QVERIFY(!rateLimitIntervalMs(QStringLiteral("SECOND"), 0));
        QVERIFY(!rateLimitIntervalMs(QStringLiteral("second"), 1));
    }

    // Caught by UBSan in tests/fuzz/fuzz_responses: with windows of a million days the rate
    // comparison (limit × window) overflowed 64 bits, and the wrapped products kept the faster
    // pool.
    void exchangeInfoHugeWindowsCompareExactly()
    {
        const auto info = parseExchangeInfo(R"({"rateLimits":[
            {"rateLimitType":"REQUEST_WEIGHT","interval":"DAY","intervalNum":1000000,"limit":10000000},
            {"rateLimitType":"REQUEST_WEIGHT","interval":"DAY","intervalNum":1000000,"limit":5000000}],
            "symbols":[]})");
        QVERIFY(info);
        QCOMPARE(info->requestWeightLimit, std::optional<int>(5'000'000));
        QCOMPARE(info->requestWeightWindowMs, Q_INT64_C(86'400'000'000'000));
    }

    void apiRestrictionsListsDangerousPermissions()
    {
        const QByteArray body = R"({"ipRestrict":false,"createTime":1698645219000,
            "enableReading":true,"enableWithdrawals":true,"enableInternalTransfer":false,
            "enableMargin":false,"enableFutures":true,"permitsUniversalTransfer":false,
            "enableVanillaOptions":false,"enableFixApiTrade":false,"enableFixReadOnly":true,
            "enableSpotAndMarginTrading":false,"enablePortfolioMarginTrading":false})";
        QString error;
        const auto r = parseApiRestrictions(body, &error);
        QVERIFY2(r, qPrintable(error));
        QVERIFY(r->enableReading);
        QVERIFY(!r->ipRestrict);
        QCOMPARE(r->createTime, Q_INT64_C(1698645219000));
        QCOMPARE(r->dangerousPermissions(), QStringList({QStringLiteral("enableWithdrawals"),
                                                         QStringLiteral("enableFutures")}));
        const auto readOnly = parseApiRestrictions(R"({"enableReading":true})");
        QVERIFY(readOnly);
        QVERIFY(readOnly->dangerousPermissions().isEmpty());
        // A permission in an unexpected type must not read as "off".
        QVERIFY(
            !parseApiRestrictions(R"({"enableReading":true,"enableWithdrawals":"true"})", &error));
    }

    void smallObjects()
    {
        QCOMPARE(parseServerTime(R"({"serverTime": 1499827319559})"),
                 std::optional<qint64>(1499827319559));
        QVERIFY(!parseServerTime(R"({"serverTime": 1499827319559.5})"));
        QVERIFY(!parseServerTime(R"({"serverTime": 1499827319559)"));
        QCOMPARE(parsePositionMode(R"({"dualSidePosition": true})"), std::optional<bool>(true));
        QVERIFY(!parsePositionMode(R"({"dualSidePosition": "true"})"));
        const auto account = parseAccount(
            R"({"totalWalletBalance":"103.12345678","availableBalance":"100","assets":[]})");
        QVERIFY(account);
        QCOMPARE(account->totalWalletBalance->toPlainString(), QStringLiteral("103.12345678"));
        QVERIFY(!parseAccount(R"({"totalWalletBalance":103.1,"assets":[]})"));
        const auto positions = parsePositionList(
            R"([{"symbol":"BTCUSDT","positionSide":"SHORT","positionAmt":"-1.000","updateTime":1}])",
            QStringLiteral("main"));
        QVERIFY(positions);
        QCOMPARE(positions->at(0).positionAmt.toPlainString(), QStringLiteral("-1.000"));
        const auto e = parseErrorBody(
            R"({"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."})");
        QVERIFY(e);
        QCOMPARE(e->code, -2015);
        QVERIFY(!parseErrorBody("[]"));
        QVERIFY(!parseErrorBody(R"({"msg":"x"})"));
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "test_json.moc"
