// The sync engine's valuation of commission paid in another asset (docs/design.md §2.5, D65):
// a batch commits its fills at once; the 1-minute closes its fees need are fetched after the
// commit, while the next batch fetches, and a commit of their own values those trades. Before
// the run ends (or pauses at a batch boundary) it waits for what is in flight, and once per run
// it sweeps every completed symbol of the run not yet asked for, so a resumed or killed run values
// what an uninterrupted one does. A price that cannot be had never fails a symbol: the trade says
// so, and the next sync asks again.
#include "sync/engine/fee_valuation.h"
#include "sync/engine/sync_engine.h"

#include "sync/journal/journal_error.h"

#include <QLoggingCategory>
#include <QTimer>

namespace fb::sync {

namespace {
Q_LOGGING_CATEGORY(lcEngineFees, "fillbook.sync.engine")
}

void SyncEngine::queueFeeValuation(const QStringList& symbols)
{
    for (const QString& symbol : symbols) {
        if (!m_feeQueue.contains(symbol))
            m_feeQueue << symbol;
    }
    pumpFeePrices();
}

bool SyncEngine::feePricesInFlight() const
{
    return m_feePrices && m_feePrices->isRunning();
}

void SyncEngine::pumpFeePrices()
{
    if (m_finished || feePricesInFlight() || m_feeQueue.isEmpty())
        return;
    const QStringList queued = std::exchange(m_feeQueue, {});
    for (const QString& symbol : queued)
        m_feeTried.insert(symbol);
    QStringList symbols;
    QVector<FeePriceNeed> needs;
    try {
        needs = m_journal->feePriceNeeds(m_params.account, queued, &symbols);
    } catch (const journal::JournalError& e) {
        // Only a read: the next commit meets the same journal and reports it; these fees stay
        // "not valued", and the next sync asks again.
        qCWarning(lcEngineFees).noquote() << "fees to value could not be read:" << e.message();
        return;
    }
    if (needs.isEmpty())
        return;
    if (!m_feePrices)
        m_feePrices = std::make_unique<FeePriceFetcher>(*m_client);
    m_feePrices->setParallel(m_waitingForFeePrices ? m_config.client.maxConcurrentRequests : 1);
    // The plan learns of these requests now: fills decide them, and fills are only known here.
    const qint64 weight = FeePriceFetcher::plannedWeight(needs);
    m_snapshot.unitsPlanned += weight;
    qCInfo(lcEngineFees).noquote()
        << m_runId << ": fetching" << needs.size() << "1-minute closes to value fees of"
        << symbols.size() << "symbol(s), weight" << weight;
    m_feePrices->start(
        needs, m_client->serverNow(),
        [this, symbols](const QVector<journal::KlineClose>& closes, const QStringList&) {
            // On a clean stack: the commit below must not run inside a client callback.
            QTimer::singleShot(0, this,
                               [this, symbols, closes] { onFeePricesFetched(symbols, closes); });
        },
        [this](qint64 w) { addDoneUnits(w); });
}

void SyncEngine::onFeePricesFetched(const QStringList& symbols,
                                    const QVector<journal::KlineClose>& closes)
{
    if (m_finished)
        return;
    if (!closes.isEmpty()) {
        QStringList changed;
        try {
            changed = m_journal->commitFeePrices(m_params, closes, symbols, now());
        } catch (const journal::JournalError& e) {
            return failForJournal(e);
        } catch (const std::exception& e) {
            return failForUnexpected(e);
        }
        // Not counted as updated trades: the batch that inserted them counted them once.
        if (!changed.isEmpty())
            emit batchCommitted({}, changed);
        if (checkInterrupted()) // a test hook may interrupt right after the commit
            return;
        emitProgress(false);
    }
    pumpFeePrices();
    if (m_waitingForFeePrices && !feePricesInFlight()) {
        m_waitingForFeePrices = false;
        nextBatch();
    }
}

bool SyncEngine::waitForFeePrices(bool sweepTheRun)
{
    if (sweepTheRun && !m_feeSweepQueued) {
        m_feeSweepQueued = true;
        QStringList completed;
        try {
            for (const journal::RunSymbolRecord& s :
                 journal::RunStore(m_journal->database()).runSymbols(m_runId)) {
                // Those this attempt already asked for are not asked for twice.
                if (s.status == SymbolStatus::Completed && !m_feeTried.contains(s.symbol))
                    completed << s.symbol;
            }
        } catch (const journal::JournalError& e) {
            qCWarning(lcEngineFees).noquote()
                << "the run's symbols could not be read:" << e.message();
        }
        queueFeeValuation(completed);
    } else {
        pumpFeePrices();
    }
    if (!feePricesInFlight())
        return false;
    // Nothing else fetches now: the prices may use every request slot the client has.
    m_feePrices->setParallel(m_config.client.maxConcurrentRequests);
    m_waitingForFeePrices = true;
    return true;
}

} // namespace fb::sync
