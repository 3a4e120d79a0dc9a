#include "models/domain/records.h"

#include <QJsonDocument>
#include <QVariant>

#include <cmath>

namespace fb {

QString sideName(Side side)
{
    return side == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL");
}

QString positionSideName(PositionSide side)
{
    switch (side) {
    case PositionSide::Both:
        return QStringLiteral("BOTH");
    case PositionSide::Long:
        return QStringLiteral("LONG");
    case PositionSide::Short:
        return QStringLiteral("SHORT");
    }
    return QStringLiteral("BOTH");
}

std::optional<Side> parseSide(const QString& text)
{
    if (text == QLatin1String("BUY"))
        return Side::Buy;
    if (text == QLatin1String("SELL"))
        return Side::Sell;
    return std::nullopt;
}

std::optional<PositionSide> parsePositionSide(const QString& text)
{
    if (text == QLatin1String("BOTH"))
        return PositionSide::Both;
    if (text == QLatin1String("LONG"))
        return PositionSide::Long;
    if (text == QLatin1String("SHORT"))
        return PositionSide::Short;
    return std::nullopt;
}

QString marginAssetForSymbol(const QString& symbol)
{
    const QString base = symbol.section(QLatin1Char('_'), 0, 0); // delivery: BTCUSDT_250328
    for (const char* quote : {"USDT", "USDC", "BUSD", "FDUSD", "BTC"}) {
        if (base.endsWith(QLatin1String(quote)))
            return QLatin1String(quote);
    }
    return QStringLiteral("USDT");
}

namespace json {

std::optional<qint64> toInt64(const QJsonValue& value)
{
    if (value.isString()) {
        bool ok = false;
        const QString text = value.toString();
        const qint64 n = text.toLongLong(&ok);
        if (!ok || text.isEmpty() || text.startsWith(QLatin1Char('+')) || text.trimmed() != text)
            return std::nullopt;
        return n;
    }
    if (!value.isDouble())
        return std::nullopt;
    // Qt 6 keeps JSON integer literals that fit in 64 bits as exact integers; toVariant()
    // reveals which representation the parser chose. A double is accepted only while every
    // integer up to its magnitude is representable (2^53), so nothing is ever rounded.
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return variant.toLongLong();
    const double d = value.toDouble();
    constexpr double kExactLimit = 9007199254740992.0; // 2^53
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= kExactLimit)
        return static_cast<qint64>(d);
    return std::nullopt;
}

std::optional<Decimal> toDecimal(const QJsonValue& value)
{
    if (value.isString())
        return Decimal::parse(value.toString());
    if (const auto n = toInt64(value))
        return Decimal::fromInt(*n);
    return std::nullopt;
}

} // namespace json

namespace {

// Reads fields from one JSON object and remembers the first problem, so that a parser can read
// everything in a straight line and check once at the end.
class FieldReader
{
public:
    FieldReader(const QJsonObject& object, const char* what)
        : m_object(object)
        , m_what(what)
    {}

    qint64 id(const char* key, bool required = true)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, "is missing");
            return 0;
        }
        const auto n = json::toInt64(v);
        if (!n)
            fail(key, "is not an exact 64-bit integer");
        return n.value_or(0);
    }

    Decimal decimal(const char* key, bool required = true)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, "is missing");
            return {};
        }
        const auto d = json::toDecimal(v);
        if (!d)
            fail(key, "is not a decimal number");
        return d.value_or(Decimal());
    }

    std::optional<Decimal> optionalDecimal(const char* key)
    {
        if (!m_object.contains(QLatin1String(key)))
            return std::nullopt;
        return decimal(key);
    }

    QString text(const char* key, bool required = true)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isString())
            return v.toString();
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, "is missing");
            return {};
        }
        if (v.isDouble()) // tolerated: some fields are documented as both
            return json::toInt64(v) ? QString::number(*json::toInt64(v)) : QString();
        fail(key, "is not a string");
        return {};
    }

    bool flag(const char* key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isBool())
            return v.toBool();
        if (v.isString()) // "false" strings exist in the wild (isAutoAddMargin)
            return v.toString() == QLatin1String("true");
        return false;
    }

    Side side(const char* key)
    {
        const QString name = text(key);
        const auto s = parseSide(name);
        if (!s && m_error.isEmpty())
            fail(key, "is neither BUY nor SELL");
        return s.value_or(Side::Buy);
    }

    PositionSide positionSide(const char* key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            return PositionSide::Both; // absent in one-way-only payloads
        const auto s = parsePositionSide(v.toString());
        if (!s)
            fail(key, "is not BOTH, LONG or SHORT");
        return s.value_or(PositionSide::Both);
    }

    bool ok(QString* error) const
    {
        if (!m_error.isEmpty() && error)
            *error = m_error;
        return m_error.isEmpty();
    }

