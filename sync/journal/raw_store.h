#pragma once
// Layer 1 of docs/design.md §1.1: raw exchange records, stored exactly as the exchange sent them.
//
// Natural keys: fill (account, symbol, id), income (account, incomeType, tranId), order
// (account, symbol, orderId). Upserting a record:
//   - new key                     -> inserted;
//   - known key, same content     -> nothing written, counted as a duplicate;
//   - known key, different content-> the exchange's new version replaces the row, `version` is
//     bumped, the old raw JSON goes to record_history, and a `record_changed` conflict names the
//     key and the changed fields. (Exception: an order whose updateTime moved forward is a
//     normal order update, NEW -> FILLED; it is versioned and kept in history but raises no
//     conflict.)
// "Same content" means the same raw bytes, or, when the bytes differ, the same canonical JSON
// (key order and whitespace are not changes).
//
// Every batch method joins the caller's transaction, or runs in its own.

#include "models/domain/lifecycle.h"
#include "models/domain/records.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>
#include <utility>

namespace fb::journal {

class Database;

enum class RecordKind { Fill, Income, Order, AlgoOrder };
// "fill", "income", "order", "algo_order"
QString recordKindName(RecordKind kind);

struct UpsertCounts
{
    qint64 inserted = 0;
    qint64 updated = 0;    // known key, new content kept (old content in record_history)
    qint64 duplicates = 0; // known key, same content: nothing written

    qint64 total() const { return inserted + updated + duplicates; }
    UpsertCounts& operator+=(const UpsertCounts& other);
    bool operator==(const UpsertCounts& other) const = default;
};

struct RawCounts
{
    qint64 fills = 0;
    qint64 income = 0;
    qint64 orders = 0;
    qint64 positions = 0;
    qint64 algoOrders = 0;
};

// One superseded version of a raw record.
struct RecordVersion
{
    int version = 0;
    QByteArray rawJson;
    qint64 replacedAt = 0;
};

// What the income ledger says about one symbol of an account (the sync planner's evidence).
struct IncomeSymbolStats
{
    QString symbol;
    // Newest REALIZED_PNL or COMMISSION row of the symbol (0 = none).
    qint64 newestTradeIncomeMs = 0;
    // Whether the symbol has any income row inside the asked range (an existence test, not a
    // count: a count read every row of a long history before each sync, D171).
    bool hasRowsInRange = false;
    // Oldest REALIZED_PNL or COMMISSION row of the symbol inside the range (0 = none).
    qint64 firstTradeIncomeMs = 0;
};

class RawStore
{
public:
    explicit RawStore(Database& db);

    UpsertCounts upsertFills(const QVector<Fill>& fills);
    UpsertCounts upsertIncome(const QVector<Income>& income);
    UpsertCounts upsertOrders(const QVector<Order>& orders);
    // Natural key (account, algoId); NEW -> TRIGGERED/CANCELED is progress (updateTime).
    UpsertCounts upsertAlgoOrders(const QVector<AlgoOrder>& algoOrders);
    // Replaces the account's whole position snapshot (one positionRisk answer).
    void replacePositions(const QString& account, const QVector<Position>& positions);

    // Everything the lifecycle builder needs for one symbol: all its fills (in no particular
    // order and without raw JSON: the builder sorts and never reads it), its FUNDING_FEE income,
    // its current positions and the clientOrderIds of its orders that can flag a trade
    // (autoclose-, adl_autoclose, settlement_autoclose-).
    SymbolHistory loadSymbolHistory(const QString& account, const QString& symbol);
    // The same from a rebuild cut on (docs/design.md D126): only the fills with id >=
    // `fromFillId` and time >= `fromMs` (an id range of the table's key, then the time), and the
    // FUNDING_FEE rows with time >= `fromMs`; positions and flagging orders as above.
    SymbolHistory loadSymbolHistorySince(const QString& account, const QString& symbol,
                                         qint64 fromMs, qint64 fromFillId);
    // What loadSymbolHistory reads besides fills and orders: the symbol's FUNDING_FEE income and
    // current positions (a first build from a batch's own records supplies the rest, D178).
    SymbolHistory loadSymbolFundingAndPositions(const QString& account, const QString& symbol);
    // True when the journal holds any fill or order of the symbol (two seeks on the keys).
    bool holdsFillsOrOrders(const QString& account, const QString& symbol);
    // The fills with id in [fromFillId, toFillId] (a range of the table's key) and time >=
    // `fromMs`, as loadSymbolHistory reads them (the reconciliation's hours, D169).
    QVector<Fill> fillsBetweenIds(const QString& account, const QString& symbol, qint64 fromFillId,
                                  qint64 toFillId, qint64 fromMs);
    // The largest fill id stored for the symbol (one seek on the key); nullopt: none.
    std::optional<qint64> largestFillId(const QString& account, const QString& symbol);

