// Reconciliation at a run's end (docs/design.md §2.9, D155): each completed
// symbol's fills and funding inside the run's range against its income there, with lifecycles
// built from a flat point at or before the range (the symbol's range cut) instead of from its
// whole history. Trades that closed before a flat point hold no funding of the range (a row
// goes to a trade open at its time), so the report is the one the whole history gives; the
// whole history remains the fallback for everything a range cut cannot vouch for.
#include "sync/engine/engine_journal.h"
#include "sync/engine/engine_journal_reconcile_cache.h"
#include "sync/engine/engine_journal_write.h"

#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/transaction.h"

namespace fb::sync {

using journal::Transaction;

namespace {

struct SymbolReconciliation
{
    std::optional<ReconciliationReport> report;
    QString error;
    SymbolTrades built; // the trades built, when the report is there
};

// The symbol's lines from `history` (read from a flat point, or everything).
SymbolReconciliation reconcileFrom(const QString& symbol, const SymbolHistory& history,
                                   const QVector<Income>& income, const RunParams& params)
{
    SymbolReconciliation out;
    out.report = tryReconcileSymbolInRange(symbol, history, income, params.rangeFromMs,
                                           params.rangeToMs, &out.error, &out.built);
    return out;
}

} // namespace

RunReconciliation EngineJournal::reconcileRun(const RunParams& params, const QStringList& symbols)
{
    // One symbol at a time: memory stays bounded by the largest symbol, not the whole account.
    Transaction snapshot(*m_db, Transaction::Mode::Deferred);
    journal::RawStore raw(*m_db);
    journal::RebuildCutStore cuts(*m_db);
    RunReconciliation result;
    for (const QString& symbol : symbols) {
        // From the kept hours when they can be vouched for (D169): only what is new
        // and the partial hour at the range start are read.
        if (std::optional<CachedReconciliation> cached =
                reconcileFromHours(*m_db, params, symbol)) {
            result.report.lines += cached->lines;
            result.fromCache.append(symbol);
            result.cacheUpdates.append(std::move(cached->update));
            continue;
        }
        const QVector<Income> income =
            raw.incomeBetween(params.account, params.rangeFromMs, params.rangeToMs, symbol);
        // From the range cut when it holds: every book flat there (the fills from it on add up
        // to the current position), read as an id range of the fills' key.
        // A range cut stays at or before the rebuild cut (storeRangeCut), so a record from it
        // on is either before the rebuild cut (the triggers delete the row) or read here.
        const std::optional<journal::RebuildCut> cut = cuts.cut(params.account, symbol);
        const std::optional<journal::RangeCut> rangeCut =
            cuts.rangeCut(params.account, symbol, kTradeRulesRevision);
        const qint64 limit = cut ? std::min(params.rangeFromMs, cut->cutMs) : params.rangeFromMs;
        if (rangeCut && rangeCut->cutMs <= limit) {
            const SymbolHistory history = raw.loadSymbolHistorySince(
                params.account, symbol, rangeCut->cutMs, rangeCut->floorFillId);
            if (cutHolds(history)) {
                const SymbolReconciliation bounded = reconcileFrom(symbol, history, income, params);
                // A record it cannot compute with: the whole history names it as it always did.
                if (bounded.report) {
                    result.report.lines += bounded.report->lines;
                    result.fromFlatPoint.append(symbol);
                    result.cacheUpdates.append(hoursFromHistory(
                        *m_db, params, history, rangeCut->cutMs, income, bounded.built));
                    const std::optional<qint64> flat =
                        latestFlatPointAtOrBefore(bounded.built.trades, limit);
                    if (flat && *flat > rangeCut->cutMs)
                        result.rangeCuts.append(
                            {params.account, symbol,
                             rangeCutAt(*m_db, params.account, history, *flat)});
                    continue;
                }
            }
        }

        const SymbolHistory history = raw.loadSymbolHistory(params.account, symbol);
        const SymbolReconciliation whole = reconcileFrom(symbol, history, income, params);
        if (whole.report) {
            result.report.lines += whole.report->lines;
            result.cacheUpdates.append(
                hoursFromHistory(*m_db, params, history, std::nullopt, income, whole.built));
            // The first range cut of a symbol with a rebuild cut (stored only while that row
            // holds, with these trade rules).
            const std::optional<qint64> flat = latestFlatPointAtOrBefore(whole.built.trades, limit);
            if (cut && cut->rules == kTradeRulesRevision && flat &&
                (!rangeCut || *flat > rangeCut->cutMs))
                result.rangeCuts.append(
                    {params.account, symbol, rangeCutAt(*m_db, params.account, history, *flat)});
            continue;
        }
        // A record too large to compute with (docs/design.md §2.10): this symbol fails alone.
        SymbolComputeFailure failure{symbol, whole.error, {}, {}, {}};
        for (const Fill& f : history.fills) {
            if (fillComputeProblem(f))
                failure.fillIds.append(f.id);
        }
        for (const Income& row : income) {
            if (incomeComputeProblem(row))
                failure.incomeRows.append(row);
        }
        failure.message = computeFailureText(failure);
        result.failures.append(failure);
    }
    snapshot.commit();
    return result; // symbols come sorted, and each symbol's lines are ordered by asset, check
}

} // namespace fb::sync
