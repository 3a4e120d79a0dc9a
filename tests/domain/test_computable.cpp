// Records the journal cannot compute with (docs/design.md §2.10): the builder and reconciliation
// of one symbol give an error naming the record instead of throwing DecimalOverflow.
#include "fixtures.h"
#include "models/domain/computable.h"
#include "models/domain/reconciliation.h"
#include "tests/support/records.h"

#include <QTest>

using namespace fb;
using namespace fbtest;

namespace {
const char* const k30Decimals = "0.123456789012345678901234567890";
}

class TestComputable : public QObject
{
    Q_OBJECT

private slots:
    void aThirtyDecimalFillFailsItsSymbolNotTheProcess()
    {
        const SymbolHistory h =
            history(QStringLiteral("1@1000 BUY 0.010@68290.10; 2@2000 BUY %1@%1; "
                                   "3@3000 SELL 0.010@68300.00")
                        .arg(QLatin1String(k30Decimals)));
        // What aborted every sync: the builder throws for this history.
        QVERIFY_THROWS_EXCEPTION(DecimalOverflow, buildSymbolTrades(h));

        const SymbolBuild built = tryBuildSymbolTrades(h);
        QVERIFY(!built.ok());
        QCOMPARE(built.badFillIds, QVector<qint64>{2});
        QCOMPARE(built.badTranIds, QVector<qint64>{});
        QCOMPARE(*built.error,
                 QStringLiteral("fill 2 of BTCUSDT: its price 0.123456789012345678901234567890 "
                                "times its quantity 0.123456789012345678901234567890 has more "
                                "digits than the journal can compute with (34 at most, counting "
                                "8 decimal places)"));
    }

    void eachOversizedAmountIsNamed_data()
    {
        QTest::addColumn<QString>("fills");
        QTest::addColumn<QString>("position");
        QTest::addColumn<QString>("funding");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QVector<qint64>>("badFills");
        QTest::addColumn<QVector<qint64>>("badTranIds");
        const QString big37 = QStringLiteral("1234567890123456789012345678901234567");
        QTest::newRow("31-decimal price")
            << QStringLiteral("7@1000 BUY 0.123456@0.1234567890123456789012345678901") << QString()
            << QString()
            << QStringLiteral("fill 7 of BTCUSDT: its price 0.1234567890123456789012345678901 "
                              "times its quantity 0.123456 has more digits than the journal can "
                              "compute with (34 at most, counting 8 decimal places)")
            << QVector<qint64>{7} << QVector<qint64>{};
        QTest::newRow("37-digit commission")
            << QStringLiteral("7@1000 BUY 1@100 fee=%1").arg(big37) << QString() << QString()
            << QStringLiteral("fill 7 of BTCUSDT: its commission %1 has more digits than the "
                              "journal can compute with (34 at most, counting 8 decimal places)")
                   .arg(big37)
            << QVector<qint64>{7} << QVector<qint64>{};
        QTest::newRow("37-digit realized PnL")
            << QStringLiteral("7@1000 SELL 1@100 pnl=%1").arg(big37) << QString() << QString()
            << QStringLiteral("fill 7 of BTCUSDT: its realized PnL %1 has more digits than the "
                              "journal can compute with (34 at most, counting 8 decimal places)")
                   .arg(big37)
            << QVector<qint64>{7} << QVector<qint64>{};
        QTest::newRow("37-digit position")
            << QStringLiteral("7@1000 BUY 1@100") << QStringLiteral("BOTH=%1").arg(big37)
            << QString()
            << QStringLiteral("the BOTH position of BTCUSDT: its size %1 has more digits than "
                              "the journal can compute with (34 at most, counting 8 decimal "
                              "places)")
                   .arg(big37)
            << QVector<qint64>{} << QVector<qint64>{};
        QTest::newRow("funding row of 10^30")
            << QStringLiteral("7@1000 BUY 1@100") << QStringLiteral("BOTH=1")
            << QStringLiteral("55@2000=1000000000000000000000000000000")
            << QStringLiteral("FUNDING_FEE row 55 of BTCUSDT: its income "
                              "1000000000000000000000000000000 has more digits than the journal "
                              "can compute with (34 at most, counting 8 decimal places)")
            << QVector<qint64>{} << QVector<qint64>{55};
    }

