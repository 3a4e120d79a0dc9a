// The journal trade's stable export (docs/design.md §5): JSON field names and values, CSV header
// and rows with RFC 4180 quoting, flag order and names, and equality used to detect changes.
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace fb;
using namespace fbtest;

namespace {

// A liquidated long with BNB and USDT commission and one funding payment. The USDT commission
// arrives as "0.41222060" and must export canonically as "0.4122206" (docs/design.md §5.3,
// §6 D1).
JournalTrade liquidatedLong()
{
    const SymbolTrades built = buildSymbolTrades(history(
        QStringLiteral("1@1761984000000 BUY 1@100 fee=0.0011:BNB; "
                       "2@1761984060000 SELL 1@110 pnl=10 fee=0.41222060 o=77"),
        {}, QStringLiteral("77=autoclose-1761984060000"), QStringLiteral("5@1761984030000=-0.5")));
    if (built.trades.size() != 1)
        qFatal("expected one trade");
    return built.trades.first();
}

// A hand-made open, invalid trade whose text fields need CSV quoting.
JournalTrade awkwardOpenTrade()
{
    JournalTrade t;
    t.account = QStringLiteral("desk, main");
    t.symbol = QStringLiteral("ETHUSDT");
    t.positionSide = PositionSide::Long;
    t.key = JournalTrade::makeKey(t.account, t.symbol, t.positionSide, 4480321991774044580);
    t.direction = Direction::Long;
    t.status = TradeStatus::Open;
    t.openTime = 1761984000000;
    t.entryQty = dec("3");
    t.exitQty = dec("0.5");
    t.maxQty = dec("3");
    t.realizedPnl = dec("-1.25");
    t.commission.insert(QStringLiteral("USDT"), dec("0.10"));
    t.funding = dec("0");
    t.netPnl = dec("-1.35");
    t.fillCount = 3;
    t.flags = FlagInvalid | FlagIncompleteStart;
    t.invalidReason = QStringLiteral("SELL 2 on \"LONG\", really");
    t.marginAsset = QStringLiteral("USDT");
    return t;
}

} // namespace

class TestTrade : public QObject
{
    Q_OBJECT
private slots:
    void namesRoundTrip()
    {
        QCOMPARE(directionName(Direction::Long), QStringLiteral("LONG"));
        QCOMPARE(directionName(Direction::Short), QStringLiteral("SHORT"));
        QCOMPARE(tradeStatusName(TradeStatus::Open), QStringLiteral("OPEN"));
        QCOMPARE(tradeStatusName(TradeStatus::Closed), QStringLiteral("CLOSED"));
        QCOMPARE(parseDirection(QStringLiteral("SHORT")), std::optional(Direction::Short));
        QCOMPARE(parseTradeStatus(QStringLiteral("CLOSED")), std::optional(TradeStatus::Closed));
        QVERIFY(!parseDirection(QStringLiteral("long")));
        QVERIFY(!parseTradeStatus(QStringLiteral("")));
    }

    void flagsExportInTheDocumentedOrder_data()
    {
        QTest::addColumn<quint32>("flags");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("none") << quint32(0) << QStringList{};
        QTest::newRow("all") << quint32(FlagInvalid | FlagIncompleteStart | FlagSettlement |
                                        FlagAdl | FlagLiquidation)
                             << QStringList{QStringLiteral("LIQUIDATION"), QStringLiteral("ADL"),
                                            QStringLiteral("SETTLEMENT"),
                                            QStringLiteral("INCOMPLETE_START"),
                                            QStringLiteral("INVALID")};
        QTest::newRow("two") << quint32(FlagInvalid | FlagAdl)
                             << QStringList{QStringLiteral("ADL"), QStringLiteral("INVALID")};
    }
    void flagsExportInTheDocumentedOrder()
    {
        QFETCH(quint32, flags);
        QFETCH(QStringList, names);
        QCOMPARE(tradeFlagNames(flags), names);
        QCOMPARE(parseTradeFlags(names), flags);
        QCOMPARE(parseTradeFlags(names + QStringList{QStringLiteral("FUTURE_FLAG")}), flags);
    }

    void keyFormat()
    {
        QCOMPARE(JournalTrade::makeKey(QStringLiteral("main"), QStringLiteral("BTCUSDT"),
                                       PositionSide::Short, 9007199254740993),
                 QStringLiteral("main:BTCUSDT:SHORT:9007199254740993"));
    }

