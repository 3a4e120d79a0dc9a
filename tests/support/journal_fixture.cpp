#include "tests/support/journal_fixture.h"

#include "models/domain/lifecycle.h"
#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"

#include <QFile>
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

bool damageFillsTable(const QString& path)
{
    qint64 page = 0;
    qint64 pageSize = 0;
    {
        journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("inspect"), false});
        page = journal::sqlOn(db)
                   .scalar(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = "
                                          "'fills'"))
                   .toLongLong();
        pageSize = journal::sqlOn(db).scalar(QStringLiteral("PRAGMA page_size")).toLongLong();
    }
    if (page < 2 || pageSize <= 0)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek((page - 1) * pageSize))
        return false;
    return file.write(QByteArray(int(pageSize), '\xa5')) == pageSize;
}

} // namespace fbtest
