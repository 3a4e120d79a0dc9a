// EngineJournal's part in R multiples (docs/design.md D103, D108): the Algo Service's
// orders stored with their coverage, and each rebuilt trade's initial risk from the stops.
#include "sync/engine/engine_journal.h"
#include "sync/journal/coverage_store.h"

namespace fb::sync {

void applySymbolStops(journal::Database& db, const QString& account, const QString& symbol,
                      QVector<JournalTrade>& trades, std::optional<qint64> fromMs)
{
    const QVector<StopOrder> stops = journal::RawStore(db).stopOrders(account, symbol, fromMs);
    applyInitialRisk(trades, stops);
}

journal::UpsertCounts commitAlgoOrders(journal::Database& db, const RunParams& params,
                                       const SymbolFetch& fetch)
{
    const journal::UpsertCounts counts = journal::RawStore(db).upsertAlgoOrders(fetch.algoOrders);
    if (fetch.algoFetched) {
        // Coverage says what the walk vouches for: the run's range, and the newest algoId seen
        // (the next walk starts from the journal's own rows, RawStore::algoWalkStart).
        journal::CoverageStore coverage(db);
        const Coverage before =
            toPlannerCoverage(coverage.coverage(params.account, kAlgoOrdersStream, fetch.symbol));
        std::optional<qint64> newest = fetch.newestAlgoId;
        if (before.lastId && (!newest || *before.lastId > *newest))
            newest = before.lastId;
        const Coverage after = extendCoverage(before, params.rangeFromMs, params.rangeToMs, newest);
        coverage.setCoverage({params.account, kAlgoOrdersStream, fetch.symbol, after.fromMs,
                              after.toMs, after.lastId, 0});
    }
    return counts;
}

} // namespace fb::sync
