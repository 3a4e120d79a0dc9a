#pragma once
// Measurement 2 of issue 4: a full sync of a large synthetic account from an in-process
// simulator (timeScale 60: a one-second weight window) serving on its own thread, through
// fb::sync::SyncEngine on the main thread, compared with the lower bound of requests and weight
// the API's paging and window rules allow.

#include <QJsonObject>
#include <QString>

#include <QVector>
#include <optional>

namespace fb::bench {

struct SyncBenchConfig
{
    int fills = 250'000;
    int symbols = 200;
    int days = 90;
    qint64 weightLimit = 2400;
    int timeScale = 60;
    int capSeconds = 0; // 0 = run to the end; else EngineConfig::maxDurationMs (run paused)
    int latencyMs = 0;  // the simulator's response delay, ± latencyJitterMs
    int latencyJitterMs = 0;
    quint64 seed = 42;
    bool sampleWindows = false; // read the simulator's weight at each weight-window boundary
    QString faults; // the simulator's --faults SPEC (e.g. "hang=0.01"; which requests: `seed`)
    std::optional<qint64> commitGroupMs; // unset: the engine's (EngineConfig::commitGroupMs)
    QString dbPath;
};

struct StreamFigures
{
    qint64 rows = 0;
    qint64 requests = 0; // measured (simulator stats)
    qint64 weight = 0;
    qint64 boundRequests = 0; // lower bound from the dataset
    qint64 boundWeight = 0;
};

struct SyncBenchResult
{
    QString status; // the run's final status
    QString message;
    double seconds = 0;    // startRun -> finished
    double genSeconds = 0; // generating the account (not part of the sync)
    qint64 fillsInRange = 0;
    qint64 recordsInserted = 0;
    int symbolsTotal = 0;
    int symbolsCompleted = 0;
    StreamFigures income, fills, orders, other;
    // userTrades if every 7-day window were walked (the pager before it switched to fromId
    // after a symbol's first fill); fills.boundRequests is the bound with the switch.
    qint64 fillsWindowsOnlyRequests = 0;
    // Issue 12's lower bound, from the account's own contents: per symbol with fills in range
    // ceil(fills/1000) userTrades pages and ceil(orders/1000) allOrders pages (weight 5 each),
    // ceil(income rows/1000) income pages (weight 30), plus the preflight (what `other` cost).
    qint64 ordersInRange = 0;
    qint64 issueBoundWeight = 0;
    // The weight window exchangeInfo reports (interval × intervalNum) and the allowed rate.
    QString reportedWindow;
    qint64 reportedWindowMs = 60'000;
    qint64 startInWindowMs = 0; // how far into its weight window the run started
    // sampleWindows: the simulator's total weight served at each window boundary the run
    // crossed (the first entry ends the window the run started in).
    QVector<qint64> weightAtWindowEnds;
    qint64 requests = 0; // simulator: every request
    qint64 weight = 0;
    qint64 engineRequests = 0; // the engine's own count (RunSummary)
    qint64 engineWeight = 0;
    qint64 rateLimited429 = 0;
    qint64 banned418 = 0;
    qint64 peakRssKb = 0;
    double incomeSeconds = 0;        // startRun -> the symbol phase began (preflight + income)
    double symbolsSeconds = 0;       // symbol phase -> finalize began
    double engineCpuSeconds = 0;     // CPU time of the engine's thread (this thread) in the run
    qint64 rssBeforeKb = 0;          // simulator built, engine not started
    QVector<qint64> rssAfterBatchKb; // VmRSS after each committed batch
    qint64 peakAtFirstBatchKb = 0;   // VmHWM when batch 1 committed (income phase done)
    qint64 peakAtLastBatchKb = 0;    // VmHWM when the last batch committed (before finalize)
    QJsonObject stats;
};

SyncBenchResult runSyncBench(const SyncBenchConfig& config);

} // namespace fb::bench