private:
    void fail(const char* key, const char* problem)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 field '%2' %3")
                          .arg(QLatin1String(m_what), QLatin1String(key), QLatin1String(problem));
    }

    const QJsonObject& m_object;
    const char* m_what;
    QString m_error;
};

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonValue idValue(qint64 id)
{
    return QJsonValue(id);
}

} // namespace

std::optional<Fill> Fill::fromJson(const QJsonObject& object, const QString& account,
                                   QString* error)
{
    FieldReader r(object, "fill");
    Fill f;
    f.account = account;
    f.symbol = r.text("symbol");
    f.id = r.id("id");
    f.orderId = r.id("orderId");
    f.side = r.side("side");
    f.price = r.decimal("price");
    f.qty = r.decimal("qty");
    f.quoteQty = r.decimal("quoteQty", false);
    f.realizedPnl = r.decimal("realizedPnl");
    f.commission = r.decimal("commission");
    f.commissionAsset = r.text("commissionAsset");
    f.marginAsset = r.text("marginAsset", false);
    if (f.marginAsset.isEmpty())
        f.marginAsset = marginAssetForSymbol(f.symbol);
    f.time = r.id("time");
    f.positionSide = r.positionSide("positionSide");
    f.buyer = r.flag("buyer");
    f.maker = r.flag("maker");
    f.raw = compact(object);
    if (!r.ok(error))
        return std::nullopt;
    return f;
}

QJsonObject Fill::toJson() const
{
    return QJsonObject{{QStringLiteral("symbol"), symbol},
                       {QStringLiteral("id"), idValue(id)},
                       {QStringLiteral("orderId"), idValue(orderId)},
                       {QStringLiteral("side"), sideName(side)},
                       {QStringLiteral("price"), price.toPlainString()},
                       {QStringLiteral("qty"), qty.toPlainString()},
                       {QStringLiteral("realizedPnl"), realizedPnl.toPlainString()},
                       {QStringLiteral("marginAsset"), marginAsset},
                       {QStringLiteral("quoteQty"), quoteQty.toPlainString()},
                       {QStringLiteral("commission"), commission.toPlainString()},
                       {QStringLiteral("commissionAsset"), commissionAsset},
                       {QStringLiteral("time"), idValue(time)},
                       {QStringLiteral("positionSide"), positionSideName(positionSide)},
                       {QStringLiteral("buyer"), buyer},
                       {QStringLiteral("maker"), maker}};
}

std::optional<Income> Income::fromJson(const QJsonObject& object, const QString& account,
                                       QString* error)
{
    FieldReader r(object, "income");
    Income i;
    i.account = account;
    i.symbol = r.text("symbol", false);
    i.incomeType = r.text("incomeType");
    i.income = r.decimal("income");
    i.asset = r.text("asset");
    i.info = r.text("info", false);
    i.time = r.id("time");
    i.tranId = r.id("tranId");
    i.tradeId = r.text("tradeId", false);
    i.raw = compact(object);
    if (!r.ok(error))
        return std::nullopt;
    return i;
}

QJsonObject Income::toJson() const
{
    return QJsonObject{{QStringLiteral("symbol"), symbol},
                       {QStringLiteral("incomeType"), incomeType},
                       {QStringLiteral("income"), income.toPlainString()},
                       {QStringLiteral("asset"), asset},
                       {QStringLiteral("info"), info},
                       {QStringLiteral("time"), idValue(time)},
                       {QStringLiteral("tranId"), idValue(tranId)},
                       {QStringLiteral("tradeId"), tradeId}};
}

std::optional<Order> Order::fromJson(const QJsonObject& object, const QString& account,
                                     QString* error)
{
    FieldReader r(object, "order");
    Order o;
    o.account = account;
    o.symbol = r.text("symbol");
    o.orderId = r.id("orderId");
    o.clientOrderId = r.text("clientOrderId", false);
    o.status = r.text("status");
    o.price = r.decimal("price", false);
    o.avgPrice = r.decimal("avgPrice", false);
    o.origQty = r.decimal("origQty", false);
    o.executedQty = r.decimal("executedQty", false);
    o.cumQuote = r.decimal("cumQuote", false);
    o.timeInForce = r.text("timeInForce", false);
    o.type = r.text("type", false);
    o.origType = r.text("origType", false);
    o.reduceOnly = r.flag("reduceOnly");
    o.closePosition = r.flag("closePosition");
    o.side = r.side("side");
    o.positionSide = r.positionSide("positionSide");
    o.stopPrice = r.decimal("stopPrice", false);
    o.workingType = r.text("workingType", false);
    o.priceProtect = r.flag("priceProtect");
    o.priceMatch = r.text("priceMatch", false);
    o.selfTradePreventionMode = r.text("selfTradePreventionMode", false);
    o.goodTillDate = r.id("goodTillDate", false);
    o.time = r.id("time");
    o.updateTime = r.id("updateTime", false);
    o.activatePrice = r.optionalDecimal("activatePrice");
    o.priceRate = r.optionalDecimal("priceRate");
    o.raw = compact(object);
    if (!r.ok(error))
        return std::nullopt;
    return o;
}

