#include "sync/simulator/account.h"

#include <algorithm>

namespace fb::sim {
namespace {

const QString kFunding = QStringLiteral("FUNDING_FEE");

template <typename T, typename Less> void insertSorted(QVector<T>& list, const T& item, Less less)
{
    if (list.isEmpty() || !less(item, list.constLast())) {
        list.append(item);
        return;
    }
    const auto at = std::upper_bound(list.begin(), list.end(), item, less);
    list.insert(at, item);
}

int sideKey(PositionSide side)
{
    return static_cast<int>(side);
}

} // namespace

bool fillLess(const Fill& a, const Fill& b)
{
    return a.time != b.time ? a.time < b.time : a.id < b.id;
}

bool orderLess(const Order& a, const Order& b)
{
    return a.time != b.time ? a.time < b.time : a.orderId < b.orderId;
}

bool incomeLess(const Income& a, const Income& b)
{
    if (a.time != b.time)
        return a.time < b.time;
    if (a.tranId != b.tranId)
        return a.tranId < b.tranId;
    return a.incomeType < b.incomeType;
}

void Account::addSymbol(const SymbolSpec& spec)
{
    if (const auto it = m_symbolIndex.constFind(spec.symbol); it != m_symbolIndex.constEnd()) {
        m_symbols[*it] = spec;
        return;
    }
    m_symbolIndex.insert(spec.symbol, m_symbols.size());
    m_symbols.append(spec);
}

const SymbolSpec* Account::symbol(const QString& name) const
{
    const auto it = m_symbolIndex.constFind(name);
    return it == m_symbolIndex.constEnd() ? nullptr : &m_symbols[*it];
}

QStringList Account::symbolNames() const
{
    QStringList names;
    names.reserve(m_symbols.size());
    for (const SymbolSpec& s : m_symbols)
        names.append(s.symbol);
    return names;
}

const QVector<Fill>& Account::fills(const QString& symbol) const
{
    static const QVector<Fill> kNone;
    const auto it = m_fills.constFind(symbol);
    return it == m_fills.constEnd() ? kNone : *it;
}

const QVector<Order>& Account::orders(const QString& symbol) const
{
    static const QVector<Order> kNone;
    const auto it = m_orders.constFind(symbol);
    return it == m_orders.constEnd() ? kNone : *it;
}

const QVector<qsizetype>& Account::incomeIndexOf(const QString& symbol) const
{
    static const QVector<qsizetype> kNone;
    const auto it = m_incomeBySymbol.constFind(symbol);
    return it == m_incomeBySymbol.constEnd() ? kNone : *it;
}

std::optional<Position> Account::position(const QString& symbol, PositionSide side) const
{
    for (const Position& p : m_positions) {
        if (p.symbol == symbol && p.positionSide == side)
            return p;
    }
    return std::nullopt;
}

qsizetype Account::fillCount() const
{
    qsizetype n = 0;
    for (const auto& list : m_fills)
        n += list.size();
    return n;
}

const QVector<AlgoOrder>& Account::algoOrders(const QString& symbol) const
{
    static const QVector<AlgoOrder> kNone;
    const auto it = m_algoOrders.constFind(symbol);
    return it == m_algoOrders.constEnd() ? kNone : *it;
}

void Account::setAlgoOrders(const QString& symbol, QVector<AlgoOrder> algoOrders)
{
    std::sort(algoOrders.begin(), algoOrders.end(),
              [](const AlgoOrder& a, const AlgoOrder& b) { return a.algoId < b.algoId; });
    m_algoOrders.insert(symbol, std::move(algoOrders));
}

qsizetype Account::algoOrderCount() const
{
    qsizetype n = 0;
    for (const auto& list : m_algoOrders)
        n += list.size();
    return n;
}

qsizetype Account::orderCount() const
{
    qsizetype n = 0;
    for (const auto& list : m_orders)
        n += list.size();
    return n;
}

Decimal Account::startingAmount(const QString& symbol, PositionSide side) const
{
    return m_starting.value({symbol, sideKey(side)}).amount;
}

void Account::setStartingPosition(const QString& symbol, PositionSide side, const BookState& state)
{
    if (state.amount.isZero())
        m_starting.remove({symbol, sideKey(side)});
    else
        m_starting.insert({symbol, sideKey(side)}, state);
}

void Account::setRecords(QVector<Fill> fills, QVector<Income> income, QVector<Order> orders,
                         QVector<Position> positions)
{
    QHash<QString, QVector<Fill>> fillsBySymbol;
    QHash<QString, QVector<Order>> ordersBySymbol;
    for (Fill& f : fills)
        fillsBySymbol[f.symbol].append(std::move(f));
    for (Order& o : orders)
        ordersBySymbol[o.symbol].append(std::move(o));
    m_fills.clear();
    m_orders.clear();
    QStringList symbols = fillsBySymbol.keys() + ordersBySymbol.keys();
    symbols.removeDuplicates();
    for (const QString& symbol : symbols)
        setSymbolRecords(symbol, fillsBySymbol.take(symbol), ordersBySymbol.take(symbol));
    setIncome(std::move(income));
    setPositions(positions);
}

void Account::setSymbolRecords(const QString& symbol, QVector<Fill> fills, QVector<Order> orders)
{
    fills.removeIf([&](const Fill& f) { return f.symbol != symbol; });
    orders.removeIf([&](const Order& o) { return o.symbol != symbol; });
    if (!std::is_sorted(fills.begin(), fills.end(), fillLess))
        std::stable_sort(fills.begin(), fills.end(), fillLess);
    if (!std::is_sorted(orders.begin(), orders.end(), orderLess))
        std::stable_sort(orders.begin(), orders.end(), orderLess);
    m_fills.insert(symbol, std::move(fills));
    m_orders.insert(symbol, std::move(orders));
}

void Account::setIncome(QVector<Income> income)
{
    m_income = std::move(income);
    if (!std::is_sorted(m_income.begin(), m_income.end(), incomeLess))
        std::stable_sort(m_income.begin(), m_income.end(), incomeLess);
    m_maxFundingTranId = 0;
    m_maxOtherTranId = 0;
    for (const Income& row : m_income)
        noteTranId(row);
    rebuildIncomeIndex();
}

void Account::setPositions(const QVector<Position>& positions)
{
    m_positions.clear();
    for (const Position& p : positions)
        setPosition(p);
}

void Account::rebuildIncomeIndex()
{
    m_incomeBySymbol.clear();
    for (qsizetype i = 0; i < m_income.size(); ++i)
        m_incomeBySymbol[m_income[i].symbol].append(i);
}

void Account::noteTranId(const Income& row)
{
    qint64& max = row.incomeType == kFunding ? m_maxFundingTranId : m_maxOtherTranId;
    max = std::max(max, row.tranId);
}

void Account::appendFill(const Fill& fill)
{
    insertSorted(m_fills[fill.symbol], fill, fillLess);
}

void Account::appendOrder(const Order& order)
{
    QVector<Order>& list = m_orders[order.symbol];
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list[i].orderId == order.orderId) {
            list.removeAt(i);
            break;
        }
    }
    insertSorted(list, order, orderLess);
}

