#pragma once
// Configuration of one SyncEngine: where the journal is, how to reach the exchange, the limits
// of the run, and test hooks. A value type: built on any thread, handed to the worker.

#include "sync/binance/client_config.h"
#include "sync/journal/run_store.h"

#include <QString>

#include <functional>
#include <optional>

namespace fb::sync {

struct EngineHooks
{
    // Called after the N-th committed write transaction of the run (1-based), on the worker
    // thread. The exact-resume tests interrupt the run from here, at every N.
    std::function<void(int commitIndex)> afterCommit;
    // Called just before the N-th write transaction commits; may throw journal::JournalError to
    // simulate a full disk or an I/O error at exactly that write.
    std::function<void(int writeIndex)> beforeCommit;
};

struct EngineConfig
{
    QString databasePath;
    binance::ClientConfig client; // base URL, keys, account label, clock, retry policy
    QString baseUrlLabel;         // what the fingerprint records about the exchange endpoint

    // 0 = no limit. Checked at batch and income-page boundaries, and enforced by a timer through
    // every wait (a hung request, a rate-limit pause, a retry's backoff): the run is paused.
    qint64 maxDurationMs = 0;
    int maxBatches = 0; // 0 = no limit; counted per attempt (run paused)

    // A symbol whose fetched-but-uncommitted records (fills + orders) exceed this commits them
    // at once with the coverage they complete, so a batch's memory stays bounded whatever the
    // symbol's history (docs/sync-engine.md). 0 = no cap: one commit per batch.
    int commitRecordCap = 20'000;

    // Batches that arrive less than this long after the last commit ended are held and
    // committed with the next ones, up to commitRecordCap records (commit_grouping.h, D175).
    // At the rate limit's speed every batch still commits alone. 0 = one commit per batch.
    qint64 commitGroupMs = 1'000;

    // A batch whose first symbol finished this long ago reports its finished symbols and
    // carries the others (a hung request, a long history) into the next batch, so one slow
    // symbol never holds the others (batch_fetcher.h). 0 = always wait for the whole batch.
    qint64 stragglerGraceMs = 2'000;

    // The lock's heartbeat and when a silent holder counts as dead. A holder on this host whose
    // process is gone is dead at once, whatever its heartbeat says.
    qint64 heartbeatIntervalMs = 5'000;
    qint64 staleLockMs = journal::kStaleLockMs;
    // Interrupted or paused runs older than this become `expired` (docs/design.md §3.5: 24 h by
    // default).
    qint64 runMaxAgeMs = journal::kRunMaxAgeMs;
    // How long the journal waits for another program's lock on the file before the run reports
    // it busy (SQLite's busy timeout; BEGIN and COMMIT are retried a few times on top).
    int journalBusyTimeoutMs = 5'000;
    // The sync's connection lets the write-ahead log grow to this many pages (4 KiB each: 64 MiB)
    // before a COMMIT checkpoints it, and checkpoints what is left when the run ends: with
    // SQLite's default of 1,000 pages every other batch's COMMIT copied the log into the file
    // and fsynced it (docs/design.md D154). A reader (the desktop) is never blocked;
    // the bound keeps the log, and what a reader walks through it, finite.
    int walCheckpointPages = 16'384;
    // Coverage is re-read this far behind its end when a run extends it (docs/design.md §3.1):
    // records the exchange makes visible late (a fill, a funding row stamped a little before it
    // is served) would otherwise fall behind a coverage that already claims their time. The
    // upsert makes the overlap free.
    qint64 coverageRereadMs = 5 * 60'000;
    // Progress snapshots are coalesced to at most one per interval (plus one per batch).
    qint64 progressIntervalMs = 250;

    // A new run's range starts no later than this (exchange time, ms): the demo exchange's
    // history is fixed in time (sync/demo), and the default "last N days" must still reach it.
    // Unset for real accounts.
    std::optional<qint64> rangeReachesBackTo;
    EngineHooks hooks;
};

} // namespace fb::sync
