// The Statistics tab on a journal holding USDT- and USDC-margined trades: exact figures per
// margin asset (never a sum across assets), trades with an unknown entry (INCOMPLETE_START)
// left out by default and counted with the toggle, the caption naming the Trades-tab filters,
// dated axes and the tooltips' content. Also the money text every screen uses.

#include "sync/journal/database.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "ui/filter_caption.h"
#include "ui/money_text.h"
#include "ui/stats_view.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

using namespace fb;

namespace {

constexpr qint64 kOct1 = 1'790'812'800'000; // 2026-10-01T00:00:00Z, a Thursday
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;
constexpr int kTimeoutMs = 10'000;

JournalTrade closedTrade(const QString& symbol, qint64 id, qint64 closeTime, const char* net,
                         const QString& asset)
{
    JournalTrade t = fbtest::makeTrade(symbol, id, closeTime - kHour, true);
    t.closeTime = closeTime;
    t.realizedPnl = t.netPnl = fbtest::dec(net);
    t.commission = {{asset, fbtest::dec("0")}};
    t.funding = fbtest::dec("0");
    t.marginAsset = asset;
    return t;
}

} // namespace

class TestStatsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("stats.sqlite"));
        journal::Database db(m_path);
        const QString usdt = QStringLiteral("USDT");
        const QString usdc = QStringLiteral("USDC");
        JournalTrade unknownEntry =
            closedTrade(QStringLiteral("ETHUSDT"), 20, kOct1 + kDay + 12 * kHour, "50", usdt);
        unknownEntry.flags = FlagIncompleteStart;
        JournalTrade open =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 30, kOct1 + 2 * kDay, false);
        fbtest::addTrades(
            db, {closedTrade(QStringLiteral("BTCUSDT"), 1, kOct1 + 10 * kHour, "10", usdt),
                 closedTrade(QStringLiteral("BTCUSDT"), 2, kOct1 + 11 * kHour, "-4", usdt),
                 closedTrade(QStringLiteral("BTCUSDT"), 3, kOct1 + kDay + 10 * kHour, "2.5", usdt),
                 closedTrade(QStringLiteral("BTCUSDC"), 10, kOct1 + 9 * kHour, "100", usdc),
                 closedTrade(QStringLiteral("BTCUSDC"), 11, kOct1 + kDay + 9 * kHour, "-30", usdc),
                 unknownEntry, open});
    }

    // USDT and USDC are never added up: each asset has its own figures, each amount its asset.
    void figuresPerMarginAsset()
    {
        ui::StatsView view(m_path);
        view.setTimeZone(QTimeZone::utc());
        load(view);
        QCOMPARE(view.assets(), (QStringList{QStringLiteral("USDC"), QStringLiteral("USDT")}));
        QCOMPARE(view.currentAsset(), QStringLiteral("USDT")); // the asset with most trades
        QCOMPARE(view.figureText(QStringLiteral("netPnl")), QStringLiteral("8.50 USDT"));
        QCOMPARE(view.figureText(QStringLiteral("trades")), QStringLiteral("3"));
        QCOMPARE(view.figureText(QStringLiteral("winRate")), QStringLiteral("66.7%"));
        QCOMPARE(view.figureText(QStringLiteral("expectancy")), QStringLiteral("2.83 USDT"));
        QCOMPARE(view.figureText(QStringLiteral("averageWin")), QStringLiteral("6.25 USDT"));
        QCOMPARE(view.figureText(QStringLiteral("averageLoss")), QStringLiteral("4.00 USDT"));
        QCOMPARE(view.figureText(QStringLiteral("maxDrawdown")), QStringLiteral("4.00 USDT"));
        QCOMPARE(view.assetSummaryText(),
                 QStringLiteral("Net PnL per margin asset (never added up): USDC: +70.00 USDC "
                                "over 2 trades · USDT: +8.50 USDT over 3 trades"));

        view.selectAsset(QStringLiteral("USDC"));
        QCOMPARE(view.figureText(QStringLiteral("netPnl")), QStringLiteral("70.00 USDC"));
        QCOMPARE(view.figureText(QStringLiteral("trades")), QStringLiteral("2"));
        QCOMPARE(view.figureText(QStringLiteral("winRate")), QStringLiteral("50.0%"));
        QCOMPARE(view.figureText(QStringLiteral("maxDrawdown")), QStringLiteral("30.00 USDC"));
        // The asset stays selected when the figures are computed again.
        load(view);
        QCOMPARE(view.currentAsset(), QStringLiteral("USDC"));
    }

    // An INCOMPLETE_START trade has no known entry: left out unless the user includes it.
    void unknownEntryTradesAreLeftOutByDefault()
    {
        ui::StatsView view(m_path);
        view.setTimeZone(QTimeZone::utc());
        load(view);
        QVERIFY(!view.unknownEntryBox()->isChecked());
        QCOMPARE(view.unknownEntryBox()->text(),
                 QStringLiteral("Include trades with unknown entry (1)"));
        QCOMPARE(view.figureText(QStringLiteral("trades")), QStringLiteral("3"));

        QSignalSpy shown(&view, &ui::StatsView::shown);
        view.unknownEntryBox()->setChecked(true);
        QVERIFY(shown.wait(kTimeoutMs));
        QCOMPARE(view.figureText(QStringLiteral("netPnl")), QStringLiteral("58.50 USDT"));
        QCOMPARE(view.figureText(QStringLiteral("trades")), QStringLiteral("4"));
        QCOMPARE(view.figureText(QStringLiteral("winRate")), QStringLiteral("75.0%"));
        QCOMPARE(view.unknownEntryBox()->text(),
                 QStringLiteral("Include trades with unknown entry (1)"));
    }

    void captionNamesTheFilters()
    {
        ui::TradeQuery query;
        QCOMPARE(ui::filterCaption(query, QTimeZone::utc()), QStringLiteral("All trades"));
        query.symbol = QStringLiteral("BTCUSDT");
        query.direction = QStringLiteral("LONG");
        query.openFromMs = kOct1;
        query.openToMs = kOct1 + 31 * kDay - 1;
        QCOMPARE(ui::filterCaption(query, QTimeZone::utc()),
                 QStringLiteral("Filtered: BTCUSDT, long, opened 2026-10-01 – 2026-10-31"));
        query.openToMs.reset();
        query.outcome = -1;
        query.tags = QStringList{QStringLiteral("breakout")};
        QCOMPARE(ui::filterCaption(query, QTimeZone::utc()),
                 QStringLiteral("Filtered: BTCUSDT, long, losers, opened from 2026-10-01, "
                                "tag “breakout”"));
        query.tags << QStringLiteral("scalp");
        QCOMPARE(ui::filterCaption(query, QTimeZone::utc()),
                 QStringLiteral("Filtered: BTCUSDT, long, losers, opened from 2026-10-01, "
                                "any of the tags “breakout”, “scalp”"));

        ui::StatsView view(m_path);
        view.setTimeZone(QTimeZone::utc());
        QCOMPARE(view.filterCaptionText(), QStringLiteral("All trades"));
        ui::TradeQuery btc;
        btc.symbol = QStringLiteral("BTCUSDC");
        view.setQuery(btc);
        QCOMPARE(view.filterCaptionText(), QStringLiteral("Filtered: BTCUSDC"));
        load(view);
        QCOMPARE(view.assets(), QStringList{QStringLiteral("USDC")});
        QCOMPARE(view.figureText(QStringLiteral("netPnl")), QStringLiteral("70.00 USDC"));
    }

    // Days in the display time zone, under the bars and in the tooltips, with the asset.
    void datesAndTooltips()
    {
        ui::StatsView view(m_path);
        view.setTimeZone(QTimeZone::utc());
        load(view);
        QCOMPARE(view.dayAxisLabels(), QStringLiteral("1 Oct|2 Oct"));
        QCOMPARE(view.dayToolTip(0),
                 QStringLiteral("Thu 10/1/2026\nNet PnL +6.00 USDT\n2 trades closed"));
        QCOMPARE(view.dayToolTip(1),
                 QStringLiteral("Fri 10/2/2026\nNet PnL +2.50 USDT\n1 trade closed"));
        QCOMPARE(view.equityToolTip(QPointF(double(kOct1 + 11 * kHour), 0)),
                 QStringLiteral("10/1/2026 11:00 AM\nEquity +6.00 USDT"));
        view.selectAsset(QStringLiteral("USDC"));
        QCOMPARE(view.dayToolTip(1),
                 QStringLiteral("Fri 10/2/2026\nNet PnL -30.00 USDC\n1 trade closed"));
        // Hovering a bar shows that text.
        view.show();
        auto* bars = qobject_cast<QBarSeries*>(view.dailyChart()->chart()->series().first());
        QVERIFY(bars);
        emit bars->barSets().at(1)->hovered(true, 1); // the loss bar of 2 October
        QTRY_COMPARE(QToolTip::text(),
                     QStringLiteral("Fri 10/2/2026\nNet PnL -30.00 USDC\n1 trade closed"));
        emit bars->barSets().at(1)->hovered(false, 1);

        // Kiritimati is UTC+14: 10:00 UTC on 1 October is midnight of 2 October there, so
        // the days (axis and tooltips) move with the display time zone.
        view.setTimeZone(QTimeZone("Pacific/Kiritimati"));
        load(view);
        view.selectAsset(QStringLiteral("USDT"));
        QCOMPARE(view.dayAxisLabels(), QStringLiteral("2 Oct|3 Oct"));
        QCOMPARE(view.dayToolTip(0),
                 QStringLiteral("Fri 10/2/2026\nNet PnL +6.00 USDT\n2 trades closed"));
    }

    void moneyText()
    {
        QCOMPARE(ui::moneyText(fbtest::dec("1234.565"), QStringLiteral("USDT")),
                 QStringLiteral("1,234.56 USDT"));
        QCOMPARE(ui::moneyText(fbtest::dec("-1234567.891"), QStringLiteral("USDC")),
                 QStringLiteral("-1,234,567.89 USDC"));
        QCOMPARE(ui::moneyText(fbtest::dec("0"), QStringLiteral("USDT")),
                 QStringLiteral("0.00 USDT"));
        QCOMPARE(ui::groupedDecimal(fbtest::dec("999.999")), QStringLiteral("1,000.00"));
    }

private:
    void load(ui::StatsView& view)
    {
        QSignalSpy shown(&view, &ui::StatsView::shown);
        view.reload();
        QVERIFY(shown.wait(kTimeoutMs));
    }

    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestStatsView)
#include "test_stats_view.moc"
