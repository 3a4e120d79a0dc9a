// Issue 10 defect 12: the pagers keep what they used to drop unseen (docs/design.md §2.11) — a
// fill timed before 1970 or after the exchange's clock, an income row repeated with other
// content — and count unreadable elements towards a full page.
#include "sync/binance/fill_pager.h"
#include "sync/binance/income_pager.h"

#include <QTest>

using namespace fb;
using namespace fb::binance;

namespace {

constexpr qint64 kDay = kMsPerDay;

qint64 num(const Request& r, const char* name)
{
    return r.param(QLatin1String(name)).toLongLong();
}

Income income(qint64 time, const QString& type, qint64 tranId)
{
    Income i;
    i.time = time;
    i.incomeType = type;
    i.tranId = tranId;
    return i;
}

Fill fill(qint64 id, qint64 time)
{
    Fill f;
    f.symbol = QStringLiteral("BTCUSDT");
    f.id = id;
    f.time = time;
    return f;
}

QList<qint64> ids(const QList<Fill>& fills)
{
    QList<qint64> out;
    for (const Fill& f : fills)
        out.append(f.id);
    return out;
}

} // namespace

class TestPagerRecords : public QObject
{
    Q_OBJECT
private slots:
    // Issue 10 defect 12: a tranId repeated with other content was dropped as "seen".
    void incomeRepeatedWithOtherContentIsPassedOn()
    {
        IncomePager pager(0, 99, -1, 10);
        Income first = income(5, QStringLiteral("TRANSFER"), 7);
        first.raw = R"({"tranId":7,"income":"100"})";
        Income same = first; // the same bytes: a re-read, not a new version
        Income other = first;
        other.raw = R"({"tranId":7,"income":"200"})";
        const QList<Income> fresh = pager.accept({first, same, other});
        QCOMPARE(fresh.size(), 2);
        QCOMPARE(fresh.at(0).raw, first.raw);
        QCOMPARE(fresh.at(1).raw, other.raw);
        QVERIFY(pager.done());
        // Rows built in code (no raw) are compared by their JSON.
        IncomePager built(0, 99, -1, 10);
        Income a = income(5, QStringLiteral("TRANSFER"), 7);
        Income b = a;
        b.income = *Decimal::parse(QStringLiteral("1"));
        QCOMPARE(built.accept({a, a, b}).size(), 2);
    }

    // Unreadable elements of a page count towards a full page: the walk must not end early.
    void incomeUnreadableRowsCountTowardsAFullPage()
    {
        IncomePager pager(0, 99, -1, 3);
        pager.accept(
            {income(1, QStringLiteral("TRANSFER"), 1), income(2, QStringLiteral("TRANSFER"), 2)},
            1);
        QVERIFY(!pager.done());
        QCOMPARE(num(*pager.next(), "startTime"), qint64(2));
    }

    // Issue 10 defect 12: a fill timed before 1970 or after the exchange's clock was dropped,
    // in a window as "outside the window", by id as "beyond the range".
    void fillsWithImplausibleTimesAreKept()
    {
        // A window page: the exchange returns a fill timed -5 with the window's fills.
        FillPager windows(QStringLiteral("BTCUSDT"), 1000, 30 * kDay, {}, 6);
        windows.setLatestPlausibleTime(40 * kDay);
        auto r = windows.next();
        QCOMPARE(num(*r, "startTime"), qint64(1000));
        QCOMPARE(ids(windows.accept({fill(1, -5), fill(10, 2000), fill(11, 3000)})),
                 QList<qint64>({1, 10, 11}));
        QCOMPARE(windows.warnings(), QStringList());
        // The implausible row did not move the walk: it continues by id after 11, not after 1.
        r = windows.next();
        QCOMPARE(num(*r, "fromId"), qint64(12));
        // By id: a fill timed after the exchange's clock is kept and passed, and the walk goes
        // on to the rows after it (a full page).
        QCOMPARE(ids(windows.accept({fill(12, 4000), fill(13, 50 * kDay), fill(14, 5000),
                                     fill(15, 6000), fill(16, 7000), fill(17, 8000)})),
                 QList<qint64>({12, 13, 14, 15, 16, 17}));
        QVERIFY(!windows.done());
        const qint64 firstWindowEnd = 1000 + 7 * kDay - 1; // times covered by the first page
        QCOMPARE(windows.coveredThrough(), firstWindowEnd);
        r = windows.next();
        QCOMPARE(num(*r, "fromId"), qint64(18));
        // A full page ending in one still advances.
        QCOMPARE(ids(windows.accept({fill(18, 9000), fill(19, 9001), fill(20, 9002), fill(21, 9003),
                                     fill(22, 9004), fill(23, -1)})),
                 QList<qint64>({18, 19, 20, 21, 22, 23}));
        QVERIFY(windows.error().isEmpty());
        QCOMPARE(windows.lastId(), std::optional<qint64>(23));
        QCOMPARE(windows.coveredThrough(), firstWindowEnd);
        // A fill after `to` but plausible is still left for the next run.
        QCOMPARE(ids(windows.accept({fill(24, 31 * kDay)})), QList<qint64>());
        QVERIFY(windows.done());

        QCOMPARE(implausibleTimeReason(-5, 100), QStringLiteral("its time -5 ms is before 1970"));
        QCOMPARE(implausibleTimeReason(101, 100),
                 QStringLiteral("its time 101 ms is later than the exchange's clock allows (100 "
                                "ms at most)"));
        QCOMPARE(implausibleTimeReason(100, 100), QString());
        QCOMPARE(implausibleTimeReason(0, 100), QString());
    }
};

QTEST_GUILESS_MAIN(TestPagerRecords)
#include "test_pager_records.moc"
