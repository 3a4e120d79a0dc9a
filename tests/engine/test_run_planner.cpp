// The planner decides what a run fetches from coverage and facts; exact spans and choices.
#include "sync/binance/fill_pager.h"
#include "sync/binance/order_pager.h"
#include "sync/engine/batch_fetcher.h"
#include "sync/engine/run_planner.h"

#include <QTest>

using namespace fb::sync;

namespace {
Coverage covered(qint64 from, qint64 to, std::optional<qint64> lastId = std::nullopt)
{
    Coverage c;
    c.fromMs = from;
    c.toMs = to;
    c.lastId = lastId;
    return c;
}
SymbolFacts facts(const char* symbol)
{
    SymbolFacts f;
    f.symbol = QLatin1String(symbol);
    return f;
}
} // namespace

class TestRunPlanner : public QObject
{
    Q_OBJECT
private slots:
    void estimateFollowsTheFromIdSwitch()
    {
        // 90 days: 13 fill windows. Orders go by orderId after the fills: one page per 1000
        // expected fills plus a short one, none when no fill is expected.
        const qint64 day = fb::binance::kMsPerDay;
        SymbolFacts busy = facts("BUSY");
        busy.hasIncomeInRange = true;
        busy.commissionsToFetch = 2500;
        SymbolFacts quiet = facts("QUIET");
        quiet.requestedByUser = true;
        const RunPlan plan = planSymbols(PlannerInput{0, 90 * day - 1, {busy, quiet}});
        QCOMPARE(plan.symbols.size(), 2);
        QCOMPARE(plan.symbols[0].expectedFills, qint64(2500));
        QCOMPARE(plan.symbols[1].expectedFills, qint64(0));
        // 2500 fills: pages of 1000, 1000 and a short one, by id after the first fill; orders
        // the same; one algo order page (D109).
        QCOMPARE(BatchFetcher::estimateWeight(plan.symbols[0]), (3 + 3 + 1) * 5);
        // No fill expected: every window is walked, empty; no order.
        QCOMPARE(BatchFetcher::estimateWeight(plan.symbols[1]), 13 * 5);
        // An incremental check: one id page, orders only if new fills.
        SymbolPlan incremental;
        incremental.fillsFromId = 42;
        QCOMPARE(BatchFetcher::estimateWeight(incremental), qint64(5));
    }

    // A first sync walks by time windows from the range start until the first fill, or by id
    // from 0 (through the fills before the range) when that costs fewer requests (D76).
    void firstSyncPicksTheCheaperWalk()
    {
        const qint64 day = fb::binance::kMsPerDay;
        const qint64 now = 200 * day;
        const qint64 history = now - 90 * day;
        // The whole history: from 0 costs exactly the pages of the range's fills.
        QCOMPARE(firstSyncCost(history, now, history, history + 40 * day, 2500).fromZero, 3);
        QCOMPARE(firstSyncCost(history, now, history, history + 40 * day, 2500).windows, 5 + 1 + 3);
        // The last 30 days of a busy symbol whose fills start at once: windows win.
        const FirstSyncCost busy =
            firstSyncCost(now - 30 * day, now, history, now - 30 * day, 5000);
        QCOMPARE(busy.windows, 1 + 6);
        QCOMPARE(busy.fromZero, 15); // 5000 in range, ~10,000 before it
        // No evidence at all (funding only): every window, or one page from 0.
        QCOMPARE(firstSyncCost(now - 30 * day, now, history, 0, 0).windows, 5);
        QCOMPARE(firstSyncCost(now - 30 * day, now, history, 0, 0).fromZero, 1);

        SymbolFacts rare = facts("RARE");
        rare.hasIncomeInRange = true;
        rare.commissionsToFetch = 12;
        rare.firstTradeIncomeMs = now - 10 * day;
        SymbolFacts busyFacts = facts("BUSY");
        busyFacts.hasIncomeInRange = true;
        busyFacts.commissionsToFetch = 5000;
        busyFacts.firstTradeIncomeMs = now - 30 * day;
        PlannerInput in{now - 30 * day, now, {rare, busyFacts}};
        in.historyStartMs = history;
        const RunPlan plan = planSymbols(in);
        QCOMPARE(plan.symbols.size(), 2);
        QCOMPARE(plan.symbols[0].symbol, QStringLiteral("BUSY"));
        QCOMPARE(plan.symbols[0].fillSpans, (QVector<TimeSpan>{{now - 30 * day, now}}));
        QCOMPARE(plan.symbols[0].fillsFromId, std::nullopt);
        QCOMPARE(plan.symbols[1].fillSpans, QVector<TimeSpan>{});
        QCOMPARE(plan.symbols[1].fillsFromId, std::optional<qint64>(0));
        QCOMPARE(BatchFetcher::estimateWeight(plan.symbols[1]), (1 + 1 + 1) * 5);
    }

