#include "sync/engine/run_planner.h"

#include "sync/binance/fill_pager.h"

#include <algorithm>

namespace fb::sync {

QVector<TimeSpan> missingSpans(const Coverage& covered, qint64 fromMs, qint64 toMs, qint64 rereadMs)
{
    if (toMs < fromMs)
        return {};
    if (covered.isEmpty())
        return {TimeSpan{fromMs, toMs}};
    // Spans always touch the covered range (a range that starts after it is fetched from the
    // end of the coverage), so that coverage extended by them stays gap-free.
    QVector<TimeSpan> spans;
    if (fromMs < covered.fromMs)
        spans.append(TimeSpan{fromMs, covered.fromMs - 1});
    if (toMs > covered.toMs)
        spans.append(TimeSpan{
            std::max(covered.fromMs, covered.toMs + 1 - std::max<qint64>(rereadMs, 0)), toMs});
    return spans;
}

Coverage extendCoverage(const Coverage& covered, qint64 fromMs, qint64 toMs,
                        std::optional<qint64> newestId)
{
    Coverage result = covered;
    if (covered.isEmpty()) {
        result.fromMs = fromMs;
        result.toMs = toMs;
    } else {
        // Only ever grow, and only across adjacent or overlapping ranges: the caller fetched
        // the missing spans, so the union is gap-free.
        result.fromMs = std::min(covered.fromMs, fromMs);
        result.toMs = std::max(covered.toMs, toMs);
    }
    if (newestId && (!result.lastId || *newestId > *result.lastId))
        result.lastId = newestId;
    return result;
}

Coverage extendAdjacentCoverage(const Coverage& covered, qint64 fromMs, qint64 toMs)
{
    if (toMs < fromMs)
        return covered;
    if (!covered.isEmpty() && (fromMs > covered.toMs + 1 || toMs < covered.fromMs - 1))
        return covered;
    return extendCoverage(covered, fromMs, toMs, std::nullopt);
}

FirstSyncCost firstSyncCost(qint64 fromMs, qint64 toMs, qint64 historyStartMs,
                            qint64 firstTradeIncomeMs, qint64 commissionsInRange)
{
    constexpr qint64 kPage = binance::kUserTradesMaxLimit;
    FirstSyncCost cost;
    const qint64 pages = commissionsInRange / kPage + 1;
    // Empty windows before the first evidenced fill (all of them without evidence), then the
    // pages by id.
    // The window holding the first fill is one request, and (unless it is the range's last)
    // the id walk after it ends with a page of its own.
    if (firstTradeIncomeMs > 0 && commissionsInRange > 0) {
        const qint64 empty = (firstTradeIncomeMs - fromMs) / binance::kFillWindowMs;
        const bool lastWindow = fromMs + (empty + 1) * binance::kFillWindowMs > toMs;
        cost.windows = empty + (lastWindow ? pages : 1 + pages);
    } else
        cost.windows = binance::windowCount(fromMs, toMs, binance::kFillWindowMs);
    // The range's fills plus those before it, assumed at the same rate.
    const qint64 span = std::max<qint64>(1, toMs - fromMs + 1);
    const qint64 before = std::max<qint64>(0, fromMs - std::max<qint64>(0, historyStartMs));
    const qint64 fillsBefore = historyStartMs > 0 ? commissionsInRange * before / span : 0;
    cost.fromZero = (commissionsInRange + fillsBefore) / kPage + 1;
    return cost;
}

RunPlan planSymbols(const PlannerInput& input)
{
    RunPlan plan;
    QVector<SymbolFacts> facts = input.symbols;
    std::sort(facts.begin(), facts.end(),
              [](const SymbolFacts& a, const SymbolFacts& b) { return a.symbol < b.symbol; });
    for (const SymbolFacts& f : facts) {
        SymbolPlan p;
        p.symbol = f.symbol;
        const QVector<TimeSpan> fillGaps =
            missingSpans(f.fills, input.rangeFromMs, input.rangeToMs, input.rereadMs);
        const bool neverFetched = f.fills.isEmpty();
        const bool olderHistoryMissing =
            !neverFetched && !fillGaps.isEmpty() && fillGaps.first().toMs < f.fills.fromMs;
        // Within the re-read margin too: a fill made visible late has its commission there.
        const bool newTradeIncome = f.newestTradeIncomeMs > f.fills.toMs - input.rereadMs;

        QStringList reasons;
        if (neverFetched &&
            (f.hasIncomeInRange || f.hasOpenPosition || f.requestedByUser || f.hasOpenTrade))
            reasons << QStringLiteral("first sync");
        if (olderHistoryMissing)
            reasons << QStringLiteral("older history requested");
        if (!neverFetched && newTradeIncome)
            reasons << QStringLiteral("new fills in the income ledger");
        if (!neverFetched && f.hasOpenPosition)
            reasons << QStringLiteral("open position");
        if (!neverFetched && f.hasOpenTrade && !f.hasOpenPosition)
            reasons << QStringLiteral("open trade in the journal");
        if (!neverFetched && f.requestedByUser)
            reasons << QStringLiteral("requested");
        if (!neverFetched && f.feesToValue)
            reasons << QStringLiteral("fees to value");

        if (reasons.isEmpty()) {
            plan.upToDate.append(f.symbol);
            continue;
        }
        p.reason = reasons.join(QStringLiteral(", "));
        p.expectedFills = f.commissionsToFetch;

        if (neverFetched && input.historyStartMs > 0) {
            // A first sync: by time windows until the first fill, or by id from 0 when that
            // costs fewer requests (both fetch every fill of the range, evidenced or not).
            const FirstSyncCost cost =
                firstSyncCost(input.rangeFromMs, input.rangeToMs, input.historyStartMs,
                              f.firstTradeIncomeMs, f.commissionsToFetch);
            if (cost.fromZero < cost.windows)
                p.fillsFromId = 0;
            else
                p.fillSpans = fillGaps;
        } else if (neverFetched || !f.fills.lastId) {
            // No cursor to continue from: walk the missing spans by time.
            p.fillSpans = fillGaps;
        } else {
            // Older history (before the covered range) can only be walked by time; newer fills
            // are cheapest by id.
            for (const TimeSpan& gap : fillGaps) {
                if (gap.toMs < f.fills.fromMs)
                    p.fillSpans.append(gap);
            }
            p.fillsFromId = *f.fills.lastId + 1;
        }
        p.ordersFromId = f.orderlessFillOrderId;
        p.algoFromId = f.algoWalkStart.value_or(1);
        p.algoNeeded = f.algoBehind;
        plan.symbols.append(p);
    }
    return plan;
}

QVector<QStringList> makeBatches(const QStringList& symbols, int batchSize)
{
    batchSize = std::max(1, batchSize);
    QVector<QStringList> batches;
    for (qsizetype i = 0; i < symbols.size(); i += batchSize)
        batches.append(symbols.mid(i, batchSize));
    return batches;
}

} // namespace fb::sync
