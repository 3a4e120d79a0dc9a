#pragma once
// Value types that describe a sync run and cross threads in queued signals (docs/design.md §3.2,
// §3.11, §3.12). Everything here is copyable, registered with the meta-type system, and free of
// I/O.

#include "models/domain/duration.h"
#include "sync/engine/exit_codes.h"
#include "sync/journal/run_status.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace fb::sync {

// Run and symbol statuses belong to the journal that stores them (sync/journal/run_status.h).
using journal::canRetryFailedSymbols;
using journal::isResumable;
using journal::parseRunStatus;
using journal::parseSymbolStatus;
using journal::RunStatus;
using journal::runStatusName;
using journal::SymbolStatus;
using journal::symbolStatusName;

// What the user asked for. The fingerprint covers exactly the fields that change what a run
// fetches, and where from, so a resume with different parameters is refused instead of mixing
// two runs (or two exchanges).
struct RunParams
{
    QString account;
    // The exchange the run is bound to (EngineConfig::baseUrlLabel: the base URL without a
    // trailing slash, or "demo"). Empty for runs stored before endpoints were: those resume
    // against whatever endpoint is configured, as they always did, and keep their fingerprint.
    QString endpoint;
    qint64 rangeFromMs = 0; // inclusive
    qint64 rangeToMs = 0;   // inclusive; fixed when the run is created
    QString rangeLabel;     // "30 days", "since 2026-09-01", "everything available"
    QStringList symbols;    // the user's extra symbols (always synced)
    int batchSize = 4;
    // The front end's wish "up to now": the engine replaces rangeToMs with the exchange's now,
    // measured before the range is fixed (docs/design.md §3.1), and, when rangeStartsRelative
    // ("last N days", "everything"), moves rangeFromMs by the same amount. Not stored: once the
    // run row holds the fixed range, a resume uses it as it is.
    bool rangeEndsNow = false;
    bool rangeStartsRelative = false;

    QJsonObject toJson() const;
    static RunParams fromJson(const QJsonObject& object);
    QString fingerprint() const; // hex SHA-256 of the canonical JSON
};

// sync_YYYYMMDD_HHMMSS_xxxxxxxx (UTC time, 8 random hex digits).
QString makeRunId(const QDateTime& utc, quint32 random);
bool looksLikeRunId(const QString& text);

enum class Phase { Preflight, Income, Symbols, Finalizing, Done };
QString phaseName(Phase phase);

// A coalesced progress report for the UI and the CLI.
struct ProgressSnapshot
{
    QString runId;
    Phase phase = Phase::Preflight;
    int batchIndex = 0; // 1-based while processing symbols
    int batchCount = 0;
    QStringList currentSymbols;
    int symbolsDone = 0;
    int symbolsTotal = 0;
    qint64 tradesInserted = 0;
    qint64 tradesUpdated = 0;
    qint64 recordsInserted = 0;
    qint64 duplicatesSkipped = 0;
    int failedSymbols = 0;
    int retries = 0;
    qint64 requests = 0;
    qint64 weightUsed = 0;
    qint64 unitsDone = 0;
    qint64 unitsPlanned = 0;
    std::optional<qint64> etaMs;
    qint64 rateLimitedUntilMs = 0; // 0 = not waiting
    // Exchange clock minus this computer's, once measured. clockIsOff() says when to warn.
    std::optional<qint64> clockOffsetMs;

    // What the bar shows (MonotonicProgress): never less than before within the run, resume
    // included. < 0: not set, fraction() falls back to unitsDone / unitsPlanned.
    double shownFraction = -1.0;

    double fraction() const; // 0..1, for progress bars only
    // "Processing BTCUSDT, ETHUSDT… (batch 3/8) — 45 trades inserted so far"
    QString phaseLine() const;
    QJsonObject toJson() const;
};

// Final report of a run (stored with the run as JSON).
struct RunSummary
{
    QString runId;
    RunStatus status = RunStatus::Running;
    qint64 recordsInserted = 0;
    qint64 recordsUpdated = 0;
    qint64 duplicatesSkipped = 0;
    qint64 tradesInserted = 0;
    qint64 tradesUpdated = 0;
    QStringList failedSymbols;
    int retries = 0;
    qint64 requests = 0;
    qint64 weightUsed = 0;
    qint64 durationMs = 0;
    int symbolsTotal = 0;
    int symbolsCompleted = 0;
    qint64 invalidTrades = 0; // trades the run inserted or changed that are flagged INVALID
    qint64 batchesDone = 0;   // batches committed
    qint64 batchesTotal = 0;  // batches committed in earlier attempts + batches planned now
    // Every count above is the run's, over all its attempts (docs/design.md §3.12).
    // Why it stopped, as facts. How to resume is each front end's to say (the CLI names its
    // command, the desktop its button), when resumable() says it can be.
    QString message;
    // Differences reconciliation found between the exchange's totals and the journal's (the
    // message says so too, in the CLI's words); each front end points at where to look.
    int reconciliationDifferences = 0;
    qint64 resumeAfterMs = 0; // ban end for a rate-limit pause (exchange time): not before then
    // Exchange clock minus this computer's, as the run measured it (absent: not measured). A
    // resume compares resumeAfterMs with the local clock plus this offset.
    std::optional<qint64> clockOffsetMs;
    int exitCode = exit_code::Completed;
    // What the run let pass and people should know (docs/design.md §2.11): rows a pager set
    // aside, income rows that could not be read. Facts; each front end words them.
    QStringList warnings;

    // The run exists and can be resumed (runId) from resumeAfterMs on.
    bool resumable() const { return !runId.isEmpty() && isResumable(status); }
    double successRate() const; // completed symbols / symbols attempted (completed + failed)
    int symbolsFailed() const;  // failedSymbols without the "(income ledger)" entry
    QJsonObject toJson() const;
    static RunSummary fromJson(const QJsonObject& object);
};

// This computer's clock differs from the exchange's by more than this: the front ends warn (the
// engine works in exchange time anyway, docs/design.md §3.1). A minute is far beyond network
// jitter and NTP error, and well inside what a wrong time zone or hardware clock causes.
inline constexpr qint64 kClockWarningMs = 60'000;
inline bool clockIsOff(const std::optional<qint64>& offsetMs)
{
    return offsetMs && (*offsetMs > kClockWarningMs || *offsetMs < -kClockWarningMs);
}

// formatDuration and DurationTemplates live in the domain (models/domain/duration.h), where the
// desktop's translated units can reach them too.
using domain::DurationTemplates;
using domain::formatDuration;

} // namespace fb::sync

Q_DECLARE_METATYPE(fb::sync::ProgressSnapshot)
Q_DECLARE_METATYPE(fb::sync::RunSummary)
Q_DECLARE_METATYPE(fb::sync::RunParams)
