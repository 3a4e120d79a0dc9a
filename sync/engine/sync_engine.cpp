#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"
#include "sync/binance/income_pager.h"
#include "sync/engine/batch_fetcher.h"
#include "sync/engine/fee_valuation.h"
#include "sync/engine/lock_identity.h"
#include "sync/engine/resume_guard.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <cmath>

Q_LOGGING_CATEGORY(lcEngine, "fillbook.sync.engine")

namespace fb::sync {

using journal::JournalError;

SyncEngine::SyncEngine(EngineConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_heartbeat(this)
    , m_progressTimer(this)
    , m_deadline(this)
    , m_slowAnswerTimer(this)
    , m_holderId(makeHolderId())
    // Held batches hold at most what one symbol may before its records commit alone (a grouped
    // commit of 60,000 records was no faster than three of 20,000, and took 33 MB more:
    // docs/performance.md).
    , m_commitGrouping(m_config.commitGroupMs, m_config.commitRecordCap)
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
