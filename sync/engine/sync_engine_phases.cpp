// The phases of a run, in pipeline order: preflight, income, plan, batches, finalize.
// (The run's lifecycle — start, resume, interrupt, stop, finish — is in sync_engine.cpp.)
#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"
#include "sync/engine/batch_fetcher.h"
#include "sync/journal/journal_error.h"

#include <QLoggingCategory>

#include <algorithm>
#include <climits>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace fb::sync {

using binance::ApiError;
using journal::JournalError;

namespace {
constexpr int kPreflightWeight = 1 + 1 + 5; // time, exchangeInfo, positionRisk
} // namespace

void SyncEngine::preflight()
{
    enter(State::Preflight);
    m_client = std::make_unique<binance::BinanceClient>(m_config.client);
    if (!m_client->configError().isEmpty())
        return stopRun(RunStatus::Failed, exit_code::Usage, m_client->configError());
    connectWaits();
    connect(m_client.get(), &binance::BinanceClient::retrying, this,
            [this] { m_snapshot.retries++; });
    connect(m_client.get(), &binance::BinanceClient::clockSynced, this, [this](qint64 offsetMs) {
        m_clockOffsetMs = offsetMs;
        m_snapshot.clockOffsetMs = offsetMs;
    });
    connect(m_client.get(), &binance::BinanceClient::rateLimited, this, [this](qint64 untilMs) {
        m_snapshot.rateLimitedUntilMs = untilMs;
        m_eta.pausedUntil(untilMs - m_client->clockOffsetMs());
        emit rateLimited(untilMs);
        emitProgress(true);
    });
    if (m_config.maxDurationMs > 0) {
        const qint64 left = m_config.maxDurationMs - (now() - m_attemptStartMs);
        m_deadline.start(static_cast<int>(std::clamp<qint64>(left, 0, INT_MAX)));
    }
    m_snapshot.phase = Phase::Preflight;
    m_snapshot.unitsPlanned = kPreflightWeight;
    emitProgress(true);
    m_client->syncClock([this](const binance::Result<binance::ServerTime>& time) {
        if (checkInterrupted())
            return;
        if (!time.ok())
            return stopForApiError(time.error);
        if (!fixRange())
            return;
        addDoneUnits(1);
        m_client->fetchExchangeInfo([this](const binance::Result<binance::ExchangeInfo>& info) {
            if (checkInterrupted())
                return;
            if (!info.ok())
                return stopForApiError(info.error);
            addDoneUnits(1);
            // The symbols' display precisions, for the desktop's trade table (one transaction).
            QVector<journal::SymbolPrecision> precisions;
            for (const binance::SymbolInfo& symbol : info.value->symbols)
                if (symbol.pricePrecision && symbol.quantityPrecision)
                    precisions.append(
                        {symbol.symbol, *symbol.pricePrecision, *symbol.quantityPrecision});
            try {
                m_journal->storeSymbolPrecisions(precisions, m_client->serverNow());
            } catch (const JournalError& e) {
                return failForJournal(e);
            }
            // The budget holds requests at 90 % of the limit per window (the client applied
            // exchangeInfo's limit and window to it).
            const binance::WeightBudget& budget = m_client->budget();
            m_eta.setMaxUnitsPerMs(budget.threshold() / double(budget.windowMs()));
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

bool SyncEngine::fixRange()
{
    // Every exchange timestamp is the exchange's: a range end, and so the coverage it becomes,
    // taken from a clock hours ahead would claim hours the exchange has not lived yet, and the
    // rows it then records there would never be fetched (docs/design.md §3.1).
    const qint64 exchangeNow = m_client->serverNow();
    if (m_params.rangeEndsNow) {
        const qint64 shift = exchangeNow - m_params.rangeToMs;
        m_params.rangeToMs = exchangeNow;
        if (m_params.rangeStartsRelative)
            m_params.rangeFromMs += shift;
        if (m_config.rangeReachesBackTo && m_params.rangeFromMs > *m_config.rangeReachesBackTo)
            m_params.rangeFromMs = *m_config.rangeReachesBackTo; // the demo's fixed history
        m_params.rangeEndsNow = m_params.rangeStartsRelative = false;
        try {
            m_journal->fixRunRange(m_runId, m_params);
        } catch (const JournalError& e) {
            failForJournal(e);
            return false;
        }
    } else if (m_params.rangeToMs > exchangeNow) {
        // A range fixed by a clock ahead (an --until date, or a run stored before its clock was
        // measured): coverage never claims what the exchange has not reached. Not stored: the
        // run's parameters, and so its fingerprint, stay as they were.
        m_params.rangeToMs = std::max(exchangeNow, m_params.rangeFromMs);
    }
    if (clockIsOff(m_clockOffsetMs))
        qCInfo(lcEngine).noquote() << m_runId << ": this computer's clock is off by"
                                   << *m_clockOffsetMs << "ms; exchange time is used";
    m_fetcher = std::make_unique<BatchFetcher>(*m_client, m_params.rangeFromMs, m_params.rangeToMs);
    connect(m_fetcher.get(), &BatchFetcher::pageFetched, this, &SyncEngine::addDoneUnits);
    // At most a batch's worth of symbols carried (their buffers are bounded by the chunk cap).
    m_fetcher->setStragglers(m_config.stragglerGraceMs, std::max(4, m_params.batchSize));
    m_fetcher->setChunking(m_config.commitRecordCap,
                           [this](const SymbolChunk& chunk) { return commitChunk(chunk); });
    m_commitGrouping.committed(); // the grouping clock (D175) starts with the symbol phase
    // Queued: the fetcher may finish inside a client callback; the commit runs on a clean stack.
    connect(m_fetcher.get(), &BatchFetcher::finished, this, &SyncEngine::onBatchFetched,
            Qt::QueuedConnection);
    return true;
}

bool SyncEngine::stopForDurationLimit()
{
    if (!m_durationExpired &&
        (m_config.maxDurationMs <= 0 || now() - m_attemptStartMs < m_config.maxDurationMs))
        return false;
    stopRun(RunStatus::Paused, exit_code::Paused,
            QStringLiteral("Paused after %1 (time limit).")
                .arg(formatDuration(now() - m_attemptStartMs)));
    return true;
}

void SyncEngine::planSymbols()
{
    enter(State::Plan);
    m_snapshot.phase = Phase::Symbols;
    try {
        const QStringList restrict = m_resumeSymbols;
        QVector<SymbolFacts> facts =
            m_journal->gatherFacts(m_params, m_positions, restrict, m_config.coverageRereadMs);
        if (!restrict.isEmpty()) {
            // A resumed symbol is always attempted again, even if the facts look quiet.
            for (SymbolFacts& f : facts) {
                f.requestedByUser = true;
                f.resumedInProgress = true;
            }
        }
        // The exchange keeps about 90 days of fills (API sheet §5.4): where a walk by id
        // from 0 starts, for the planner's cost estimate.
        constexpr qint64 kFillHistoryMs = 90 * binance::kMsPerDay;
        m_plan = fb::sync::planSymbols(PlannerInput{m_params.rangeFromMs, m_params.rangeToMs, facts,
                                                    m_config.coverageRereadMs,
                                                    m_client->serverNow() - kFillHistoryMs});
        m_journal->recordPlan(m_runId, m_plan, now());
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    QStringList names;
    for (const SymbolPlan& p : std::as_const(m_plan.symbols)) {
        names << p.symbol;
        m_snapshot.unitsPlanned += BatchFetcher::estimateWeight(p);
    }
    // A resumed run counts what its earlier attempts finished too (docs/design.md §3.12): its
    // symbols, its batches ("batch 5/8" goes on from where the run stopped), and its trades.
    m_completedSymbols += m_priorSymbolsCompleted + static_cast<int>(m_plan.upToDate.size());
    m_batches = makeBatches(names, m_params.batchSize);
    m_batchIndex = 0;
    m_planned = true;
    m_snapshot.batchCount = static_cast<int>(m_baseCounters.batchesDone + m_batches.size());
    m_snapshot.symbolsTotal =
        m_priorSymbolsDone + static_cast<int>(names.size() + m_plan.upToDate.size());
    m_snapshot.symbolsDone = m_priorSymbolsDone + static_cast<int>(m_plan.upToDate.size());
    qCInfo(lcEngine).noquote() << m_runId << ":" << names.size() << "symbols to fetch in"
                               << m_batches.size() << "batches," << m_plan.upToDate.size()
                               << "up to date";
    m_eta.begin(now(), m_snapshot.unitsDone, m_snapshot.unitsPlanned);
    m_shown.planComplete(m_snapshot.unitsDone);
    nextBatch();
}

void SyncEngine::nextBatch()
{
    if (checkInterrupted())
        return;
    if (m_batchIndex >= m_batches.size()) {
        // Symbols carried out of the last batches (or a run stop one of them met) are
        // reported before the run finalizes.
        if (!m_draining && m_fetcher->hasUnreported()) {
            m_draining = true;
            m_fetcher->drain();
            return;
        }
        // Fees in another asset valued before the run ends (sync_engine_fees.cpp).
        if (waitForFeePrices(true))
            return; // back here once the prices in flight are stored
        return finalize();
    }
    const bool stopsHere = m_pauseRequested ||
                           (m_config.maxBatches > 0 && m_batchesThisAttempt >= m_config.maxBatches);
    if (stopsHere && waitForFeePrices(false))
        return;
    if (m_pauseRequested)
        return stopRun(RunStatus::Paused, exit_code::Paused,
                       QStringLiteral("Stopped at a batch boundary."));
    if (m_config.maxBatches > 0 && m_batchesThisAttempt >= m_config.maxBatches)
        return stopRun(
            RunStatus::Paused, exit_code::Paused,
            QStringLiteral("Paused after %1 batches (batch limit).").arg(m_batchesThisAttempt));
    if (stopForDurationLimit())
        return;
    startBatchFetch(m_batchIndex);
}

bool SyncEngine::startBatchFetch(int index, bool announce)
{
    const QStringList& batch = m_batches.at(index);
    QVector<SymbolPlan> plans;
    for (const SymbolPlan& p : std::as_const(m_plan.symbols)) {
        if (batch.contains(p.symbol))
            plans.append(p);
    }
    try {
        m_journal->markInProgress(m_runId, batch, now());
    } catch (const JournalError& e) {
        failForJournal(e);
        return false;
    }
    enter(State::Batch);
    m_snapshot.batchIndex = static_cast<int>(m_baseCounters.batchesDone) + index + 1;
    m_snapshot.currentSymbols = batch;
    if (announce)
        emitProgress(true);
    // The batch that --max-batches ends the attempt with waits for all its symbols, carried
    // ones included, so the limit still means "this many batches, complete".
    const int ordinal = m_batchesThisAttempt + (index - m_batchIndex) + 1;
    const bool mayCarry = m_config.maxBatches <= 0 || ordinal < m_config.maxBatches;
    m_fetcher->start(plans, mayCarry);
    return true;
}

bool SyncEngine::mayPrefetchNextBatch() const
{
    // What nextBatch() checks, one batch ahead: a batch starts early only if the run would
    // start it anyway once the current one is committed. So --max-batches never fetches a
    // batch it will not commit; a batch started before --max-duration or Stop is committed,
    // as a batch started before them always was.
    return m_batchIndex + 1 < m_batches.size() && !m_pauseRequested && !m_interruptRequested &&
           !m_durationExpired &&
           (m_config.maxBatches <= 0 || m_batchesThisAttempt + 1 < m_config.maxBatches) &&
           (m_config.maxDurationMs <= 0 || now() - m_attemptStartMs < m_config.maxDurationMs);
}

bool SyncEngine::commitChunk(const SymbolChunk& chunk)
{
    if (m_finished)
        return false;
    try {
        const journal::UpsertCounts counts =
            m_journal->commitSymbolChunk(m_runId, m_params, chunk, currentCounters());
        m_recordsInserted += counts.inserted;
        m_recordsUpdated += counts.updated;
        m_duplicates += counts.duplicates;
    } catch (const JournalError& e) {
        failForJournal(e);
        return false;
    } catch (const std::exception& e) {
        failForUnexpected(e);
        return false;
    }
    emitProgress(false);
    return !m_finished; // a test hook may have interrupted the run right after the commit
}

void SyncEngine::onBatchFetched(const QVector<SymbolFetch>& results,
                                const std::optional<ApiError>& runStop)
{
    if (checkInterrupted())
        return;
    for (const SymbolFetch& f : results) {
        // When the run stops mid-batch, only complete symbols are kept; the others stay
        // in_progress and are fetched again on resume.
        if (!runStop || f.ok)
            m_held.append(f);
    }
    if (!m_draining) // the drain reports carried symbols of batches already counted
        ++m_heldBatches;
    // Overlap the network with the commit: the next batch is marked in_progress (intent before
    // effect) and its first requests go to the network thread (QNetworkAccessManager works
    // there) before this batch's synchronous commit holds the event loop. Commits stay in batch
    // order: the next batch's callbacks, chunks included, run only after this commit returns.
    const bool prefetched = !runStop && mayPrefetchNextBatch();
    if (prefetched) {
        // Announced after this batch's commit: a line naming the next batch before it would
        // count "trades inserted so far" one batch short.
        if (!startBatchFetch(m_batchIndex + 1, false) || m_finished)
            return;           // (a test hook may have stopped the run at that write)
        m_fetcher->sendNow(); // the client would otherwise send them after the commit
    }
    qint64 heldRecords = 0;
    for (const SymbolFetch& f : std::as_const(m_held))
        heldRecords += f.fills.size() + f.orders.size();
    if (!m_commitGrouping.commitNow(heldRecords, prefetched)) {
        // Held (D175): the last commit was moments ago and the next batch is on its way; this
        // one commits with it. Its symbols stay in_progress until then.
        ++m_batchIndex;
        ++m_batchesThisAttempt;
        return;
    }
    const std::optional<QStringList> committed = commitHeldBatches();
    if (!committed)
        return;             // the run ended on the journal's error
    if (checkInterrupted()) // a test hook may interrupt right after the commit
        return;
    m_eta.batchFinished(now(), m_snapshot.unitsDone);
    emitProgress(true);
    if (runStop)
        return stopForApiError(*runStop);
    // Their fees in another asset are priced while the next batch fetches.
    queueFeeValuation(*committed);
    if (m_draining)
        return nextBatch(); // the carried symbols are reported: finalize
    ++m_batchIndex;
    ++m_batchesThisAttempt;
    if (!prefetched)
        nextBatch(); // otherwise the next batch is already fetching; its end comes back here
}

std::optional<QStringList> SyncEngine::commitHeldBatches()
{
    if (m_finished)
        return std::nullopt; // the run ended (its lock is released): nothing more is written
    // Taken out first: a failed commit is not tried again (the run ends, its symbols stay
    // in_progress and a resume fetches them again).
    const QVector<SymbolFetch> toCommit = std::exchange(m_held, {});
    const qint64 batches = std::exchange(m_heldBatches, 0);
    QStringList committed; // complete symbols whose trades were stored
    try {
        const BatchCommit commit =
            m_journal->commitBatch(m_runId, m_params, toCommit, currentCounters(), now());
        m_commitGrouping.committed();
        m_recordsInserted += commit.records.inserted;
        m_recordsUpdated += commit.records.updated;
        m_duplicates += commit.records.duplicates;
        m_completedSymbols += commit.completed;
        m_tradesInserted += commit.insertedTradeKeys.size();
        m_tradesUpdated += commit.changedTradeKeys.size();
        m_invalidTrades += commit.invalidTrades;
        m_batchesCommitted += batches;
        m_snapshot.symbolsDone += commit.completed + commit.failed + commit.skipped;
        for (const SymbolFetch& f : toCommit) {
            m_warnings += f.warnings;
            if (!f.ok && !f.skipped) {
                m_failedSymbols << f.symbol;
                emit symbolFailed(f.symbol, f.error);
            }
        }
        for (const SymbolFetch& f : toCommit) {
            if (f.ok && !f.skipped)
                committed << f.symbol;
        }
        for (const SymbolComputeFailure& failure : commit.computeFailures) {
            m_failedSymbols << failure.symbol;
            committed.removeAll(failure.symbol);
            emit symbolFailed(failure.symbol, failure.message);
        }
        if (!commit.insertedTradeKeys.isEmpty() || !commit.changedTradeKeys.isEmpty())
            emit batchCommitted(commit.insertedTradeKeys, commit.changedTradeKeys);
    } catch (const JournalError& e) {
        failForJournal(e);
        return std::nullopt;
    } catch (const std::exception& e) {
        failForUnexpected(e);
        return std::nullopt;
    }
    return committed;
}

void SyncEngine::finalize()
{
    enter(State::Finalize);
    // The plan was an estimate (pages per window are unknown up front); the work is done now.
    m_snapshot.unitsPlanned = m_snapshot.unitsDone;
    m_shown.finish();
    m_snapshot.phase = Phase::Finalizing;
    emitProgress(true);
    try {
        QStringList completed;
        QStringList failed;
        QMap<QString, QString> reasons;
        const auto rows = journal::RunStore(m_journal->database()).runSymbols(m_runId);
        for (const journal::RunSymbolRecord& s : rows) {
            const SymbolStatus st = s.status;
            if (st == SymbolStatus::Completed)
                completed << s.symbol;
            else if (st == SymbolStatus::Failed)
                failed << s.symbol;
            reasons.insert(s.symbol, s.error);
        }
        // Every symbol of the run, over all its attempts (a resume plans only some of them).
        m_snapshot.symbolsTotal = static_cast<int>(rows.size());
        const RunReconciliation reconciliation = m_journal->reconcileRun(m_params, completed);
        // A symbol whose records cannot be computed with fails alone (docs/design.md §2.10).
        m_journal->failSymbols(m_runId, m_params.account, reconciliation.failures, now());
        for (const SymbolComputeFailure& failure : reconciliation.failures) {
            completed.removeAll(failure.symbol);
            failed << failure.symbol;
            reasons.insert(failure.symbol, failure.message);
            emit symbolFailed(failure.symbol, failure.message);
        }
        std::sort(failed.begin(), failed.end());
        if (m_failedSymbols.contains(QStringLiteral("(income ledger)")) || m_unreadableIncome > 0)
            failed.prepend(QStringLiteral("(income ledger)"));
        m_failedSymbols = failed;
        m_completedSymbols = static_cast<int>(completed.size());
        const ReconciliationReport& report = reconciliation.report;
        const bool clean = failed.isEmpty();
        RunSummary summary;
        summary.warnings = m_warnings;
        summary.status = clean ? RunStatus::Completed : RunStatus::CompletedWithErrors;
        summary.exitCode = clean ? exit_code::Completed : exit_code::CompletedWithErrors;
        summary.message = clean ? QStringLiteral("Sync completed.")
                                : failureMessage(failed, reasons, m_snapshot.symbolsTotal);
        if (m_unreadableIncome > 0)
            summary.message = QStringLiteral("%1 %2 income row(s) could not be read; they are "
                                             "kept as received and listed under Conflicts.")
                                  .arg(summary.message)
                                  .arg(m_unreadableIncome)
                                  .trimmed();
        summary.reconciliationDifferences = static_cast<int>(report.mismatches().size());
        if (!report.allMatch())
            summary.message += QStringLiteral(" Reconciliation found %1 difference(s); see "
                                              "'fillbook-cli reconcile %2'.")
                                   .arg(report.mismatches().size())
                                   .arg(m_runId);
        summary.clockOffsetMs = m_clockOffsetMs; // the report says how far off the clock was
        m_snapshot.phase = Phase::Done;
        // With the final counters: the stored ones last came from the final batch, and `status`
        // would show a completed run at, say, 64 % of a plan that turned out smaller.
        summary.runId = m_runId;
        fillCounts(summary);
        // A run with failures keeps its message as the run's own (what `status` shows), like
        // the message of a paused or failed run.
        m_journal->finishRun(m_runId, summary.status, summary, currentCounters(), &report,
                             clean ? QString() : summary.message, reconciliation.rangeCuts,
                             reconciliation.cacheUpdates);
        finish(summary);
    } catch (const JournalError& e) {
        failForJournal(e);
    } catch (const std::exception& e) {
        failForUnexpected(e);
    }
}

QString SyncEngine::failureMessage(const QStringList& failed, const QMap<QString, QString>& reasons,
                                   int symbolsTotal) const
{
    // Enough to act on without flooding a log line; `status --failed` lists every one.
    constexpr int kNamed = 10;
    const QString incomeLedger = QStringLiteral("(income ledger)");
    QStringList named;
    int symbols = 0;
    for (const QString& symbol : failed) {
        if (symbol == incomeLedger)
            continue;
        ++symbols;
        if (named.size() < kNamed) {
            const QString reason = reasons.value(symbol);
            named << (reason.isEmpty() ? symbol : QStringLiteral("%1 (%2)").arg(symbol, reason));
        }
    }
    QStringList sentences;
    // Unreadable income rows fail the ledger although it was fetched; finalize() says so.
    if (failed.contains(incomeLedger) && m_unreadableIncome == 0)
        sentences << QStringLiteral("Part of the income ledger could not be fetched; it is "
                                    "fetched again by the next sync.");
    if (symbols > 0) {
        QString text = QStringLiteral("%1 of %2 symbols failed: %3")
                           .arg(symbols)
                           .arg(symbolsTotal)
                           .arg(named.join(QStringLiteral(", ")));
        if (symbols > kNamed)
            text += QStringLiteral(", and %1 more").arg(symbols - kNamed);
        sentences << text + QLatin1Char('.');
    }
    return sentences.join(QLatin1Char(' '));
}

} // namespace fb::sync
