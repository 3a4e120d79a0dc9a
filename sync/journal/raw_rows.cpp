#include "sync/journal/raw_rows.h"

#include "sync/journal/journal_error.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fb::journal::detail {

namespace {

QString keyCondition(const QStringList& keys)
{
    QStringList parts;
    for (const QString& key : keys)
        parts.append(key + QStringLiteral(" = ?"));
    return parts.join(QStringLiteral(" AND "));
}

void requireText(const QString& value, const char* what, const char* field)
{
    if (value.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Cannot store a %1 without %2.")
                               .arg(QLatin1String(what), QLatin1String(field)));
}

// Records built in code (tests, the simulator) may have no raw text: store the API shape then,
// so raw_json is never empty. (Only then: toJson() is far too slow for the hot path.)
template <typename Record> QByteArray rawOrJson(const Record& record)
{
    return record.raw.isEmpty() ? QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact)
                                : record.raw;
}

// Enum names as ready bytes: binding them is then a reference count, not a conversion.
const QByteArray& sideText(Side side)
{
    static const QByteArray buy = QByteArrayLiteral("BUY");
    static const QByteArray sell = QByteArrayLiteral("SELL");
    return side == Side::Buy ? buy : sell;
}

const QByteArray& positionSideText(PositionSide side)
{
    static const QByteArray both = QByteArrayLiteral("BOTH");
    static const QByteArray longSide = QByteArrayLiteral("LONG");
    static const QByteArray shortSide = QByteArrayLiteral("SHORT");
    switch (side) {
    case PositionSide::Long:
        return longSide;
    case PositionSide::Short:
        return shortSide;
    case PositionSide::Both:
        break;
    }
    return both;
}

std::optional<QString> optionalDecimalText(const std::optional<Decimal>& value)
{
    if (!value)
        return std::nullopt;
    return value->toPlainString();
}

QByteArray rawAt(const QSqlQuery& query, int column)
{
    return query.value(column).toString().toUtf8();
}

} // namespace

QString RawTable::insertSql() const
{
    const QStringList columns =
        keyColumns + valueColumns +
        QStringList{QStringLiteral("raw_json"), QStringLiteral("first_seen_at"),
                    QStringLiteral("updated_at")};
    // Single-row statements: with a statement prepared once per connection, SQLite's own
    // per-row cost is all that is left, and a known key is seen by its change count of 0.
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO NOTHING")
        .arg(table, columns.join(QStringLiteral(", ")), placeholders(columns.size()),
             keyColumns.join(QStringLiteral(", ")));
}

QString RawTable::selectStoredSql() const
{
    QString columns = QStringLiteral("raw_json, version");
    if (!progressColumn.isEmpty())
        columns += QStringLiteral(", ") + progressColumn;
    return QStringLiteral("SELECT %1 FROM %2 WHERE %3")
        .arg(columns, table, keyCondition(keyColumns));
}

QString RawTable::updateSql() const
{
    QStringList sets;
    for (const QString& column : valueColumns)
        sets.append(column + QStringLiteral(" = ?"));
    sets.append(QStringLiteral("raw_json = ?"));
    sets.append(QStringLiteral("updated_at = ?"));
    sets.append(QStringLiteral("version = version + 1"));
    return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
        .arg(table, sets.join(QStringLiteral(", ")), keyCondition(keyColumns));
}

QString RawTable::selectRowSql() const
{
    return QStringLiteral("SELECT %1, raw_json FROM %2 ")
        .arg((keyColumns + valueColumns).join(QStringLiteral(", ")), table);
}

// ---- fills -------------------------------------------------------------------------------

const RawTable& RawTraits<Fill>::table()
{
    static const RawTable t{
        RecordKind::Fill,
        QStringLiteral("fills"),
        {QStringLiteral("account"), QStringLiteral("symbol"), QStringLiteral("id")},
        {QStringLiteral("order_id"), QStringLiteral("side"), QStringLiteral("price"),
         QStringLiteral("qty"), QStringLiteral("quote_qty"), QStringLiteral("realized_pnl"),
         QStringLiteral("commission"), QStringLiteral("commission_asset"),
         QStringLiteral("margin_asset"), QStringLiteral("time"), QStringLiteral("position_side"),
         QStringLiteral("buyer"), QStringLiteral("maker")},
        QString()};
    return t;
}

void RawTraits<Fill>::bindKey(Binder& bind, const Fill& fill)
{
    bind(fill.account);
    bind(fill.symbol);
    bind(fill.id);
}