void Account::appendIncome(const Income& row)
{
    noteTranId(row);
    if (m_income.isEmpty() || !incomeLess(row, m_income.constLast())) {
        m_incomeBySymbol[row.symbol].append(m_income.size());
        m_income.append(row);
        return;
    }
    insertSorted(m_income, row, incomeLess);
    rebuildIncomeIndex();
}

void Account::setPosition(const Position& position)
{
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        if (m_positions[i].symbol == position.symbol &&
            m_positions[i].positionSide == position.positionSide) {
            m_positions.removeAt(i);
            break;
        }
    }
    if (position.positionAmt.isZero())
        return;
    const auto less = [](const Position& a, const Position& b) {
        return a.symbol != b.symbol ? a.symbol < b.symbol : a.positionSide < b.positionSide;
    };
    m_positions.insert(std::upper_bound(m_positions.begin(), m_positions.end(), position, less),
                       position);
}

qint64 Account::nextFillId(const QString& symbol) const
{
    qint64 max = 0;
    for (const Fill& f : fills(symbol))
        max = std::max(max, f.id);
    return max > 0 ? max + 1 : 100000001;
}

qint64 Account::nextOrderId(const QString& symbol) const
{
    qint64 max = 0;
    for (const Order& o : orders(symbol))
        max = std::max(max, o.orderId);
    return max > 0 ? max + 1 : 4000000001LL;
}

qint64 Account::nextTranId(const QString& incomeType) const
{
    const qint64 max = incomeType == kFunding ? m_maxFundingTranId : m_maxOtherTranId;
    return max > 0 ? max + 1 : 1000000001LL;
}

Position positionRow(const SymbolSpec& spec, PositionSide side, const BookState& book,
                     qint64 updateTime, const FeeSchedule& fees)
{
    Position p;
    p.symbol = spec.symbol;
    p.positionSide = side;
    p.positionAmt = book.amount;
    p.entryPrice = book.entryPrice.normalized();
    // Break-even covers the taker fee of opening and closing (approximate, as on the website).
    const Decimal fee = book.entryPrice * fees.takerRate * Decimal::fromInt(2);
    p.breakEvenPrice = (book.amount.isNegative() ? book.entryPrice - fee : book.entryPrice + fee)
                           .roundHalfEven(kMoneyScale)
                           .normalized();
    p.markPrice = toScale(spec.markPrice, kMoneyScale);
    p.unRealizedProfit = toScale((spec.markPrice - book.entryPrice) * book.amount, kMoneyScale);
    p.liquidationPrice = Decimal::fromInt(0);
    p.notional = toScale(spec.markPrice * book.amount, kMoneyScale);
    p.marginAsset = spec.quoteAsset;
    p.updateTime = updateTime;
    return p;
}