    void missingSpansStayAdjacent()
    {
        QCOMPARE(missingSpans(Coverage{}, 50, 300), (QVector<TimeSpan>{{50, 300}}));
        QCOMPARE(missingSpans(covered(100, 200), 50, 300),
                 (QVector<TimeSpan>{{50, 99}, {201, 300}}));
        QCOMPARE(missingSpans(covered(100, 200), 120, 180), QVector<TimeSpan>{});
        // A range after the coverage is fetched from the coverage's end: no hole.
        QCOMPARE(missingSpans(covered(100, 200), 250, 300), (QVector<TimeSpan>{{201, 300}}));
        QCOMPARE(missingSpans(covered(100, 200), 10, 40), (QVector<TimeSpan>{{10, 99}}));
        QCOMPARE(missingSpans(covered(100, 200), 300, 250), QVector<TimeSpan>{});
    }

    void coverageOnlyGrows()
    {
        Coverage c = extendCoverage(Coverage{}, 100, 200, 7);
        QCOMPARE(c.fromMs, 100);
        QCOMPARE(c.toMs, 200);
        QCOMPARE(c.lastId, std::optional<qint64>(7));
        c = extendCoverage(c, 50, 150, std::nullopt);
        QCOMPARE(c.fromMs, 50);
        QCOMPARE(c.toMs, 200);
        QCOMPARE(c.lastId, std::optional<qint64>(7));
        c = extendCoverage(c, 201, 400, 5); // an older id never moves the cursor back
        QCOMPARE(c.toMs, 400);
        QCOMPARE(c.lastId, std::optional<qint64>(7));
    }

