// The income phase: the account's income ledger, page by page, each page committed with its
// coverage (docs/sync-engine.md "Coverage is the checkpoint"), before the symbols are planned.
#include "sync/engine/sync_engine.h"

#include "sync/binance/binance_client.h"
#include "sync/binance/income_pager.h"
#include "sync/journal/journal_error.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace fb::sync {

using journal::JournalError;

namespace {
constexpr int kIncomeWeight = 30;
} // namespace

void SyncEngine::startIncome()
{
    enter(State::Income);
    m_snapshot.phase = Phase::Income;
    try {
        m_incomeCoverage =
            m_journal->coverage(m_params.account, kIncomeStream, {}).value_or(Coverage{});
    } catch (const JournalError& e) {
        return failForJournal(e);
    }
    m_incomeSpans = missingSpans(m_incomeCoverage, m_params.rangeFromMs, m_params.rangeToMs,
                                 m_config.coverageRereadMs);
    for (const TimeSpan& span : std::as_const(m_incomeSpans))
        m_snapshot.unitsPlanned +=
            binance::windowCount(span.fromMs, span.toMs, m_incomeWindowMs) * kIncomeWeight;
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
        m_incomePager = std::make_unique<binance::IncomePager>(
            span.fromMs, span.toMs, span.fromMs - 1, binance::kIncomeMaxLimit, m_incomeWindowMs);
    }
    const TimeSpan span = m_incomeSpans.first();
    // The span after the coverage starts inside it (the re-read margin): it extends forward
    // because it ends after it.
    const bool extendsForward = m_incomeCoverage.isEmpty() || span.toMs > m_incomeCoverage.toMs;
    const auto request = m_incomePager->done() ? std::nullopt : m_incomePager->next();
    if (!request) {
        // The span is complete. Coverage grows to include it (a span before the covered range
        // can only be recorded now: until its last page the range would have had a hole).
        if (!m_incomePager->error().isEmpty()) {
            qCWarning(lcEngine).noquote() << "income:" << m_incomePager->error();
            m_failedSymbols << QStringLiteral("(income ledger)");
        } else {
            try {
                m_incomeCoverage =
                    extendCoverage(m_incomeCoverage, span.fromMs, span.toMs, std::nullopt);
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
    // A long income ledger must not overshoot --max-duration: every page committed with its
    // coverage, so a page boundary is as safe a place to pause as a batch boundary.
    if (stopForDurationLimit())
        return;
    m_client->fetchIncomePage(
        *request, [this, span, extendsForward](const binance::Result<QList<Income>>& page) {
            if (checkInterrupted())
                return;
            if (!page.ok()) {
                if (fallBackToShorterIncomeWindows(page.error))
                    return nextIncomePage();
                // An error that would end one symbol in a batch ends the income phase here:
                // without the whole ledger the run cannot go on, so it pauses.
                if (binance::meaningOf(page.error.category).reach == binance::ErrorReach::Symbol) {
                    return stopRun(RunStatus::Paused, exit_code::Paused,
                                   QStringLiteral("The income ledger could not be fetched (%1). "
                                                  "Everything committed is kept.")
                                       .arg(page.error.message));
                }
                return stopForApiError(page.error);
            }
            addDoneUnits(kIncomeWeight);
            const qsizetype warningsBefore = m_incomePager->warnings().size();
            const QList<Income> rows = m_incomePager->accept(*page.value, page.unreadable.size());
            for (const QString& warning : m_incomePager->warnings().mid(warningsBefore)) {
                qCWarning(lcEngine).noquote() << "income:" << warning;
                m_warnings << QStringLiteral("income: ") + warning;
            }
            if (!page.unreadable.isEmpty()) {
                // Income is account-wide: one unreadable row must not hold every later sync
                // back. It is kept verbatim and flagged, the ledger goes on, and the run ends
                // completed with errors (docs/design.md §2.11).
                m_unreadableIncome += static_cast<int>(page.unreadable.size());
                for (const UnreadableRecord& r : page.unreadable) {
                    const QString text =
                        QStringLiteral("income: a row could not be read (%1); it is kept as "
                                       "received and listed under Conflicts")
                            .arg(r.reason);
                    qCWarning(lcEngine).noquote() << text;
                    m_warnings << text;
                }
            }
            std::optional<Coverage> advanced;
            if (extendsForward && m_incomePager->coveredThrough() >= span.fromMs) {
                advanced = extendCoverage(m_incomeCoverage, span.fromMs,
                                          m_incomePager->coveredThrough(), std::nullopt);
            }
            try {
                const journal::UpsertCounts counts = m_journal->commitIncomePage(
                    m_runId, QVector<Income>(rows.begin(), rows.end()), m_params.account, advanced,
                    currentCounters(),
                    QVector<UnreadableRecord>(page.unreadable.begin(), page.unreadable.end()));
                m_recordsInserted += counts.inserted;
                m_recordsUpdated += counts.updated;
                m_duplicates += counts.duplicates;
            } catch (const JournalError& e) {
                return failForJournal(e);
            }
            if (advanced)
                m_incomeCoverage = *advanced;
            m_snapshot.unitsPlanned = std::max(
                m_snapshot.unitsPlanned,
                m_snapshot.unitsDone + m_incomePager->estimatedRemainingRequests() * kIncomeWeight);
            emitProgress(false);
            nextIncomePage();
        });
}

bool SyncEngine::fallBackToShorterIncomeWindows(const binance::ApiError& error)
{
    // Binance documents no maximum span for USD-M income (API sheet §5.3); should it refuse our
    // window, the rest of this run's income is walked in the sheet's safe 30-day windows, from
    // where the walk stands (docs/design.md D94). Once: a refusal of 30 days is an error.
    if (!binance::isSpanTooLong(error) || m_incomeWindowMs <= binance::kIncomeFallbackWindowMs ||
        !m_incomePager || !m_incomePager->narrowWindow(binance::kIncomeFallbackWindowMs))
        return false;
    const qint64 refusedDays = m_incomeWindowMs / binance::kMsPerDay;
    m_incomeWindowMs = binance::kIncomeFallbackWindowMs;
    const QString text =
        QStringLiteral("income: the exchange refused a %1-day window (HTTP %2, code %3); the "
                       "rest of this run's income is fetched in %4-day windows")
            .arg(refusedDays)
            .arg(error.httpStatus)
            .arg(error.apiCode)
            .arg(binance::kIncomeFallbackWindowMs / binance::kMsPerDay);
    qCWarning(lcEngine).noquote() << text;
    m_warnings << text;
    ++m_incomeWindowFallbacks;
    // The refused request cost its weight; the plan grows by the extra windows.
    addDoneUnits(kIncomeWeight);
    m_snapshot.unitsPlanned = std::max(
        m_snapshot.unitsPlanned,
        m_snapshot.unitsDone + m_incomePager->estimatedRemainingRequests() * kIncomeWeight);
    return true;
}

} // namespace fb::sync
