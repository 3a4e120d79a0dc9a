#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"
#include "sync/binance/income_pager.h"
#include "sync/engine/batch_fetcher.h"
#include "sync/engine/lock_identity.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcEngine, "fillbook.sync.engine")

namespace fb::sync {

using binance::ApiError;
using binance::ErrorCategory;
using journal::JournalError;

namespace {
constexpr int kIncomeWeight = 30;
constexpr int kPreflightWeight = 1 + 1 + 5; // time, exchangeInfo, positionRisk

QString resumeHint(const QString& runId)
{
    return QStringLiteral("fillbook-cli resume %1").arg(runId);
}
} // namespace

SyncEngine::SyncEngine(EngineConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_heartbeat(this)
    , m_progressTimer(this)
    , m_holderId(makeHolderId())
{
    m_heartbeat.setInterval(static_cast<int>(m_config.heartbeatIntervalMs));
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        try {
            if (m_journal && m_lockHeld)
                m_journal->heartbeat(m_holderId, now());
        } catch (const JournalError& e) {
            qCWarning(lcEngine) << "heartbeat failed:" << e.message();
        }
    });
    m_progressTimer.setSingleShot(true);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emitProgress(true); });
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

bool SyncEngine::begin()
{
    try {
        m_journal = std::make_unique<EngineJournal>(m_config.databasePath, m_config.hooks);
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
        const QStringList recovered = m_journal->recoverAbandonedRuns(
            m_config.client.account, now(), m_config.runMaxAgeMs);
        if (!recovered.isEmpty())
            qCInfo(lcEngine) << "marked abandoned runs:" << recovered;
        return true;
    } catch (const JournalError& e) {
        finishWithoutRun(e.kind() == JournalError::Kind::Busy ? exit_code::Busy
                                                              : exit_code::Journal,
                         e.message());
        return false;
    }
}

