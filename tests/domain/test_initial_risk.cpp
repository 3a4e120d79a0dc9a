// The initial-risk rule of docs/design.md D103 on hand-made cases: trades built by the real
// lifecycle builder from compact fills, stops written by hand, exact risk and R expected.

#include "models/domain/initial_risk.h"
#include "models/domain/lifecycle.h"
#include "tests/support/flat_history.h"
#include "tests/support/records.h"

#include <QTest>

using namespace fb;
using fbtest::dec;

namespace {

// "SIDE TYPE price qty|close created[-ended] [ps=LONG|SHORT] [ro] [algo=id] [became=orderId]"
StopOrder stop(const char* spec)
{
    const QStringList t = QString::fromLatin1(spec).simplified().split(QLatin1Char(' '));
    StopOrder s;
    s.side = parseSide(t[0]).value();
    s.type = t[1];
    s.stopPrice = dec(t[2]);
    if (t[3] == QLatin1String("close"))
        s.closePosition = true;
    else
        s.quantity = dec(t[3]);
    s.createTime = fbtest::toId(t[4].section(QLatin1Char('-'), 0, 0));
    if (t[4].contains(QLatin1Char('-')))
        s.endTime = fbtest::toId(t[4].section(QLatin1Char('-'), 1, 1));
    static qint64 nextId = 900;
    s.id = ++nextId;
    for (const QString& token : t.mid(5)) {
        if (token == QLatin1String("ro"))
            s.reduceOnly = true;
        else if (token.startsWith(QLatin1String("ps=")))
            s.positionSide = parsePositionSide(token.mid(3)).value();
        else if (token.startsWith(QLatin1String("algo="))) {
            s.source = StopOrder::Source::Algo;
            s.id = fbtest::toId(token.mid(5));
        } else if (token.startsWith(QLatin1String("became=")))
            s.becameOrderId = fbtest::toId(token.mid(7));
        else if (token.startsWith(QLatin1String("id=")))
            s.id = fbtest::toId(token.mid(3));
        else
            qFatal("bad stop token %s", qPrintable(token));
    }
    return s;
}

QVector<JournalTrade> trades(const char* fills, const QVector<StopOrder>& stops,
                             const char* positions = "")
{
    QVector<JournalTrade> built = buildSymbolTrades(fbtest::history(QString::fromLatin1(fills),
                                                                    QString::fromLatin1(positions)))
                                      .trades;
    applyInitialRisk(built, stops);
    return built;
}

QString text(const std::optional<Decimal>& value)
{
    return value ? value->toString() : QStringLiteral("none");
}

} // namespace