QJsonObject Order::toJson() const
{
    QJsonObject o{{QStringLiteral("orderId"), idValue(orderId)},
                  {QStringLiteral("symbol"), symbol},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("clientOrderId"), clientOrderId},
                  {QStringLiteral("price"), price.toPlainString()},
                  {QStringLiteral("avgPrice"), avgPrice.toPlainString()},
                  {QStringLiteral("origQty"), origQty.toPlainString()},
                  {QStringLiteral("executedQty"), executedQty.toPlainString()},
                  {QStringLiteral("cumQuote"), cumQuote.toPlainString()},
                  {QStringLiteral("timeInForce"), timeInForce},
                  {QStringLiteral("type"), type},
                  {QStringLiteral("reduceOnly"), reduceOnly},
                  {QStringLiteral("closePosition"), closePosition},
                  {QStringLiteral("side"), sideName(side)},
                  {QStringLiteral("positionSide"), positionSideName(positionSide)},
                  {QStringLiteral("stopPrice"), stopPrice.toPlainString()},
                  {QStringLiteral("workingType"), workingType},
                  {QStringLiteral("priceProtect"), priceProtect},
                  {QStringLiteral("origType"), origType},
                  {QStringLiteral("priceMatch"), priceMatch},
                  {QStringLiteral("selfTradePreventionMode"), selfTradePreventionMode},
                  {QStringLiteral("goodTillDate"), idValue(goodTillDate)},
                  {QStringLiteral("time"), idValue(time)},
                  {QStringLiteral("updateTime"), idValue(updateTime)}};
    if (activatePrice)
        o.insert(QStringLiteral("activatePrice"), activatePrice->toPlainString());
    if (priceRate)
        o.insert(QStringLiteral("priceRate"), priceRate->toPlainString());
    return o;
}

std::optional<qint64> AlgoOrder::actualOrderIdValue() const
{
    if (actualOrderId.isEmpty())
        return std::nullopt;
    const auto id = json::toInt64(QJsonValue(actualOrderId));
    if (!id || *id <= 0)
        return std::nullopt;
    return id;
}

std::optional<AlgoOrder> AlgoOrder::fromJson(const QJsonObject& object, const QString& account,
                                             QString* error)
{
    FieldReader r(object, "algo order");
    AlgoOrder o;
    o.account = account;
    o.symbol = r.text("symbol");
    o.algoId = r.id("algoId");
    o.clientAlgoId = r.text("clientAlgoId", false);
    o.algoType = r.text("algoType", false);
    o.orderType = r.text("orderType");
    o.side = r.side("side");
    o.positionSide = r.positionSide("positionSide");
    o.timeInForce = r.text("timeInForce", false);
    o.quantity = r.decimal("quantity", false);
    o.algoStatus = r.text("algoStatus");
    // A string on the wire ("" until triggered); a number is read exactly, never via a double.
    o.actualOrderId = r.text("actualOrderId", false);
    o.actualPrice = r.decimal("actualPrice", false);
    o.triggerPrice = r.decimal("triggerPrice", false);
    o.price = r.decimal("price", false);
    o.workingType = r.text("workingType", false);
    o.priceMatch = r.text("priceMatch", false);
    o.selfTradePreventionMode = r.text("selfTradePreventionMode", false);
    o.closePosition = r.flag("closePosition");
    o.priceProtect = r.flag("priceProtect");
    o.reduceOnly = r.flag("reduceOnly");
    o.createTime = r.id("createTime");
    o.updateTime = r.id("updateTime", false);
    o.triggerTime = r.id("triggerTime", false);
    o.goodTillDate = r.id("goodTillDate", false);
    o.raw = compact(object);
    if (!r.ok(error))
        return std::nullopt;
    if (!o.actualOrderId.isEmpty() && !o.actualOrderIdValue()) {
        if (error)
            *error = QStringLiteral("algo order field 'actualOrderId' is not an order id");
        return std::nullopt;
    }
    return o;
}

