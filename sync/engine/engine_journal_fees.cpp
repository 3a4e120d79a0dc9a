// EngineJournal's part in valuing commission paid in another asset (docs/design.md §2.5).
#include "sync/engine/engine_journal.h"

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
                                                   const QVector<SymbolFetch>& fetched)
{
    journal::KlineStore store(*m_db);
    QVector<Fill> fills;
    QStringList symbols;
    for (const SymbolFetch& f : fetched) {
        if (!f.ok)
            continue;
        fills += f.fills;
        symbols << f.symbol;
    }
    QVector<FeePriceNeed> needs = store.missing(fb::feePriceNeeds(fills));
    needs += store.missingForSymbols(account, symbols);
    std::sort(needs.begin(), needs.end(), [](const FeePriceNeed& a, const FeePriceNeed& b) {
        return a.pair != b.pair ? a.pair < b.pair : a.minute < b.minute;
    });
    needs.erase(std::unique(needs.begin(), needs.end()), needs.end());
    return needs;
}

} // namespace fb::sync
