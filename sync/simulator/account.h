#pragma once
// The simulated exchange account: symbols, fills, income rows, orders and current positions,
// kept sorted the way the endpoints serve them, plus the exact starting position of every book
// (the part of each position opened before the first stored fill).
//
// Tests mutate it between syncs to simulate new trading: either record by record
// (appendFill/appendIncome/appendOrder/setPosition) or with trade()/addFunding(), which derive
// realized PnL, commission, income rows and the position exactly like the generator.

#include "models/domain/records.h"
#include "sync/simulator/ledger.h"
#include "sync/simulator/symbols.h"

#include <QHash>
#include <QMap>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::sim {

struct TradeRequest
{
    QString symbol;
    Side side = Side::Buy;
    PositionSide positionSide = PositionSide::Both; // LONG/SHORT in hedge mode
    Decimal qty;                                    // positive, at the symbol's step
    Decimal price;
    qint64 time = 0; // ms UTC
    bool maker = false;
    bool payInBnb = false;
    QString clientOrderId; // "" = "sim_<orderId>"; "autoclose-..." makes it a liquidation
};

class Account
{
public:
    bool hedgeMode = false;
    qint64 createTime = 0; // served as apiRestrictions.createTime
    FeeSchedule fees = FeeSchedule::standard();

    // --- symbols (exchangeInfo). Records may only name known symbols.
    void addSymbol(const SymbolSpec& spec);
    const QVector<SymbolSpec>& symbols() const { return m_symbols; }
    const SymbolSpec* symbol(const QString& name) const;
    QStringList symbolNames() const;

    // --- records, sorted as served: fills and orders per symbol by (time, id), income by
    // (time, tranId, incomeType), positions by (symbol, positionSide).
    const QVector<Fill>& fills(const QString& symbol) const;
    const QVector<Order>& orders(const QString& symbol) const;
    // The Algo Service's conditional orders of a symbol, by algoId (= creation order).
    const QVector<AlgoOrder>& algoOrders(const QString& symbol) const;
    void setAlgoOrders(const QString& symbol, QVector<AlgoOrder> algoOrders);
    qsizetype algoOrderCount() const;
    const QVector<Income>& income() const { return m_income; }
    // Indices into income() of one symbol's rows ("" for account-level rows), ascending.
    const QVector<qsizetype>& incomeIndexOf(const QString& symbol) const;
    const QVector<Position>& positions() const { return m_positions; }
    std::optional<Position> position(const QString& symbol, PositionSide side) const;
    qsizetype fillCount() const;
    qsizetype orderCount() const;

    // The part of a book's current position that no stored fill explains (opened before the
    // retained history). positionAmt = starting amount + sum of the book's signed fills.
    Decimal startingAmount(const QString& symbol, PositionSide side) const;
    void setStartingPosition(const QString& symbol, PositionSide side, const BookState& state);
    const QMap<QPair<QString, int>, BookState>& startingPositions() const { return m_starting; }

    // --- bulk replacement (generator, datasets): sorts and indexes once.
    void setRecords(QVector<Fill> fills, QVector<Income> income, QVector<Order> orders,
                    QVector<Position> positions);
    // The same, one symbol's fills and orders at a time (records of other symbols are ignored).
    void setSymbolRecords(const QString& symbol, QVector<Fill> fills, QVector<Order> orders);
    void setIncome(QVector<Income> income);
    void setPositions(const QVector<Position>& positions);

    // --- single-record mutation; each keeps the sort order (a record older than the newest is
    // inserted in place). appendOrder replaces an order with the same (symbol, orderId).
    void appendFill(const Fill& fill);
    void appendIncome(const Income& row);
    void appendOrder(const Order& order);
    // A zero positionAmt removes the row (positionRisk v3 lists open positions only).
    void setPosition(const Position& position);

    // --- simulated trading: one order with one fill; adds the fill, the order, a COMMISSION row,
    // a REALIZED_PNL row if it reduced the book, and updates the position. Returns the fill.
    Fill trade(const TradeRequest& request);
    // One FUNDING_FEE row for the symbol's open books at `time`: -(net amount) * mark * rate.
    // Returns false (and adds nothing) when no book of the symbol is open.
    bool addFunding(const QString& symbol, qint64 time, const Decimal& rate);
    // A TRANSFER row (symbol "", info "TRANSFER").
    Income addTransfer(qint64 time, const QString& asset, const Decimal& amount);

    // Next free ids: per symbol for fills and orders; for income, FUNDING_FEE rows have their own
    // sequence and every other type shares one (so ids stay unique within each type).
    qint64 nextFillId(const QString& symbol) const;
    qint64 nextOrderId(const QString& symbol) const;
    qint64 nextTranId(const QString& incomeType) const;

private:
    void rebuildIncomeIndex();
    void noteTranId(const Income& row);

    QVector<SymbolSpec> m_symbols;
    QHash<QString, qsizetype> m_symbolIndex;
    QHash<QString, QVector<Fill>> m_fills;
    QHash<QString, QVector<Order>> m_orders;
    QHash<QString, QVector<AlgoOrder>> m_algoOrders;
    QVector<Income> m_income;
    QHash<QString, QVector<qsizetype>> m_incomeBySymbol;
    QVector<Position> m_positions;
    QMap<QPair<QString, int>, BookState> m_starting;
    qint64 m_maxFundingTranId = 0;
    qint64 m_maxOtherTranId = 0;
};

// A positionRisk row for a book, marked at the symbol's markPrice.
Position positionRow(const SymbolSpec& spec, PositionSide side, const BookState& book,
                     qint64 updateTime, const FeeSchedule& fees);

// Sort orders used everywhere.
bool fillLess(const Fill& a, const Fill& b);
bool orderLess(const Order& a, const Order& b);
bool incomeLess(const Income& a, const Income& b);

} // namespace fb::sim
