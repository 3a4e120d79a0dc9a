#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"
#include "sync/binance/income_pager.h"
#include "sync/engine/batch_fetcher.h"
#include "sync/engine/fee_valuation.h"
#include "sync/engine/lock_identity.h"
#include "sync/engine/resume_guard.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <cmath>

Q_LOGGING_CATEGORY(lcEngine, "fillbook.sync.engine")

namespace fb::sync {

using binance::ApiError;
using journal::JournalError;

namespace {

// SQLite's "database is locked" after the busy timeout and the retries: another program (a
// SQLite browser, a backup tool) holds the file. Said plainly, once, for every front end.
QString lockedJournalText()
{
    return QStringLiteral("Another program keeps the journal locked; close it (or wait for it to "
                          "finish) and sync again.");
}

} // namespace

SyncEngine::SyncEngine(EngineConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_heartbeat(this)
    , m_progressTimer(this)
    , m_deadline(this)
    , m_slowAnswerTimer(this)
    , m_holderId(makeHolderId())
    , m_commitGrouping(m_config.commitGroupMs, 0) // its cap is set with the run's batch size
{
    m_heartbeat.setInterval(static_cast<int>(m_config.heartbeatIntervalMs));
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        bool ours = true;
        try {
            if (m_journal && m_lockHeld)
                ours = m_journal->heartbeat(m_holderId, now());
        } catch (const JournalError& e) {
            qCWarning(lcEngine) << "heartbeat failed:" << e.message();
        }
        // Taken over while we were stalled (SIGSTOP, a suspended machine): stop now rather than
        // at the next commit, which would be refused anyway.
        if (!ours)
            stopForLostLock(QStringLiteral("Another sync took over this journal."));
    });
    m_progressTimer.setSingleShot(true);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emitProgress(true); });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &SyncEngine::onDeadline);
    m_slowAnswerTimer.setInterval(500);
    connect(&m_slowAnswerTimer, &QTimer::timeout, this, &SyncEngine::checkSlowAnswer);
}

void SyncEngine::onDeadline()
{
    if (m_finished)
        return;
    m_durationExpired = true;
    qCInfo(lcEngine) << "time limit reached: cancelling what the run waits for";
    // Queued and backing-off calls come back Cancelled at once, those in flight when their
    // reply is aborted. Each phase then stops as for a cancel, which stopForApiError() turns
    // into a time-limit pause; a batch commits the symbols that completed. When nothing is
    // pending the engine is between two steps, and the next boundary check pauses it.
    if (m_client)
        m_client->cancelAll();
}

SyncEngine::~SyncEngine()
{
    if (m_active && !m_finished)
        interrupt();
    m_fetcher.reset(); // before the client its callbacks point into
}

qint64 SyncEngine::now() const
{
    return m_config.client.clock ? m_config.client.clock() : QDateTime::currentMSecsSinceEpoch();
}

void SyncEngine::enter(State state)
{
    if (m_state == state)
        return; // one Batch state for every batch
    m_state = state;
    qCDebug(lcEngine) << "state" << state;
    emit stateChanged(state);
}

bool SyncEngine::begin()
{
    enter(State::Lock);
    try {
        m_journal = std::make_unique<EngineJournal>(m_config.databasePath, m_config.hooks,
                                                    m_config.journalBusyTimeoutMs,
                                                    m_config.walCheckpointPages);
        journal::LockHolder me = currentHolder(m_holderId, now());
        journal::LockAttempt attempt = m_journal->acquireLock(me, m_config.staleLockMs, now());
        if (!attempt.acquired && attempt.other && holderIsDeadOnThisHost(*attempt.other)) {
            // The holder crashed or was killed on this machine: no need to wait for staleness.
            attempt = m_journal->acquireLock(me, -1, now());
        }
        if (!attempt.acquired) {
            finishWithoutRun(exit_code::Busy,
                             attempt.message.isEmpty()
                                 ? QStringLiteral("Another sync is using this journal.")
                                 : attempt.message);
            return false;
        }
        m_lockHeld = true;
        m_heartbeat.start();
        // The lock is ours and names no run yet: every `running` run belongs to a dead process.
        recoverStaleRuns(m_journal->database(), now(),
                         {m_config.staleLockMs, m_config.runMaxAgeMs, m_holderId});
        return true;
    } catch (const JournalError& e) {
        // Nothing was written: a damaged or too new journal is refused before its first write.
        finishWithoutRun(exit_code::exitCodeFor(e), e.isBusy() ? lockedJournalText() : e.message());
        return false;
    }
}