    void eachOversizedAmountIsNamed()
    {
        QFETCH(QString, fills);
        QFETCH(QString, position);
        QFETCH(QString, funding);
        QFETCH(QString, error);
        QFETCH(QVector<qint64>, badFills);
        QFETCH(QVector<qint64>, badTranIds);
        const SymbolHistory h = history(fills, position, {}, funding);
        const SymbolBuild built = tryBuildSymbolTrades(h);
        QVERIFY(!built.ok());
        QCOMPARE(*built.error, error);
        QCOMPARE(built.badFillIds, badFills);
        QCOMPARE(built.badTranIds, badTranIds);
        QCOMPARE(built.trades.trades.size(), 0);
    }

    void totalsThatOverflowFailTheSymbolToo()
    {
        // Each amount passes the rule, but the trade's net PnL brings a 26-digit realized PnL to
        // the 20 decimal places of the commission: 46 digits.
        const SymbolHistory h = history(
            QStringLiteral("1@1000 BUY 1@100; 2@2000 SELL 1@100 pnl=10000000000000000000000000 "
                           "fee=0.00000000000000000001"));
        QVERIFY(!fillComputeProblem(h.fills.at(1)));
        QVERIFY_THROWS_EXCEPTION(DecimalOverflow, buildSymbolTrades(h));
        const SymbolBuild built = tryBuildSymbolTrades(h);
        QVERIFY(!built.ok());
        QCOMPARE(*built.error, QStringLiteral("the amounts of BTCUSDT add up to more digits than "
                                              "the journal can compute with (decimal overflow in "
                                              "addition)"));
        QVERIFY(built.badFillIds.isEmpty()); // no single record to blame
    }

    void anOrdinaryHistoryBuildsAsBefore()
    {
        const SymbolHistory h = history(QStringLiteral("1@1000 BUY 0.010@68290.10 fee=0.27; "
                                                       "2@3000 SELL 0.010@68300.00 pnl=0.099"),
                                        {}, {}, QStringLiteral("9@2000=-0.5"));
        const SymbolBuild built = tryBuildSymbolTrades(h);
        QVERIFY(built.ok());
        QVERIFY(built.badFillIds.isEmpty());
        const SymbolTrades expected = buildSymbolTrades(h);
        QCOMPARE(built.trades.trades.size(), 1);
        QVERIFY(built.trades.trades == expected.trades);
        QCOMPARE(built.trades.trades.first().funding.toString(), QStringLiteral("-0.5"));
    }

    void reconciliationOfAnOversizedIncomeRowIsAnError()
    {
        const SymbolHistory h = history(QStringLiteral("1@1000 BUY 1@100; 2@2000 SELL 1@110 "
                                                       "pnl=10.00000001"));
        Income row = fundingRow(QStringLiteral("77@2000=1000000000000000000000000000000"));
        row.incomeType = QStringLiteral("REALIZED_PNL");
        // What aborted the finalize step: reconcile() throws on this income.
        QVERIFY_THROWS_EXCEPTION(DecimalOverflow,
                                 reconcile(h.fills, {row}, {buildSymbolTrades(h)}));

        QString error;
        const auto report = tryReconcileSymbol(kSymbol, h.fills, {row}, h, &error);
        QVERIFY(!report);
        QCOMPARE(error, QStringLiteral("REALIZED_PNL row 77 of BTCUSDT: its income "
                                       "1000000000000000000000000000000 has more digits than "
                                       "the journal can compute with (34 at most, counting 8 "
                                       "decimal places)"));

        Income ordinary = row;
        ordinary.income = dec("10.00000001");
        const auto fine = tryReconcileSymbol(kSymbol, h.fills, {ordinary}, h, &error);
        QVERIFY(fine);
        QVERIFY(fine->allMatch());
    }
};

QTEST_GUILESS_MAIN(TestComputable)
#include "test_computable.moc"