void RawTraits<Fill>::bindValues(Binder& bind, const Fill& fill)
{
    bind(fill.orderId);
    bind(sideText(fill.side));
    bind(fill.price);
    bind(fill.qty);
    bind(fill.quoteQty);
    bind(fill.realizedPnl);
    bind(fill.commission);
    bind(fill.commissionAsset);
    bind(fill.marginAsset);
    bind(fill.time);
    bind(positionSideText(fill.positionSide));
    bind(fill.buyer);
    bind(fill.maker);
}

QString RawTraits<Fill>::naturalKey(const Fill& fill)
{
    return RawStore::fillKey(fill.account, fill.symbol, fill.id);
}

void RawTraits<Fill>::validate(const Fill& fill)
{
    requireText(fill.account, "fill", "an account");
    requireText(fill.symbol, "fill", "a symbol");
}

QByteArray RawTraits<Fill>::raw(const Fill& fill)
{
    return rawOrJson(fill);
}

Fill RawTraits<Fill>::read(const QSqlQuery& q)
{
    Fill f;
    f.account = q.value(0).toString();
    f.symbol = q.value(1).toString();
    f.id = q.value(2).toLongLong();
    f.orderId = q.value(3).toLongLong();
    f.side = readSide(q, 4);
    f.price = readDecimal(q, 5);
    f.qty = readDecimal(q, 6);
    f.quoteQty = readDecimal(q, 7);
    f.realizedPnl = readDecimal(q, 8);
    f.commission = readDecimal(q, 9);
    f.commissionAsset = q.value(10).toString();
    f.marginAsset = q.value(11).toString();
    f.time = q.value(12).toLongLong();
    f.positionSide = readPositionSide(q, 13);
    f.buyer = q.value(14).toLongLong() != 0;
    f.maker = q.value(15).toLongLong() != 0;
    f.raw = rawAt(q, 16);
    return f;
}

// ---- income ------------------------------------------------------------------------------

const RawTable& RawTraits<Income>::table()
{
    static const RawTable t{
        RecordKind::Income,
        QStringLiteral("income"),
        {QStringLiteral("account"), QStringLiteral("income_type"), QStringLiteral("tran_id")},
        {QStringLiteral("symbol"), QStringLiteral("income"), QStringLiteral("asset"),
         QStringLiteral("info"), QStringLiteral("time"), QStringLiteral("trade_id")},
        QString()};
    return t;
}

void RawTraits<Income>::bindKey(Binder& bind, const Income& income)
{
    bind(income.account);
    bind(income.incomeType);
    bind(income.tranId);
}

void RawTraits<Income>::bindValues(Binder& bind, const Income& income)
{
    // NOT NULL text columns: a null QString would bind as NULL, so bind "" explicitly.
    bind(income.symbol);
    bind(income.income);
    bind(income.asset);
    bind(income.info);
    bind(income.time);
    bind(income.tradeId);
}

QString RawTraits<Income>::naturalKey(const Income& income)
{
    return RawStore::incomeKey(income.account, income.incomeType, income.tranId);
}

void RawTraits<Income>::validate(const Income& income)
{
    requireText(income.account, "income row", "an account");
    requireText(income.incomeType, "income row", "an income type");
    requireText(income.asset, "income row", "an asset");
}

QByteArray RawTraits<Income>::raw(const Income& income)
{
    return rawOrJson(income);
}

Income RawTraits<Income>::read(const QSqlQuery& q)
{
    Income i;
    i.account = q.value(0).toString();
    i.incomeType = q.value(1).toString();
    i.tranId = q.value(2).toLongLong();
    i.symbol = q.value(3).toString();
    i.income = readDecimal(q, 4);
    i.asset = q.value(5).toString();
    i.info = q.value(6).toString();
    i.time = q.value(7).toLongLong();
    i.tradeId = q.value(8).toString();
    i.raw = rawAt(q, 9);
    return i;
}

// ---- orders ------------------------------------------------------------------------------

const RawTable& RawTraits<Order>::table()
{
    static const RawTable t{
        RecordKind::Order,
        QStringLiteral("orders"),
        {QStringLiteral("account"), QStringLiteral("symbol"), QStringLiteral("order_id")},
        {QStringLiteral("client_order_id"),
         QStringLiteral("status"),
         QStringLiteral("price"),
         QStringLiteral("avg_price"),
         QStringLiteral("orig_qty"),
         QStringLiteral("executed_qty"),
         QStringLiteral("cum_quote"),
         QStringLiteral("time_in_force"),
         QStringLiteral("type"),
         QStringLiteral("orig_type"),
         QStringLiteral("reduce_only"),
         QStringLiteral("close_position"),
         QStringLiteral("side"),
         QStringLiteral("position_side"),
         QStringLiteral("stop_price"),
         QStringLiteral("working_type"),
         QStringLiteral("price_protect"),
         QStringLiteral("price_match"),
         QStringLiteral("stp_mode"),
         QStringLiteral("good_till_date"),
         QStringLiteral("time"),
         QStringLiteral("update_time"),
         QStringLiteral("activate_price"),
         QStringLiteral("price_rate")},
        QStringLiteral("update_time")};
    return t;
}