class TestInitialRisk : public QObject
{
    Q_OBJECT

private slots:
    void stopBeforeEntry()
    {
        const auto t = trades("1@1000 BUY 2@100; 2@2000 SELL 2@90 pnl=-20 fee=1",
                              {stop("SELL STOP_MARKET 95 2 500 ro")});
        QCOMPARE(t.size(), 1);
        QVERIFY(t[0].initialRisk);
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("10"));
        QCOMPARE(t[0].initialRisk->at, 1000);
        QCOMPARE(t[0].initialRisk->entryPrice.toString(), QStringLiteral("100"));
        QCOMPARE(t[0].initialRisk->stopPrice.toString(), QStringLiteral("95"));
        QCOMPARE(t[0].initialRisk->quantity.toString(), QStringLiteral("2"));
        // net = -20 - 1 fee = -21; R = -21 / 10
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("-2.1"));
    }

    void stopMovedKeepsTheFirst()
    {
        const auto t = trades(
            "1@1000 BUY 2@100; 2@3000 SELL 2@110 pnl=20",
            {stop("SELL STOP_MARKET 95 2 1100-1500 ro"), stop("SELL STOP_MARKET 98 2 1500 ro")});
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("10"));
        QCOMPARE(t[0].initialRisk->stopPrice.toString(), QStringLiteral("95"));
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("2"));
    }

    void severalStopsAtOnceAreSummed()
    {
        // Two partial stops placed in the same millisecond protect 1 each; a later one is not
        // the initial risk.
        const auto t =
            trades("1@1000 BUY 2@100; 2@3000 SELL 2@100",
                   {stop("SELL STOP 95 1 1200 ro"), stop("SELL STOP_MARKET 90 1 1200 ro"),
                    stop("SELL STOP_MARKET 80 2 1300 ro")});
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("15"));
        QCOMPARE(t[0].initialRisk->stopCount, 2);
        QCOMPARE(t[0].initialRisk->stopPrice.toString(), QStringLiteral("95"));
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("0"));
    }

    void partialStopProtectsItsQuantity()
    {
        const auto t = trades("1@1000 BUY 2@100; 2@3000 SELL 2@97 pnl=-6",
                              {stop("SELL STOP_MARKET 95 1 1100 ro")});
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("5"));
        QCOMPARE(t[0].initialRisk->quantity.toString(), QStringLiteral("1"));
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("-1.2"));
    }

    void stopCancelledBeforeEntryDoesNotCount()
    {
        const auto t =
            trades("1@1000 BUY 2@100; 2@3000 SELL 2@100", {stop("SELL STOP_MARKET 90 2 500-800 ro"),
                                                           stop("SELL STOP_MARKET 96 2 1100 ro")});
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("8"));
        QCOMPARE(t[0].initialRisk->at, 1100);
    }

    void triggeredAlgoStopClosesTheTrade()
    {
        // The algo stop triggered at 2000 and became order 77, which closed the trade; order 77
        // (a STOP_MARKET regular order too) is the same stop, not a second one.
        const auto t = trades("1@1000 BUY 2@100; 2@2000 SELL 2@95 pnl=-10 o=77",
                              {stop("SELL STOP_MARKET 95 close 1100-2000 algo=5001 became=77"),
                               stop("SELL STOP_MARKET 99 2 2000-2000 ro id=77")});
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("10"));
        QCOMPARE(t[0].initialRisk->source, StopOrder::Source::Algo);
        QCOMPARE(t[0].initialRisk->stopId, 5001);
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("-1"));
    }

    void flipGivesEachSideItsOwnStop()
    {
        // One-way book: long 1, flipped to short 2 by one fill. The long's SELL stop, never
        // cancelled, cannot protect the short; the short's BUY stop does.
        const auto t =
            trades("1@1000 BUY 1@100; 2@2000 SELL 3@110 pnl=10; 3@3000 BUY 2@105 pnl=10",
                   {stop("SELL STOP_MARKET 95 1 1100 ro"), stop("BUY STOP_MARKET 115 close 2100")});
        QCOMPARE(t.size(), 2);
        QCOMPARE(t[0].direction, Direction::Long);
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("5"));
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("2"));
        QCOMPARE(t[1].direction, Direction::Short);
        QCOMPARE(t[1].initialRisk->risk.toString(), QStringLiteral("10"));
        QCOMPARE(t[1].initialRisk->entryPrice.toString(), QStringLiteral("110"));
        QCOMPARE(text(t[1].effectiveR()), QStringLiteral("1"));
    }

    void hedgeModeBooksAreApart()
    {
        // Hedge mode sends no reduceOnly: a stop on a book on its closing side protects it.
        const auto t = trades("1@1000 BUY 1@100 ps=LONG; 2@1000 SELL 1@100 ps=SHORT; "
                              "3@5000 SELL 1@104 ps=LONG pnl=4; 4@5000 BUY 1@104 ps=SHORT pnl=-4",
                              {stop("SELL STOP_MARKET 90 1 1100 ps=LONG"),
                               stop("BUY STOP_MARKET 103 1 1200 ps=SHORT"),
                               stop("SELL STOP_MARKET 101 1 1050 ps=SHORT")});
        QCOMPARE(t.size(), 2);
        for (const JournalTrade& trade : t) {
            if (trade.positionSide == PositionSide::Long) {
                QCOMPARE(trade.initialRisk->risk.toString(), QStringLiteral("10"));
                QCOMPARE(text(trade.effectiveR()), QStringLiteral("0.4"));
            } else {
                QCOMPARE(trade.initialRisk->risk.toString(), QStringLiteral("3"));
                QCOMPARE(text(trade.effectiveR()), QStringLiteral("-1.3333"));
            }
        }
    }

    void stopAfterScaleInUsesTheEntryThen()
    {
        const auto t = trades("1@1000 BUY 1@100; 2@1500 BUY 1@110; 3@3000 SELL 2@105",
                              {stop("SELL STOP_MARKET 95 close 2000")});
        QCOMPARE(t[0].initialRisk->entryPrice.toString(), QStringLiteral("105"));
        QCOMPARE(t[0].initialRisk->risk.toString(), QStringLiteral("20"));
    }

    void whatIsNotAStop()
    {
        // Take-profit, a stop on the opening side, one without reduceOnly in one-way mode, one
        // placed after the close, one rejected: no stop.
        StopOrder rejected = stop("SELL STOP_MARKET 95 1 1100 ro");
        rejected.neverLive = true;
        const auto t = trades(
            "1@1000 BUY 1@100; 2@3000 SELL 1@104 pnl=4",
            {stop("SELL TAKE_PROFIT_MARKET 110 1 1100 ro"), stop("BUY STOP_MARKET 90 1 1100 ro"),
             stop("SELL STOP_MARKET 95 1 1100"), stop("SELL STOP_MARKET 95 1 3000 ro"), rejected});
        QVERIFY(!t[0].initialRisk);
        QVERIFY(!t[0].effectiveRisk());
        QVERIFY(!t[0].effectiveR());
        QVERIFY(t[0].toExportJson().value(QStringLiteral("initialRisk")).isNull());
        QVERIFY(t[0].toExportJson().value(QStringLiteral("rMultiple")).isNull());
    }

    void openTradeHasRiskButNoR()
    {
        const auto t =
            trades("1@1000 BUY 1@100", {stop("SELL STOP_MARKET 97.5 1 1100 ro")}, "BOTH=1");
        QCOMPARE(t[0].status, TradeStatus::Open);
        QCOMPARE(text(t[0].effectiveRisk()), QStringLiteral("2.5"));
        QVERIFY(!t[0].effectiveR());
    }

    void overrideWins()
    {
        auto t = trades("1@1000 BUY 2@100; 2@2000 SELL 2@90 pnl=-20",
                        {stop("SELL STOP_MARKET 95 2 500 ro")});
        t[0].riskOverride = dec("8");
        QCOMPARE(text(t[0].effectiveRisk()), QStringLiteral("8"));
        QCOMPARE(text(t[0].effectiveR()), QStringLiteral("-2.5"));
        const QJsonObject json = t[0].toExportJson();
        QCOMPARE(json.value(QStringLiteral("initialRisk")).toString(), QStringLiteral("8"));
        QCOMPARE(json.value(QStringLiteral("rMultiple")).toString(), QStringLiteral("-2.5"));
        QCOMPARE(json.value(QStringLiteral("riskSource")).toString(), QStringLiteral("override"));
        QCOMPARE(json.value(QStringLiteral("stopPrice")).toString(), QStringLiteral("95"));
        // A zero override (or a stop at the entry) gives a risk but no R.
        t[0].riskOverride = dec("0");
        QVERIFY(!t[0].effectiveR());
    }

    void algoOrderReadsTheSheetsShape()
    {
        const QByteArray json = R"({"algoId":2146760,"clientAlgoId":"6B2I9XVc","algoType":
            "CONDITIONAL","orderType":"STOP_MARKET","symbol":"BNBUSDT","side":"SELL",
            "positionSide":"BOTH","timeInForce":"GTC","quantity":"0.01","algoStatus":"FINISHED",
            "actualOrderId":"4480321991774044580","actualPrice":"749.90000","triggerPrice":"750.000",
            "price":"0.000","icebergQuantity":null,"selfTradePreventionMode":"EXPIRE_MAKER",
            "workingType":"CONTRACT_PRICE","priceMatch":"NONE","closePosition":false,
            "priceProtect":false,"reduceOnly":true,"createTime":1750485492076,
            "updateTime":1750514545091,"triggerTime":1750514545000,"goodTillDate":0})";
        QString error;
        const auto algo =
            AlgoOrder::fromJson(fbtest::parseObject(json), QStringLiteral("main"), &error);
        QVERIFY2(algo, qPrintable(error));
        QCOMPARE(algo->actualOrderIdValue().value(), Q_INT64_C(4480321991774044580));
        const StopOrder s = StopOrder::fromAlgo(*algo);
        QVERIFY(s.isProtective());
        QCOMPARE(s.endTime.value(), Q_INT64_C(1750514545000));
        QCOMPARE(s.stopPrice.toString(), QStringLiteral("750"));
        const auto back = AlgoOrder::fromJson(algo->toJson(), QStringLiteral("main"));
        QVERIFY(back);
        QCOMPARE(back->actualOrderId, algo->actualOrderId);
        QCOMPARE(back->triggerPrice.toPlainString(), QStringLiteral("750.000"));
        // An id that went through a double is refused.
        QJsonObject bad = algo->toJson();
        bad.insert(QStringLiteral("actualOrderId"), QStringLiteral("4.48e18"));
        QVERIFY(!AlgoOrder::fromJson(bad, QStringLiteral("main"), &error));
        QVERIFY(error.contains(QStringLiteral("actualOrderId")));
    }
    // applyInitialRisk looks at each trade's stops through lanes sorted by creation (a rebuild
    // used to compare every trade with every stop); it must give what computeInitialRisk gives
    // with all of them: generated histories (one-way with flips, hedge mode), their own stops,
    // and stops of every kind the lanes could get wrong (live for ages, created before the
    // trade, closePosition, partial, the other side, never live, an algo order and the order
    // it became).
    void lanesGiveWhatEveryStopGives()
    {
        for (const bool hedge : {false, true}) {
            fbtest::flat::Options o;
            o.hedge = hedge;
            o.seed = hedge ? 7 : 3;
            fbtest::flat::Generator gen(o);
            const fbtest::flat::Step step = gen.next(4000);
            SymbolHistory history;
            history.account = o.account;
            history.symbol = o.symbol;
            history.fills = step.fills;
            history.funding = step.funding;
            history.currentPosition = gen.positions();
            QVector<StopOrder> stops;
            for (const Order& order : step.orders) {
                if (order.type == QLatin1String("STOP_MARKET"))
                    stops.append(StopOrder::fromOrder(order));
            }
            QVector<JournalTrade> built = buildSymbolTrades(history).trades;
            QVERIFY(built.size() > 500);
            quint32 state = 12345;
            const auto next = [&](quint32 below) {
                state = state * 1103515245u + 12345u;
                return (state >> 8) % below;
            };
            qint64 id = 70'000'000'000;
            for (const JournalTrade& t : built) {
                if (next(3) != 0)
                    continue;
                StopOrder s;
                s.id = ++id;
                s.type = next(6) == 0 ? QStringLiteral("TAKE_PROFIT") : QStringLiteral("STOP");
                s.side = next(5) == 0 ? (t.direction == Direction::Long ? Side::Buy : Side::Sell)
                                      : (t.direction == Direction::Long ? Side::Sell : Side::Buy);
                s.positionSide = t.positionSide;
                s.reduceOnly = next(4) != 0;
                s.closePosition = next(5) == 0;
                s.quantity = Decimal::fromScaled(qint64(next(6)), 3);
                s.stopPrice = Decimal::fromScaled(590000 + qint64(next(20000)), 1);
                s.createTime = t.openTime - qint64(next(4)) * 3'000'000 + qint64(next(3000));
                switch (next(5)) {
                case 0:
                    break; // live to this day
                case 1:
                    s.endTime = s.createTime; // ended as it was created
                    break;
                default:
                    s.endTime = s.createTime + qint64(next(20'000'000));
                }
                s.neverLive = next(20) == 0;
                if (next(8) == 0) { // an algo order that became this one, which is not a stop
                    StopOrder algo = s;
                    algo.source = StopOrder::Source::Algo;
                    algo.id = s.id + 5'000'000;
                    algo.becameOrderId = s.id;
                    stops.append(algo);
                }
                stops.append(s);
            }
            QVector<JournalTrade> fast = built;
            applyInitialRisk(fast, stops);
            int withRisk = 0;
            for (qsizetype i = 0; i < built.size(); ++i) {
                const std::optional<InitialRisk> expected = computeInitialRisk(built[i], stops);
                QCOMPARE(fast[i].initialRisk.has_value(), expected.has_value());
                if (!expected)
                    continue;
                ++withRisk;
                QCOMPARE(*fast[i].initialRisk, *expected);
            }
            QVERIFY(withRisk > 100);
        }
    }
};

QTEST_GUILESS_MAIN(TestInitialRisk)
#include "test_initial_risk.moc"
