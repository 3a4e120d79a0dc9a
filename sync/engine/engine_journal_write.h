#pragma once
// EngineJournal::write(), shared by engine_journal*.cpp: every engine write runs in one
// transaction that first checks that the lock still names this writer, with the test hooks
// around its commit. Private to the engine's journal files.
#include "sync/engine/engine_journal.h"
#include "sync/journal/share_scope.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"

#include <type_traits>

namespace fb::sync {

// The symbol row's error when its records cannot be computed with: what is wrong and what
// happens now (the record stays, listed). engine_journal.cpp.
QString computeFailureText(const SymbolComputeFailure& failure);

// What a commit shares (docs/sharing.md, "What a push sends"): the records it wrote and the
// trades it inserted, changed or removed. engine_journal.cpp.
journal::ShareScope shareScopeOf(const QVector<Fill>& fills, const QVector<Order>& orders,
                                 const journal::TradeChanges& trades = {});

template <typename F> auto EngineJournal::write(F&& body) -> decltype(body())
{
    journal::Transaction tx(*m_db);
    if (!m_lockOwner.isEmpty())
        journal::SyncLock(*m_db).requireHeldBy(m_lockOwner);
    // Commits with the test hooks around it: a failing write is simulated just before the
    // commit, an interruption just after it.
    auto commit = [&] {
        ++m_writes;
        if (m_hooks.beforeCommit)
            m_hooks.beforeCommit(m_writes);
        tx.commit();
        ++m_commits;
        if (m_hooks.afterCommit)
            m_hooks.afterCommit(m_commits);
    };
    if constexpr (std::is_void_v<decltype(body())>) {
        body();
        commit();
    } else {
        auto result = body();
        commit();
        return result;
    }
}

} // namespace fb::sync
