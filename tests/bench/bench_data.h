#pragma once
// The benchmark's fills: the simulator's own per-symbol trader (sync/simulator/trader.h, the
// code generateAccount() runs for each symbol), driven one symbol at a time so that a run of a
// million fills never holds more than one batch in memory. Deterministic: the same (seed,
// symbols, fills) always gives the same rows, so two measurements of one run insert exactly
// the same data. Fills carry `raw` (the API element, compact JSON) and exact Decimals.

#include "models/domain/records.h"
#include "sync/simulator/symbols.h"

#include <QVector>

namespace fb::bench {

inline constexpr qint64 kBenchNowMs = 1'790'000'000'000; // 2026-09-21, fixed
inline constexpr qint64 kDayMs = 86'400'000;

class FillSource
{
public:
    FillSource(int fills, int symbols, int days = 90, quint64 seed = 42);

    int symbolCount() const { return int(m_catalog.size()); }
    QString symbol(int index) const { return m_catalog[index].symbol; }
    int budget(int index) const { return m_budgets[index]; }
    // The fills of one symbol, sorted by (time, id), account "main", raw JSON set.
    QVector<Fill> fillsOf(int index) const;
    // The symbols' indexes in the order the engine syncs them: by name (planSymbols,
    // sync/engine/run_planner.cpp), not the catalog's order of activity.
    QVector<int> syncOrder() const;

private:
    QVector<sim::SymbolSpec> m_catalog;
    QVector<int> m_budgets;
    int m_days;
    quint64 m_seed;
};

} // namespace fb::bench
