#include "tests/support/journal_fixture.h"

#include "models/domain/lifecycle.h"
#include "sync/journal/database.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"

#include <QMap>

#include <algorithm>
#include <utility>

using namespace fb;

namespace fbtest {

void addTrades(journal::Database& db, const QVector<JournalTrade>& trades)
{
    QMap<std::pair<QString, QString>, QVector<JournalTrade>> bySymbol;
    for (const JournalTrade& trade : trades)
        bySymbol[{trade.account, trade.symbol}].append(trade);

    journal::Transaction tx(db);
    journal::TradeStore store(db);
    for (auto it = bySymbol.cbegin(); it != bySymbol.cend(); ++it) {
        const auto& [account, symbol] = it.key();
        journal::TradeFilter filter;
        filter.account = account;
        filter.symbol = symbol;
        SymbolTrades all;
        for (const JournalTrade& stored : store.loadTrades(filter)) {
            const bool replaced =
                std::any_of(it.value().cbegin(), it.value().cend(),
                            [&stored](const JournalTrade& t) { return t.key == stored.key; });
            if (!replaced)
                all.trades.append(stored);
        }
        all.trades += it.value();
        // The symbol's unattributed funding is part of what replaceSymbolTrades() replaces.
        all.unattributedFunding = store.unattributedFunding(account, symbol);
        store.replaceSymbolTrades(account, symbol, all);
    }
    tx.commit();
}

} // namespace fbtest
