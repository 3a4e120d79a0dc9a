#pragma once
// When the engine commits the batches it fetched (docs/design.md D175). Each batch used to
// commit alone; that is still what happens at the rate limit's speed (a batch every few
// seconds). When batches arrive faster than one commit a second (a small account, a resumed
// run, the demo exchange, a fast network), a batch is held in memory and committed with the
// next ones: fewer COMMITs, so each page of the trades' indexes is written to the log once per
// group instead of once per batch (issue 12, target 3).
//
// Nothing changes in what a commit means: a held batch's symbols stay in_progress in the
// journal until their commit, so a kill refetches them, and every commit still carries its
// checkpoint. The held records are bounded by EngineConfig::commitRecordCap, what one symbol
// may hold before its records commit alone, so holding needs no more memory than a batch can.

#include <QElapsedTimer>
#include <QtGlobal>

namespace fb::sync {

class CommitGrouping
{
public:
    // groupMs = 0: every batch commits alone (as before D175). heldRecordCap = 0: no bound.
    CommitGrouping(qint64 groupMs, qint64 heldRecordCap)
        : m_groupMs(groupMs)
        , m_heldRecordCap(heldRecordCap)
    {
        m_sinceCommit.start();
    }

    // Restarts the clock: called when a commit ended.
    void committed() { m_sinceCommit.restart(); }

    // Whether the batches held so far (`heldRecords` fetched records, this one included) are
    // committed now. They are held only when another batch is already on its way
    // (`moreComing`), the last commit ended less than groupMs ago, and they stay under the cap.
    bool commitNow(qint64 heldRecords, bool moreComing) const
    {
        if (!moreComing || m_groupMs <= 0)
            return true;
        if (m_heldRecordCap > 0 && heldRecords >= m_heldRecordCap)
            return true;
        return m_sinceCommit.elapsed() >= m_groupMs;
    }

private:
    const qint64 m_groupMs;
    const qint64 m_heldRecordCap;
    QElapsedTimer m_sinceCommit; // monotonic: how fast records arrive on this machine
};

} // namespace fb::sync
