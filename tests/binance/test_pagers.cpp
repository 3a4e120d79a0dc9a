// The pagination state machines, driven against in-test models of the endpoints' documented
// behaviour (oldest `limit` rows of the window; fromId/orderId inclusive).
#include "sync/binance/fill_pager.h"
#include "sync/binance/income_pager.h"
#include "sync/binance/order_pager.h"

#include <QSet>
#include <QTest>

#include <algorithm>

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

// GET /fapi/v1/income as documented: rows in [startTime, endTime] (of incomeType, if given),
// oldest first, the first `limit` of them. `all` is in ascending time order.
QList<Income> serveIncome(const QList<Income>& all, const Request& r)
{
    QList<Income> page;
    const QString type = r.param(QStringLiteral("incomeType"));
    for (const Income& row : all) {
        if (row.time < num(r, "startTime") || row.time > num(r, "endTime"))
            continue;
        if (!type.isNull() && row.incomeType != type)
            continue;
        if (page.size() == num(r, "limit"))
            break;
        page.append(row);
    }
    return page;
}

// Drives an income pager to the end; returns the stored rows and counts requests.
QList<Income> drain(IncomePager& pager, const QList<Income>& all, int* requests = nullptr,
                    int maxRequests = 10'000)
{
    QList<Income> stored;
    int n = 0;
    while (auto request = pager.next()) {
        if (++n > maxRequests)
            qFatal("pager does not terminate");
        if (request->hasParam(QStringLiteral("page")))
            qFatal("income pager sent 'page'");
        stored += pager.accept(serveIncome(all, *request));
    }
    if (requests)
        *requests = n;
    return stored;
}

QSet<std::pair<QString, qint64>> keys(const QList<Income>& rows, bool* duplicates = nullptr)
{
    QSet<std::pair<QString, qint64>> set;
    for (const Income& row : rows) {
        if (set.contains({row.incomeType, row.tranId}) && duplicates)
            *duplicates = true;
        set.insert({row.incomeType, row.tranId});
    }
    return set;
}

Fill fill(qint64 id, qint64 time)
{
    Fill f;
    f.symbol = QStringLiteral("BTCUSDT");
    f.id = id;
    f.time = time;
    return f;
}

Order order(qint64 id, qint64 time)
{
    Order o;
    o.symbol = QStringLiteral("BTCUSDT");
    o.orderId = id;
    o.time = time;
    return o;
}

// userTrades / allOrders: by id (inclusive, no time filter) or by time window; ascending.
template <class Record>
QList<Record> serveById(const QList<Record>& all, const Request& r, const char* idParam,
                        qint64 (*idOf)(const Record&))
{
    QList<Record> page;
    const bool byId = r.hasParam(QLatin1String(idParam));
    if (byId && (r.hasParam(QStringLiteral("startTime")) || r.hasParam(QStringLiteral("endTime"))))
        qFatal("id combined with time bounds");
    if (!byId && num(r, "endTime") - num(r, "startTime") > 7 * kDay)
        qFatal("window longer than 7 days");
    for (const Record& row : all) {
        if (byId ? idOf(row) < num(r, idParam)
                 : (row.time < num(r, "startTime") || row.time > num(r, "endTime")))
            continue;
        if (page.size() == num(r, "limit"))
            break;
        page.append(row);
    }
    return page;
}

qint64 fillId(const Fill& f)
{
    return f.id;
}
qint64 orderIdOf(const Order& o)
{
    return o.orderId;
}

QList<Fill> drainFills(FillPager& pager, const QList<Fill>& all, int* requests = nullptr)
{
    QList<Fill> stored;
    int n = 0;
    while (auto request = pager.next()) {
        if (++n > 10'000)
            qFatal("pager does not terminate");
        stored += pager.accept(serveById<Fill>(all, *request, "fromId", fillId));
    }
    if (requests)
        *requests = n;
    return stored;
}

QList<qint64> ids(const QList<Fill>& fills)
{
    QList<qint64> out;
    for (const Fill& f : fills)
        out.append(f.id);
    return out;
}

} // namespace

class TestPagers : public QObject
{
    Q_OBJECT
private slots:
    // ---- income ----
    // One window spans up to kIncomeWindowMs (92 days, docs/design.md D78): a 90-day range
    // is one walk; a longer one is split.
    void incomeWindowsAreAtMostNinetyTwoDays()
    {
        QCOMPARE(kIncomeWindowMs, 92 * kDay);
        const qint64 to = 200 * kDay - 1;
        IncomePager pager(0, to);
        QCOMPARE(pager.progress().windowsTotal, qint64(3));
        QCOMPARE(pager.estimatedRemainingRequests(), qint64(3));
        QList<std::pair<qint64, qint64>> windows;
        while (auto r = pager.next()) {
            QCOMPARE(r->endpoint, Endpoint::Income);
            QCOMPARE(num(*r, "limit"), qint64(1000));
            QVERIFY(!r->hasParam(QStringLiteral("page")));
            windows.append({num(*r, "startTime"), num(*r, "endTime")});
            QVERIFY(pager.accept({}).isEmpty());
        }
        const QList<std::pair<qint64, qint64>> expected{
            {0, 92 * kDay - 1}, {92 * kDay, 184 * kDay - 1}, {184 * kDay, to}};
        QCOMPARE(windows, expected);
        QVERIFY(pager.done());
        QCOMPARE(pager.coveredThrough(), to);
        QCOMPARE(pager.progress().windowsDone, qint64(3));
        QCOMPARE(pager.estimatedRemainingRequests(), qint64(0));
        // A "90 days" range (90 d + 1 ms, both ends inclusive) is one window.
        QCOMPARE(IncomePager(0, 90 * kDay).progress().windowsTotal, qint64(1));
    }

    void incomeContinuesFromTheLastRowsMillisecond()
    {
        const QString c = QStringLiteral("COMMISSION"), p = QStringLiteral("REALIZED_PNL");
        const QList<Income> all{income(10, c, 1), income(11, c, 2), income(12, c, 3),
                                income(12, p, 3), income(12, c, 4), income(13, c, 5),
                                income(14, c, 6)};
        IncomePager pager(0, 99, -1, 4);
        auto r = pager.next();
        QCOMPARE(num(*r, "startTime"), qint64(0));
        QCOMPARE(pager.accept(serveIncome(all, *r)).size(), 4);
        QCOMPARE(pager.coveredThrough(), qint64(11)); // millisecond 12 may continue
        r = pager.next();
        QCOMPARE(num(*r, "startTime"), qint64(12)); // not 13: rows share the millisecond
        const QList<Income> second = pager.accept(serveIncome(all, *r));
        QCOMPARE(second.size(), 2); // (COMMISSION,4) and (COMMISSION,5); 12's others dropped
        QCOMPARE(second[0].tranId, qint64(4));
        r = pager.next();
        QCOMPARE(num(*r, "startTime"), qint64(13));
        QCOMPARE(pager.accept(serveIncome(all, *r)).size(), 1); // short page: window done
        QVERIFY(pager.done());
        QCOMPARE(pager.coveredThrough(), qint64(99));
    }

    void incomeManyRowsPerMillisecondNoDuplicatesNoGaps()
    {
        // Funding for many symbols at one instant, commission + PnL pairs sharing tranIds.
        QList<Income> all;
        const QStringList types{QStringLiteral("FUNDING_FEE"), QStringLiteral("COMMISSION"),
                                QStringLiteral("REALIZED_PNL")};
        qint64 tranId = 1;
        for (qint64 t = 1000; t < 1000 + 40 * 7; t += 7) {
            const int rows = int((t / 7) % 9); // 0..8 rows in this millisecond
            for (int k = 0; k < rows; ++k)
                all.append(income(t, types[k % 3], k % 3 == 2 ? tranId - 1 : tranId++));
        }
        for (int limit : {3, 5, 8, 1000}) {
            IncomePager pager(0, 5000, -1, limit, 400);
            int requests = 0;
            bool duplicates = false;
            const QList<Income> stored = drain(pager, all, &requests);
            QCOMPARE(stored.size(), all.size());
            QCOMPARE(keys(stored, &duplicates), keys(all));
            QVERIFY(!duplicates);
            QVERIFY(pager.done());
            QVERIFY(pager.error().isEmpty());
        }
    }

    void incomeFullPageOfOneMillisecondIsSplitByType()
    {
        const QString c = QStringLiteral("COMMISSION"), p = QStringLiteral("REALIZED_PNL"),
                      f = QStringLiteral("FUNDING_FEE"), x = QStringLiteral("NEW_KIND_2027");
        const QList<Income> all{income(50, c, 1), income(50, p, 1), income(50, c, 2),
                                income(50, f, 9), income(50, x, 3), income(51, c, 4)};
        IncomePager pager(0, 99, -1, 3);
        auto r = pager.next();
        pager.accept(serveIncome(all, *r)); // (c1, p1, c2): one millisecond, full
        QVERIFY(pager.splitting());
        QCOMPARE(pager.coveredThrough(), qint64(49));
        QStringList splitTypes;
        QList<Income> stored;
        while ((r = pager.next()) && pager.splitting()) {
            QCOMPARE(num(*r, "startTime"), qint64(50));
            QCOMPARE(num(*r, "endTime"), qint64(50));
            splitTypes.append(r->param(QStringLiteral("incomeType")));
            stored += pager.accept(serveIncome(all, *r));
        }
        // Every documented type, plus the unknown one seen in the full page? It was not in the
        // page (c1, p1, c2), so it cannot be known: that is the documented limit of the split.
        QCOMPARE(splitTypes, IncomePager::knownIncomeTypes());
        QCOMPARE(stored.size(), 1); // FUNDING_FEE 9; c1/p1/c2 already returned, c and p deduped
        QCOMPARE(num(*r, "startTime"), qint64(51));
        QCOMPARE(pager.coveredThrough(), qint64(50));
        stored += pager.accept(serveIncome(all, *r));
        QVERIFY(pager.done());
        QCOMPARE(stored.last().tranId, qint64(4));
    }

    void incomeSplitIncludesUnknownTypesOfTheFullPage()
    {
        const QString x = QStringLiteral("NEW_KIND_2027"), y = QStringLiteral("OTHER_NEW_KIND");
        const QList<Income> all{income(50, x, 1), income(50, x, 2), income(50, y, 1),
                                income(50, y, 2)};
        IncomePager pager(0, 99, -1, 3);
        int requests = 0;
        const QList<Income> stored = drain(pager, all, &requests);
        QCOMPARE(keys(stored), keys(all));
        // The full page, one [50, 50] request per documented type plus the two new ones seen in
        // the page, then [51, 99].
        QCOMPARE(requests, 1 + int(IncomePager::knownIncomeTypes().size()) + 2 + 1);
        QVERIFY(pager.warnings().isEmpty());
    }

    void incomeTypeStillFullInOneMillisecondIsReported()
    {
        const QString f = QStringLiteral("FUNDING_FEE");
        QList<Income> all;
        for (int i = 0; i < 5; ++i)
            all.append(income(50, f, i));
        IncomePager pager(0, 99, -1, 3);
        drain(pager, all);
        QVERIFY(pager.done());
        QCOMPARE(pager.warnings().size(), 1);
        QVERIFY(pager.warnings()[0].contains(QLatin1String("FUNDING_FEE")));
    }

    void incomeResumesAfterCoveredThrough()
    {
        IncomePager pager(0, 200 * kDay, 40 * kDay + 5);
        const auto r = pager.next();
        QCOMPARE(num(*r, "startTime"), 40 * kDay + 6);
        QCOMPARE(num(*r, "endTime"), 132 * kDay + 5);
        QCOMPARE(pager.progress().windowsTotal, qint64(2)); // counted from the resume point
        IncomePager finished(0, 10, 10);
        QVERIFY(finished.done());
        QVERIFY(!finished.next());
        IncomePager empty(10, 9);
        QVERIFY(empty.done());
    }

    void incomeResumeMidMillisecondLosesNothing()
    {
        QList<Income> all;
        for (int i = 0; i < 12; ++i)
            all.append(income(100 + i / 4, QStringLiteral("COMMISSION"), i));
        IncomePager first(0, 999, -1, 5);
        QList<Income> stored;
        for (int i = 0; i < 2; ++i)
            stored += first.accept(serveIncome(all, *first.next()));
        IncomePager resumed(0, 999, first.coveredThrough(), 5);
        stored += drain(resumed, all);
        QCOMPARE(keys(stored), keys(all)); // boundary rows may repeat; the journal upserts
    }

    void incomeStuckServerIsAnErrorNotALoop()
    {
        IncomePager pager(100, 999, -1, 2);
        // A server ignoring startTime keeps sending rows from before the window.
        const QList<Income> stale{income(5, QStringLiteral("COMMISSION"), 1),
                                  income(6, QStringLiteral("COMMISSION"), 2)};
        pager.accept(stale);
        QVERIFY(pager.done());
        QVERIFY(!pager.error().isEmpty());
    }

    // ---- fills ----
    void fillWindowsAreSevenDaysMinusOneMs()
    {
        const qint64 to = 20 * kDay;
        FillPager pager(QStringLiteral("BTCUSDT"), 0, to);
        QCOMPARE(pager.progress().windowsTotal, qint64(3));
        QList<std::pair<qint64, qint64>> windows;
        while (auto r = pager.next()) {
            QCOMPARE(r->param(QStringLiteral("symbol")), QStringLiteral("BTCUSDT"));
            QVERIFY(!r->hasParam(QStringLiteral("fromId")));
            QVERIFY(num(*r, "endTime") - num(*r, "startTime") <= 7 * kDay);
            windows.append({num(*r, "startTime"), num(*r, "endTime")});
            pager.accept({});
        }
        const QList<std::pair<qint64, qint64>> expected{
            {0, 7 * kDay - 1}, {7 * kDay, 14 * kDay - 1}, {14 * kDay, to}};
        QCOMPARE(windows, expected);
        QCOMPARE(pager.coveredThrough(), to);
        QVERIFY(!pager.lastId());
    }

    void fillsBeyondTheLimitContinueByFromId()
    {
        // 2500 fills in the first week, a quiet week, 10 in the third.
        QList<Fill> all;
        qint64 id = 7000;
        for (int i = 0; i < 2500; ++i)
            all.append(fill(id++, 1000 + i * 200'000));
        for (int i = 0; i < 10; ++i)
            all.append(fill(id++, 15 * kDay + i));
        FillPager pager(QStringLiteral("BTCUSDT"), 0, 21 * kDay - 1);
        auto r = pager.next();
        QCOMPARE(pager.accept(serveById<Fill>(all, *r, "fromId", fillId)).size(), 1000);
        QCOMPARE(pager.lastId(), std::optional<qint64>(7999));
        r = pager.next();
        QCOMPARE(num(*r, "fromId"), qint64(8000));
        QVERIFY(!r->hasParam(QStringLiteral("startTime")));
        int requests = 0;
        QList<Fill> stored = drainFills(pager, all, &requests);
        QCOMPARE(stored.size(), 1510);
        // After the first fill the walk is by id to the end of the range: fromId 8000 (full),
        // fromId 9000 (the rest of week one and the 10 of week three: short, done). The quiet
        // week costs nothing.
        QCOMPARE(requests, 2);
        QCOMPARE(pager.lastId(), std::optional<qint64>(id - 1));
        QCOMPARE(pager.coveredThrough(), 21 * kDay - 1);
    }

    void firstSyncSwitchesToFromIdAfterTheFirstFill()
    {
        // Two empty weeks, 25 fills from day 15 (one an hour), 5 more after the range.
        constexpr qint64 kHour = 3'600'000;
        const qint64 to = 35 * kDay - 1; // five windows
        QList<Fill> all;
        for (qint64 k = 0; k < 25; ++k)
            all.append(fill(100 + k, 15 * kDay + k * kHour));
        for (qint64 k = 0; k < 5; ++k)
            all.append(fill(125 + k, to + 1 + k));
        FillPager pager(QStringLiteral("BTCUSDT"), 0, to, {}, 10);
        QCOMPARE(pager.progress().windowsTotal, qint64(5));
        auto serve = [&](const Request& r) { return serveById<Fill>(all, r, "fromId", fillId); };

        // The empty windows before the first fill: by time, one request each.
        auto r = pager.next();
        QCOMPARE(num(*r, "startTime"), qint64(0));
        QCOMPARE(num(*r, "endTime"), 7 * kDay - 1);
        QVERIFY(pager.accept(serve(*r)).isEmpty());
        QCOMPARE(pager.coveredThrough(), 7 * kDay - 1);
        r = pager.next();
        QCOMPARE(num(*r, "startTime"), 7 * kDay);
        QVERIFY(pager.accept(serve(*r)).isEmpty());
        QCOMPARE(pager.coveredThrough(), 14 * kDay - 1);
        QVERIFY(!pager.lastId());

        // The first fill's window: a full page, then the switch.
        r = pager.next();
        QCOMPARE(num(*r, "startTime"), 14 * kDay);
        QCOMPARE(num(*r, "endTime"), 21 * kDay - 1);
        QCOMPARE(pager.accept(serve(*r)).size(), 10);
        QCOMPARE(pager.lastId(), std::optional<qint64>(109));
        QCOMPARE(pager.coveredThrough(), 15 * kDay + 9 * kHour - 1);
        QCOMPARE(pager.progress().windowsDone, qint64(2));
        QCOMPARE(pager.estimatedRemainingRequests(), qint64(1));
        r = pager.next();
        QCOMPARE(r->params, QueryParams({{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
                                         {QStringLiteral("fromId"), QStringLiteral("110")},
                                         {QStringLiteral("limit"), QStringLiteral("10")}}));
        QCOMPARE(ids(pager.accept(serve(*r))).size(), 10);
        QCOMPARE(pager.coveredThrough(), 15 * kDay + 19 * kHour - 1);
        const FillCursor midWalk = pager.cursor();

        // Past the range end: 120..124 kept, 125.. left for the next run; covers `to`.
        r = pager.next();
        QCOMPARE(num(*r, "fromId"), qint64(120));
        QVERIFY(!r->hasParam(QStringLiteral("startTime")));
        QVERIFY(!r->hasParam(QStringLiteral("endTime")));
        QCOMPARE(ids(pager.accept(serve(*r))), QList<qint64>({120, 121, 122, 123, 124}));
        QVERIFY(pager.done());
        QVERIFY(!pager.next());
        QCOMPARE(pager.coveredThrough(), to);
        QCOMPARE(pager.lastId(), std::optional<qint64>(124));
        QCOMPARE(pager.progress().windowsDone, qint64(5));

        // A resume from the cursor persisted mid-walk continues by id exactly there.
        QCOMPARE(midWalk.lastId, std::optional<qint64>(119));
        FillPager resumed(QStringLiteral("BTCUSDT"), 0, to, midWalk, 10);
        r = resumed.next();
        QCOMPARE(num(*r, "fromId"), qint64(120));
        QVERIFY(!r->hasParam(QStringLiteral("startTime")));
        int requests = 0;
        QCOMPARE(ids(drainFills(resumed, all, &requests)),
                 QList<qint64>({120, 121, 122, 123, 124}));
        QCOMPARE(requests, 1);
        QCOMPARE(resumed.coveredThrough(), to);

        // A resume before the first fill walks the remaining windows by time, then switches.
        FillPager early(QStringLiteral("BTCUSDT"), 0, to, FillCursor{std::nullopt, 14 * kDay - 1},
                        10);
        QCOMPARE(num(*early.next(), "startTime"), 14 * kDay);
        QCOMPARE(drainFills(early, all, &requests).size(), 25);
        QCOMPARE(requests, 3); // window 3 (full), fromId 110, fromId 120
    }

    void firstFillInAShortWindowPageSwitchesToo()
    {
        // Three fills in week two, one in week four; to = end of week four.
        const qint64 to = 28 * kDay - 1;
        const QList<Fill> all{fill(1, 8 * kDay), fill(2, 9 * kDay), fill(3, 10 * kDay),
                              fill(4, 22 * kDay), fill(5, 30 * kDay)};
        FillPager pager(QStringLiteral("X"), 0, to, {}, 10);
        QList<Request> sent;
        QList<Fill> stored;
        while (auto r = pager.next()) {
            sent.append(*r);
            stored += pager.accept(serveById<Fill>(all, *r, "fromId", fillId));
        }
        // Week one (empty), week two (short: 1..3, the window is done), then by id: 4 and 5,
        // 5 past `to` ends the walk. Weeks three and four are never asked by time.
        QCOMPARE(sent.size(), 3);
        QCOMPARE(num(sent[1], "startTime"), 7 * kDay);
        QCOMPARE(num(sent[2], "fromId"), qint64(4));
        QCOMPARE(ids(stored), QList<qint64>({1, 2, 3, 4}));
        QCOMPARE(pager.coveredThrough(), to);
        // The coverage after the short window page was exactly that window.
        FillPager again(QStringLiteral("X"), 0, to, {}, 10);
        again.accept(serveById<Fill>(all, *again.next(), "fromId", fillId));
        again.accept(serveById<Fill>(all, *again.next(), "fromId", fillId));
        QCOMPARE(again.coveredThrough(), 14 * kDay - 1);
        QCOMPARE(again.lastId(), std::optional<qint64>(3));
        QCOMPARE(again.progress().windowsDone, qint64(2));
    }

    void fillsNoGapsNoDuplicatesWithSmallPages()
    {
        QList<Fill> all;
        qint64 t = 0;
        for (qint64 id = 1; id <= 400; ++id) {
            t += (id % 17 == 0) ? 3 * kDay : (id % 5 == 0 ? 0 : 1000); // bursts, same-ms, gaps
            all.append(fill(id, t));
        }
        for (int limit : {1, 3, 7, 50}) {
            FillPager pager(QStringLiteral("BTCUSDT"), 0, t, {}, limit);
            const QList<Fill> stored = drainFills(pager, all);
            QCOMPARE(ids(stored), ids(all));
            QVERIFY(pager.error().isEmpty());
        }
    }

    void fillCursorUsesFromIdOnly()
    {
        QList<Fill> all;
        for (qint64 id = 1; id <= 25; ++id)
            all.append(fill(id, id * 1000));
        FillPager pager(QStringLiteral("BTCUSDT"), 0, 20'500, FillCursor{qint64(10), 10'000}, 6);
        auto r = pager.next();
        QCOMPARE(r->params, QueryParams({{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
                                         {QStringLiteral("fromId"), QStringLiteral("11")},
                                         {QStringLiteral("limit"), QStringLiteral("6")}}));
        QCOMPARE(ids(pager.accept(serveById<Fill>(all, *r, "fromId", fillId))),
                 QList<qint64>({11, 12, 13, 14, 15, 16}));
        QCOMPARE(pager.coveredThrough(), qint64(15'999));
        QCOMPARE(pager.estimatedRemainingRequests(), qint64(1));
        r = pager.next();
        QCOMPARE(num(*r, "fromId"), qint64(17));
        // 17..22; 21 and 22 are after `to` and left for the next run.
        QCOMPARE(ids(pager.accept(serveById<Fill>(all, *r, "fromId", fillId))),
                 QList<qint64>({17, 18, 19, 20}));
        QVERIFY(pager.done());
        QCOMPARE(pager.lastId(), std::optional<qint64>(20));
        QCOMPARE(pager.coveredThrough(), qint64(20'500));
    }

    void fillResumeFromPersistedCursor()
    {
        QList<Fill> all;
        for (qint64 id = 1; id <= 60; ++id)
            all.append(fill(id, id * kDay / 3));
        const qint64 to = 21 * kDay;
        FillPager first(QStringLiteral("BTCUSDT"), 0, to, {}, 8);
        QList<Fill> stored;
        for (int i = 0; i < 3; ++i) // interrupted after three committed pages
            stored += first.accept(serveById<Fill>(all, *first.next(), "fromId", fillId));
        const FillCursor saved = first.cursor();
        QVERIFY(saved.lastId);
        FillPager resumed(QStringLiteral("BTCUSDT"), 0, to, saved, 8);
        QCOMPARE(num(*resumed.next(), "fromId"), *saved.lastId + 1);
        stored += drainFills(resumed, all);
        QList<qint64> expected;
        for (const Fill& f : all)
            if (f.time <= to)
                expected.append(f.id);
        QCOMPARE(ids(stored), expected);
        // Without an id yet, a resume continues by time after coveredThrough.
        FillPager byTime(QStringLiteral("BTCUSDT"), 0, to, FillCursor{std::nullopt, 9 * kDay});
        QCOMPARE(num(*byTime.next(), "startTime"), 9 * kDay + 1);
    }

    void fillEmptyAndStuck()
    {
        FillPager empty(QStringLiteral("X"), 5, 4);
        QVERIFY(empty.done());
        QVERIFY(!empty.next());
        FillPager stuck(QStringLiteral("X"), 0, kDay, {}, 2);
        stuck.accept({fill(5, 10), fill(6, 11)});
        stuck.accept({fill(5, 10), fill(6, 11)}); // the same full page again
        QVERIFY(stuck.done());
        QVERIFY(!stuck.error().isEmpty());
    }

    // ---- orders ----
    void orderWindowsAreStrictlyUnderSevenDays()
    {
        OrderPager pager(QStringLiteral("ETHUSDT"), 0, 14 * kDay);
        QCOMPARE(pager.progress().windowsTotal, qint64(3));
        qint64 expectedStart = 0;
        while (auto r = pager.next()) {
            QCOMPARE(r->endpoint, Endpoint::AllOrders);
            QCOMPARE(num(*r, "startTime"), expectedStart);
            QVERIFY(num(*r, "endTime") - num(*r, "startTime") < 7 * kDay - 1);
            expectedStart = num(*r, "endTime") + 1;
            pager.accept({});
        }
        QCOMPARE(expectedStart, 14 * kDay + 1);
    }

    void fullOrderWindowContinuesByOrderId()
    {
        QList<Order> all;
        for (qint64 id = 100; id < 130; ++id)
            all.append(order(id, (id - 100) * kDay / 2)); // 2 per day over 15 days
        OrderPager pager(QStringLiteral("ETHUSDT"), 0, 20 * kDay, -1, 5);
        QList<Order> stored;
        bool sawOrderId = false;
        while (auto r = pager.next()) {
            if (r->hasParam(QStringLiteral("orderId"))) {
                sawOrderId = true;
                QVERIFY(!r->hasParam(QStringLiteral("startTime")));
            }
            stored += pager.accept(serveById<Order>(all, *r, "orderId", orderIdOf));
        }
        QVERIFY(sawOrderId);
        QCOMPARE(stored.size(), all.size());
        for (qsizetype i = 0; i < stored.size(); ++i)
            QCOMPARE(stored[i].orderId, all[i].orderId);
        QCOMPARE(pager.coveredThrough(), 20 * kDay);
    }
};

QTEST_GUILESS_MAIN(TestPagers)
#include "test_pagers.moc"
