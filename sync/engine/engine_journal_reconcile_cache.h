#pragma once
// The run's reconciliation from kept hour sums (docs/design.md §2.9, D169): the hours
// of the range a reconciliation computed completely are summed from `recon_hours`; what is not
// kept (the partial hour at the range start, and everything after the last kept hour) is read
// from the raw records, the latter with lifecycles built from the reconciliation cut (a flat
// point at or before it). Whatever it cannot vouch for gives nullopt: the caller then takes the
// range cut or whole history path, whose report is the reference.

#include "sync/engine/engine_journal.h"

namespace fb::sync {

struct CachedReconciliation
{
    QVector<ReconciliationLine> lines;
    ReconCacheUpdate update;
};

// Reads only; inside the caller's read transaction.
std::optional<CachedReconciliation>
reconcileFromHours(journal::Database& db, const RunParams& params, const QString& symbol);

// After a reconciliation from `history` (read from `historyFromMs` on, a flat point; nullopt:
// the whole history) succeeded with `built` and `rangeIncome` (the range's income rows): the
// range's complete hours (and the hour holding the range start when the history holds all of
// it) and the reconciliation cut to keep.
ReconCacheUpdate hoursFromHistory(journal::Database& db, const RunParams& params,
                                  const SymbolHistory& history, std::optional<qint64> historyFromMs,
                                  const QVector<Income>& rangeIncome, const SymbolTrades& built);

// Stores the updates (inside the caller's write transaction).
void storeReconCache(journal::Database& db, const QVector<ReconCacheUpdate>& updates);

} // namespace fb::sync
