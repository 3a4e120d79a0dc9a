#pragma once
// Layer 2 of docs/design.md §1.2: journal trades, derived from raw records by the lifecycle
// builder and stored so the UI and the CLI can list them without rebuilding.
//
// replaceSymbolTrades() stores the builder's output for one (account, symbol) inside the
// caller's transaction: trades whose content changed are rewritten, unchanged ones are left
// alone, trades whose key disappeared are deleted. Annotations are never touched: when a
// deleted key has one, an `orphaned_annotation` conflict names it so the user can re-attach it.
//
// Storage: trade decimals as canonical text (Decimal::toString), optional ones NULL,
// commission as a JSON object {"USDT": "0.41222060"}, flags as "LIQUIDATION|INCOMPLETE_START".
// Fill parts keep the exact text of their decimals (scale included).

#include "models/domain/lifecycle.h"
#include "models/domain/trade.h"
#include "sync/journal/trade_queries.h"

#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

struct TradeChanges
{
    QStringList insertedKeys;
    QStringList changedKeys;
    QStringList removedKeys;

    bool isEmpty() const
    {
        return insertedKeys.isEmpty() && changedKeys.isEmpty() && removedKeys.isEmpty();
    }
};

struct TradeFilter
{
    QString account; // empty: every account
    QString symbol;  // empty: every symbol
    // The desktop's filter as well (a saved filter, several symbols: `fillbook-cli trades`),
    // ANDed with the fields above; its sort is ignored (oldest open time first).
    std::optional<TradeQuery> query;
    std::optional<qint64> openFromMs; // inclusive
    std::optional<qint64> openToMs;   // inclusive
    std::optional<TradeStatus> status;
    int limit = -1; // -1: no limit
    int offset = 0;
    // Also load each trade's fill parts and attributed funding ids (needed for an exact copy
    // of the builder's output; lists that only show rows can skip them).
    bool withParts = true;
};

struct TradeCounts
{
    qint64 total = 0;
    qint64 open = 0;
    qint64 closed = 0;
    qint64 invalid = 0;
};

class TradeStore
{
public:
    explicit TradeStore(Database& db);

    // Requires an open Transaction on the connection (the engine's batch transaction).
    // With `fromMs` (a rebuild cut, docs/design.md D126) only the stored trades opened at or
    // after it, and the unattributed funding at or after it, are compared and replaced: `trades`
    // is then the build of the fills from the cut on, and what lies before stays as it is.
    TradeChanges replaceSymbolTrades(const QString& account, const QString& symbol,
                                     const SymbolTrades& trades,
                                     std::optional<qint64> fromMs = std::nullopt);

    // Ordered by open time, then key.
    QVector<JournalTrade> loadTrades(const TradeFilter& filter = {});
    std::optional<JournalTrade> trade(const QString& key);
    TradeCounts countTrades(const TradeFilter& filter = {});
    bool contains(const QString& key);
    // Symbols of the account with an OPEN trade (unordered, distinct).
    QStringList openTradeSymbols(const QString& account);
    // Funding rows of the symbol (or of every symbol) that belong to no single trade.
    QVector<Income> unattributedFunding(const QString& account, const QString& symbol = {});

    // EXPLAIN QUERY PLAN of loadTrades(filter), one detail line per row; for tests and tuning.
    QStringList queryPlan(const TradeFilter& filter);

private:
    Database& m_db;
};

} // namespace fb::journal
