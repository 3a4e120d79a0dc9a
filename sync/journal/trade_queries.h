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
#include <QVariantList>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

enum class TradeSort { OpenTimeDesc, OpenTimeAsc, NetPnlDesc, NetPnlAsc };

struct TradeQuery
{
    QString symbol;                   // empty: all
    QString direction;                // "LONG", "SHORT" or empty
    QString status;                   // "OPEN", "CLOSED" or empty
    int outcome = 0;                  // 1: winners, -1: losers, 0: all
    std::optional<qint64> openFromMs; // inclusive
    std::optional<qint64> openToMs;   // inclusive
    QString tag;                      // one tag of the annotation
    QString notesText;                // substring of the annotation's notes
    TradeSort sort = TradeSort::OpenTimeDesc;

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
    QStringList tags;
    // Fees in another asset valued (schema v7, docs/design.md §2.5): the margin asset, the net
    // PnL including the valued commission, the valuation's parts as stored (empty: not computed
    // yet, a trade stored before v7) and how many parts have no price.
    QString marginAsset;
    QString netPnlValued;
    QString feeValuationJson;
    int feesNotValued = 0;

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

// Keyset cursor: the last row of the previous page.
struct TradeCursor
{
    qint64 openTime = 0;
    QString netPnl;
    QString key;
};

QVector<TradeRow> loadTradePage(journal::Database& db, const TradeQuery& query,
                                const std::optional<TradeCursor>& after, int limit);
// Rows of the given keys that match the filter (any order).
QVector<TradeRow> loadTradesByKey(journal::Database& db, const TradeQuery& query,
                                  const QStringList& keys);
// True when row a comes before row b in the query's order.
bool sortsBefore(const TradeQuery& query, const TradeRow& a, const TradeRow& b);

// A closed trade as statistics need it.
struct ClosedTrade
{
    qint64 closeTime = 0;
    Decimal netPnl;
};
// Closed trades matching the filter, by close time (bounded by maxTrades).
QVector<ClosedTrade> loadClosedTrades(Database& db, const TradeQuery& query,
                                      int maxTrades = 100'000);

// The distinct symbols of the journal's trades, sorted.
QStringList tradeSymbols(Database& db);

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
