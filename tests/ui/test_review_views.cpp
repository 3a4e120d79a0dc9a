// The Calendar and Reports tabs and the trade table's summary row (issue 14), offscreen, on a
// journal holding USDT- and USDC-margined trades: each day's, week's and month's figures with
// their asset, the busiest asset first, an empty month said in words, daily notes saved and shown,
// a day chosen as the trades' filter; the report table, its extremes and chart; the summary row.

#include "sync/journal/database.h"
#include "sync/journal/report_queries.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "ui/calendar_view.h"
#include "ui/models/trade_table_model.h"
#include "ui/reports_view.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

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
    t.commission = {{asset, fbtest::dec("0.5")}};
    t.funding = fbtest::dec("0");
    t.marginAsset = asset;
    return t;
}

template <typename View> void load(View& view)
{
    QSignalSpy shown(&view, &View::shown);
    view.reload();
    QVERIFY(shown.wait(kTimeoutMs));
}

} // namespace

class TestReviewViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("review.sqlite"));
        m_writer = std::make_unique<journal::Database>(m_path);
        // The views write through a gate of their own (checked: the journal is new).
        m_writes = std::make_unique<ui::WriteGate>(std::make_unique<journal::Database>(m_path));
        const QString usdt = QStringLiteral("USDT");
        const QString usdc = QStringLiteral("USDC");
        JournalTrade unknownEntry =
            closedTrade(QStringLiteral("ETHUSDT"), 20, kOct1 + kDay + 12 * kHour, "50", usdt);
        unknownEntry.flags = FlagIncompleteStart;
        fbtest::addTrades(
            *m_writer,
            {closedTrade(QStringLiteral("BTCUSDT"), 1, kOct1 + 10 * kHour, "10", usdt),
             closedTrade(QStringLiteral("BTCUSDT"), 2, kOct1 + 11 * kHour, "-4", usdt),
             closedTrade(QStringLiteral("BTCUSDT"), 3, kOct1 + kDay + 10 * kHour, "2.5", usdt),
             closedTrade(QStringLiteral("BTCUSDC"), 10, kOct1 + 9 * kHour, "100", usdc),
             closedTrade(QStringLiteral("BTCUSDC"), 11, kOct1 + 4 * kDay + 9 * kHour, "-30", usdc),
             unknownEntry});
    }

    void calendarShowsDaysWeeksAndTheMonthPerAsset()
    {
        ui::CalendarView view(m_path, *m_writes);
        view.setTimeZone(QTimeZone::utc());
        view.setMonth(QDate(2026, 10, 15));
        load(view);
        QCOMPARE(view.assets(), (QStringList{QStringLiteral("USDC"), QStringLiteral("USDT")}));
        QCOMPARE(view.currentAsset(), QStringLiteral("USDT")); // the busiest this month
        QCOMPARE(view.dayText(QDate(2026, 10, 1)),
                 QStringLiteral("1\n+6.00 USDT\n2 trades · 50% won"));
        // The INCOMPLETE_START trade of 2 October is left out (docs/design.md D63).
        QCOMPARE(view.dayText(QDate(2026, 10, 2)),
                 QStringLiteral("2\n+2.50 USDT\n1 trade · 100% won"));
        QCOMPARE(view.dayText(QDate(2026, 10, 3)), QStringLiteral("3"));
        QCOMPARE(view.dayText(QDate(2026, 9, 30)), QString()); // not in the month
        QCOMPARE(view.weekText(0), QStringLiteral("Week\n+8.50 USDT\n3 trades · 67% won"));
        QCOMPARE(view.weekText(1), QStringLiteral("Week\nno trades"));
        QCOMPARE(view.monthTotalText(),
                 QStringLiteral("October 2026: net +8.50 USDT · 3 trades · 67% won · fees 1.50 "
                                "USDT · funding 0.00 USDT (days in UTC)"));

        view.selectAsset(QStringLiteral("USDC"));
        QCOMPARE(view.dayText(QDate(2026, 10, 1)),
                 QStringLiteral("1\n+100.00 USDC\n1 trade · 100% won"));
        QCOMPARE(view.dayText(QDate(2026, 10, 5)),
                 QStringLiteral("5\n-30.00 USDC\n1 trade · 0% won"));
        QCOMPARE(view.weekText(1), QStringLiteral("Week\n-30.00 USDC\n1 trade · 0% won"));

        // Another zone moves the 1 October trades closed at 09:00-11:00 UTC to 30 September.
        view.setTimeZone(QTimeZone(QByteArrayLiteral("America/Los_Angeles")));
        view.selectAsset(QStringLiteral("USDT"));
        load(view);
        QCOMPARE(view.dayText(QDate(2026, 10, 1)),
                 QStringLiteral("1\n+6.00 USDT\n2 trades · 50% won"));
        view.setMonth(QDate(2026, 9, 1));
        load(view);
        QCOMPARE(view.monthTotalText(),
                 QStringLiteral("No trades closed in September 2026 (America/Los_Angeles)."));
    }

    void dailyNotesAreSavedAndADayFiltersTheTrades()
    {
        ui::CalendarView view(m_path, *m_writes);
        view.setTimeZone(QTimeZone::utc());
        view.setMonth(QDate(2026, 10, 1));
        load(view);
        view.selectDay(QDate(2026, 10, 2));
        QCOMPARE(view.noteText(), QString());
        view.setNoteText(QStringLiteral("CPI day: sat on hands"));
        view.saveNote();
        QVERIFY(view.dayText(QDate(2026, 10, 2)).endsWith(QStringLiteral("\n✎ note")));
        QCOMPARE(journal::loadDayNotes(*m_writer, QDate(2026, 10, 1), QDate(2026, 10, 31))
                     .value(QDate(2026, 10, 2)),
                 QStringLiteral("CPI day: sat on hands"));
        // Shown again from the journal after a reload.
        load(view);
        view.selectDay(QDate(2026, 10, 2));
        QCOMPARE(view.noteText(), QStringLiteral("CPI day: sat on hands"));

        QSignalSpy chosen(&view, &ui::CalendarView::dayChosen);
        QPushButton* show = nullptr;
        for (QPushButton* b : view.findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Show its trades"))
                show = b;
        QVERIFY(show);
        show->click();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.at(0).at(0).toDate(), QDate(2026, 10, 2));
        QCOMPARE(chosen.at(0).at(1).toLongLong(), kOct1 + kDay);
        QCOMPARE(chosen.at(0).at(2).toLongLong(), kOct1 + 2 * kDay - 1);

        // The Trades tab filtered to that day: only the trades closed on 2 October.
        journal::Database reader(
            m_path, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("t"), false});
        ui::TradesView trades(reader, *m_writes);
        trades.setTimeZone(QTimeZone::utc());
        trades.reload();
        trades.filterBar()->setClosedDay(QDate(2026, 10, 2), kOct1 + kDay, kOct1 + 2 * kDay - 1);
        QTRY_COMPARE_WITH_TIMEOUT(trades.model()->rowCount(), 2, kTimeoutMs);
        QCOMPARE(trades.filterBar()->closedDayButton()->text(),
                 QStringLiteral("Closed Fri 10/2/2026  ✕"));
        QTRY_VERIFY_WITH_TIMEOUT(trades.summaryLabel()->text().startsWith(
                                     QStringLiteral("USDT: 2 trades · net +52.50 USDT")),
                                 kTimeoutMs);
        trades.filterBar()->closedDayButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(trades.model()->rowCount(), 6, kTimeoutMs);
    }

    void summaryRowPerAsset()
    {
        journal::Database reader(
            m_path, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("t"), false});
        ui::TradesView trades(reader, *m_writes);
        QSignalSpy shown(&trades, &ui::TradesView::summaryShown);
        trades.reload();
        QVERIFY(shown.wait(kTimeoutMs));
        QCOMPARE(trades.summaryLabel()->text(),
                 QStringLiteral("USDC: 2 trades · net +70.00 USDC · win 50.0% of 2 closed · fees "
                                "1.00 USDC · funding 0.00 USDC   |   USDT: 4 trades · net +58.50 "
                                "USDT · win 75.0% of 4 closed · fees 2.00 USDT · funding 0.00 "
                                "USDT"));
    }

    void reportsTableChartAndExtremes()
    {
        ui::ReportsView view(m_path);
        view.setTimeZone(QTimeZone::utc());
        load(view);
        QCOMPARE(view.currentAsset(), QStringLiteral("USDT"));
        QTableWidget* table = view.table();
        QCOMPARE(table->rowCount(), 2); // BTCUSDT and the total
        const auto row = [table](int r) {
            QStringList cells;
            for (int c = 0; c < table->columnCount(); ++c)
                cells << table->item(r, c)->text();
            return cells;
        };
        QCOMPARE(row(0), (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("3"),
                                      QStringLiteral("66.7%"), QStringLiteral("+8.50 USDT"),
                                      QStringLiteral("3.12"), QStringLiteral("2.83 USDT"),
                                      QStringLiteral("6.25 USDT"), QStringLiteral("4.00 USDT"),
                                      QStringLiteral("1.50 USDT"), QStringLiteral("0.00 USDT"),
                                      QStringLiteral("no stop")}));
        // 12.5 / 4 = 3.125: half-even to two places.
        QCOMPARE(row(1).first(), QStringLiteral("Total"));
        QCOMPARE(view.extremesText(),
                 QStringLiteral("Largest win 10.00 USDT · largest loss -4.00 USDT · longest "
                                "winning streak 1 · longest losing streak 1 (by close time)"));
        auto* series = qobject_cast<QBarSeries*>(view.chart()->chart()->series().first());
        QVERIFY(series);
        auto* axis =
            qobject_cast<QBarCategoryAxis*>(view.chart()->chart()->axes(Qt::Horizontal).first());
        QCOMPARE(axis->categories(), QStringList{QStringLiteral("BTCUSDT")});
        QVERIFY(view.chart()->chart()->title().contains(QStringLiteral("(USDT)")));

        // By hour of the open time (an hour before each close), and with the unknown entry.
        view.setBy(ReportBy::Hour);
        QSignalSpy shown(&view, &ui::ReportsView::shown);
        QVERIFY(shown.wait(kTimeoutMs));
        QStringList labels;
        for (int r = 0; r < table->rowCount(); ++r)
            labels << table->item(r, 0)->text();
        QCOMPARE(labels, (QStringList{QStringLiteral("09:00"), QStringLiteral("10:00"),
                                      QStringLiteral("Total")}));
        view.unknownEntryBox()->setChecked(true);
        QVERIFY(shown.wait(kTimeoutMs));
        QCOMPARE(table->item(table->rowCount() - 1, 1)->text(), QStringLiteral("4"));

        view.selectAsset(QStringLiteral("USDC"));
        QCOMPARE(table->item(table->rowCount() - 1, 3)->text(), QStringLiteral("+70.00 USDC"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<journal::Database> m_writer;
    std::unique_ptr<ui::WriteGate> m_writes;
};

QTEST_MAIN(TestReviewViews)
#include "test_review_views.moc"
