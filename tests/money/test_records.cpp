// Record parsing: ids survive beyond 2^53, tolerated variations parse, errors name the field.
#include "models/domain/records.h"

#include <QJsonDocument>
#include <QTest>

using namespace fb;

namespace {
QJsonObject object(const char* json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}
} // namespace

class TestRecords : public QObject
{
    Q_OBJECT
private slots:
    void idsAboveTwoToThe53SurviveQtJson()
    {
        // 4480321991774044580 is not representable as a double (it would become ...4576).
        const auto income = Income::fromJson(
            object(R"({"symbol":"BTCUSDT","incomeType":"FUNDING_FEE","income":"-0.05466500",
                "asset":"USDT","info":"FUNDING_FEE","time":1761984000000,
                "tranId":4480321991774044580,"tradeId":""})"),
            QStringLiteral("main"));
        QVERIFY(income);
        QCOMPARE(income->tranId, Q_INT64_C(4480321991774044580));
        QCOMPARE(income->income.toPlainString(), QStringLiteral("-0.05466500"));
        QCOMPARE(income->toJson().value(QStringLiteral("tranId")).toInteger(),
                 Q_INT64_C(4480321991774044580));
        const QByteArray written = QJsonDocument(income->toJson()).toJson(QJsonDocument::Compact);
        QVERIFY2(written.contains("4480321991774044580"), written.constData());
    }

    void tranIdAsString()
    {
        const auto income = Income::fromJson(
            object(R"({"symbol":"","incomeType":"TRANSFER","income":"500.00000000","asset":"USDT",
                "info":"TRANSFER","time":1761955200000,"tranId":"9689322392","tradeId":""})"),
            QStringLiteral("main"));
        QVERIFY(income);
        QCOMPARE(income->tranId, Q_INT64_C(9689322392));
        QCOMPARE(income->symbol, QString());
    }

    void fillParsesWithAndWithoutOptionalFields()
    {
        QString error;
        const auto fill = Fill::fromJson(
            object(R"({"symbol":"BTCUSDT","id":6240193381,"orderId":734201993381,"side":"BUY",
                "price":"68290.10","qty":"0.010","realizedPnl":"0","quoteQty":"682.90100",
                "commission":"-0.27316040","commissionAsset":"USDT","time":1761958800123,
                "positionSide":"BOTH","buyer":true,"maker":false,"somethingNew":42})"),
            QStringLiteral("main"), &error);
        QVERIFY2(fill, qPrintable(error));
        QCOMPARE(fill->id, Q_INT64_C(6240193381));
        QCOMPARE(fill->marginAsset, QStringLiteral("USDT")); // derived from the symbol
        QCOMPARE(fill->commissionCost().toString(), QStringLiteral("0.2731604"));
        QCOMPARE(fill->signedQty().toString(), QStringLiteral("0.01"));
        QCOMPARE(fill->price.toPlainString(), QStringLiteral("68290.10"));
    }

    void malformedFieldsAreErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("double price")
            << QByteArray(
                   R"({"symbol":"X","id":1,"orderId":1,"side":"BUY","price":1.5,"qty":"1","realizedPnl":"0","commission":"0","commissionAsset":"USDT","time":1})")
            << "fill field 'price' is not a decimal number";
        QTest::newRow("missing id")
            << QByteArray(
                   R"({"symbol":"X","orderId":1,"side":"BUY","price":"1","qty":"1","realizedPnl":"0","commission":"0","commissionAsset":"USDT","time":1})")
            << "fill field 'id' is missing";
        QTest::newRow("fractional id")
            << QByteArray(
                   R"({"symbol":"X","id":1.5,"orderId":1,"side":"BUY","price":"1","qty":"1","realizedPnl":"0","commission":"0","commissionAsset":"USDT","time":1})")
            << "fill field 'id' is not an exact 64-bit integer";
        QTest::newRow("huge id")
            << QByteArray(
                   R"({"symbol":"X","id":99999999999999999999,"orderId":1,"side":"BUY","price":"1","qty":"1","realizedPnl":"0","commission":"0","commissionAsset":"USDT","time":1})")
            << "fill field 'id' is not an exact 64-bit integer";
        QTest::newRow("exponent qty")
            << QByteArray(
                   R"({"symbol":"X","id":1,"orderId":1,"side":"BUY","price":"1","qty":"1e3","realizedPnl":"0","commission":"0","commissionAsset":"USDT","time":1})")
            << "fill field 'qty' is not a decimal number";
        QTest::newRow("bad side")
            << QByteArray(
                   R"({"symbol":"X","id":1,"orderId":1,"side":"HOLD","price":"1","qty":"1","realizedPnl":"0","commission":"0","commissionAsset":"USDT","time":1})")
            << "fill field 'side' is neither BUY nor SELL";
    }
    void malformedFieldsAreErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(
            !Fill::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("a"), &error));
        QCOMPARE(error, expected);
    }

    void orderAndPositionParse()
    {
        const auto order =
            Order::fromJson(object(R"({"orderId":734201993381,"symbol":"BTCUSDT","status":"FILLED",
                "clientOrderId":"autoclose-123","price":"0","avgPrice":"68290.10000",
                "origQty":"0.010","executedQty":"0.010","cumQuote":"682.90100","timeInForce":"IOC",
                "type":"LIMIT","reduceOnly":false,"closePosition":false,"side":"SELL",
                "positionSide":"BOTH","stopPrice":"0","workingType":"CONTRACT_PRICE",
                "priceProtect":false,"origType":"LIMIT","priceMatch":"NONE",
                "selfTradePreventionMode":"NONE","goodTillDate":0,"time":1761958800100,
                "updateTime":1761958800123})"),
                            QStringLiteral("main"));
        QVERIFY(order);
        QCOMPARE(order->clientOrderId, QStringLiteral("autoclose-123"));
        QCOMPARE(order->side, Side::Sell);
        const auto position = Position::fromJson(
            object(R"({"symbol":"ETHUSDT","positionSide":"SHORT","positionAmt":"-1.000",
                "entryPrice":"2500.5","updateTime":1})"),
            QStringLiteral("main"));
        QVERIFY(position);
        QCOMPARE(position->positionAmt.toString(), QStringLiteral("-1"));
        QCOMPARE(position->positionSide, PositionSide::Short);
    }
};

QTEST_GUILESS_MAIN(TestRecords)
#include "test_records.moc"
