#pragma once
// The journal's read side for trade lists: the history's filter and sort as a value, turned
// into SQL here (and only here) for keyset pagination on a read-only connection. Every page
// query is LIMITed and walks an index on (open_time, key): a view never scans the whole trades
// table to show one screen. The desktop's item models (ui/models/) and the statistics worker
// call these functions; none of them sees a statement.

#include "models/domain/fee_valuation.h"
#include "models/money/decimal.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

// The history's sort: any column of the trade table, either way, always followed by the trade's
// key so that the order is total (keyset pages never skip or repeat a row). Each order walks an
// index of its own (schema v7), so the first page of a million trades is a seek, not a sort.
enum class TradeSortColumn {
    OpenTime,
    CloseTime, // open trades sort as closing last (after every closed trade)
    Symbol,
    Direction,
    Size, // max quantity
    Entry,
    Exit, // no price yet sorts below every price
    RealizedPnl,
    Fees, // commission in the margin asset
    Funding,
    NetPnl,
    Duration, // open trades sort as the longest
    Status,
    Flags,
    Tags, // untagged trades first (ascending), then by the tag list
};

struct TradeSort
{
    TradeSortColumn column = TradeSortColumn::OpenTime;
    bool descending = true;

    bool operator==(const TradeSort& other) const = default;
};

struct TradeQuery
{
    QString account;                   // empty: every account (issue 14)
    QString symbol;                    // one symbol; empty: all (see symbols)
    QStringList symbols;               // any of these (with `symbol`); both empty: all
    QString direction;                 // "LONG", "SHORT" or empty
    QString status;                    // "OPEN", "CLOSED" or empty
    int outcome = 0;                   // 1: winners, -1: losers, 0: all
    std::optional<qint64> openFromMs;  // inclusive
    std::optional<qint64> openToMs;    // inclusive
    std::optional<qint64> closeFromMs; // inclusive (the calendar's day: trades closed that day)
    std::optional<qint64> closeToMs;   // inclusive
    QStringList tags;                  // any of these tags, each also matching as a prefix
    QString notesText;                 // substring of the annotation's notes
    TradeSort sort;

    bool operator==(const TradeQuery& other) const = default;
};

// One row of the history, decimals kept as the journal's canonical text.
struct TradeRow
{
    QString key;
    QString symbol;
    QString direction;
    QString status;
    qint64 openTime = 0;
    std::optional<qint64> closeTime;
    QString maxQty;
    QString entryPrice;
    QString exitPrice;
    QString realizedPnl;
    QString commissionJson;
    QString funding;
    QString netPnl;
    QString flags;
    QString marginAsset;
    QStringList tags;
    // The value of the query's sort expression for this row, as SQLite ordered it (for keyset
    // cursors and for placing a live row; never shown and never used as money).
    QVariant sortValue;
    // Fees in another asset valued (schema v8, docs/design.md §2.5): the margin asset, the net
    // PnL including the valued commission, the valuation's parts as stored (empty: not computed
    // yet, a trade stored before v8) and how many parts have no price.
    QString netPnlValued;
    QString feeValuationJson;
    int feesNotValued = 0;
    // R multiple (docs/design.md D104): net / the trader's risk override, else the stored
    // r_multiple; empty when none. hasRisk: a risk is known (a stop or an override), so an
    // empty R of a closed trade means "no stop" only when it is false.
    QString rMultiple;
    bool hasRisk = false;

    Decimal netPnlValue() const;
    QString feesText() const; // "0.41 USDT" per asset
    // The net PnL to show: netPnlValued, or netPnl when the row has none.
    const QString& shownNetPnl() const { return netPnlValued.isEmpty() ? netPnl : netPnlValued; }
    // The parts of feeValuationJson (none when not computed or unreadable).
    QVector<FeeValuationPart> feeValuationParts() const;
};

} // namespace fb::journal

// Every member is relocatable (QString, QStringList, integers): inserting a batch of rows into
// the middle of the loaded list is then one memmove instead of thousands of element moves,
// which showed as the largest single cost on the UI thread during a demo sync.
Q_DECLARE_TYPEINFO(fb::journal::TradeRow, Q_RELOCATABLE_TYPE);

namespace fb::journal {

// The SQL expression the Net PnL column sorts by (one place, so that a valued net PnL can replace
// it); on alias t.
QString netPnlSortExpression();

namespace detail {
// The WHERE clause of the filter (alias t: trades, a: annotations), " WHERE ..." or empty, with
// its bindings appended to `values` (QString or qint64). For the report queries.
QString tradeFilterClause(const TradeQuery& query, QVariantList& values);
} // namespace detail

// Keyset cursor: the last row of the previous page (its key and sortValue are what count).
using TradeCursor = TradeRow;

QVector<TradeRow> loadTradePage(journal::Database& db, const TradeQuery& query,
                                const std::optional<TradeCursor>& after, int limit);
// SQLite's plan for the first page of `query` (one line per step), for tests that check an order
// walks an index (Tags, two queries, is left out).
QStringList tradePagePlan(journal::Database& db, const TradeQuery& query);
// Rows of the given keys that match the filter (any order).
QVector<TradeRow> loadTradesByKey(journal::Database& db, const TradeQuery& query,
                                  const QStringList& keys);
// True when row a comes before row b in the query's order.
bool sortsBefore(const TradeQuery& query, const TradeRow& a, const TradeRow& b);

// A closed trade as statistics need it.
struct ClosedTrade
{
    qint64 closeTime = 0;
    Decimal netPnl;      // the statistics' net PnL (see statsNetPnlColumn in trade_queries.cpp)
    QString marginAsset; // statistics are per margin asset, never summed across assets
    bool unknownEntry = false; // INCOMPLETE_START: opened before the journal's first fill
};
// Closed trades matching the filter, by close time (bounded by maxTrades).
QVector<ClosedTrade> loadClosedTrades(Database& db, const TradeQuery& query,
                                      int maxTrades = 100'000);

// The distinct symbols of the journal's trades, sorted.
QStringList tradeSymbols(Database& db);
// The distinct accounts of the journal's trades, sorted (a loose scan of trades_by_account_symbol).
QStringList tradeAccounts(Database& db);
// Every account this journal knows: those with trades, those a run synced and those in the
// accounts table, sorted (what `--account` of the read commands may name).
QStringList journalAccounts(Database& db);
// The query's symbols: `symbol` and `symbols` together, each once, in order.
QStringList querySymbols(const TradeQuery& query);

// The head of one trade as the detail pane shows it; nullopt when the key is gone.
struct TradeHeader
{
    QString symbol;
    QString direction;
    QString status;
    QString commissionJson;
    QString funding;
    QString netPnl;
    qint64 fillCount = 0;
    QString marginAsset;
};
std::optional<TradeHeader> loadTradeHeader(Database& db, const QString& key);

// Funding payments attributed to a trade, in attribution order (at most `limit`).
struct TradeFundingRow
{
    qint64 time = 0;
    QString income;
    QString asset;
};
QVector<TradeFundingRow> loadTradeFunding(Database& db, const QString& key, int limit = 50);

} // namespace fb::journal
