// The lifecycle builder on hand-checked scenarios: every expected value below was worked out by
// hand from docs/design.md §2 and is compared as exact text (see fixtures.h for the notation).
#include "fixtures.h"

#include "models/domain/funding.h"
#include "models/domain/validation.h"

#include <QTest>

#include <algorithm>

using namespace fb;
using namespace fbtest;

namespace {
const char* kLongRoundTrip = "1@1000 BUY 1@100 fee=0.04; 2@2000 SELL 1@110 pnl=10 fee=0.044";
const char* kLongRoundTripTrade = "BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 "
                                  "pnl=10 fee=USDT:0.084 funding=0 net=9.916 fills=2 flags=";
const char* kFlip = "1@1000 BUY 1@100 fee=0.04; 2@2000 SELL 3@110 pnl=10 fee=0.27316042; "
                    "3@3000 BUY 2@105 pnl=10 fee=0.084";
const char* kFlipA = "BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 pnl=10 "
                     "fee=USDT:0.13105347 funding=0 net=9.86894653 fills=2 flags=";
const char* kHedge = "1@1000 BUY 1@100 ps=LONG; 2@1500 SELL 2@101 ps=SHORT; "
                     "3@2000 SELL 1@105 ps=LONG pnl=5; 4@2500 BUY 2@99 ps=SHORT pnl=4";
const char* kStillOpen = "1@1000 BUY 1@100; 2@2000 BUY 1@102; 3@3000 SELL 1@104 pnl=3";

QString q(const char* text)
{
    return QString::fromLatin1(text);
}
} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT
private slots:
    void buildsTrades_data()
    {
        QTest::addColumn<QString>("fillSpecs");
        QTest::addColumn<QString>("positions");
        QTest::addColumn<QString>("orders");
        QTest::addColumn<QString>("funding");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("unattributed");
        QTest::addColumn<int>("invalidCount");

        auto row = [](const char* name, const char* fillSpecs, const char* positions,
                      const char* orders, const char* funding, QStringList expected,
                      const char* unattributed = "", int invalid = 0) {
            QTest::newRow(name) << q(fillSpecs) << q(positions) << q(orders) << q(funding)
                                << expected << q(unattributed) << invalid;
        };

        // --- round trips, scaling, flips
        row("long round trip", kLongRoundTrip, "", "", "", {q(kLongRoundTripTrade)});
        row("short round trip", "1@1000 SELL 2@50 fee=0.02; 2@2000 BUY 2@45 pnl=10 fee=0.018", "",
            "", "",
            {q("BOTH:1 SHORT CLOSED 1000-2000 entry=2 exit=2 max=2 avg=50/45 pnl=10 "
               "fee=USDT:0.038 funding=0 net=9.962 fills=2 flags=")});
        row("scale in, several partial closes",
            "1@1000 BUY 1@100 fee=0.01; 2@2000 BUY 2@100.01 fee=0.01; "
            "3@3000 SELL 1@101 pnl=0.99333333 fee=0.01; 4@4000 SELL 1@102 pnl=1.99333333 fee=0.01; "
            "5@5000 SELL 1@103.5 pnl=3.49333333 fee=0.01",
            "", "", "",
            {q("BOTH:1 LONG CLOSED 1000-5000 entry=3 exit=3 max=3 avg=100.00666667/102.16666667 "
               "pnl=6.47999999 fee=USDT:0.05 funding=0 net=6.42999999 fills=5 flags=")});
        row("short scaled in after a partial close",
            "1@1000 SELL 1@50; 2@2000 SELL 1@52; 3@3000 BUY 1@49 pnl=2; 4@4000 SELL 2@51; "
            "5@5000 BUY 3@48 pnl=9",
            "", "", "",
            {q("BOTH:1 SHORT CLOSED 1000-5000 entry=4 exit=4 max=3 avg=51/48.25 pnl=11 fee=USDT:0 "
               "funding=0 net=11 fills=5 flags=")});
        row("flip long to short", kFlip, "", "", "",
            {q(kFlipA), q("BOTH:2 SHORT CLOSED 2000-3000 entry=2 exit=2 max=2 avg=110/105 pnl=10 "
                          "fee=USDT:0.26610695 funding=0 net=9.73389305 fills=2 flags=")});
        row("flip short to long",
            "1@1000 SELL 2@50; 2@2000 BUY 5@48 pnl=4 fee=0.1; 3@3000 SELL 3@49 pnl=3", "", "", "",
            {q("BOTH:1 SHORT CLOSED 1000-2000 entry=2 exit=2 max=2 avg=50/48 pnl=4 fee=USDT:0.04 "
               "funding=0 net=3.96 fills=2 flags="),
             q("BOTH:2 LONG CLOSED 2000-3000 entry=3 exit=3 max=3 avg=48/49 pnl=3 fee=USDT:0.06 "
               "funding=0 net=2.94 fills=2 flags=")});

        // --- hedge mode, open positions
        row("hedge: LONG and SHORT open together", kHedge, "LONG=0 SHORT=0", "", "",
            {q("LONG:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/105 pnl=5 fee=USDT:0 "
               "funding=0 net=5 fills=2 flags="),
             q("SHORT:2 SHORT CLOSED 1500-2500 entry=2 exit=2 max=2 avg=101/99 pnl=4 fee=USDT:0 "
               "funding=0 net=4 fills=2 flags=")});
        row("hedge: LONG still open",
            "1@1000 BUY 1.5@100 ps=LONG; 2@1500 SELL 2@101 ps=SHORT; 4@2500 BUY 2@99 ps=SHORT "
            "pnl=4",
            "LONG=1.5", "", "",
            {q("LONG:1 LONG OPEN 1000- entry=1.5 exit=0 max=1.5 avg=100/null pnl=0 fee=USDT:0 "
               "funding=0 net=0 fills=1 flags="),
             q("SHORT:2 SHORT CLOSED 1500-2500 entry=2 exit=2 max=2 avg=101/99 pnl=4 fee=USDT:0 "
               "funding=0 net=4 fills=2 flags=")});
        row("position still open", kStillOpen, "BOTH=1", "", "",
            {q("BOTH:1 LONG OPEN 1000- entry=2 exit=1 max=2 avg=101/104 pnl=3 fee=USDT:0 "
               "funding=0 net=3 fills=3 flags=")});
        row("closed, then a new one open",
            "1@1000 BUY 1@100; 2@2000 SELL 1@101 pnl=1; 3@3000 SELL 0.5@102", "BOTH=-0.5", "", "",
            {q("BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/101 pnl=1 fee=USDT:0 "
               "funding=0 net=1 fills=2 flags="),
             q("BOTH:3 SHORT OPEN 3000- entry=0.5 exit=0 max=0.5 avg=102/null pnl=0 fee=USDT:0 "
               "funding=0 net=0 fills=1 flags=")});
        row("current position without fills: no trade", "", "BOTH=1", "", "", {});

        // --- history that starts mid-position
        row("incomplete start, reducing only", "5@5000 SELL 2@110 pnl=20", "", "", "",
            {q("BOTH:5 LONG CLOSED 5000-5000 entry=2 exit=2 max=2 avg=null/110 pnl=20 fee=USDT:0 "
               "funding=0 net=20 fills=1 flags=INCOMPLETE_START")});
        row("incomplete start with an increasing fill",
            "5@5000 BUY 1@100; 6@6000 SELL 3@110 pnl=30", "BOTH=0", "", "",
            {q("BOTH:5 LONG CLOSED 5000-6000 entry=3 exit=3 max=3 avg=100/110 pnl=30 fee=USDT:0 "
               "funding=0 net=30 fills=2 flags=INCOMPLETE_START")});
        row("incomplete start still open", "5@5000 SELL 1@110 pnl=10", "BOTH=3", "", "",
            {q("BOTH:5 LONG OPEN 5000- entry=4 exit=1 max=4 avg=null/110 pnl=10 fee=USDT:0 "
               "funding=0 net=10 fills=1 flags=INCOMPLETE_START")});
        row("incomplete start whose first fill flips", "5@5000 SELL 3@110 pnl=20 fee=0.3",
            "BOTH=-1", "", "",
            {q("BOTH:0 LONG CLOSED 5000-5000 entry=2 exit=2 max=2 avg=null/110 pnl=20 "
               "fee=USDT:0.2 funding=0 net=19.8 fills=1 flags=INCOMPLETE_START"),
             q("BOTH:5 SHORT OPEN 5000- entry=1 exit=0 max=1 avg=110/null pnl=0 fee=USDT:0.1 "
               "funding=0 net=-0.1 fills=1 flags=")});
        row("incomplete start, hedge SHORT",
            "7@7000 SELL 1@50 ps=SHORT; 8@8000 BUY 3@45 ps=SHORT pnl=15", "SHORT=0", "", "",
            {q("SHORT:7 SHORT CLOSED 7000-8000 entry=3 exit=3 max=3 avg=50/45 pnl=15 fee=USDT:0 "
               "funding=0 net=15 fills=2 flags=INCOMPLETE_START")});
        row("incomplete start of the wrong sign for a hedge book", "1@1000 BUY 1@100 ps=LONG",
            "LONG=0", "", "",
            {q("LONG:1 LONG CLOSED 1000-1000 entry=2 exit=0 max=1 avg=100/null pnl=0 fee=USDT:0 "
               "funding=0 net=0 fills=1 flags=INCOMPLETE_START|INVALID reason=the starting "
               "position -1 has the wrong sign for a LONG book")},
            "", 1);

        // --- close flags come from the reducing fill's order
        const char* closeBy12 = "1@1000 BUY 1@100 o=11; 2@2000 SELL 1@80 pnl=-20 o=12";
        const char* closed = "BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/80 "
                             "pnl=-20 fee=USDT:0 funding=0 net=-20 fills=2 flags=";
        row("liquidation", closeBy12, "", "12=autoclose-20240101123456", "",
            {q(closed) + QStringLiteral("LIQUIDATION")});
        row("ADL", closeBy12, "", "12=adl_autoclose", "", {q(closed) + QStringLiteral("ADL")});
        row("settlement", closeBy12, "", "12=settlement_autoclose-BTCUSDT_240329", "",
            {q(closed) + QStringLiteral("SETTLEMENT")});
        row("an opening order's client id does not flag", closeBy12, "", "11=autoclose-1", "",
            {q(closed)});
        row("an ordinary client id does not flag", closeBy12, "", "12=web_autoclose-1", "",
            {q(closed)});

        // --- commission assets and ordering
        row("commission in BNB next to USDT",
            "1@1000 BUY 1@100 fee=0.001:BNB; 2@2000 SELL 1@110 pnl=10 fee=0.044", "", "", "",
            {q("BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 pnl=10 "
               "fee=BNB:0.001,USDT:0.044 funding=0 net=9.956 fills=2 flags=")});
        row("negative commission on the wire is a cost",
            "1@1000 BUY 1@100 fee=-0.04; 2@2000 SELL 1@110 pnl=10 fee=-0.044", "", "", "",
            {q(kLongRoundTripTrade)});
        row("same millisecond, ordered by id", "3@1000 SELL 1@101 pnl=1; 2@1000 BUY 1@100", "", "",
            "",
            {q("BOTH:2 LONG CLOSED 1000-1000 entry=1 exit=1 max=1 avg=100/101 pnl=1 fee=USDT:0 "
               "funding=0 net=1 fills=2 flags=")});
        row("same millisecond, ids beyond 2^53",
            "9007199254740994@1000 SELL 1@101 pnl=1; 9007199254740993@1000 BUY 1@100", "", "", "",
            {q("BOTH:9007199254740993 LONG CLOSED 1000-1000 entry=1 exit=1 max=1 avg=100/101 "
               "pnl=1 fee=USDT:0 funding=0 net=1 fills=2 flags=")});

        // --- invalid trades are kept and flagged
        row("hedge over-reduce",
            "1@1000 BUY 1@100 ps=LONG; 2@2000 SELL 2@105 ps=LONG pnl=5; "
            "3@3000 BUY 1@104 ps=LONG",
            "LONG=0", "", "",
            {q("LONG:1 LONG CLOSED 1000-3000 entry=2 exit=2 max=1 avg=102/105 pnl=5 fee=USDT:0 "
               "funding=0 net=5 fills=3 flags=INVALID reason=SELL 2 on LONG reduced beyond the "
               "open position 1 at fill 2")},
            "", 1);
        row("hedge over-reduce, still open",
            "1@1000 SELL 1@100 ps=SHORT; 2@2000 BUY 3@95 ps=SHORT pnl=5", "SHORT=2", "", "",
            {q("SHORT:1 SHORT OPEN 1000- entry=1 exit=3 max=2 avg=100/95 pnl=5 fee=USDT:0 "
               "funding=0 net=5 fills=2 flags=INVALID reason=BUY 3 on SHORT reduced beyond the "
               "open position 1 at fill 2")},
            "", 1);
        row("non-positive price", "1@1000 BUY 1@0; 2@2000 SELL 1@110 pnl=10", "", "", "",
            {q("BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=0/110 pnl=10 fee=USDT:0 "
               "funding=0 net=10 fills=2 flags=INVALID reason=fill 1 has a non-positive price 0")},
            "", 1);

        // --- funding attribution
        row("funding while open, bounds inclusive", kLongRoundTrip, "", "",
            "100@1500=-0.5 101@1000=0.1 102@2000=-0.2",
            {q("BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 pnl=10 "
               "fee=USDT:0.084 funding=-0.6 net=9.316 fills=2 flags=")});
        row("funding between and around trades",
            "1@1000 BUY 1@100; 2@2000 SELL 1@110 pnl=10; 3@3000 BUY 1@100; 4@4000 SELL 1@100", "",
            "", "100@2500=-0.5 101@999=-0.1 102@4001=-0.2 103@3500=0.3",
            {q("BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 pnl=10 fee=USDT:0 "
               "funding=0 net=10 fills=2 flags="),
             q("BOTH:3 LONG CLOSED 3000-4000 entry=1 exit=1 max=1 avg=100/100 pnl=0 fee=USDT:0 "
               "funding=0.3 net=0.3 fills=2 flags=")},
            "101,100,102");
        row("funding at a flip's millisecond", kFlip, "", "", "100@2000=-0.5 101@2500=-0.1",
            {q(kFlipA), q("BOTH:2 SHORT CLOSED 2000-3000 entry=2 exit=2 max=2 avg=110/105 pnl=10 "
                          "fee=USDT:0.26610695 funding=-0.1 net=9.63389305 fills=2 flags=")},
            "100");
        row("funding with both hedge sides open", kHedge, "", "",
            "100@1200=-0.1 101@1800=-0.2 102@2200=0.3",
            {q("LONG:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/105 pnl=5 fee=USDT:0 "
               "funding=-0.1 net=4.9 fills=2 flags="),
             q("SHORT:2 SHORT CLOSED 1500-2500 entry=2 exit=2 max=2 avg=101/99 pnl=4 fee=USDT:0 "
               "funding=0.3 net=4.3 fills=2 flags=")},
            "101");
        row("funding before an incomplete start's first fill", "5@5000 SELL 2@110 pnl=20", "", "",
            "100@500=-0.5 101@6000=-0.1",
            {q("BOTH:5 LONG CLOSED 5000-5000 entry=2 exit=2 max=2 avg=null/110 pnl=20 fee=USDT:0 "
               "funding=-0.5 net=19.5 fills=1 flags=INCOMPLETE_START")},
            "101");
        row("funding after an open trade's last fill", kStillOpen, "BOTH=1", "", "100@9000=-0.5",
            {q("BOTH:1 LONG OPEN 1000- entry=2 exit=1 max=2 avg=101/104 pnl=3 fee=USDT:0 "
               "funding=-0.5 net=2.5 fills=3 flags=")});
        row("funding in another asset", kLongRoundTrip, "", "", "100@1500=-0.5:BNB",
            {q(kLongRoundTripTrade)}, "100");
    }
    void buildsTrades()
    {
        QFETCH(QString, fillSpecs);
        QFETCH(QString, positions);
        QFETCH(QString, orders);
        QFETCH(QString, funding);
        QFETCH(QStringList, expected);
        QFETCH(QString, unattributed);
        QFETCH(int, invalidCount);

        const SymbolTrades built =
            buildSymbolTrades(history(fillSpecs, positions, orders, funding));
        QCOMPARE(summaries(built), expected);
        QCOMPARE(tranIds(built.unattributedFunding), unattributed);
        QCOMPARE(built.invalidCount, invalidCount);
        for (const JournalTrade& trade : built.trades)
            QCOMPARE(validateTrade(trade), trade.invalidReason); // the flag agrees with a re-check
    }

    void flipSplitsCommission_data()
    {
        QTest::addColumn<QString>("commission");
        QTest::addColumn<QString>("fillQty");
        QTest::addColumn<QString>("openQty");
        QTest::addColumn<QString>("closingShare");
        QTest::addColumn<QString>("openingShare");
        QTest::newRow("exact third") << "0.27316041"
                                     << "3"
                                     << "1"
                                     << "0.09105347"
                                     << "0.18210694";
        QTest::newRow("third that rounds down") << "0.27316042"
                                                << "3"
                                                << "1"
                                                << "0.09105347"
                                                << "0.18210695";
        QTest::newRow("two thirds that round up") << "0.27316042"
                                                  << "3"
                                                  << "2"
                                                  << "0.18210695"
                                                  << "0.09105347";
        QTest::newRow("half-even tie to even 0") << "0.00000001"
                                                 << "2"
                                                 << "1"
                                                 << "0"
                                                 << "0.00000001";
        QTest::newRow("half-even tie to even 2") << "0.00000003"
                                                 << "2"
                                                 << "1"
                                                 << "0.00000002"
                                                 << "0.00000001";
        QTest::newRow("more than 8 places") << "0.123456789"
                                            << "3"
                                            << "1"
                                            << "0.04115226"
                                            << "0.082304529";
        QTest::newRow("negative on the wire") << "-0.27316042"
                                              << "3"
                                              << "1"
                                              << "0.09105347"
                                              << "0.18210695";
        QTest::newRow("fractional quantities") << "0.00717"
                                               << "0.007"
                                               << "0.003"
                                               << "0.00307286"
                                               << "0.00409714";
    }
    void flipSplitsCommission()
    {
        QFETCH(QString, commission);
        QFETCH(QString, fillQty);
        QFETCH(QString, openQty);
        QFETCH(QString, closingShare);
        QFETCH(QString, openingShare);
        // The position after the flip is the current one: no incomplete start.
        const QString current = QStringLiteral("BOTH=") + (dec(openQty) - dec(fillQty)).toString();
        const SymbolTrades built = buildSymbolTrades(
            history(QStringLiteral("1@1000 BUY %1@100; 2@2000 SELL %2@110 pnl=7 fee=%3")
                        .arg(openQty, fillQty, commission),
                    current));
        QCOMPARE(built.trades.size(), 2);
        const TradeFillPart& closing = built.trades[0].fills.last();
        const TradeFillPart& opening = built.trades[1].fills.first();
        QCOMPARE(closing.fillId, 2);
        QCOMPARE(opening.fillId, 2);
        QCOMPARE(closing.qty.toString(), openQty);
        QCOMPARE((closing.qty + opening.qty).toString(), dec(fillQty).toString());
        QCOMPARE(closing.commission.toString(), closingShare);
        QCOMPARE(opening.commission.toString(), openingShare);
        QCOMPARE(closing.commission + opening.commission, dec(commission).abs());
        QCOMPARE(closing.realizedPnl.toString(), QStringLiteral("7")); // all to the closing part
        QCOMPARE(opening.realizedPnl.toString(), QStringLiteral("0"));
        QVERIFY(!closing.increasesPosition);
        QVERIFY(opening.increasesPosition);
        QCOMPARE(built.trades[0].fillCount, 2); // the flip fill counts in both trades
        QCOMPARE(built.trades[1].fillCount, 1);
        QCOMPARE(built.trades[1].direction, Direction::Short);
    }

    void tradeCarriesItsRecords()
    {
        const SymbolTrades built =
            buildSymbolTrades(history(QStringLiteral("5@5000 BUY 1@100; 6@6000 SELL 3@110 pnl=30"),
                                      {}, {}, QStringLiteral("100@500=-0.5 99@500=0.25")));
        QCOMPARE(built.trades.size(), 1);
        const JournalTrade& t = built.trades.first();
        QCOMPARE(t.key, QStringLiteral("acc:BTCUSDT:BOTH:5"));
        QCOMPARE(t.account, kAccount);
        QCOMPARE(t.symbol, kSymbol);
        QCOMPARE(t.marginAsset, QStringLiteral("USDT"));
        QCOMPARE(t.startingQty.toString(), QStringLiteral("2"));
        QCOMPARE(t.fundingTranIds, (QVector<qint64>{99, 100})); // (time, tranId) order
        QCOMPARE(t.funding.toString(), QStringLiteral("-0.25"));
        QCOMPARE(t.firstFillId(), 5);
        QVERIFY(!t.hasFlag(FlagInvalid));
    }

    void tradesAreOrderedByOpenTimeThenKey()
    {
        // At the same open time: by position side name, then by first fill id as a number
        // (fill 9 before fill 11, which a plain text comparison of the keys would reverse).
        const SymbolTrades built = buildSymbolTrades(
            history(QStringLiteral(
                        "12@1000 BUY 1@100 ps=LONG; 11@1000 BUY 1@102; 10@1000 SELL 1@101 pnl=1; "
                        "9@1000 BUY 1@100; 8@900 SELL 1@100 ps=SHORT"),
                    QStringLiteral("BOTH=1 LONG=1 SHORT=-1")));
        QStringList keys;
        for (const JournalTrade& trade : built.trades)
            keys.append(trade.key.section(QLatin1Char(':'), 2));
        QCOMPARE(keys, (QStringList{QStringLiteral("SHORT:8"), QStringLiteral("BOTH:9"),
                                    QStringLiteral("BOTH:11"), QStringLiteral("LONG:12")}));
    }

    void fundingAttributionIsIndependentOfTradeOrder()
    {
        SymbolTrades built = buildSymbolTrades(history(q(kHedge)));
        std::reverse(built.trades.begin(), built.trades.end());
        const QVector<Income> rest =
            attributeFunding(built.trades, {fundingRow(QStringLiteral("1@1200=-0.1")),
                                            fundingRow(QStringLiteral("2@2200=0.3"))});
        QVERIFY(rest.isEmpty());
        QCOMPARE(built.trades[0].funding.toString(), QStringLiteral("0.3"));  // SHORT
        QCOMPARE(built.trades[1].funding.toString(), QStringLiteral("-0.1")); // LONG
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "test_lifecycle.moc"