    void exportJsonOfAClosedTrade()
    {
        const QJsonObject o = liquidatedLong().toExportJson();
        // Exactly the docs/design.md §5.2 fields, nothing else: the original ones and those added
        // with fee valuation (schema 8).
        QStringList keys = o.keys();
        QStringList expectedKeys{QStringLiteral("key"),          QStringLiteral("account"),
                                 QStringLiteral("symbol"),       QStringLiteral("positionSide"),
                                 QStringLiteral("direction"),    QStringLiteral("status"),
                                 QStringLiteral("openTime"),     QStringLiteral("closeTime"),
                                 QStringLiteral("entryQty"),     QStringLiteral("exitQty"),
                                 QStringLiteral("maxQty"),       QStringLiteral("avgEntryPrice"),
                                 QStringLiteral("avgExitPrice"), QStringLiteral("realizedPnl"),
                                 QStringLiteral("funding"),      QStringLiteral("netPnl"),
                                 QStringLiteral("commission"),   QStringLiteral("fillCount"),
                                 QStringLiteral("flags"),        QStringLiteral("invalidReason"),
                                 QStringLiteral("marginAsset"),  QStringLiteral("commissionValued"),
                                 QStringLiteral("netPnlValued"), QStringLiteral("feesNotValued"),
                                 QStringLiteral("feeValuation"), QStringLiteral("initialRisk"),
                                 QStringLiteral("rMultiple"),    QStringLiteral("riskSource"),
                                 QStringLiteral("stopPrice")};
        keys.sort();
        expectedKeys.sort();
        QCOMPARE(keys, expectedKeys);

        const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
        QCOMPARE(json,
                 QByteArray(R"({"account":"acc","avgEntryPrice":"100","avgExitPrice":"110",)"
                            R"("closeTime":1761984060000,"commission":{"BNB":"0.0011",)"
                            R"("USDT":"0.4122206"},"commissionValued":"0.4122206",)"
                            R"("direction":"LONG","entryQty":"1","exitQty":"1",)"
                            R"("feeValuation":[{"amount":"0.0011","asset":"BNB","close":null,)"
                            R"("fillId":1,"minute":1761984000000,"pair":"BNBUSDT",)"
                            R"("value":null}],"feesNotValued":true,)"
                            R"("fillCount":2,"flags":["LIQUIDATION"],)"
                            R"("funding":"-0.5","initialRisk":null,"invalidReason":null,)"
                            R"("key":"acc:BTCUSDT:BOTH:1",)"
                            R"("marginAsset":"USDT","maxQty":"1","netPnl":"9.0877794",)"
                            R"("netPnlValued":"9.0877794","openTime":1761984000000,)"
                            R"("positionSide":"BOTH","rMultiple":null,"realizedPnl":"10",)"
                            R"("riskSource":null,"status":"CLOSED","stopPrice":null,)"
                            R"("symbol":"BTCUSDT"})"));
        QCOMPARE(o.value(QStringLiteral("openTime")).toInteger(), Q_INT64_C(1761984000000));
    }

    // docs/design.md §2.5: the BNB part valued at the minute's close, exactly; netPnl unchanged.
    void bnbFeeValuedAtTheMinutesClose()
    {
        JournalTrade t = liquidatedLong();
        QStringList asked;
        valueTradeFees(t, [&asked](const QString& pair, qint64 minute) -> std::optional<Decimal> {
            asked << pair + QLatin1Char('@') + QString::number(minute);
            return dec("612.40");
        });
        QCOMPARE(asked, QStringList{QStringLiteral("BNBUSDT@1761984000000")});
        QVERIFY(t.valuation.computed);
        QCOMPARE(t.valuation.parts.size(), 1);
        QCOMPARE(t.valuation.parts[0].value->toString(), QStringLiteral("0.67364"));
        QCOMPARE(t.valuation.commissionValued.toString(), QStringLiteral("1.0858606"));
        QCOMPARE(t.valuation.netPnlValued.toString(), QStringLiteral("8.4141394"));
        QCOMPARE(t.netPnl.toString(), QStringLiteral("9.0877794"));
        QVERIFY(!t.valuation.incomplete());
        const QJsonObject o = t.toExportJson();
        QCOMPARE(o.value(QStringLiteral("netPnlValued")).toString(), QStringLiteral("8.4141394"));
        QCOMPARE(o.value(QStringLiteral("feesNotValued")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("feeValuation"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("close")),
                 QJsonValue(QStringLiteral("612.4")));

        // No price: not valued, said in words, net PnL without it.
        JournalTrade none = liquidatedLong();
        valueTradeFees(none, [](const QString&, qint64) { return std::optional<Decimal>(); });
        QCOMPARE(none.valuation.netPnlValued.toString(), QStringLiteral("9.0877794"));
        QVERIFY(none.valuation.incomplete());
        QCOMPARE(notValuedText(none.valuation.parts[0]),
                 QStringLiteral("0.0011 BNB not valued: no BNBUSDT price"));
        QCOMPARE(feeMinute(1761984059999), Q_INT64_C(1761984000000));
    }

    void exportJsonOfAnOpenInvalidTrade()
    {
        const QJsonObject o = awkwardOpenTrade().toExportJson();
        QVERIFY(o.value(QStringLiteral("closeTime")).isNull());
        QVERIFY(o.value(QStringLiteral("avgEntryPrice")).isNull());
        QVERIFY(o.value(QStringLiteral("avgExitPrice")).isNull());
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("OPEN"));
        QCOMPARE(o.value(QStringLiteral("positionSide")).toString(), QStringLiteral("LONG"));
        QCOMPARE(o.value(QStringLiteral("key")).toString(),
                 QStringLiteral("desk, main:ETHUSDT:LONG:4480321991774044580"));
        QCOMPARE(o.value(QStringLiteral("commission")).toObject().value(QStringLiteral("USDT")),
                 QJsonValue(QStringLiteral("0.1")));
        QCOMPARE(o.value(QStringLiteral("flags")).toArray(),
                 QJsonArray({QStringLiteral("INCOMPLETE_START"), QStringLiteral("INVALID")}));
        QCOMPARE(o.value(QStringLiteral("invalidReason")).toString(),
                 QStringLiteral("SELL 2 on \"LONG\", really"));
        QCOMPARE(o.value(QStringLiteral("fillCount")).toInt(), 3);
    }

