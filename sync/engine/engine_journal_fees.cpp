// EngineJournal's part in valuing commission paid in another asset (docs/design.md §2.5).
#include "models/domain/computable.h"
#include "sync/engine/engine_journal.h"
#include "sync/engine/engine_journal_write.h"
#include "sync/journal/outbox_store.h"

#include <QHash>

namespace fb::sync {

void valueSymbolFees(journal::Database& db, QVector<JournalTrade>& trades)
{
    journal::KlineStore store(db);
    QHash<QString, std::optional<Decimal>> seen; // one read per (pair, minute) of the symbol
    const FeePriceLookup lookup = [&](const QString& pair, qint64 minute) {
        const QString key = journal::KlineStore::cacheKey(pair, minute);
        const auto it = seen.constFind(key);
        if (it != seen.cend())
            return it.value();
        const std::optional<Decimal> close = store.close(pair, minute);
        seen.insert(key, close);
        return close;
    };
    for (JournalTrade& trade : trades)
        valueTradeFees(trade, lookup);
}

QVector<FeePriceNeed> EngineJournal::feePriceNeeds(const QString& account,
                                                   const QStringList& symbols,
                                                   QStringList* withNeeds)
{
    journal::KlineStore store(*m_db);
    QVector<FeePriceNeed> needs;
    for (const QString& symbol : symbols) {
        const QVector<FeePriceNeed> own = store.missingForSymbols(account, {symbol});
        if (own.isEmpty())
            continue;
        needs += own;
        if (withNeeds)
            withNeeds->append(symbol);
    }
    std::sort(needs.begin(), needs.end(), [](const FeePriceNeed& a, const FeePriceNeed& b) {
        return a.pair != b.pair ? a.pair < b.pair : a.minute < b.minute;
    });
    needs.erase(std::unique(needs.begin(), needs.end()), needs.end());
    return needs;
}

QStringList EngineJournal::commitFeePrices(const RunParams& params,
                                           const QVector<journal::KlineClose>& closes,
                                           const QStringList& symbols, qint64 nowMs)
{
    return write([&] {
        journal::KlineStore(*m_db).store(closes, nowMs);
        QStringList changed;
        for (const QString& symbol : symbols) {
            // Rebuilt from the raw records, as the batch commit did: the trades never disagree
            // with the raw layer, and only the valuation can differ from what is stored.
            // In full: the closes just cached may value trades before the symbol's rebuild cut.
            SymbolRebuild rebuild = loadAndBuildSymbol(*m_db, params.account, symbol, false);
            if (!rebuild.built.ok())
                continue; // the symbol failed at its batch commit and says so there
            const journal::TradeChanges changes =
                storeSymbolBuild(*m_db, params.account, symbol, rebuild, params.rangeFromMs);
            changed += changes.insertedKeys;
            changed += changes.changedKeys;
            if (!changes.isEmpty()) // shared like a batch's trades (docs/sharing.md)
                journal::OutboxStore(*m_db).addScoped(params.account, symbol,
                                                      shareScopeOf({}, {}, changes));
        }
        return changed;
    });
}

} // namespace fb::sync
