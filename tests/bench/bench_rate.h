#pragma once
// Issue 12, target 2: how much of the allowed weight rate a first sync uses at real time scale
// (the simulator's one-minute window, limit 2400), with the simulator answering after a latency
// with jitter, and the first-sync wall time of the default simulator account at that scale.
// Printed, never asserted (docs/performance.md).

#include "tests/bench/bench_summary.h"
#include "tests/bench/bench_sync.h"

#include <QDir>
#include <QString>
#include <QVector>

#include <functional>
#include <utility>

namespace fb::bench {

struct RateBenchOptions
{
    QVector<int> latenciesMs{20, 100, 250}; // each with ± half of it as jitter; empty skips
    std::pair<int, int> account{30, 8'000}; // symbols, fills (the shape)
    std::pair<int, int> defaultAccount{30, 20'000}; // fillbook-sim's default; {0, 0} skips
    int defaultAccountLatencyMs = 100;
    // An account whose first sync needs several windows, so that the budget holds it and the
    // weight of each full window shows how much of the rate it used; {0, 0} skips it.
    std::pair<int, int> budgetAccount{60, 60'000};
    // The budget account's latencies (each ± half as jitter): the issue asks for the rate use
    // at 20, 100 and 250 ms, and only an account the budget holds measures it.
    QVector<int> budgetLatenciesMs{100};
};

struct RateFigures
{
    QString account;
    int latencyMs = 0;
    int jitterMs = 0;
    SyncBenchResult sync;
    double allowedSeconds = 0; // weight ÷ (2400 per minute)
    double rateUse = 0;        // allowedSeconds ÷ wall time
    double budgetEarliestSeconds =
        0; // when the client's per-window budget lets it end (0: one window)
    int windowsNeeded = 0;
    QVector<qint64> fullWindowWeights; // weight served in each window the run spanned whole
};

// Runs the syncs (one at a time) and returns the table as text. `progress` reports each start.
// `summary` (optional) gets target 2's figure and the default account's first-sync wall time.
QString runRateSection(const RateBenchOptions& options, const QDir& dir,
                       const std::function<void(const QString&)>& progress,
                       Summary* summary = nullptr);

} // namespace fb::bench
