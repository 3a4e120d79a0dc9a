// Reconciliation: the journal's sums against the income ledger, per symbol, asset and check,
// exactly; and the report's JSON round trip (it is stored with each sync run).
#include "fixtures.h"

#include "models/domain/reconciliation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace fb;
using namespace fbtest;

namespace {

const char* kFills = "1@1000 BUY 1@100 fee=0.001:BNB; 2@2000 SELL 1@110 pnl=10 fee=0.044; "
                     "3@3000 BUY 1@100 fee=0.04";
// 100 is attributed to the first trade, 101 falls between the trades (unattributed).
const char* kFunding = "100@1500=-0.5 101@2500=-0.1";

Income incomeRow(const char* type, const char* amount, const char* asset, qint64 tranId,
                 const QString& symbol = kSymbol)
{
    Income row;
    row.account = kAccount;
    row.symbol = symbol;
    row.incomeType = QLatin1String(type);
    row.income = dec(amount);
    row.asset = QLatin1String(asset);
    row.tranId = tranId;
    return row;
}

struct Case
{
    SymbolHistory history;
    QVector<Income> income;
};

Case matchingCase()
{
    Case c;
    c.history =
        history(QLatin1String(kFills), QStringLiteral("BOTH=1"), {}, QLatin1String(kFunding));
    c.income = {incomeRow("COMMISSION", "-0.001", "BNB", 1),
                incomeRow("COMMISSION", "-0.04400000", "USDT", 2),
                incomeRow("REALIZED_PNL", "10.00000000", "USDT", 2),
                incomeRow("COMMISSION", "-0.04", "USDT", 3),
                incomeRow("TRANSFER", "1000", "USDT", 9, QString()) /* not reconciled */};
    c.income += c.history.funding;
    return c;
}

QStringList describeAll(const ReconciliationReport& report)
{
    QStringList lines;
    for (const ReconciliationLine& line : report.lines)
        lines.append(line.describe() + (line.matches ? QString() : QStringLiteral(" MISMATCH")));
    return lines;
}

} // namespace

class TestReconciliation : public QObject
{
    Q_OBJECT
private slots:
    void matchingDataMatches()
    {
        const Case c = matchingCase();
        const SymbolTrades built = buildSymbolTrades(c.history);
        QCOMPARE(tranIds(built.unattributedFunding), QStringLiteral("101"));
        const ReconciliationReport report = reconcile(c.history.fills, c.income, {built});
        QCOMPARE(describeAll(report),
                 (QStringList{
                     QStringLiteral("BTCUSDT commission in BNB: journal 0.001, income 0.001, "
                                    "difference 0"),
                     QStringLiteral("BTCUSDT commission in USDT: journal 0.084, income 0.084, "
                                    "difference 0"),
                     QStringLiteral("BTCUSDT funding in USDT: journal -0.6, income -0.6, "
                                    "difference 0"),
                     QStringLiteral("BTCUSDT realizedPnl in USDT: journal 10, income 10, "
                                    "difference 0"),
                 }));
        QVERIFY(report.allMatch());
        QVERIFY(report.mismatches().isEmpty());
    }

    void differencesAreReportedExactly_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QStringList>("mismatches");
        QTest::newRow("missing COMMISSION row")
            << "drop commission 3"
            << QStringList{QStringLiteral("BTCUSDT commission in USDT: journal 0.084, income "
                                          "0.044, difference 0.04 MISMATCH")};
        QTest::newRow("missing REALIZED_PNL row")
            << "drop pnl 2"
            << QStringList{QStringLiteral("BTCUSDT realizedPnl in USDT: journal 10, income 0, "
                                          "difference 10 MISMATCH")};
        QTest::newRow("funding row the journal does not have")
            << "extra funding"
            << QStringList{QStringLiteral("BTCUSDT funding in USDT: journal -0.6, income "
                                          "-0.60000001, difference 0.00000001 MISMATCH")};
        QTest::newRow("income of a symbol without fills")
            << "other symbol"
            << QStringList{QStringLiteral("ETHUSDT realizedPnl in USDT: journal 0, income 5, "
                                          "difference -5 MISMATCH")};
    }
    void differencesAreReportedExactly()
    {
        QFETCH(QString, change);
        QFETCH(QStringList, mismatches);
        Case c = matchingCase();
        auto drop = [&c](const char* type, qint64 tranId) {
            c.income.removeIf([&](const Income& row) {
                return row.incomeType == QLatin1String(type) && row.tranId == tranId;
            });
        };
        if (change == QLatin1String("drop commission 3"))
            drop("COMMISSION", 3);
        else if (change == QLatin1String("drop pnl 2"))
            drop("REALIZED_PNL", 2);
        else if (change == QLatin1String("extra funding"))
            c.income.append(incomeRow("FUNDING_FEE", "-0.00000001", "USDT", 102));
        else
            c.income.append(incomeRow("REALIZED_PNL", "5", "USDT", 7, QStringLiteral("ETHUSDT")));

        const ReconciliationReport report =
            reconcile(c.history.fills, c.income, {buildSymbolTrades(c.history)});
        QVERIFY(!report.allMatch());
        QStringList found;
        for (const QString& line : describeAll(report)) {
            if (line.endsWith(QLatin1String("MISMATCH")))
                found.append(line);
        }
        QCOMPARE(found, mismatches);
        QCOMPARE(report.mismatches().size(), mismatches.size());
    }

    void reportRoundTripsThroughJson()
    {
        Case c = matchingCase();
        c.income.removeLast(); // the unattributed funding row: one mismatch to carry along
        const ReconciliationReport report =
            reconcile(c.history.fills, c.income, {buildSymbolTrades(c.history)});
        const QJsonObject json = report.toJson();
        QCOMPARE(json.value(QStringLiteral("allMatch")).toBool(), false);
        const QJsonObject funding = json.value(QStringLiteral("lines")).toArray()[2].toObject();
        QCOMPARE(QJsonDocument(funding).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"asset":"USDT","check":"funding","difference":"-0.1",)"
                            R"("income":"-0.5","journal":"-0.6","matches":false,)"
                            R"("symbol":"BTCUSDT"})"));

        QString error;
        const auto back = ReconciliationReport::fromJson(json, &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QCOMPARE(*back, report);
        QCOMPARE(back->toJson(), json);
    }

    void fromJsonRejectsDamagedReports()
    {
        QString error;
        QVERIFY(!ReconciliationReport::fromJson(QJsonObject{}, &error));
        QCOMPARE(error, QStringLiteral("reconciliation report has no 'lines' array"));

        QJsonObject line =
            reconcile(fills(QStringLiteral("1@1 BUY 1@1 fee=0.1")), {}, {}).lines.first().toJson();
        line.insert(QStringLiteral("difference"), 0.1); // a double, not a decimal string
        QVERIFY(!ReconciliationReport::fromJson(
            QJsonObject{{QStringLiteral("lines"), QJsonArray{line}}}, &error));
        QCOMPARE(error,
                 QStringLiteral("reconciliation line field 'difference' is not a decimal string"));
    }

    void emptyInputIsAnEmptyMatchingReport()
    {
        const ReconciliationReport report = reconcile({}, {}, {});
        QVERIFY(report.lines.isEmpty());
        QVERIFY(report.allMatch());
    }
};

QTEST_GUILESS_MAIN(TestReconciliation)
#include "test_reconciliation.moc"