    void firstSyncWalksTheWholeRange()
    {
        PlannerInput in{1000, 5000, {}};
        SymbolFacts btc = facts("BTCUSDT");
        btc.hasIncomeInRange = true;
        SymbolFacts idle = facts("DOGEUSDT"); // known to no one: nothing to do
        in.symbols = {idle, btc};
        const RunPlan plan = planSymbols(in);
        QCOMPARE(plan.symbols.size(), 1);
        QCOMPARE(plan.symbols[0].symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(plan.symbols[0].fillSpans, (QVector<TimeSpan>{{1000, 5000}}));
        QCOMPARE(plan.symbols[0].fillsFromId, std::nullopt);
        QCOMPARE(plan.symbols[0].ordersFromId, std::nullopt);
        QCOMPARE(plan.upToDate, QStringList{QStringLiteral("DOGEUSDT")});
    }

    void incrementalFetchesOnlyWhatMayHaveChanged()
    {
        PlannerInput in{1000, 9000, {}};
        SymbolFacts quiet = facts("ADAUSDT"); // synced before, no new income, flat
        quiet.fills = covered(1000, 5000, 41);
        quiet.orders = covered(1000, 5000);
        quiet.newestTradeIncomeMs = 4000;
        quiet.hasIncomeInRange = true;
        SymbolFacts open = facts("BTCUSDT"); // open position: always checked, by id
        open.fills = covered(1000, 5000, 99);
        open.orders = covered(1000, 5000);
        open.hasOpenPosition = true;
        SymbolFacts traded = facts("ETHUSDT"); // commission rows newer than the fill coverage
        traded.fills = covered(1000, 5000, 500);
        traded.orders = covered(1000, 5000);
        traded.newestTradeIncomeMs = 7000;
        in.symbols = {quiet, open, traded};
        const RunPlan plan = planSymbols(in);
        QCOMPARE(plan.upToDate, QStringList{QStringLiteral("ADAUSDT")});
        QCOMPARE(plan.symbols.size(), 2);
        QCOMPARE(plan.symbols[0].symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(plan.symbols[0].fillSpans, QVector<TimeSpan>{});
        QCOMPARE(plan.symbols[0].fillsFromId, std::optional<qint64>(100));
        QCOMPARE(plan.symbols[0].reason, QStringLiteral("open position"));
        QCOMPARE(plan.symbols[1].fillsFromId, std::optional<qint64>(501));
        QCOMPARE(plan.symbols[1].reason, QStringLiteral("new fills in the income ledger"));
    }

    // Coverage extended forward is read again a margin behind its end (docs/design.md §3.1),
    // never before its start; a range inside the coverage reads nothing.
    void theEndOfTheCoverageIsReadAgain()
    {
        const Coverage c = covered(1000, 5000);
        QCOMPARE(missingSpans(c, 1000, 9000, 300), (QVector<TimeSpan>{{4701, 9000}}));
        QCOMPARE(missingSpans(c, 1000, 9000, 10'000), (QVector<TimeSpan>{{1000, 9000}}));
        QCOMPARE(missingSpans(c, 0, 9000, 300), (QVector<TimeSpan>{{0, 999}, {4701, 9000}}));
        QCOMPARE(missingSpans(c, 1000, 5000, 300), QVector<TimeSpan>{});

        // Trade income inside the margin (a fill made visible late) makes the symbol's fills
        // worth a look by id.
        SymbolFacts late = facts("ETHUSDT");
        late.fills = covered(1000, 5000, 500);
        late.orders = covered(1000, 5000);
        late.newestTradeIncomeMs = 4900;
        PlannerInput in{1000, 9000, {late}};
        QCOMPARE(planSymbols(in).upToDate, QStringList{QStringLiteral("ETHUSDT")});
        in.rereadMs = 300;
        const RunPlan plan = planSymbols(in);
        QCOMPARE(plan.symbols.size(), 1);
        QCOMPARE(plan.symbols[0].fillsFromId, std::optional<qint64>(501));
        QCOMPARE(plan.symbols[0].reason, QStringLiteral("new fills in the income ledger"));
    }

    void olderHistoryIsWalkedByTimeAndNewerById()
    {
        PlannerInput in{0, 9000, {}};
        SymbolFacts f = facts("BTCUSDT");
        f.fills = covered(4000, 8000, 10);
        f.orders = covered(4000, 8000);
        in.symbols = {f};
        const RunPlan plan = planSymbols(in);
        QCOMPARE(plan.symbols.size(), 1);
        QCOMPARE(plan.symbols[0].fillSpans, (QVector<TimeSpan>{{0, 3999}}));
        QCOMPARE(plan.symbols[0].fillsFromId, std::optional<qint64>(11));
        QCOMPARE(plan.symbols[0].ordersFromId, std::nullopt);
    }

    void batchesKeepOrder()
    {
        const QStringList s{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                            QStringLiteral("D"), QStringLiteral("E")};
        const auto batches = makeBatches(s, 2);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(batches[2], QStringList{QStringLiteral("E")});
        QCOMPARE(makeBatches(s, 0).size(), 5); // a nonsense size degrades to one per batch
    }
};

QTEST_GUILESS_MAIN(TestRunPlanner)
#include "test_run_planner.moc"
