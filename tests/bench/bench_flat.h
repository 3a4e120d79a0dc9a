#pragma once
// Issue 12, target 4: an incremental sync's cost independent of the symbol's history. A journal
// holding N fills of one symbol (built through the engine's journal API, not the network) takes
// 100 new fills at a time, each batch rebuilt from the symbol's last flat point (docs/design.md
// D126); time and peak RSS are measured in a fresh process per journal, so that building the
// history does not count, and compared across N. Printed, never asserted (docs/performance.md).

#include "tests/bench/bench_summary.h"

#include <QDir>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

namespace fb::bench {

struct FlatBenchOptions
{
    QVector<int> histories{10'000, 1'000'000}; // fills of history per journal; empty skips
    int newFills = 100;                        // fills per incremental sync
    int syncs = 7;                             // incremental syncs measured (the median counts)
};

// The section's table. Runs this executable again as a child (--flat-child ...) per journal.
// `summary` (optional) gets each history's ratios against the first (smallest) one.
QString runFlatSection(const FlatBenchOptions& o, const QDir& dir,
                       const std::function<void(const QString&)>& progress,
                       Summary* summary = nullptr);

// The child's side: "build DB FILLS" or "measure DB NEWFILLS SYNCS"; prints one result line.
int runFlatChild(const QStringList& args);

// "reads DB before|after HOURS" (bench_flat_reads.cpp): the planner's facts and the
// reconciliation over the last HOURS hours, as they were and as they are; one "reads" line.
int runFlatReads(const QString& path, const QString& mode, int hours);

} // namespace fb::bench