    std::optional<Fill> fill(const QString& account, const QString& symbol, qint64 id);
    std::optional<Income> income(const QString& account, const QString& incomeType, qint64 tranId);
    std::optional<Order> order(const QString& account, const QString& symbol, qint64 orderId);
    std::optional<AlgoOrder> algoOrder(const QString& account, qint64 algoId);
    // A symbol's algo orders by algoId (tests, the desktop's detail).
    QVector<AlgoOrder> algoOrders(const QString& account, const QString& symbol);
    // Where a symbol's allAlgoOrders walk starts (docs/design.md D108): the smallest algoId
    // stored still live (NEW, TRIGGERING: it may have changed since), else the largest + 1;
    // nullopt when none is stored (a first walk).
    std::optional<qint64> algoWalkStart(const QString& account, const QString& symbol);
    // The time of the symbol's fill with the largest id (ids grow with time); nullopt: none.
    std::optional<qint64> newestFillTime(const QString& account, const QString& symbol);
    // The symbol's stop orders of both histories, as the initial-risk rule reads them. With
    // `endedFromMs` the regular orders that ended before it are left out (they cannot protect a
    // trade opened at or after it; docs/design.md D126); algo orders are all read (a
    // triggered one decides whether the order it became counts).
    QVector<StopOrder> stopOrders(const QString& account, const QString& symbol,
                                  std::optional<qint64> endedFromMs = std::nullopt);
    QVector<Position> positions(const QString& account);
    // Income rows of an account in [fromMs, toMs], ordered by (time, tranId). For
    // reconciliation and display.
    QVector<Income> incomeBetween(const QString& account, qint64 fromMs, qint64 toMs,
                                  const QString& symbol = {});

    // Current version of a stored record (1 when never changed), nullopt when absent.
    std::optional<int> version(RecordKind kind, const QString& account, const QString& part,
                               qint64 id);
    // Superseded versions of a record, oldest first. naturalKey as from fillKey() etc.
    QVector<RecordVersion> history(RecordKind kind, const QString& naturalKey);

    RawCounts counts(const QString& account = {});
    // Symbols the journal knows for an account: with fills, orders, symbol income, or a
    // non-zero position. Sorted.
    QStringList knownSymbols(const QString& account);
    // Per symbol with income rows (the empty symbol of account-wide rows left out), by seeks
    // of income_by_symbol; [fromMs, toMs] decides hasRowsInRange and firstTradeIncomeMs.
    QVector<IncomeSymbolStats> incomeSymbolStats(const QString& account, qint64 fromMs,
                                                 qint64 toMs);
    // COMMISSION rows of `symbol` timed in [fromMs, toMs]: one per fill, so the fills a span
    // holds. Reads the span's rows of the index only (the planner asks it for the spans it
    // will fetch, not the whole history).
    qint64 commissionCount(const QString& account, const QString& symbol, qint64 fromMs,
                           qint64 toMs);

    // The smallest order id referenced by a fill of `symbol` timed in [fromMs, toMs] whose
    // order is not stored; nullopt when every such fill has its order.
    std::optional<qint64> smallestOrderlessFillOrderId(const QString& account,
                                                       const QString& symbol, qint64 fromMs,
                                                       qint64 toMs);
    // The largest order id of `symbol` stored below `orderId`; nullopt when none.
    std::optional<qint64> largestOrderIdBelow(const QString& account, const QString& symbol,
                                              qint64 orderId);

    // Natural keys as text, as used in record_history and conflicts.
    static QString fillKey(const QString& account, const QString& symbol, qint64 id);
    static QString incomeKey(const QString& account, const QString& incomeType, qint64 tranId);
    static QString orderKey(const QString& account, const QString& symbol, qint64 orderId);
    static QString algoOrderKey(const QString& account, qint64 algoId);

private:
    SymbolHistory loadHistory(const QString& account, const QString& symbol,
                              const std::optional<std::pair<qint64, qint64>>& since);

    Database& m_db;
};

} // namespace fb::journal
