// How a run ends (docs/design.md §3.5, §3.11): pause and interrupt requests, the exchange's
// errors that stop a run, journal failures, a lost lock, and the one place a run finishes.
#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"
#include "sync/binance/retry.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace fb::sync {

using binance::ApiError;
using journal::JournalError;

// SQLite's "database is locked" after the busy timeout and the retries: another program (a
// SQLite browser, a backup tool) holds the file. Said plainly, once, for every front end.
QString SyncEngine::lockedJournalText()
{
    return QStringLiteral("Another program keeps the journal locked; close it (or wait for it to "
                          "finish) and sync again.");
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

} // namespace fb::sync
