#pragma once
// Issue 12, target 4 measured as a whole sync: "an incremental sync of 100 new fills costs the
// same on a symbol with 10,000 or 1,000,000 fills of history (time ratio <= 1.5, peak RSS ratio
// <= 1.2)", each sync ONE `fillbook-cli sync` process against `fillbook-sim --dataset` on
// loopback, with everything a real run does: open the journal, preflight, income, plan, fetch,
// commit, reconcile, finalize. Section 8 (bench_flat.h) stays the finer figure (the journal
// work of a batch in one process). Machinery: tests/support/realrun.h. Printed, never asserted.

#include "tests/bench/bench_summary.h"

#include <QDir>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

namespace fb::bench {

struct RealrunBenchOptions
{
    QVector<int> histories{10'000, 1'000'000}; // fills of history per journal; empty skips
    int newFills = 100;                        // fills the exchange adds before each sync
    int runs = 7;  // measured syncs per journal (the median counts), interleaved
    int days = 30; // the CLI's --days
    // The history's density (buildHistory's maxGapMs): 4,000 puts 1,000,000 fills in the last
    // ~20 days, so `--days 30` holds all of them; 16,000 spreads them over ~81 days.
    quint32 maxGapMs = 4000;
    // Build each history again even when the --dir holds one from an earlier run (a built
    // history is kept as realrun-N-base.db and copied for each section).
    bool rebuild = false;
    QString cli, sim, rusage; // programs; default: beside this build's fillbook-bench
};

QString runRealrunSection(const RealrunBenchOptions& o, const QDir& dir,
                          const std::function<void(const QString&)>& progress,
                          Summary* summary = nullptr);

// The child's side (--realrun-child build DB FILLS END_BEFORE_MS RANGE_FROM_MS MAX_GAP_MS):
// builds one history and prints "built FILLS FIRST_MS LAST_MS INCOME_ROWS".
int runRealrunChild(const QStringList& args);

} // namespace fb::bench
