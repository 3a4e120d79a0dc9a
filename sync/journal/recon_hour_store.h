#pragma once
// The reconciliation's hour sums (schema v21, docs/design.md §2.9, D169): per
// (account, symbol, UTC hour) that a reconciliation computed completely, the sums reconcile()
// forms from that hour's records, so that the next run reads only what is new plus a bounded
// edge. The schema's triggers delete an hour's rows as soon as one of its records changes (a
// fill deletes its hour and every later one: funding attribution can depend on it), and the
// reconciliation cut's row when a fill before it is written.

#include "models/domain/reconciliation_sums.h"
#include "sync/journal/rebuild_cut_store.h"

namespace fb::journal {

class Database;

class ReconHourStore
{
public:
    explicit ReconHourStore(Database& db);

    // The stored hours in [fromHourMs, toHourMs) computed under `rules`, by hour.
    QVector<HourSums> hours(const QString& account, const QString& symbol, qint64 fromHourMs,
                            qint64 toHourMs, int rules);
    // Replaces each given hour's rows (inside the caller's transaction).
    void store(const QString& account, const QString& symbol, int rules,
               const QVector<HourSums>& hours);
    // The reconciliation cut lives in the symbol's rebuild_cuts row: RebuildCutStore::reconCut.

private:
    Database& m_db;
};

} // namespace fb::journal
