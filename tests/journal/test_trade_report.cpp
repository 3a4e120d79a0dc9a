// Reports and the P&L calendar (issue 14) on a generated journal: every figure the journal's
// report query returns equals the one computed here from the generator's own formulas (exact
// integers of 10^-4 USDT, tests/support/big_journal.h), independently of SQL and of
// models/domain/trade_report: counts, win/loss, net, gross profit and loss, fees, funding,
// largest win and loss, streaks, by symbol, direction, setup, tag, mistake, weekday, hour and
// holding time, and the month calendar with its week totals. The one-second figure over a
// million trades is the benchmark's (fillbook-bench --report-trades).

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/report_queries.h"
#include "tests/support/big_journal.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace fb;
using namespace fb::journal;

namespace {

constexpr int kTrades = 6000;

Decimal units(qint64 u)
{
    return Decimal::fromScaled(u, 4);
}

// The expected figures of one group, in units.
struct Expected
{
    qint64 trades = 0, wins = 0, losses = 0;
    qint64 net = 0, profit = 0, loss = 0, fees = 0, funding = 0;
    std::optional<qint64> largestWin, largestLoss;
    int streak = 0, longestWin = 0, longestLoss = 0;

    void add(const fbtest::big::Trade& t)
    {
        ++trades;
        net += t.netUnits;
        fees += t.feeUnits;
        funding += t.fundingUnits;
        if (t.netUnits > 0) {
            ++wins;
            profit += t.netUnits;
            largestWin = std::max(largestWin.value_or(t.netUnits), t.netUnits);
            streak = streak > 0 ? streak + 1 : 1;
            longestWin = std::max(longestWin, streak);
        } else if (t.netUnits < 0) {
            ++losses;
            loss -= t.netUnits;
            largestLoss = std::min(largestLoss.value_or(t.netUnits), t.netUnits);
            streak = streak < 0 ? streak - 1 : -1;
            longestLoss = std::max(longestLoss, -streak);
        } else {
            streak = 0;
        }
    }
};

void compareFigures(const ReportFigures& got, const Expected& want, const QString& where)
{
    const QByteArray w = where.toUtf8();
    QVERIFY2(got.trades == want.trades, w.constData());
    QVERIFY2(got.wins == want.wins, w.constData());
    QVERIFY2(got.losses == want.losses, w.constData());
    QCOMPARE(got.netPnl.toString(), units(want.net).toString());
    QCOMPARE(got.grossProfit.toString(), units(want.profit).toString());
    QCOMPARE(got.grossLoss.toString(), units(want.loss).toString());
    QCOMPARE(got.fees.toString(), units(want.fees).toString());
    QCOMPARE(got.funding.toString(), units(want.funding).toString());
    QCOMPARE(got.largestWin.has_value(), want.largestWin.has_value());
    if (want.largestWin)
        QCOMPARE(got.largestWin->toString(), units(*want.largestWin).toString());
    QCOMPARE(got.largestLoss.has_value(), want.largestLoss.has_value());
    if (want.largestLoss)
        QCOMPARE(got.largestLoss->toString(), units(*want.largestLoss).toString());
    if (want.trades > 0) {
        QCOMPARE(got.winRatePercent()->toString(), (Decimal::fromInt(want.wins * 100))
                                                       .divide(Decimal::fromInt(want.trades), 2)
                                                       .toString());
        QCOMPARE(got.expectancy()->toString(),
                 units(want.net).divide(Decimal::fromInt(want.trades), 8).toString());
    }
}

// Closed trades of the generated journal in close-time order (then key), as the report reads
// them; INCOMPLETE_START trades only when asked.
QVector<fbtest::big::Trade> closedTrades(bool withUnknownEntry)
{
    QVector<fbtest::big::Trade> trades;
    for (int i = 0; i < kTrades; ++i) {
        const fbtest::big::Trade t = fbtest::big::trade(i, kTrades);
        if (t.status != QLatin1String("CLOSED"))
            continue;
        if (!withUnknownEntry && t.flags == QLatin1String("INCOMPLETE_START"))
            continue;
        trades.append(t);
    }
    std::sort(trades.begin(), trades.end(), [](const auto& a, const auto& b) {
        return a.closeTime != b.closeTime ? *a.closeTime < *b.closeTime : a.key < b.key;
    });
    return trades;
}

const AssetReport& onlyAsset(const TradeReport& report)
{
    if (report.assets.size() != 1)
        qFatal("expected one margin asset");
    return report.assets.first();
}

// Setups and mistakes of a few trades, added here (the generator writes tags only).
QString setupOf(int i)
{
    return i % 10 == 3 && i < 600 ? QStringLiteral("breakout%1").arg(i % 3) : QString();
}
QStringList mistakesOf(int i)
{
    if (i % 20 == 7 && i < 800)
        return {QStringLiteral("late"), QStringLiteral("size")};
    if (i % 20 == 9 && i < 800)
        return {QStringLiteral("late")};
    return {};
}

// The generator tags every 1000th trade (all of them open); closed ones get tags here, two of
// them on some trades.
QStringList tagsOf(int i, const fbtest::big::Trade& t)
{
    QStringList tags;
    if (!t.tagsJson.isEmpty())
        tags << t.tagsJson.mid(2, t.tagsJson.size() - 4);
    if (i % 30 == 11 && i < 900)
        tags << QStringLiteral("scalp");
    if (i % 60 == 11 && i < 900)
        tags << QStringLiteral("news");
    return tags;
}

} // namespace

class TestTradeReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("j.sqlite")));
        fbtest::big::generate(*m_db, kTrades);
        AnnotationStore store(*m_db);
        for (int i = 0; i < kTrades; ++i) {
            if (setupOf(i).isEmpty() && mistakesOf(i).isEmpty() &&
                tagsOf(i, fbtest::big::trade(i, kTrades)).isEmpty())
                continue;
            const fbtest::big::Trade t = fbtest::big::trade(i, kTrades);
            Annotation a = store.annotation(t.key).value_or(Annotation{});
            a.tradeKey = t.key;
            a.setup = setupOf(i);
            a.mistakes = mistakesOf(i);
            a.tags = tagsOf(i, t);
            store.save(a);
        }
    }

    void bySymbolAndTotalsEqualTheTradesOwnFigures()
    {
        const TradeReport report =
            loadTradeReport(*m_db, TradeQuery{}, ReportBy::Symbol, QTimeZone::utc(), false);
        std::map<QString, Expected> bySymbol;
        Expected total;
        for (const auto& t : closedTrades(false)) {
            bySymbol[t.symbol].add(t);
            total.add(t);
        }
        const AssetReport& usdt = onlyAsset(report);
        QCOMPARE(usdt.asset, QStringLiteral("USDT"));
        compareFigures(usdt.total, total, QStringLiteral("total"));
        QCOMPARE(usdt.total.longestWinStreak, total.longestWin);
        QCOMPARE(usdt.total.longestLossStreak, total.longestLoss);
        QCOMPARE(usdt.rows.size(), qsizetype(bySymbol.size()));
        int r = 0;
        for (const auto& [symbol, want] : bySymbol) {
            QCOMPARE(usdt.rows.at(r).label, symbol);
            compareFigures(usdt.rows.at(r).figures, want, symbol);
            QCOMPARE(usdt.rows.at(r).figures.longestWinStreak, want.longestWin);
            QCOMPARE(usdt.rows.at(r).figures.longestLossStreak, want.longestLoss);
            ++r;
        }
        // INCOMPLETE_START trades are counted, and left out (docs/design.md D63).
        qint64 unknown = 0;
        for (const auto& t : closedTrades(true))
            unknown += t.flags == QLatin1String("INCOMPLETE_START") ? 1 : 0;
        QVERIFY(unknown > 0);
        QCOMPARE(report.unknownEntryTrades, unknown);
        const TradeReport with =
            loadTradeReport(*m_db, TradeQuery{}, ReportBy::Symbol, QTimeZone::utc(), true);
        QCOMPARE(onlyAsset(with).total.trades, total.trades + unknown);
    }

    void byEveryGroupingEqualsTheTradesOwnFigures_data()
    {
        QTest::addColumn<int>("by");
        QTest::newRow("side") << int(ReportBy::Side);
        QTest::newRow("setup") << int(ReportBy::Setup);
        QTest::newRow("tag") << int(ReportBy::Tag);
        QTest::newRow("mistake") << int(ReportBy::Mistake);
        QTest::newRow("weekday") << int(ReportBy::Weekday);
        QTest::newRow("hour") << int(ReportBy::Hour);
        QTest::newRow("duration") << int(ReportBy::Duration);
    }

    void byEveryGroupingEqualsTheTradesOwnFigures()
    {
        QFETCH(int, by);
        const ReportBy grouping = ReportBy(by);
        // A zone with a half-hour offset, so that hours are not UTC's; for weekdays one whose
        // midnight falls among the generated open times (22:13-22:47 UTC).
        const QTimeZone zone =
            grouping == ReportBy::Weekday ? QTimeZone(6300) : QTimeZone("Asia/Kolkata");
        QVERIFY(zone.isValid());
        std::map<QString, Expected> want; // by label
        std::map<QString, qint64> order;  // numeric groups: their key
        for (const auto& t : closedTrades(false)) {
            const int i = t.key.section(QLatin1Char(':'), 3).toInt() - 1000000;
            QStringList labels;
            const QDateTime opened = QDateTime::fromMSecsSinceEpoch(t.openTime, zone);
            switch (grouping) {
            case ReportBy::Side:
                labels << t.direction;
                break;
            case ReportBy::Setup:
                labels << (setupOf(i).isEmpty() ? QStringLiteral("(no setup)") : setupOf(i));
                break;
            case ReportBy::Tag:
                labels << tagsOf(i, t);
                if (labels.isEmpty())
                    labels << QStringLiteral("(no tag)");
                break;
            case ReportBy::Mistake:
                labels << mistakesOf(i);
                if (labels.isEmpty())
                    labels << QStringLiteral("(no mistake)");
                break;
            case ReportBy::Weekday:
                labels << QLocale::c().dayName(opened.date().dayOfWeek());
                order[labels.last()] = opened.date().dayOfWeek();
                break;
            case ReportBy::Hour:
                labels << QStringLiteral("%1:00").arg(opened.time().hour(), 2, 10,
                                                      QLatin1Char('0'));
                order[labels.last()] = opened.time().hour();
                break;
            default: {
                const qint64 held = *t.closeTime - t.openTime;
                labels << ReportBuilder::durationBucketLabel(
                    ReportBuilder::durationBucket(t.openTime, *t.closeTime));
                order[labels.last()] = held;
                break;
            }
            }
            for (const QString& label : labels)
                want[label].add(t);
        }
        const TradeReport report = loadTradeReport(*m_db, TradeQuery{}, grouping, zone, false);
        const AssetReport& usdt = onlyAsset(report);
        QCOMPARE(usdt.rows.size(), qsizetype(want.size()));
        QVERIFY(want.size() > 1);
        for (const ReportRow& row : usdt.rows) {
            QVERIFY2(want.count(row.label) == 1, qPrintable(row.label));
            compareFigures(row.figures, want[row.label], row.label);
            QCOMPARE(row.figures.longestWinStreak, want[row.label].longestWin);
        }
    }

    void theFilterNarrowsTheReport()
    {
        TradeQuery query;
        query.symbol = QStringLiteral("S05USDT");
        query.direction = QStringLiteral("LONG");
        const TradeReport report =
            loadTradeReport(*m_db, query, ReportBy::Symbol, QTimeZone::utc(), false);
        Expected want;
        for (const auto& t : closedTrades(false)) {
            if (t.symbol == query.symbol && t.direction == query.direction)
                want.add(t);
        }
        QCOMPARE(onlyAsset(report).rows.size(), 1);
        compareFigures(onlyAsset(report).total, want, QStringLiteral("filtered"));
    }

    void theMonthCalendarHasEveryDayAndWeek()
    {
        const QTimeZone zone("America/New_York");
        const QDate month = QDateTime::fromMSecsSinceEpoch(fbtest::big::kBaseMs, zone).date();
        const MonthCalendar calendar = loadMonthCalendar(*m_db, TradeQuery{}, month, zone, false);
        std::map<QDate, Expected> byDay;
        std::map<QDate, Expected> byWeek;
        Expected total;
        for (const auto& t : closedTrades(false)) {
            const QDate day = QDateTime::fromMSecsSinceEpoch(*t.closeTime, zone).date();
            if (day.year() != month.year() || day.month() != month.month())
                continue;
            byDay[day].add(t);
            byWeek[day.addDays(1 - day.dayOfWeek())].add(t);
            total.add(t);
        }
        QVERIFY(total.trades > 0);
        QCOMPARE(calendar.first, QDate(month.year(), month.month(), 1));
        QCOMPARE(calendar.assets.size(), 1);
        const AssetCalendar& usdt = calendar.assets.first();
        compareFigures(usdt.month, total, QStringLiteral("month"));
        QCOMPARE(usdt.days.size(), qsizetype(byDay.size()));
        for (const CalendarDay& day : usdt.days)
            compareFigures(day.figures, byDay[day.date], day.date.toString(Qt::ISODate));
        QCOMPARE(usdt.weeks.size(), qsizetype(byWeek.size()));
        for (const CalendarWeek& week : usdt.weeks)
            compareFigures(week.figures, byWeek[week.monday], week.monday.toString(Qt::ISODate));

        // The month before has none of these trades.
        const MonthCalendar empty =
            loadMonthCalendar(*m_db, TradeQuery{}, month.addMonths(-1), zone, false);
        QVERIFY(empty.assets.isEmpty());
    }

    void theSummaryRowCountsOpenAndClosedTrades()
    {
        const QMap<QString, TradeSummary> summary = loadTradeSummary(*m_db, TradeQuery{});
        QCOMPARE(summary.size(), 1);
        const TradeSummary& usdt = summary.value(QStringLiteral("USDT"));
        qint64 trades = 0, open = 0, closed = 0, wins = 0, net = 0, fees = 0, funding = 0;
        for (int i = 0; i < kTrades; ++i) {
            const fbtest::big::Trade t = fbtest::big::trade(i, kTrades);
            ++trades;
            net += t.netUnits;
            fees += t.feeUnits;
            funding += t.fundingUnits;
            if (t.status == QLatin1String("OPEN")) {
                ++open;
            } else {
                ++closed;
                wins += t.netUnits > 0 ? 1 : 0;
            }
        }
        QCOMPARE(usdt.trades, trades);
        QCOMPARE(usdt.openTrades, open);
        QCOMPARE(usdt.closedTrades, closed);
        QCOMPARE(usdt.wins, wins);
        QCOMPARE(usdt.netPnl.toString(), units(net).toString());
        QCOMPARE(usdt.fees.toString(), units(fees).toString());
        QCOMPARE(usdt.funding.toString(), units(funding).toString());
    }

    // The journal streams rows in table order (addUnordered); the figures, streaks included,
    // equal those of the same rows added in close-time order (add), whatever order they came
    // in: ties on the close time go by trade id, a trade's label rows keep their order and its
    // total counts once. Hand-made rows, several of them at one close time, two labels on some.
    void rowsInAnyOrderGiveTheFiguresOfCloseTimeOrder()
    {
        struct Row
        {
            qint64 id, close;
            int net;
            const char* label;
        };
        const QVector<Row> ordered{{1, 100, 5, "a"},  {2, 100, -3, "a"}, {2, 100, -3, "b"},
                                   {3, 100, 0, "b"},  {4, 200, 7, "a"},  {5, 200, 8, "a"},
                                   {5, 200, 8, "b"},  {6, 300, -1, "b"}, {7, 300, -2, "a"},
                                   {8, 400, -4, "a"}, {9, 500, 6, ""},   {10, 500, 6, "b"},
                                   {11, 600, 1, "a"}, {12, 600, 2, "a"}, {13, 700, -9, "b"}};
        const auto input = [](const Row& r) {
            ReportInput in;
            in.tradeId = r.id;
            in.openTime = r.close - 50;
            in.closeTime = r.close;
            in.asset = "USDT";
            in.label = r.label;
            in.netPnl = Decimal::fromScaled(r.net, 2);
            in.fees = Decimal::fromScaled(r.id, 3);
            in.funding = Decimal::fromScaled(-r.id, 1);
            if (r.id % 3 == 0)
                in.rMultiple = Decimal::fromScaled(r.net, 1);
            return in;
        };
        ReportBuilder inOrder(ReportBy::Tag, QTimeZone::utc(), true);
        for (const Row& r : ordered)
            inOrder.add(input(r));
        const TradeReport want = inOrder.finish();
        // Whole trades (their label rows together) in a few other orders.
        QVector<QVector<Row>> trades;
        for (const Row& r : ordered) {
            if (trades.isEmpty() || trades.last().first().id != r.id)
                trades.append(QVector<Row>{});
            trades.last().append(r);
        }
        for (int shuffle = 0; shuffle < 4; ++shuffle) {
            QVector<QVector<Row>> order = trades;
            if (shuffle == 1)
                std::reverse(order.begin(), order.end());
            else if (shuffle == 2)
                std::rotate(order.begin(), order.begin() + 5, order.end());
            else if (shuffle == 3)
                for (qsizetype i = 0; i + 1 < order.size(); i += 2)
                    std::swap(order[i], order[i + 1]);
            ReportBuilder any(ReportBy::Tag, QTimeZone::utc(), true);
            for (const QVector<Row>& trade : order)
                for (const Row& r : trade)
                    any.addUnordered(input(r));
            const TradeReport got = any.finish();
            const AssetReport& g = onlyAsset(got);
            const AssetReport& w = onlyAsset(want);
            QCOMPARE(g.rows.size(), w.rows.size());
            for (qsizetype i = -1; i < g.rows.size(); ++i) {
                const ReportFigures& a = i < 0 ? g.total : g.rows[i].figures;
                const ReportFigures& b = i < 0 ? w.total : w.rows[i].figures;
                const QByteArray where = QStringLiteral("order %1, %2")
                                             .arg(shuffle)
                                             .arg(i < 0 ? QStringLiteral("total") : g.rows[i].label)
                                             .toUtf8();
                QVERIFY2(a.trades == b.trades && a.wins == b.wins && a.losses == b.losses,
                         where.constData());
                QVERIFY2(a.netPnl.toString() == b.netPnl.toString() &&
                             a.grossProfit.toString() == b.grossProfit.toString() &&
                             a.grossLoss.toString() == b.grossLoss.toString() &&
                             a.fees.toString() == b.fees.toString() &&
                             a.funding.toString() == b.funding.toString() &&
                             a.rTrades == b.rTrades && a.rSum.toString() == b.rSum.toString(),
                         where.constData());
                QVERIFY2(a.largestWin == b.largestWin && a.largestLoss == b.largestLoss,
                         where.constData());
                QVERIFY2(a.longestWinStreak == b.longestWinStreak &&
                             a.longestLossStreak == b.longestLossStreak &&
                             a.currentStreak == b.currentStreak,
                         where.constData());
            }
        }
        // The hand-made sequence's own streaks (total, by close time then id): +5 -3 0 +7 +8 -1
        // -2 -4 +6 +6 +1 +2 -9: longest win 4 (trades 9 to 12), longest loss 3 (6 to 8).
        QCOMPARE(onlyAsset(want).total.longestWinStreak, 4);
        QCOMPARE(onlyAsset(want).total.longestLossStreak, 3);
        QCOMPARE(onlyAsset(want).total.trades, qint64(13));
    }

    void dailyNotesAreKeptPerDay()
    {
        const QDate day(2025, 11, 3);
        saveDayNote(*m_db, day, QStringLiteral("FOMC: sat out"), 1);
        saveDayNote(*m_db, day.addDays(1), QStringLiteral("overtraded"), 1);
        saveDayNote(*m_db, day, QStringLiteral("FOMC: sat out, good"), 2);
        QMap<QDate, QString> notes = loadDayNotes(*m_db, day, day.addDays(30));
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes.value(day), QStringLiteral("FOMC: sat out, good"));
        saveDayNote(*m_db, day.addDays(1), QStringLiteral("  "), 3);
        notes = loadDayNotes(*m_db, day, day.addDays(30));
        QCOMPARE(notes.keys(), QList<QDate>{day});
    }
};

QTEST_GUILESS_MAIN(TestTradeReport)
#include "test_trade_report.moc"