    void csvHeaderAndRows()
    {
        const QVector<JournalTrade> trades{liquidatedLong(), awkwardOpenTrade()};
        const QStringList assets = exportCommissionAssets(trades);
        QCOMPARE(assets, (QStringList{QStringLiteral("BNB"), QStringLiteral("USDT")}));

        QCOMPARE(exportCsvLine(exportCsvHeader(assets)),
                 QStringLiteral("key,account,symbol,positionSide,direction,status,openTime,"
                                "closeTime,entryQty,exitQty,maxQty,avgEntryPrice,avgExitPrice,"
                                "realizedPnl,funding,netPnl,commission_BNB,commission_USDT,"
                                "fillCount,flags,invalidReason,marginAsset,commissionValued,"
                                "netPnlValued,feesNotValued,feeValuation,initialRisk,rMultiple,"
                                "riskSource,stopPrice\r\n"));
        QCOMPARE(exportCsvLine(exportCsvRow(trades[0], assets)),
                 QStringLiteral("acc:BTCUSDT:BOTH:1,acc,BTCUSDT,BOTH,LONG,CLOSED,1761984000000,"
                                "1761984060000,1,1,1,100,110,10,-0.5,9.0877794,0.0011,0.4122206,"
                                "2,LIQUIDATION,,USDT,0.4122206,9.0877794,true,"
                                "\"[{\"\"amount\"\":\"\"0.0011\"\",\"\"asset\"\":\"\"BNB\"\","
                                "\"\"close\"\":null,\"\"fillId\"\":1,\"\"minute\"\":1761984000000,"
                                "\"\"pair\"\":\"\"BNBUSDT\"\",\"\"value\"\":null}]\",,,,\r\n"));
        QCOMPARE(exportCsvLine(exportCsvRow(trades[1], assets)),
                 QStringLiteral("\"desk, main:ETHUSDT:LONG:4480321991774044580\",\"desk, main\","
                                "ETHUSDT,LONG,LONG,OPEN,1761984000000,,3,0.5,3,,,-1.25,0,-1.35,,"
                                "0.1,3,INCOMPLETE_START|INVALID,"
                                "\"SELL 2 on \"\"LONG\"\", really\",USDT,0.1,-1.35,false,[],,,,"
                                "\r\n"));
        QCOMPARE(exportCsvRow(trades[0], assets).size(), exportCsvHeader(assets).size());
    }

    void csvFieldQuoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << "BTCUSDT"
                               << "BTCUSDT";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\nb\"";
        QTest::newRow("carriage return") << "a\rb"
                                         << "\"a\rb\"";
    }
    void csvFieldQuoting()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(csvField(text), field);
    }

    void equalityCoversDerivedFields()
    {
        const JournalTrade a = liquidatedLong();
        QVERIFY(a == liquidatedLong());
        JournalTrade b = a;
        b.fills[0].commission = dec("0.0012");
        QVERIFY(!(a == b));
        b = a;
        b.fundingTranIds.clear();
        QVERIFY(!(a == b));
        b = a;
        b.closeTime.reset();
        QVERIFY(!(a == b));
        b = a;
        b.commission[QStringLiteral("USDT")] = dec("0.412220600"); // same value, other scale
        QVERIFY(a == b);
    }
};

QTEST_GUILESS_MAIN(TestTrade)
#include "test_trade.moc"
