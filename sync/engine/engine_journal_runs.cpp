// The engine's run and lock bookkeeping in the journal: the sync lock, the run row and its
// counters, and the run's end. Each write is one transaction of its own (engine_journal_write.h);
// the batch commits themselves live in engine_journal.cpp.

#include "sync/engine/engine_journal.h"
#include "sync/engine/engine_journal_reconcile_cache.h"
#include "sync/engine/engine_journal_write.h"

#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sync_lock.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace fb::sync {

journal::LockAttempt EngineJournal::acquireLock(const journal::LockHolder& me, qint64 staleAfterMs,
                                                qint64 nowMs)
{
    // The lock store runs its own transaction so that two processes cannot both take it.
    journal::LockAttempt attempt = journal::SyncLock(*m_db).tryAcquire(me, staleAfterMs, nowMs);
    if (attempt.acquired)
        m_lockOwner = me.holderId;
    return attempt;
}

bool EngineJournal::heartbeat(const QString& holderId, qint64 nowMs)
{
    return journal::SyncLock(*m_db).heartbeat(holderId, nowMs);
}

void EngineJournal::recordLockLoss(const QString& runId, const QString& message)
{
    // Deliberately outside write(): the ownership check would refuse it. It touches only this
    // run's row, and only while no holder names the run.
    journal::RunStore(*m_db).interruptRunAfterLockLoss(runId, message);
}

void EngineJournal::releaseLock(const QString& holderId)
{
    journal::SyncLock(*m_db).release(holderId);
}

void EngineJournal::checkpointWal()
{
    try {
        const journal::WalCheckpoint done = m_db->checkpointWal();
        qCDebug(lcEngine) << "WAL checkpoint:" << done.checkpointed << "of" << done.walPages
                          << "pages" << (done.busy ? "(a reader held it back)" : "");
    } catch (const journal::JournalError& e) {
        qCWarning(lcEngine).noquote() << "could not checkpoint the write-ahead log:" << e.message();
    }
}

void EngineJournal::createRun(const QString& runId, const RunParams& params, qint64 nowMs)
{
    write([&] {
        journal::RunRecord r;
        r.id = runId;
        r.account = params.account;
        r.status = RunStatus::Running;
        r.paramsJson =
            QString::fromUtf8(QJsonDocument(params.toJson()).toJson(QJsonDocument::Compact));
        r.fingerprint = params.fingerprint();
        r.rangeFrom = params.rangeFromMs;
        r.rangeTo = params.rangeToMs;
        r.createdAt = nowMs;
        r.startedAt = nowMs;
        journal::RunStore(*m_db).createRun(r);
    });
}

void EngineJournal::fixRunRange(const QString& runId, const RunParams& params)
{
    write([&] {
        journal::RunStore runs(*m_db);
        auto r = runs.run(runId);
        if (!r)
            return;
        r->paramsJson =
            QString::fromUtf8(QJsonDocument(params.toJson()).toJson(QJsonDocument::Compact));
        r->fingerprint = params.fingerprint();
        r->rangeFrom = params.rangeFromMs;
        r->rangeTo = params.rangeToMs;
        runs.saveRun(*r);
    });
}

std::optional<journal::RunRecord> EngineJournal::run(const QString& runId)
{
    return journal::RunStore(*m_db).run(runId);
}

void EngineJournal::setRunStatus(const QString& runId, RunStatus status, const QString& error,
                                 std::optional<qint64> pausedUntil)
{
    write([&] {
        journal::RunStore runs(*m_db);
        auto r = runs.run(runId);
        if (!r)
            return;
        r->status = status;
        r->error = error;
        r->pausedUntil = pausedUntil;
        runs.saveRun(*r);
    });
}

void EngineJournal::updateCounters(const QString& runId, const journal::RunCounters& counters)
{
    write([&] { journal::RunStore(*m_db).updateCounters(runId, counters); });
}

void EngineJournal::finishRun(const QString& runId, RunStatus status, const RunSummary& summary,
                              const journal::RunCounters& counters,
                              const ReconciliationReport* report, const QString& error,
                              const QVector<RangeCutUpdate>& rangeCuts,
                              const QVector<ReconCacheUpdate>& cacheUpdates)
{
    write([&] {
        // The reconciliation's hours, in the transaction that stores its report or not at all
        // (D169).
        storeReconCache(*m_db, cacheUpdates);
        // Where the next run's reconciliation starts (docs/design.md §2.9); a cut row that a
        // record deleted meanwhile stays deleted.
        journal::RebuildCutStore cuts(*m_db);
        for (const RangeCutUpdate& update : rangeCuts)
            cuts.setRangeCut(update.account, update.symbol, kTradeRulesRevision, update.cut);
        journal::RunStore(*m_db).updateCounters(runId, counters);
        const QString summaryJson =
            QString::fromUtf8(QJsonDocument(summary.toJson()).toJson(QJsonDocument::Compact));
        const QString reconciliationJson =
            report
                ? QString::fromUtf8(QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact))
                : QString();
        journal::RunStore(*m_db).finishRun(runId, status, summaryJson, reconciliationJson, error);
    });
}

} // namespace fb::sync