QJsonObject AlgoOrder::toJson() const
{
    return QJsonObject{{QStringLiteral("algoId"), idValue(algoId)},
                       {QStringLiteral("clientAlgoId"), clientAlgoId},
                       {QStringLiteral("algoType"), algoType},
                       {QStringLiteral("orderType"), orderType},
                       {QStringLiteral("symbol"), symbol},
                       {QStringLiteral("side"), sideName(side)},
                       {QStringLiteral("positionSide"), positionSideName(positionSide)},
                       {QStringLiteral("timeInForce"), timeInForce},
                       {QStringLiteral("quantity"), quantity.toPlainString()},
                       {QStringLiteral("algoStatus"), algoStatus},
                       {QStringLiteral("actualOrderId"), actualOrderId},
                       {QStringLiteral("actualPrice"), actualPrice.toPlainString()},
                       {QStringLiteral("triggerPrice"), triggerPrice.toPlainString()},
                       {QStringLiteral("price"), price.toPlainString()},
                       {QStringLiteral("icebergQuantity"), QJsonValue::Null},
                       {QStringLiteral("selfTradePreventionMode"), selfTradePreventionMode},
                       {QStringLiteral("workingType"), workingType},
                       {QStringLiteral("priceMatch"), priceMatch},
                       {QStringLiteral("closePosition"), closePosition},
                       {QStringLiteral("priceProtect"), priceProtect},
                       {QStringLiteral("reduceOnly"), reduceOnly},
                       {QStringLiteral("createTime"), idValue(createTime)},
                       {QStringLiteral("updateTime"), idValue(updateTime)},
                       {QStringLiteral("triggerTime"), idValue(triggerTime)},
                       {QStringLiteral("goodTillDate"), idValue(goodTillDate)}};
}

std::optional<Position> Position::fromJson(const QJsonObject& object, const QString& account,
                                           QString* error)
{
    FieldReader r(object, "position");
    Position p;
    p.account = account;
    p.symbol = r.text("symbol");
    p.positionSide = r.positionSide("positionSide");
    p.positionAmt = r.decimal("positionAmt");
    p.entryPrice = r.decimal("entryPrice", false);
    p.breakEvenPrice = r.decimal("breakEvenPrice", false);
    p.markPrice = r.decimal("markPrice", false);
    p.unRealizedProfit = r.decimal("unRealizedProfit", false);
    p.liquidationPrice = r.decimal("liquidationPrice", false);
    p.notional = r.decimal("notional", false);
    p.marginAsset = r.text("marginAsset", false);
    if (p.marginAsset.isEmpty())
        p.marginAsset = marginAssetForSymbol(p.symbol);
    p.updateTime = r.id("updateTime", false);
    p.raw = compact(object);
    if (!r.ok(error))
        return std::nullopt;
    return p;
}

QJsonObject Position::toJson() const
{
    return QJsonObject{{QStringLiteral("symbol"), symbol},
                       {QStringLiteral("positionSide"), positionSideName(positionSide)},
                       {QStringLiteral("positionAmt"), positionAmt.toPlainString()},
                       {QStringLiteral("entryPrice"), entryPrice.toPlainString()},
                       {QStringLiteral("breakEvenPrice"), breakEvenPrice.toPlainString()},
                       {QStringLiteral("markPrice"), markPrice.toPlainString()},
                       {QStringLiteral("unRealizedProfit"), unRealizedProfit.toPlainString()},
                       {QStringLiteral("liquidationPrice"), liquidationPrice.toPlainString()},
                       {QStringLiteral("isolatedMargin"), QStringLiteral("0")},
                       {QStringLiteral("notional"), notional.toPlainString()},
                       {QStringLiteral("marginAsset"), marginAsset},
                       {QStringLiteral("isolatedWallet"), QStringLiteral("0")},
                       {QStringLiteral("initialMargin"), QStringLiteral("0")},
                       {QStringLiteral("maintMargin"), QStringLiteral("0")},
                       {QStringLiteral("positionInitialMargin"), QStringLiteral("0")},
                       {QStringLiteral("openOrderInitialMargin"), QStringLiteral("0")},
                       {QStringLiteral("adl"), 1},
                       {QStringLiteral("bidNotional"), QStringLiteral("0")},
                       {QStringLiteral("askNotional"), QStringLiteral("0")},
                       {QStringLiteral("updateTime"), idValue(updateTime)}};
}

} // namespace fb
