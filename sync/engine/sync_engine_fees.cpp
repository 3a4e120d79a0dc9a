// The sync engine's step between a batch's fetch and its commit: prices for commission paid in
// another asset (docs/design.md §2.5, §3.3 step 6b). Kept apart from the pipeline's phases.
#include "sync/engine/fee_valuation.h"
#include "sync/engine/sync_engine.h"

#include "sync/journal/journal_error.h"

#include <QLoggingCategory>
#include <QTimer>

namespace fb::sync {

namespace {
Q_LOGGING_CATEGORY(lcEngineFees, "fillbook.sync.engine")
}

bool SyncEngine::fetchFeePricesFirst(const QVector<SymbolFetch>& results,
                                     const std::optional<binance::ApiError>& runStop)
{
    if (runStop) // the run stops: its complete symbols commit now, their prices come next sync
        return false;
    QVector<FeePriceNeed> needs;
    try {
        needs = m_journal->feePriceNeeds(m_params.account, results);
    } catch (const journal::JournalError& e) {
        // Only a read: the commit that follows meets the same journal and reports it.
        qCWarning(lcEngineFees).noquote() << "fees to value could not be read:" << e.message();
        return false;
    }
    if (needs.isEmpty())
        return false;
    if (!m_feePrices)
        m_feePrices = std::make_unique<FeePriceFetcher>(*m_client);
    // The plan learns of these requests now: fills decide them, and fills are only known here.
    const qint64 weight = FeePriceFetcher::plannedWeight(needs);
    m_snapshot.unitsPlanned += weight;
    qCInfo(lcEngineFees).noquote() << m_runId << ": fetching" << needs.size()
                                   << "1-minute closes to value fees, weight" << weight;
    const qint64 closedBefore = m_client->serverNow();
    m_feePrices->start(
        needs, closedBefore,
        [this, results, runStop](const QVector<journal::KlineClose>& closes, const QStringList&) {
            m_batchPrices = closes;
            // On a clean stack, as the fetcher's own report arrives: the commit that follows
            // may start the next batch's requests.
            QTimer::singleShot(0, this,
                               [this, results, runStop] { onBatchFetched(results, runStop); });
        },
        [this](qint64 w) { addDoneUnits(w); });
    return true;
}

} // namespace fb::sync
