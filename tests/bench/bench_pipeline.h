#pragma once
// Measurements 1 and 3 of issue 4, with the network taken out: the journal's write path for a
// symbol batch (upsert raw fills, load the symbol's history, rebuild and validate its trades,
// store them), next to the physical limit of the same rows through SQLite's C API, and a naive
// one-transaction-per-fill baseline.

#include "tests/bench/bench_data.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace fb::bench {

struct PhaseTimes
{
    double upsert = 0; // RawStore::upsertFills
    double load = 0;   // RawStore::loadSymbolHistory
    double build = 0;  // buildSymbolTrades (lifecycles, funding, validation)
    double store = 0;  // TradeStore::replaceSymbolTrades
    double commit = 0; // BEGIN IMMEDIATE + COMMIT
    double total() const { return upsert + load + build + store + commit; }
};

struct PipelineResult
{
    qint64 fills = 0;
    qint64 trades = 0;
    double seconds = 0;    // timed part only (the generator is excluded)
    double cpuSeconds = 0; // the timed parts' CPU time (this thread)
    double genSeconds = 0; // generating the fills, for reference
    PhaseTimes phases;
    qint64 rssBeforeKb = 0; // after the journal is opened, before the first batch
    qint64 peakRssKb = 0;   // VmHWM over the run (reset at its start when the kernel allows)
    bool peakWasReset = false;
    QVector<qint64> rssAtQuarterKb; // VmRSS after 25 %, 50 %, 75 %, 100 % of the batches
    qint64 largestSymbolFills = 0;
    qint64 partialCommits = 0; // parts of large symbols committed before their batch
    qint64 groupedCommits = 0; // the batches' transactions (several batches each: D175)
    QHash<QString, int> transactionOfSymbol; // which of them wrote a symbol's last part
    qint64 dbBytes = 0;
    qint64 peakWalBytes = 0; // the -wal file's size after each COMMIT, largest (untimed)
};

// The engine's commit path: batches of `batchSymbols` symbols, where a symbol with more than
// `commitRecordCap` fills first commits full parts of that size on their own
// (EngineConfig::commitRecordCap); a batch commits alone, or with the next ones when it comes
// less than `commitGroupMs` after the last commit (sync::CommitGrouping, D175; 0 = alone).
// `walPages` is the connection's WAL checkpoint bound (journal::OpenOptions::
// walAutocheckpointPages; the engine's is EngineConfig::walCheckpointPages); what it leaves in
// the log is checkpointed at the end, timed as a commit, as the engine does at the end of a run.
PipelineResult runPipeline(const FillSource& source, const QString& dbPath, int batchSymbols,
                           int commitRecordCap, int walPages, qint64 commitGroupMs);

struct LimitResult
{
    qint64 fills = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    qint64 dbBytes = 0;
};

// The same rows, one prepared INSERT in one transaction, straight through sqlite3_*, on a
// connection set up as the journal's writer is (WAL, synchronous=NORMAL, 64 MiB page cache, the
// same WAL bound) and ending with the same checkpoint (docs/design.md D153).
LimitResult runPhysicalLimit(const FillSource& source, const QString& dbPath, int walPages);

// Measurement 3: the pipeline's data path, but every fill upserted in its own transaction
// (each symbol's rebuild then runs in one more transaction).
PipelineResult runNaive(const FillSource& source, const QString& dbPath);

} // namespace fb::bench