void SyncEngine::startRun(const RunParams& params)
{
    if (m_active)
        return;
    m_active = true;
    m_params = params;
    m_config.client.account = params.account;
    if (!begin())
        return;
    m_runStartMs = m_attemptStartMs = now();
    m_runId = makeRunId(QDateTime::fromMSecsSinceEpoch(m_runStartMs, Qt::UTC),
                        QRandomGenerator::global()->generate());
    try {
        m_journal->createRun(m_runId, m_params, m_runStartMs);
        journal::SyncLock(m_journal->database()).setRunId(m_holderId, m_runId);
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_snapshot.runId = m_runId;
    emit runStarted(m_runId, m_params);
    preflight();
}

void SyncEngine::resumeRun(const QString& runId)
{
    if (m_active)
        return;
    m_active = true;
    if (!begin())
        return;
    try {
        const auto run = m_journal->run(runId);
        if (!run)
            return finishWithoutRun(exit_code::Usage, QStringLiteral("Run '%1' not found.").arg(runId));
        const auto status = parseRunStatus(run->status);
        if (!status || !isResumable(*status)) {
            return finishWithoutRun(
                exit_code::Usage,
                QStringLiteral("Run '%1' is %2; only interrupted or paused runs can be resumed.")
                    .arg(runId, run->status));
        }
        const RunParams params =
            RunParams::fromJson(QJsonDocument::fromJson(run->paramsJson.toUtf8()).object());
        if (params.fingerprint() != run->fingerprint ||
            (!m_config.client.account.isEmpty() && params.account != m_config.client.account)) {
            return finishWithoutRun(
                exit_code::Usage,
                QStringLiteral("Run '%1' was started for account '%2' with other parameters; "
                               "start a new sync instead (it fetches only what is missing).")
                    .arg(runId, params.account));
        }
        m_params = params;
        m_config.client.account = params.account;
        m_runId = runId;
        m_baseCounters = run->counters;
        m_runStartMs = run->startedAt.value_or(run->createdAt);
        m_attemptStartMs = now();
        const auto symbols = journal::RunStore(m_journal->database()).runSymbols(runId);
        if (!symbols.isEmpty()) {
            m_resumeSymbols.clear();
            for (const journal::RunSymbolRecord& s : symbols) {
                const auto st = parseSymbolStatus(s.status);
                if (st == SymbolStatus::Pending || st == SymbolStatus::InProgress ||
                    st == SymbolStatus::Failed)
                    m_resumeSymbols << s.symbol;
            }
            if (m_resumeSymbols.isEmpty())
                m_resumeSymbols << QString(); // all symbols done: plan nothing, finalize
        }
        m_journal->setRunStatus(runId, RunStatus::Running);
        journal::SyncLock(m_journal->database()).setRunId(m_holderId, m_runId);
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_snapshot.runId = m_runId;
    emit runStarted(m_runId, m_params);
    preflight();
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
    checkInterrupted();
}

bool SyncEngine::checkInterrupted()
{
    if (m_finished)
        return true;
    if (!m_interruptRequested)
        return false;
    stopRun(RunStatus::Interrupted, exit_code::Interrupted,
            QStringLiteral("Interrupted; everything committed is kept. Resume with: %1")
                .arg(resumeHint(m_runId)));
    return true;
}

void SyncEngine::preflight()
{
    m_client = std::make_unique<binance::BinanceClient>(m_config.client);
    if (!m_client->configError().isEmpty())
        return stopRun(RunStatus::Failed, exit_code::Usage, m_client->configError());
    connect(m_client.get(), &binance::BinanceClient::retrying, this,
            [this](const QString& what, int attempt, qint64 delayMs, const QString& reason) {
                m_snapshot.retries++;
                emit retrying(what, attempt, delayMs, reason);
            });
    connect(m_client.get(), &binance::BinanceClient::rateLimited, this, [this](qint64 untilMs) {
        m_snapshot.rateLimitedUntilMs = untilMs;
        m_eta.pausedUntil(untilMs - m_client->clockOffsetMs());
        emit rateLimited(untilMs);
        emitProgress(true);
    });
    m_fetcher = std::make_unique<BatchFetcher>(*m_client, m_params.rangeFromMs, m_params.rangeToMs);
    connect(m_fetcher.get(), &BatchFetcher::pageFetched, this, &SyncEngine::addDoneUnits);
    // Queued: the fetcher may finish inside a client callback; the commit runs on a clean stack.
    connect(m_fetcher.get(), &BatchFetcher::finished, this, &SyncEngine::onBatchFetched,
            Qt::QueuedConnection);

    m_snapshot.phase = Phase::Preflight;
    m_snapshot.unitsPlanned = kPreflightWeight;
    emitProgress(true);
    m_client->syncClock([this](const binance::Result<binance::ServerTime>& time) {
        if (checkInterrupted())
            return;
        if (!time.ok())
            return stopForApiError(time.error);
        addDoneUnits(1);
        m_client->fetchExchangeInfo([this](const binance::Result<binance::ExchangeInfo>& info) {
            if (checkInterrupted())
                return;
            if (!info.ok())
                return stopForApiError(info.error);
            addDoneUnits(1);
            const int limit = info.value->requestWeightPerMinute.value_or(2400);
            m_eta.setMaxUnitsPerMs(limit * 0.9 / 60'000.0);
            m_client->fetchPositions([this](const binance::Result<QList<Position>>& positions) {
                if (checkInterrupted())
                    return;
                if (!positions.ok())
                    return stopForApiError(positions.error);
                addDoneUnits(5);
                m_positions = QVector<Position>(positions.value->begin(), positions.value->end());
                try {
                    m_journal->storePositions(m_params.account, m_positions);
                } catch (const JournalError& e) {
                    return failForJournal(e);
                }
                startIncome();
            });
        });
    });
}

void SyncEngine::startIncome()
{
    m_snapshot.phase = Phase::Income;
    try {
        m_incomeCoverage = m_journal->coverage(m_params.account, kIncomeStream, {})
                               .value_or(Coverage{});
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_incomeSpans = missingSpans(m_incomeCoverage, m_params.rangeFromMs, m_params.rangeToMs);
    for (const TimeSpan& span : std::as_const(m_incomeSpans))
        m_snapshot.unitsPlanned +=
            binance::windowCount(span.fromMs, span.toMs, binance::kIncomeWindowMs) * kIncomeWeight;
    emitProgress(true);
    nextIncomePage();
}

void SyncEngine::nextIncomePage()
{
    if (checkInterrupted())
        return;
    if (!m_incomePager) {
        if (m_incomeSpans.isEmpty())
            return planSymbols();
        const TimeSpan& span = m_incomeSpans.first();
        m_incomePager = std::make_unique<binance::IncomePager>(span.fromMs, span.toMs,
                                                                span.fromMs - 1);
    }
    const TimeSpan span = m_incomeSpans.first();
    const bool extendsForward = m_incomeCoverage.isEmpty() || span.fromMs > m_incomeCoverage.toMs;
    const auto request = m_incomePager->done() ? std::nullopt : m_incomePager->next();
    if (!request) {
        // The span is complete. Coverage grows to include it (a span before the covered range
        // can only be recorded now: until its last page the range would have had a hole).
        if (!m_incomePager->error().isEmpty()) {
            qCWarning(lcEngine).noquote() << "income:" << m_incomePager->error();
            m_failedSymbols << QStringLiteral("(income ledger)");
        } else {
            try {
                m_incomeCoverage = extendCoverage(m_incomeCoverage, span.fromMs, span.toMs,
                                                  std::nullopt);
                const auto counts = m_journal->commitIncomePage(
                    m_runId, {}, m_params.account, m_incomeCoverage, currentCounters());
                Q_UNUSED(counts);
            } catch (const JournalError& e) {
                return failForJournal(e);
            }
        }
        m_incomeSpans.removeFirst();
        m_incomePager.reset();
        return nextIncomePage();
    }
    m_client->fetchIncomePage(*request, [this, span, extendsForward](
                                            const binance::Result<QList<Income>>& page) {
        if (checkInterrupted())
            return;
        if (!page.ok()) {
            const ErrorCategory c = page.error.category;
            if (c == ErrorCategory::Transient || c == ErrorCategory::Rejected ||
                c == ErrorCategory::RateLimited || c == ErrorCategory::BadSymbol) {
                return stopRun(RunStatus::Paused, exit_code::Paused,
                               QStringLiteral("The income ledger could not be fetched (%1). "
                                              "Everything committed is kept; resume later: %2")
                                   .arg(page.error.message, resumeHint(m_runId)));
            }
            return stopForApiError(page.error);
        }
        addDoneUnits(kIncomeWeight);
        const QList<Income> rows = m_incomePager->accept(*page.value);
        std::optional<Coverage> advanced;
        if (extendsForward && m_incomePager->coveredThrough() >= span.fromMs) {
            advanced = extendCoverage(m_incomeCoverage, span.fromMs,
                                      m_incomePager->coveredThrough(), std::nullopt);
        }
        try {
            const journal::UpsertCounts counts = m_journal->commitIncomePage(
                m_runId, QVector<Income>(rows.begin(), rows.end()), m_params.account, advanced,
                currentCounters());
            m_recordsInserted += counts.inserted;
            m_recordsUpdated += counts.updated;
            m_duplicates += counts.duplicates;
        } catch (const JournalError& e) {
            return failForJournal(e);
        }
        if (advanced)
            m_incomeCoverage = *advanced;
        m_snapshot.unitsPlanned = std::max(m_snapshot.unitsPlanned,
                                           m_snapshot.unitsDone +
                                               m_incomePager->estimatedRemainingRequests() *
                                                   kIncomeWeight);
        emitProgress(false);
        nextIncomePage();
    });
}

void SyncEngine::planSymbols()
{
    m_snapshot.phase = Phase::Symbols;
    try {
        const QStringList restrict = m_resumeSymbols;
        QVector<SymbolFacts> facts = m_journal->gatherFacts(m_params, m_positions, restrict);
        if (!restrict.isEmpty()) {
            // A resumed symbol is always attempted again, even if the facts look quiet.
            for (SymbolFacts& f : facts)
                f.requestedByUser = true;
        }
        m_plan = fb::sync::planSymbols(PlannerInput{m_params.rangeFromMs, m_params.rangeToMs, facts});
        m_journal->recordPlan(m_runId, m_plan, now());
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    QStringList names;
    for (const SymbolPlan& p : std::as_const(m_plan.symbols)) {
        names << p.symbol;
        m_snapshot.unitsPlanned += BatchFetcher::estimateWeight(p);
    }
    m_completedSymbols += static_cast<int>(m_plan.upToDate.size());
    m_batches = makeBatches(names, m_params.batchSize);
    m_batchIndex = 0;
    m_snapshot.batchCount = static_cast<int>(m_batches.size());
    m_snapshot.symbolsTotal = static_cast<int>(names.size() + m_plan.upToDate.size());
    m_snapshot.symbolsDone = static_cast<int>(m_plan.upToDate.size());
    qCInfo(lcEngine).noquote() << m_runId << ":" << names.size() << "symbols to fetch in"
                               << m_batches.size() << "batches," << m_plan.upToDate.size()
                               << "up to date";
    m_eta.begin(now(), m_snapshot.unitsDone, m_snapshot.unitsPlanned);
    nextBatch();
}

void SyncEngine::nextBatch()
{
    if (checkInterrupted())
        return;
    if (m_batchIndex >= m_batches.size())
        return finalize();
    const QString pauseTail = QStringLiteral("; resume with: %1").arg(resumeHint(m_runId));
    if (m_pauseRequested)
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("Stopped at a batch boundary") + pauseTail);
    if (m_config.maxBatches > 0 && m_batchesThisAttempt >= m_config.maxBatches)
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("Paused after %1 batches (batch limit)")
                               .arg(m_batchesThisAttempt) +
                           pauseTail);
    if (m_config.maxDurationMs > 0 && now() - m_attemptStartMs >= m_config.maxDurationMs)
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("Paused after %1 (time limit)")
                               .arg(formatDuration(now() - m_attemptStartMs)) +
                           pauseTail);
    const QStringList& batch = m_batches.at(m_batchIndex);
    QVector<SymbolPlan> plans;
    for (const SymbolPlan& p : std::as_const(m_plan.symbols)) {
        if (batch.contains(p.symbol))
            plans.append(p);
    }
    try {
        m_journal->markInProgress(m_runId, batch, now());
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_snapshot.batchIndex = m_batchIndex + 1;
    m_snapshot.currentSymbols = batch;
    emitProgress(true);
    m_fetcher->start(plans);
}

void SyncEngine::onBatchFetched(const QVector<SymbolFetch>& results,
                                const std::optional<ApiError>& runStop)
{
    if (checkInterrupted())
        return;
    QVector<SymbolFetch> toCommit;
    for (const SymbolFetch& f : results) {
        // When the run stops mid-batch, only complete symbols are kept; the others stay
        // in_progress and are fetched again on resume.
        if (!runStop || f.ok)
            toCommit.append(f);
    }
    try {
        const BatchCommit commit =
            m_journal->commitBatch(m_runId, m_params, toCommit, currentCounters(), now());
        m_recordsInserted += commit.records.inserted;
        m_recordsUpdated += commit.records.updated;
        m_duplicates += commit.records.duplicates;
        m_completedSymbols += commit.completed;
        m_snapshot.tradesInserted += commit.insertedTradeKeys.size();
        m_snapshot.tradesUpdated += commit.changedTradeKeys.size();
        m_snapshot.symbolsDone += commit.completed + commit.failed + commit.skipped;
        for (const SymbolFetch& f : std::as_const(toCommit)) {
            if (!f.ok && !f.skipped) {
                m_failedSymbols << f.symbol;
                emit symbolFailed(f.symbol, f.error);
            }
        }
        if (!commit.insertedTradeKeys.isEmpty() || !commit.changedTradeKeys.isEmpty())
            emit batchCommitted(commit.insertedTradeKeys, commit.changedTradeKeys);
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_eta.batchFinished(now(), m_snapshot.unitsDone);
    emitProgress(true);
    if (runStop)
        return stopForApiError(*runStop);
    ++m_batchIndex;
    ++m_batchesThisAttempt;
    nextBatch();
}

void SyncEngine::finalize()
{
    // The plan was an estimate (pages per window are unknown up front); the work is done now.
    m_snapshot.unitsPlanned = m_snapshot.unitsDone;
    m_snapshot.phase = Phase::Finalizing;
    emitProgress(true);
    try {
        QStringList completed;
        QStringList failed;
        for (const journal::RunSymbolRecord& s :
             journal::RunStore(m_journal->database()).runSymbols(m_runId)) {
            const auto st = parseSymbolStatus(s.status);
            if (st == SymbolStatus::Completed)
                completed << s.symbol;
            else if (st == SymbolStatus::Failed)
                failed << s.symbol;
        }
        if (m_failedSymbols.contains(QStringLiteral("(income ledger)")))
            failed.prepend(QStringLiteral("(income ledger)"));
        m_failedSymbols = failed;
        m_completedSymbols = static_cast<int>(completed.size());
        const ReconciliationReport report = m_journal->reconcileRun(m_params, completed);
        const bool clean = failed.isEmpty();
        RunSummary summary;
        summary.status = clean ? RunStatus::Completed : RunStatus::CompletedWithErrors;
        summary.exitCode = clean ? exit_code::Completed : exit_code::CompletedWithErrors;
        summary.message =
            clean ? QStringLiteral("Sync completed.")
                  : QStringLiteral("Sync completed, but %1 symbol(s) failed: %2. Run the sync "
                                   "again to retry them.")
                        .arg(failed.size())
                        .arg(failed.join(QStringLiteral(", ")));
        if (!report.allMatch())
            summary.message += QStringLiteral(" Reconciliation found %1 difference(s); see "
                                              "'fillbook-cli reconcile %2'.")
                                   .arg(report.mismatches().size())
                                   .arg(m_runId);
        m_snapshot.phase = Phase::Done;
        m_journal->finishRun(m_runId, summary.status, summary, &report, {});
        summary.runId = m_runId;
        finish(summary);
    } catch (const JournalError& e) {
        failForJournal(e);
    }
}

void SyncEngine::stopForApiError(const ApiError& error)
{
    switch (error.category) {
    case ErrorCategory::Banned: {
        const QString until = QDateTime::fromMSecsSinceEpoch(error.untilMs, Qt::UTC)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("The exchange banned this IP until %1 for too many "
                                      "requests. Resume after that: %2")
                           .arg(until, resumeHint(m_runId)),
                       error.untilMs);
    }
    case ErrorCategory::Auth:
    case ErrorCategory::ClockSkew:
        return stopRun(RunStatus::Failed, exit_code::Auth, error.message);
    case ErrorCategory::Config:
        return stopRun(RunStatus::Failed, exit_code::Usage, error.message);
    case ErrorCategory::Offline:
        return stopRun(RunStatus::Paused, exit_code::Offline,
                       QStringLiteral("The network is unreachable (%1). The run is paused; it "
                                      "continues with: %2")
                           .arg(error.message, resumeHint(m_runId)));
    case ErrorCategory::Cancelled:
        m_interruptRequested = true;
        checkInterrupted();
        return;
    case ErrorCategory::RateLimited:
    case ErrorCategory::Transient:
    case ErrorCategory::Rejected:
    case ErrorCategory::BadSymbol:
    case ErrorCategory::None:
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("%1 The run is paused; resume later: %2")
                           .arg(error.message, resumeHint(m_runId)));
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
    c.plannedUnits = m_snapshot.unitsPlanned;
    c.doneUnits = m_snapshot.unitsDone;
    return c;
}

void SyncEngine::stopRun(RunStatus status, int exitCode, const QString& message,
                         qint64 resumeAfterMs)
{
    if (m_finished)
        return;
    RunSummary summary;
    summary.runId = m_runId;
    summary.status = status;
    summary.exitCode = exitCode;
    summary.message = message;
    summary.resumeAfterMs = resumeAfterMs;
    if (m_journal && !m_runId.isEmpty()) {
        try {
            if (!m_journal->run(m_runId)) {
                // The run row itself was never committed (its write failed): nothing to record.
                finish(summary);
                return;
            }
            m_journal->updateCounters(m_runId, currentCounters());
            m_journal->finishRun(m_runId, status, summary, nullptr, message);
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
    const auto* journalError = dynamic_cast<const JournalError*>(&error);
    const QString what = journalError ? journalError->message() : QString::fromUtf8(error.what());
    stopRun(RunStatus::Failed, exit_code::Journal,
            QStringLiteral("The journal could not be written: %1. The last transaction was "
                           "rolled back and nothing committed was lost; fix the cause and sync "
                           "again.")
                .arg(what));
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
    m_heartbeat.stop();
    m_progressTimer.stop();
    if (m_client)
        m_client->cancelAll();
    const journal::RunCounters c = currentCounters();
    summary.recordsInserted = c.inserted;
    summary.recordsUpdated = c.updated;
    summary.duplicatesSkipped = c.duplicates;
    summary.tradesInserted = m_snapshot.tradesInserted;
    summary.tradesUpdated = m_snapshot.tradesUpdated;
    summary.failedSymbols = m_failedSymbols;
    summary.retries = static_cast<int>(c.retries);
    summary.requests = c.requests;
    summary.weightUsed = c.weight;
    summary.durationMs = m_runStartMs > 0 ? now() - m_runStartMs : 0;
    summary.symbolsTotal = m_snapshot.symbolsTotal;
    summary.symbolsCompleted = m_completedSymbols;
    if (m_journal && m_lockHeld) {
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
            m_progressTimer.start(static_cast<int>(m_config.progressIntervalMs - (t - m_lastProgressMs)));
        return;
    }
    m_progressTimer.stop();
    m_lastProgressMs = t;
    const journal::RunCounters c = currentCounters();
    m_snapshot.runId = m_runId;
    m_snapshot.recordsInserted = c.inserted;
    m_snapshot.duplicatesSkipped = c.duplicates;
    m_snapshot.failedSymbols = static_cast<int>(m_failedSymbols.size());
    m_snapshot.requests = c.requests;
    m_snapshot.weightUsed = c.weight;
    m_snapshot.retries = static_cast<int>(c.retries);
    if (m_snapshot.rateLimitedUntilMs > 0 && m_client &&
        m_client->serverNow() >= m_snapshot.rateLimitedUntilMs)
        m_snapshot.rateLimitedUntilMs = 0;
    m_snapshot.etaMs = m_snapshot.phase == Phase::Symbols ? m_eta.estimateMs(t) : std::nullopt;
    emit progress(m_snapshot);
}

} // namespace fb::sync
