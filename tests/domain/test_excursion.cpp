// MAE / MFE of docs/design.md D112 on hand-made cases: trades built by the real lifecycle
// builder from compact fills, candles written by hand, exact excursions expected. Minute m opens
// at m x 60,000 ms; the candles of the entry and exit minutes must not count.

#include "models/domain/excursion.h"
#include "models/domain/lifecycle.h"
#include "tests/support/records.h"

#include <QTest>

using namespace fb;
using fbtest::dec;

namespace {

constexpr qint64 M = 60'000;

QVector<JournalTrade> trades(const QString& fills)
{
    return buildSymbolTrades(fbtest::history(fills)).trades;
}

// "minute low high" candles; open and close are the low and the high (not read).
QVector<Candle> candles(std::initializer_list<std::tuple<qint64, const char*, const char*>> list)
{
    QVector<Candle> out;
    for (const auto& [minute, low, high] : list)
        out.append({minute * M, dec(QString::fromLatin1(low)), dec(QString::fromLatin1(high)),
                    dec(QString::fromLatin1(low)), dec(QString::fromLatin1(high))});
    return out;
}

QString text(const std::optional<Decimal>& value)
{
    return value ? value->toString() : QStringLiteral("none");
}

// "mae mfe maeR mfeR worst best"
QString summary(const std::optional<Excursion>& e)
{
    if (!e)
        return QStringLiteral("no excursion");
    return QStringList{e->mae.toString(), e->mfe.toString(),        text(e->maeR),
                       text(e->mfeR),     e->worstPrice.toString(), e->bestPrice.toString()}
        .join(QLatin1Char(' '));
}

QString at(qint64 minute, int seconds)
{
    return QString::number(minute * M + seconds * 1000);
}

} // namespace

class TestExcursion : public QObject
{
    Q_OBJECT

private slots:
    void innerMinutesLeaveOutTheEntryAndExitMinutes()
    {
        const MinuteRange r = innerMinutes(10 * M + 30'000, 15 * M + 10'000);
        QCOMPARE(r.first, 11 * M);
        QCOMPARE(r.last, 14 * M);
        QCOMPARE(r.count(), 4);
        QVERIFY(innerMinutes(10 * M + 1, 10 * M + 59'999).isEmpty());     // inside one minute
        QVERIFY(innerMinutes(10 * M + 59'000, 11 * M + 1'000).isEmpty()); // adjacent minutes
        QCOMPARE(innerMinutes(10 * M, 12 * M).count(), 1);                // minute 11 only
    }

    void longTrade()
    {
        const auto t = trades(
            QStringLiteral("1@%1 BUY 2@100; 2@%2 SELL 2@110 pnl=20").arg(at(10, 30), at(15, 10)));
        QCOMPARE(t.size(), 1);
        const auto c = candles({{10, "50", "100"}, // entry minute: its low was before the entry
                                {11, "97", "104"},
                                {12, "95", "108"},
                                {13, "99", "112"},
                                {14, "96", "109"},
                                {15, "100", "130"}, // exit minute: its high came after the exit
                                {16, "80", "140"}});
        // Stop at 90 for 2: risk 20. MAE 5 x 2 / 20, MFE 12 x 2 / 20.
        QCOMPARE(summary(computeExcursion(t[0], c, dec("20"))),
                 QStringLiteral("5 12 0.5 1.2 95 112"));
        QCOMPARE(summary(computeExcursion(t[0], c, std::nullopt)),
                 QStringLiteral("5 12 none none 95 112"));
    }

    void shortTrade()
    {
        const auto t = trades(
            QStringLiteral("1@%1 SELL 1@200; 2@%2 BUY 1@190 pnl=10").arg(at(10, 0), at(13, 0)));
        QCOMPARE(t.size(), 1);
        QCOMPARE(t[0].direction, Direction::Short);
        const auto c = candles({{11, "193", "204"}, {12, "185", "201"}});
        // Against a short: up to 204 (4); for it: down to 185 (15). Risk 8: 4/8, 15/8.
        QCOMPARE(summary(computeExcursion(t[0], c, dec("8"))),
                 QStringLiteral("4 15 0.5 1.875 204 185"));
    }

    void flipSplitsTheCandlesAtTheFlipMinute()
    {
        // Long 1 from 100, flipped at 105 in minute 14 to short 1, covered at 101 in minute 18.
        const auto t = trades(QStringLiteral("1@%1 BUY 1@100; 2@%2 SELL 2@105 pnl=5; "
                                             "3@%3 BUY 1@101 pnl=4")
                                  .arg(at(10, 0), at(14, 20), at(18, 0)));
        QCOMPARE(t.size(), 2);
        const auto c = candles({{11, "98", "103"},
                                {12, "99", "104"},
                                {13, "100", "102"},
                                {14, "90", "120"}, // the flip minute counts for neither
                                {15, "103", "108"},
                                {16, "100", "106"},
                                {17, "99", "104"}});
        // Long: low 98 (MAE 2), high 105 = its own exit fill (MFE 5).
        QCOMPARE(summary(computeExcursion(t[0], c, std::nullopt)),
                 QStringLiteral("2 5 none none 98 105"));
        // Short from 105: high 108 (MAE 3), low 99 (MFE 6).
        QCOMPARE(t[1].direction, Direction::Short);
        QCOMPARE(summary(computeExcursion(t[1], c, dec("3"))), QStringLiteral("3 6 1 2 108 99"));
    }

    void tradeInsideOneMinuteUsesItsFillsOnly()
    {
        const auto t = trades(QStringLiteral("1@%1 BUY 1@100; 2@%2 BUY 1@98; 3@%3 SELL 2@101 pnl=4")
                                  .arg(at(10, 5), at(10, 20), at(10, 50)));
        QCOMPARE(t.size(), 1);
        QCOMPARE(t[0].avgEntryPrice->toString(), QStringLiteral("99"));
        const auto c = candles({{10, "80", "120"}});
        // Average entry 99: the second fill at 98 was 1 against it, the exit at 101 2 for it.
        // maxQty 2, risk 4: 1 x 2 / 4, 2 x 2 / 4.
        QCOMPARE(summary(computeExcursion(t[0], c, dec("4"))), QStringLiteral("1 2 0.5 1 98 101"));
    }

    void missingMinutesHaveNoTrades()
    {
        const auto t =
            trades(QStringLiteral("1@%1 BUY 1@100; 2@%2 SELL 1@100").arg(at(10, 0), at(15, 0)));
        // Minutes 12 and 14 have no candle (no trades then): only 11 and 13 count.
        const auto c = candles({{11, "99.5", "100.25"}, {13, "97.75", "100"}});
        QCOMPARE(summary(computeExcursion(t[0], c, std::nullopt)),
                 QStringLiteral("2.25 0.25 none none 97.75 100.25"));
        // No candle at all: the fills alone; a break-even trade moved nowhere.
        QCOMPARE(summary(computeExcursion(t[0], {}, std::nullopt)),
                 QStringLiteral("0 0 none none 100 100"));
    }

    void openTradeHasNone()
    {
        const auto t = trades(QStringLiteral("1@%1 BUY 1@100").arg(at(10, 0)));
        QCOMPARE(t.size(), 1);
        QCOMPARE(summary(computeExcursion(t[0], {}, std::nullopt)), QStringLiteral("no excursion"));
    }
};

QTEST_GUILESS_MAIN(TestExcursion)
#include "test_excursion.moc"