void RawTraits<Order>::bindKey(Binder& bind, const Order& order)
{
    bind(order.account);
    bind(order.symbol);
    bind(order.orderId);
}

void RawTraits<Order>::bindValues(Binder& bind, const Order& o)
{
    bind(o.clientOrderId);
    bind(o.status);
    bind(o.price);
    bind(o.avgPrice);
    bind(o.origQty);
    bind(o.executedQty);
    bind(o.cumQuote);
    bind(o.timeInForce);
    bind(o.type);
    bind(o.origType);
    bind(o.reduceOnly);
    bind(o.closePosition);
    bind(sideText(o.side));
    bind(positionSideText(o.positionSide));
    bind(o.stopPrice);
    bind(o.workingType);
    bind(o.priceProtect);
    bind(o.priceMatch);
    bind(o.selfTradePreventionMode);
    bind(o.goodTillDate);
    bind(o.time);
    bind(o.updateTime);
    bind(optionalDecimalText(o.activatePrice));
    bind(optionalDecimalText(o.priceRate));
}

QString RawTraits<Order>::naturalKey(const Order& order)
{
    return RawStore::orderKey(order.account, order.symbol, order.orderId);
}

void RawTraits<Order>::validate(const Order& order)
{
    requireText(order.account, "order", "an account");
    requireText(order.symbol, "order", "a symbol");
    requireText(order.status, "order", "a status");
}

QByteArray RawTraits<Order>::raw(const Order& order)
{
    return rawOrJson(order);
}

Order RawTraits<Order>::read(const QSqlQuery& q)
{
    Order o;
    o.account = q.value(0).toString();
    o.symbol = q.value(1).toString();
    o.orderId = q.value(2).toLongLong();
    o.clientOrderId = q.value(3).toString();
    o.status = q.value(4).toString();
    o.price = readDecimal(q, 5);
    o.avgPrice = readDecimal(q, 6);
    o.origQty = readDecimal(q, 7);
    o.executedQty = readDecimal(q, 8);
    o.cumQuote = readDecimal(q, 9);
    o.timeInForce = q.value(10).toString();
    o.type = q.value(11).toString();
    o.origType = q.value(12).toString();
    o.reduceOnly = q.value(13).toLongLong() != 0;
    o.closePosition = q.value(14).toLongLong() != 0;
    o.side = readSide(q, 15);
    o.positionSide = readPositionSide(q, 16);
    o.stopPrice = readDecimal(q, 17);
    o.workingType = q.value(18).toString();
    o.priceProtect = q.value(19).toLongLong() != 0;
    o.priceMatch = q.value(20).toString();
    o.selfTradePreventionMode = q.value(21).toString();
    o.goodTillDate = q.value(22).toLongLong();
    o.time = q.value(23).toLongLong();
    o.updateTime = q.value(24).toLongLong();
    o.activatePrice = readOptionalDecimal(q, 25);
    o.priceRate = readOptionalDecimal(q, 26);
    o.raw = rawAt(q, 27);
    return o;
}

// ---- algo orders (schema v12) ------------------------------------------------------------

const RawTable& RawTraits<AlgoOrder>::table()
{
    static const RawTable t{RecordKind::AlgoOrder,
                            QStringLiteral("algo_orders"),
                            {QStringLiteral("account"), QStringLiteral("algo_id")},
                            {QStringLiteral("symbol"),         QStringLiteral("client_algo_id"),
                             QStringLiteral("algo_type"),      QStringLiteral("order_type"),
                             QStringLiteral("side"),           QStringLiteral("position_side"),
                             QStringLiteral("time_in_force"),  QStringLiteral("quantity"),
                             QStringLiteral("algo_status"),    QStringLiteral("actual_order_id"),
                             QStringLiteral("actual_price"),   QStringLiteral("trigger_price"),
                             QStringLiteral("price"),          QStringLiteral("working_type"),
                             QStringLiteral("price_match"),    QStringLiteral("stp_mode"),
                             QStringLiteral("close_position"), QStringLiteral("price_protect"),
                             QStringLiteral("reduce_only"),    QStringLiteral("create_time"),
                             QStringLiteral("update_time"),    QStringLiteral("trigger_time"),
                             QStringLiteral("good_till_date")},
                            QStringLiteral("update_time")};
    return t;
}