Fill Account::trade(const TradeRequest& request)
{
    const SymbolSpec* spec = symbol(request.symbol);
    Q_ASSERT_X(spec, "Account::trade", "unknown symbol");
    if (!spec)
        return {};
    BookState book;
    if (const auto current = position(request.symbol, request.positionSide)) {
        book.amount = current->positionAmt;
        book.entryPrice = current->entryPrice;
    }
    const Decimal signedQty = request.side == Side::Buy ? request.qty : -request.qty;
    const FillEffect effect = applyFill(book, signedQty, request.price);

    Fill f;
    f.symbol = request.symbol;
    f.id = nextFillId(request.symbol);
    f.orderId = nextOrderId(request.symbol);
    f.side = request.side;
    f.price = request.price;
    f.qty = request.qty;
    f.quoteQty = productKeepingScale(request.price, request.qty);
    f.realizedPnl = effect.realizedPnl;
    f.commission = fees.commission(f.quoteQty, request.maker, request.payInBnb);
    f.commissionAsset = request.payInBnb ? QStringLiteral("BNB") : spec->quoteAsset;
    f.marginAsset = spec->quoteAsset;
    f.time = request.time;
    f.positionSide = request.positionSide;
    f.buyer = request.side == Side::Buy;
    f.maker = request.maker;
    appendFill(f);

    Order o;
    o.symbol = f.symbol;
    o.orderId = f.orderId;
    o.clientOrderId = request.clientOrderId.isEmpty() ? QStringLiteral("sim_%1").arg(f.orderId)
                                                      : request.clientOrderId;
    o.status = QStringLiteral("FILLED");
    o.type = request.maker ? QStringLiteral("LIMIT") : QStringLiteral("MARKET");
    o.origType = o.type;
    o.price = request.maker ? request.price : Decimal::fromInt(0);
    o.avgPrice = request.price;
    o.origQty = request.qty;
    o.executedQty = request.qty;
    o.cumQuote = f.quoteQty;
    o.timeInForce = QStringLiteral("GTC");
    o.side = request.side;
    o.positionSide = request.positionSide;
    o.stopPrice = Decimal::fromInt(0);
    o.workingType = QStringLiteral("CONTRACT_PRICE");
    o.priceMatch = QStringLiteral("NONE");
    o.selfTradePreventionMode = QStringLiteral("EXPIRE_MAKER");
    o.time = request.time;
    o.updateTime = request.time;
    appendOrder(o);

    Income commission;
    commission.symbol = f.symbol;
    commission.incomeType = QStringLiteral("COMMISSION");
    commission.income = -f.commission;
    commission.asset = f.commissionAsset;
    commission.info = commission.incomeType;
    commission.time = f.time;
    commission.tranId = nextTranId(commission.incomeType);
    commission.tradeId = QString::number(f.id);
    appendIncome(commission);
    if (effect.closedQty.isPositive()) {
        Income pnl = commission;
        pnl.incomeType = QStringLiteral("REALIZED_PNL");
        pnl.info = pnl.incomeType;
        pnl.income = f.realizedPnl;
        pnl.asset = spec->quoteAsset;
        pnl.tranId = nextTranId(pnl.incomeType);
        appendIncome(pnl);
    }

    SymbolSpec updated = *spec;
    updated.markPrice = request.price;
    addSymbol(updated);
    setPosition(positionRow(updated, request.positionSide, book, request.time, fees));
    return f;
}

bool Account::addFunding(const QString& name, qint64 time, const Decimal& rate)
{
    const SymbolSpec* spec = symbol(name);
    if (!spec)
        return false;
    Decimal net;
    bool open = false;
    for (const Position& p : m_positions) {
        if (p.symbol == name) {
            net += p.positionAmt;
            open = true;
        }
    }
    if (!open)
        return false;
    Income row;
    row.symbol = name;
    row.incomeType = kFunding;
    row.income = toScale(-(net * spec->markPrice * rate), kMoneyScale);
    row.asset = spec->quoteAsset;
    row.info = kFunding;
    row.time = time;
    row.tranId = nextTranId(kFunding);
    appendIncome(row);
    return true;
}

Income Account::addTransfer(qint64 time, const QString& asset, const Decimal& amount)
{
    Income row;
    row.incomeType = QStringLiteral("TRANSFER");
    row.income = toScale(amount, kMoneyScale);
    row.asset = asset;
    row.info = row.incomeType;
    row.time = time;
    row.tranId = nextTranId(row.incomeType);
    appendIncome(row);
    return row;
}

} // namespace fb::sim
