// How the desktop words a trade's fee valuation (ui/models/fee_valuation_text.h): the marker in
// the Net PnL cell, the tooltip's sentences, valued parts first, and the cap on their number.
#include "ui/models/fee_valuation_text.h"
#include "ui/models/money_format.h"

#include <QTest>

using namespace fb;
using namespace fb::ui;

namespace {
Decimal dec(const char* text)
{
    return *Decimal::parse(QString::fromLatin1(text));
}

FeeValuationPart part(const char* amount, const char* pair, qint64 minute, const char* close)
{
    FeeValuationPart p;
    p.fillId = 1;
    p.asset = QStringLiteral("BNB");
    p.amount = dec(amount);
    p.pair = QString::fromLatin1(pair);
    p.minute = minute;
    if (close) {
        p.close = dec(close);
        p.value = p.amount * *p.close;
    }
    return p;
}
} // namespace

class TestFeeValuationText : public QObject
{
    Q_OBJECT
private slots:
    void markers()
    {
        QCOMPARE(feeValuationMarker(0, 0), QString());
        QCOMPARE(feeValuationMarker(2, 0), QStringLiteral("≈ "));
        QCOMPARE(feeValuationMarker(0, 1), QStringLiteral("⚠ "));
        QCOMPARE(feeValuationMarker(1, 1), QStringLiteral("≈ ⚠ "));
    }

    void tooltipSaysAtWhichCloseOrWhyNot()
    {
        // 2026-10-03 14:05 UTC
        const qint64 minute = Q_INT64_C(1791036300000);
        const QVector<FeeValuationPart> parts{part("0.0098", "BNBUSDC", minute, nullptr),
                                              part("0.0098", "BNBUSDT", minute, "612.40")};
        QCOMPARE(netPnlTooltip(QStringLiteral("18.71848"), QStringLiteral("USDT"), parts, 1),
                 QStringLiteral("Net PnL 18.71848 USDT\n"
                                "includes 0.0098 BNB valued at 612.4 USDT/BNB, 1-minute close of "
                                "BNBUSDT at 10/3/2026 2:05 PM UTC (6.00152 USDT)\n"
                                "0.0098 BNB not valued: no BNBUSDC price"));
        QCOMPARE(netPnlTooltip(QStringLiteral("24.72"), QStringLiteral("USDT"), {}, 2),
                 QStringLiteral("Net PnL 24.72 USDT\n2 fees paid in another asset are not valued "
                                "yet: the next sync values them"));
    }

    void manyPartsAreCapped()
    {
        QVector<FeeValuationPart> parts;
        for (int i = 0; i < 12; ++i)
            parts << part("0.001", "BNBUSDT", Q_INT64_C(1791036300000) + i * 60000, "600");
        const QStringList lines = feeValuationLines(parts, QStringLiteral("USDT"), 8);
        QCOMPARE(lines.size(), 9);
        QCOMPARE(lines.last(), QStringLiteral("… and 4 more"));
    }

    // The Fees cell: the margin asset to 2 decimals, another asset to 4 significant digits so
    // its asset stays in a narrow column; the tooltip and the detail pane say it exactly.
    void feesCellKeepsTheAssetInView()
    {
        const QString bnbOnly = QStringLiteral(R"({"BNB":"0.00131023"})");
        QCOMPARE(feesText(bnbOnly, QStringLiteral("USDT")), QStringLiteral("0.00131 BNB"));
        QCOMPARE(feesText(bnbOnly, QStringLiteral("USDT"), true), QStringLiteral("0.00131023 BNB"));
        const QString mixed = QStringLiteral(R"({"BNB":"0.00596188","USDT":"0.84386935"})");
        QCOMPARE(feesText(mixed, QStringLiteral("USDT")),
                 QStringLiteral("0.84 USDT + 0.005962 BNB"));
        QCOMPARE(feesText(mixed, QStringLiteral("USDT"), true),
                 QStringLiteral("0.84386935 USDT + 0.00596188 BNB"));
        QCOMPARE(feesText(QStringLiteral(R"({"BNB":"1.23456789"})"), QStringLiteral("USDT")),
                 QStringLiteral("1.2346 BNB"));
        QCOMPARE(feesText(QStringLiteral(R"({"BNB":"0.000000014"})"), QStringLiteral("USDT")),
                 QStringLiteral("0.00000001 BNB"));
    }
};

QTEST_GUILESS_MAIN(TestFeeValuationText)
#include "test_fee_valuation_text.moc"