void RawTraits<AlgoOrder>::bindKey(Binder& bind, const AlgoOrder& algo)
{
    bind(algo.account);
    bind(algo.algoId);
}

void RawTraits<AlgoOrder>::bindValues(Binder& bind, const AlgoOrder& o)
{
    bind(o.symbol);
    bind(o.clientAlgoId);
    bind(o.algoType);
    bind(o.orderType);
    bind(sideText(o.side));
    bind(positionSideText(o.positionSide));
    bind(o.timeInForce);
    bind(o.quantity);
    bind(o.algoStatus);
    bind(o.actualOrderId);
    bind(o.actualPrice);
    bind(o.triggerPrice);
    bind(o.price);
    bind(o.workingType);
    bind(o.priceMatch);
    bind(o.selfTradePreventionMode);
    bind(o.closePosition);
    bind(o.priceProtect);
    bind(o.reduceOnly);
    bind(o.createTime);
    bind(o.updateTime);
    bind(o.triggerTime);
    bind(o.goodTillDate);
}

QString RawTraits<AlgoOrder>::naturalKey(const AlgoOrder& algo)
{
    return RawStore::algoOrderKey(algo.account, algo.algoId);
}

void RawTraits<AlgoOrder>::validate(const AlgoOrder& algo)
{
    requireText(algo.account, "algo order", "an account");
    requireText(algo.symbol, "algo order", "a symbol");
    requireText(algo.algoStatus, "algo order", "a status");
}

QByteArray RawTraits<AlgoOrder>::raw(const AlgoOrder& algo)
{
    return rawOrJson(algo);
}

AlgoOrder RawTraits<AlgoOrder>::read(const QSqlQuery& q)
{
    AlgoOrder o;
    o.account = q.value(0).toString();
    o.algoId = q.value(1).toLongLong();
    o.symbol = q.value(2).toString();
    o.clientAlgoId = q.value(3).toString();
    o.algoType = q.value(4).toString();
    o.orderType = q.value(5).toString();
    o.side = readSide(q, 6);
    o.positionSide = readPositionSide(q, 7);
    o.timeInForce = q.value(8).toString();
    o.quantity = readDecimal(q, 9);
    o.algoStatus = q.value(10).toString();
    o.actualOrderId = q.value(11).toString();
    o.actualPrice = readDecimal(q, 12);
    o.triggerPrice = readDecimal(q, 13);
    o.price = readDecimal(q, 14);
    o.workingType = q.value(15).toString();
    o.priceMatch = q.value(16).toString();
    o.selfTradePreventionMode = q.value(17).toString();
    o.closePosition = q.value(18).toLongLong() != 0;
    o.priceProtect = q.value(19).toLongLong() != 0;
    o.reduceOnly = q.value(20).toLongLong() != 0;
    o.createTime = q.value(21).toLongLong();
    o.updateTime = q.value(22).toLongLong();
    o.triggerTime = q.value(23).toLongLong();
    o.goodTillDate = q.value(24).toLongLong();
    o.raw = rawAt(q, 25);
    return o;
}

// ---- positions ---------------------------------------------------------------------------

QString positionColumns()
{
    return QStringLiteral("account, symbol, position_side, position_amt, entry_price, "
                          "break_even_price, mark_price, unrealized_profit, liquidation_price, "
                          "notional, margin_asset, update_time, raw_json, fetched_at");
}

void bindPosition(Statement& insert, const Position& p, qint64 fetchedAt)
{
    Binder bind(insert);
    bind(p.account);
    bind(p.symbol);
    bind(positionSideName(p.positionSide));
    bind(p.positionAmt);
    bind(p.entryPrice);
    bind(p.breakEvenPrice);
    bind(p.markPrice);
    bind(p.unRealizedProfit);
    bind(p.liquidationPrice);
    bind(p.notional);
    bind(p.marginAsset);
    bind(p.updateTime);
    bind(rawOrJson(p));
    bind(fetchedAt);
}

Position readPosition(const QSqlQuery& q)
{
    Position p;
    p.account = q.value(0).toString();
    p.symbol = q.value(1).toString();
    p.positionSide = readPositionSide(q, 2);
    p.positionAmt = readDecimal(q, 3);
    p.entryPrice = readDecimal(q, 4);
    p.breakEvenPrice = readDecimal(q, 5);
    p.markPrice = readDecimal(q, 6);
    p.unRealizedProfit = readDecimal(q, 7);
    p.liquidationPrice = readDecimal(q, 8);
    p.notional = readDecimal(q, 9);
    p.marginAsset = q.value(10).toString();
    p.updateTime = q.value(11).toLongLong();
    p.raw = rawAt(q, 12);
    return p;
}

} // namespace fb::journal::detail