namespace {
// Without a key every signed request fails: no run is created for a sync that cannot work.
QString missingKeyText(const binance::ClientConfig& client)
{
    if (!client.apiKey.isEmpty() && !client.apiSecret.isEmpty())
        return {};
    return QStringLiteral("No API key and secret are configured for this account; add a "
                          "read-only key first. Nothing was synced and no run was created.");
}
} // namespace

void SyncEngine::startRun(const RunParams& params)
{
    if (m_active)
        return;
    m_active = true;
    if (const QString missing = missingKeyText(m_config.client); !missing.isEmpty())
        return finishWithoutRun(exit_code::Usage, missing);
    m_params = params;
    // The run is bound to the exchange it is started against (docs/sync-engine.md, Resume).
    if (!m_config.baseUrlLabel.isEmpty())
        m_params.endpoint = normalizedEndpoint(m_config.baseUrlLabel);
    m_config.client.account = params.account;
    if (!begin())
        return;
    try {
        // A new run against the exchange that banned this IP is banned again by its first
        // request, and on Binance that lengthens the ban: nothing is created and nothing is sent
        // until the stored end; the summary names the banned run, which resumes then.
        if (const auto held =
                banOnAccount(m_journal->database(), m_params.account, m_params.endpoint, now()))
            return refuseDuringBan(held->run, held->ban);
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_runStartMs = m_attemptStartMs = now();
    m_runId = makeRunId(QDateTime::fromMSecsSinceEpoch(m_runStartMs, Qt::UTC),
                        QRandomGenerator::global()->generate());
    try {
        m_journal->createRun(m_runId, m_params, m_runStartMs);
        journal::SyncLock(m_journal->database()).setRunId(m_holderId, m_runId);
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    enter(State::RunRow);
    m_snapshot.runId = m_runId;
    emit runStarted(m_runId, m_params);
    preflight();
}

void SyncEngine::resumeRun(const QString& runId)
{
    if (m_active)
        return;
    m_active = true;
    if (const QString missing = missingKeyText(m_config.client); !missing.isEmpty())
        return finishWithoutRun(exit_code::Usage, missing);
    if (!begin())
        return;
    try {
        const auto run = m_journal->run(runId);
        if (!run)
            return finishWithoutRun(exit_code::Usage,
                                    QStringLiteral("Run '%1' not found.").arg(runId));
        // A completed_with_errors run is resumed to retry its failed symbols (they are among
        // the symbols planned below: pending, in progress or failed).
        if (!isResumable(run->status) && !canRetryFailedSymbols(run->status)) {
            return finishWithoutRun(
                exit_code::Usage,
                QStringLiteral("Run '%1' is %2; only interrupted or paused runs, or runs with "
                               "failed symbols, can be resumed.")
                    .arg(runId, runStatusName(run->status)));
        }
        const RunParams params = storedParams(*run);
        if (params.fingerprint() != run->fingerprint ||
            (!m_config.client.account.isEmpty() && params.account != m_config.client.account)) {
            return finishWithoutRun(
                exit_code::Usage,
                QStringLiteral("Run '%1' was started for account '%2' with other parameters; "
                               "start a new sync instead (it fetches only what is missing).")
                    .arg(runId, params.account));
        }
        // A run goes on only where it started: another exchange would hold other records, and
        // would start its coverage over. Runs stored without an endpoint resume anywhere.
        const QString configured = normalizedEndpoint(m_config.baseUrlLabel);
        if (!params.endpoint.isEmpty() && !configured.isEmpty() &&
            normalizedEndpoint(params.endpoint) != configured) {
            return finishWithoutRun(
                exit_code::Usage,
                QStringLiteral("Run '%1' was started against %2, not %3; resume it against %2, "
                               "or start a new sync for %3.")
                    .arg(runId, params.endpoint, configured));
        }
        m_params = params;
        m_config.client.account = params.account;
        m_runId = runId;
        m_baseCounters = run->counters;
        // The bar goes on from where the run stopped (the stored counts are what it showed).
        m_shown.begin(run->counters.plannedUnits > 0
                          ? static_cast<double>(run->counters.doneUnits) /
                                static_cast<double>(run->counters.plannedUnits)
                          : 0.0,
                      0);
        // During the exchange's ban every request fails and, on Binance, lengthens the ban: the
        // run stays as it is, and nothing is sent until the stored end.
        if (const auto ban = banInForce(*run, now()))
            return refuseDuringBan(*run, *ban);
        m_runStartMs = run->startedAt.value_or(run->createdAt);
        m_attemptStartMs = now();
        const auto symbols = journal::RunStore(m_journal->database()).runSymbols(runId);
        if (!symbols.isEmpty()) {
            m_resumeSymbols.clear();
            for (const journal::RunSymbolRecord& s : symbols) {
                const SymbolStatus st = s.status;
                if (st == SymbolStatus::Pending || st == SymbolStatus::InProgress ||
                    st == SymbolStatus::Failed) {
                    m_resumeSymbols << s.symbol;
                } else {
                    ++m_priorSymbolsDone;
                    if (st == SymbolStatus::Completed)
                        ++m_priorSymbolsCompleted;
                }
            }
            if (m_resumeSymbols.isEmpty())
                m_resumeSymbols << QString(); // all symbols done: plan nothing, finalize
        }
        m_journal->setRunStatus(runId, RunStatus::Running);
        journal::SyncLock(m_journal->database()).setRunId(m_holderId, m_runId);
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    enter(State::RunRow);
    m_snapshot.runId = m_runId;
    emit runStarted(m_runId, m_params);
    preflight();
}

void SyncEngine::refuseDuringBan(const journal::RunRecord& run, const BanInForce& ban)
{
    const QString until = QDateTime::fromMSecsSinceEpoch(ban.untilMs, Qt::UTC)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    RunSummary summary;
    summary.runId = run.id;
    summary.status = run.status;
    summary.exitCode = exit_code::Paused;
    summary.resumeAfterMs = ban.untilMs;
    summary.message =
        ban.exchangeTime
            ? QStringLiteral("The exchange's ban on this IP lasts until %1, so nothing was sent "
                             "(a request now would lengthen the ban).")
                  .arg(until)
            : QStringLiteral("The exchange's ban on this IP lasts until %1 by this computer's "
                             "clock (the exchange's was not measured), so nothing was sent (a "
                             "request now would lengthen the ban).")
                  .arg(until);
    finish(summary);
}

void SyncEngine::requestPause()
{
    m_pauseRequested = true;
}

void SyncEngine::interrupt()
{
    if (!m_active || m_finished || m_interruptRequested)
        return;
    m_interruptRequested = true;
    if (m_client)
        m_client->cancelAll(); // in-flight calls come back as Cancelled, later, and are ignored
    // No transaction is open here (writes are synchronous), so the run is recorded as
    // interrupted right away: a window closing or a SIGTERM does not wait for the network.
    // Batches fetched and held for a grouped commit (D175) are committed first (stopRun).
    checkInterrupted();
}

bool SyncEngine::checkInterrupted()
{
    if (m_finished)
        return true;
    if (!m_interruptRequested)
        return false;
    stopRun(RunStatus::Interrupted, exit_code::Interrupted,
            QStringLiteral("Interrupted; everything committed is kept."));
    return true;
}

void SyncEngine::stopForApiError(const ApiError& error)
{
    // What the error means is retry.h's table; here is only how each kind of end is recorded
    // and worded (facts: the summary carries the run id, resumability and the ban's end).
    switch (binance::meaningOf(error.category).runEnd) {
    case binance::RunEnd::PauseUntil: {
        const QString until = QDateTime::fromMSecsSinceEpoch(error.untilMs, Qt::UTC)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("The exchange banned this IP until %1 for too many "
                                      "requests.")
                           .arg(until),
                       error.untilMs);
    }
    case binance::RunEnd::FailAuth:
        return stopRun(RunStatus::Failed, exit_code::Auth, error.message);
    case binance::RunEnd::FailConfig:
        return stopRun(RunStatus::Failed, exit_code::Usage, error.message);
    case binance::RunEnd::PauseOffline:
        return stopRun(RunStatus::Paused, exit_code::Offline,
                       QStringLiteral("The network is unreachable (%1). The run is paused.")
                           .arg(error.message));
    case binance::RunEnd::Interrupt:
        if (m_durationExpired && !m_interruptRequested) {
            stopForDurationLimit(); // the deadline cancelled the calls, not the user
            return;
        }
        m_interruptRequested = true;
        checkInterrupted();
        return;
    case binance::RunEnd::Pause:
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("%1 The run is paused.").arg(error.message));
    }
}

journal::RunCounters SyncEngine::currentCounters() const
{
    journal::RunCounters c = m_baseCounters;
    c.inserted += m_recordsInserted;
    c.updated += m_recordsUpdated;
    c.duplicates += m_duplicates;
    c.failedSymbols = m_failedSymbols.size();
    if (m_client) {
        const binance::ClientCounters cc = m_client->counters();
        c.requests += cc.requestsSent;
        c.weight += cc.weightSent;
        c.retries += cc.retries;
    }
    // Stored as the bar showed them (docs/design.md D48): done over all attempts,
    // and a plan whose ratio to it is the shown fraction, so that the banner, `status` and a
    // resume continue from the same percentage, never below it.
    c.doneUnits = m_baseCounters.doneUnits + m_snapshot.unitsDone;
    const double shown = m_shown.value();
    c.plannedUnits =
        shown > 0.0 && c.doneUnits > 0
            ? std::max(c.doneUnits,
                       static_cast<qint64>(std::llround(static_cast<double>(c.doneUnits) / shown)))
            : m_baseCounters.plannedUnits + m_snapshot.unitsPlanned;
    // One rule for every count (docs/design.md §3.12): the run's, over all its attempts.
    c.tradesInserted += m_tradesInserted;
    c.tradesUpdated += m_tradesUpdated;
    c.invalidTrades += m_invalidTrades;
    c.batchesDone += m_batchesCommitted;
    if (m_planned)
        c.batchesTotal = m_baseCounters.batchesDone + m_batches.size();
    return c;
}

void SyncEngine::fillCounts(RunSummary& summary) const
{
    const journal::RunCounters c = currentCounters();
    summary.recordsInserted = c.inserted;
    summary.recordsUpdated = c.updated;
    summary.duplicatesSkipped = c.duplicates;
    summary.tradesInserted = c.tradesInserted;
    summary.tradesUpdated = c.tradesUpdated;
    summary.invalidTrades = c.invalidTrades;
    summary.batchesDone = c.batchesDone;
    summary.batchesTotal = c.batchesTotal;
    summary.failedSymbols = m_failedSymbols;
    summary.retries = static_cast<int>(c.retries);
    summary.requests = c.requests;
    summary.weightUsed = c.weight;
    summary.durationMs = m_runStartMs > 0 ? now() - m_runStartMs : 0;
    summary.symbolsTotal = m_snapshot.symbolsTotal;
    summary.symbolsCompleted = m_completedSymbols;
}

void SyncEngine::stopRun(RunStatus status, int exitCode, const QString& message,
                         qint64 resumeAfterMs)
{
    if (m_finished)
        return;
    // Batches fetched and held for a grouped commit (D175) are kept, as a batch that was
    // committed at once would be. A failure to write them ends the run as a journal failure.
    if (!m_held.isEmpty() && !commitHeldBatches())
        return;
    if (m_finished) // a test hook interrupted the run right after that commit
        return;
    RunSummary summary;
    summary.runId = m_runId;
    summary.status = status;
    summary.exitCode = exitCode;
    summary.message = message;
    summary.resumeAfterMs = resumeAfterMs;
    summary.clockOffsetMs = m_clockOffsetMs; // stored: a resume compares the ban's end with it
    summary.warnings = m_warnings;
    if (m_journal && !m_runId.isEmpty()) {
        try {
            if (!m_journal->run(m_runId)) {
                // The run row itself was never committed (its write failed): nothing to record.
                finish(summary);
                return;
            }
            fillCounts(summary); // the stored summary has the counts the run ended with
            m_journal->finishRun(m_runId, status, summary, currentCounters(), nullptr, message);
            if (status == RunStatus::Paused && resumeAfterMs > 0)
                m_journal->setRunStatus(m_runId, status, message, resumeAfterMs);
        } catch (const JournalError& e) {
            qCWarning(lcEngine) << "could not record the run's end:" << e.message();
        }
    }
    finish(summary);
}

void SyncEngine::failForJournal(const std::exception& error)
{
    dropHeldBatches(); // the journal failed: nothing more is written (fetched again on resume)
    const auto* journalError = dynamic_cast<const JournalError*>(&error);
    if (journalError && journalError->kind() == JournalError::Kind::LockLost)
        return stopForLostLock(journalError->message());
    if (journalError && journalError->isBusy()) {
        // Transient: the run can go on later, from what it committed.
        return stopRun(RunStatus::Interrupted, exit_code::Busy,
                       lockedJournalText() + QStringLiteral(" What was committed is kept."));
    }
    if (journalError && journalError->kind() == JournalError::Kind::Corrupt &&
        journalError->sqliteCode() != 0) {
        // A damaged page met mid-run: the same sentence as the integrity check's, with how to
        // recover (the transaction was rolled back; nothing is repaired).
        return stopRun(
            RunStatus::Failed, exit_code::Journal,
            journal::damagedJournal(m_config.databasePath, journalError->message()).message());
    }
    const QString what = journalError ? journalError->message() : QString::fromUtf8(error.what());
    stopRun(RunStatus::Failed, exit_code::Journal,
            QStringLiteral("The journal could not be written: %1. The last transaction was "
                           "rolled back and nothing committed was lost; fix the cause and sync "
                           "again.")
                .arg(what));
}

void SyncEngine::stopForLostLock(const QString& detail)
{
    if (m_finished)
        return;
    // Requests in flight are cancelled by finish(), once the run is finished: cancelling them
    // here would report them as an interrupt first.
    m_lockHeld = false; // the lock row is another holder's: never release or refresh it
    dropHeldBatches();  // nothing is written after the takeover
    m_heartbeat.stop();
    const QString message =
        QStringLiteral("%1 This sync stopped before its next commit: what it committed before is "
                       "kept, nothing after the takeover was written.")
            .arg(detail);
    if (m_journal && !m_runId.isEmpty()) {
        try {
            m_journal->recordLockLoss(m_runId, message);
        } catch (const JournalError& e) {
            qCWarning(lcEngine) << "could not record the lost lock:" << e.message();
        }
    }
    RunSummary summary;
    summary.runId = m_runId;
    summary.status = RunStatus::Interrupted;
    summary.exitCode = exit_code::Busy;
    summary.message = message;
    summary.clockOffsetMs = m_clockOffsetMs;
    finish(summary);
}

void SyncEngine::dropHeldBatches()
{
    if (!m_held.isEmpty())
        qCInfo(lcEngine).noquote() << m_runId << ":" << m_held.size()
                                   << "fetched symbols not committed; a resume fetches them again";
    m_held.clear();
    m_heldBatches = 0;
    m_heldRecords = 0;
}

void SyncEngine::failForUnexpected(const std::exception& error)
{
    dropHeldBatches();
    qCWarning(lcEngine) << "unexpected error:" << error.what();
    stopRun(RunStatus::Failed, exit_code::Failed,
            QStringLiteral("The sync stopped on an unexpected error (%1); the last transaction "
                           "was rolled back and nothing committed was lost, so sync again, and "
                           "report the error if it repeats.")
                .arg(QString::fromUtf8(error.what())));
}

void SyncEngine::finishWithoutRun(int exitCode, const QString& message)
{
    RunSummary summary;
    summary.status = RunStatus::Failed;
    summary.exitCode = exitCode;
    summary.message = message;
    finish(summary);
}

void SyncEngine::finish(RunSummary summary)
{
    if (m_finished)
        return;
    m_finished = true;
    m_active = false;
    enter(State::Finished);
    m_heartbeat.stop();
    m_progressTimer.stop();
    m_deadline.stop();
    m_slowAnswerTimer.stop();
    if (m_wait.kind != WaitNotice::Kind::None)
        reportWait(WaitNotice{});
    if (m_client)
        m_client->cancelAll();
    fillCounts(summary);
    if (!summary.clockOffsetMs)
        summary.clockOffsetMs = m_clockOffsetMs;
    summary.warnings = m_warnings;
    if (m_journal && m_lockHeld) {
        // Before the lock goes: what the raised WAL bound left in the log goes into the file.
        m_journal->checkpointWal();
        try {
            m_journal->releaseLock(m_holderId);
        } catch (const JournalError& e) {
            qCWarning(lcEngine) << "could not release the lock:" << e.message();
        }
        m_lockHeld = false;
    }
    emitProgress(true);
    qCInfo(lcEngine).noquote() << (m_runId.isEmpty() ? QStringLiteral("sync") : m_runId)
                               << "finished:" << runStatusName(summary.status) << summary.message;
    emit finished(summary);
}

void SyncEngine::addDoneUnits(qint64 units)
{
    m_snapshot.unitsDone += units;
    m_snapshot.unitsPlanned = std::max(m_snapshot.unitsPlanned, m_snapshot.unitsDone);
    emitProgress(false);
}

void SyncEngine::emitProgress(bool force)
{
    const qint64 t = now();
    if (!force && t - m_lastProgressMs < m_config.progressIntervalMs) {
        if (!m_progressTimer.isActive())
            m_progressTimer.start(
                static_cast<int>(m_config.progressIntervalMs - (t - m_lastProgressMs)));
        return;
    }
    m_progressTimer.stop();
    m_lastProgressMs = t;
    const journal::RunCounters c = currentCounters();
    m_snapshot.runId = m_runId;
    m_snapshot.recordsInserted = c.inserted;
    m_snapshot.tradesInserted = c.tradesInserted;
    m_snapshot.tradesUpdated = c.tradesUpdated;
    m_snapshot.duplicatesSkipped = c.duplicates;
    m_snapshot.failedSymbols = static_cast<int>(m_failedSymbols.size());
    m_snapshot.requests = c.requests;
    m_snapshot.weightUsed = c.weight;
    m_snapshot.retries = static_cast<int>(c.retries);
    if (m_snapshot.rateLimitedUntilMs > 0 && m_client &&
        m_client->serverNow() >= m_snapshot.rateLimitedUntilMs)
        m_snapshot.rateLimitedUntilMs = 0;
    m_snapshot.shownFraction = m_shown.update(m_snapshot.unitsDone, m_snapshot.unitsPlanned);
    // The plan grows as pagers find more pages: the ETA counts the grown remainder.
    m_eta.setPlanned(m_snapshot.unitsPlanned);
    m_snapshot.etaMs = m_snapshot.phase == Phase::Symbols ? m_eta.estimateMs(t) : std::nullopt;
    emit progress(m_snapshot);
}

} // namespace fb::sync
