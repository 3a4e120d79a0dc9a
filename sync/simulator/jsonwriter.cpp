#include "sync/simulator/jsonwriter.h"

namespace fb::sim {
namespace {

// Small builder: `"key":` prefixes and values appended to one buffer.
class Object
{
public:
    explicit Object(qsizetype reserve) { m_out.reserve(reserve); }

    Object& text(const char* key, const QString& value)
    {
        this->key(key);
        appendString(m_out, value);
        return *this;
    }
    Object& number(const char* key, qint64 value)
    {
        this->key(key);
        m_out.append(QByteArray::number(value));
        return *this;
    }
    Object& decimal(const char* key, const Decimal& value)
    {
        this->key(key);
        m_out.append('"');
        appendDecimal(m_out, value);
        m_out.append('"');
        return *this;
    }
    Object& flag(const char* key, bool value)
    {
        this->key(key);
        m_out.append(value ? "true" : "false");
        return *this;
    }
    QByteArray finish()
    {
        m_out.append('}');
        return std::move(m_out);
    }

private:
    void key(const char* name)
    {
        m_out.append(m_out.isEmpty() ? "{\"" : ",\"");
        m_out.append(name);
        m_out.append("\":");
    }

    QByteArray m_out;
};

} // namespace

void appendDecimal(QByteArray& out, const Decimal& value)
{
    Decimal::Mantissa m = value.mantissa();
    const int scale = value.scale();
    char digits[48];
    int n = 0;
    const bool negative = m < 0;
    if (negative)
        m = -m;
    do {
        digits[n++] = static_cast<char>('0' + static_cast<int>(m % 10));
        m /= 10;
    } while (m > 0 || n <= scale);
    if (negative)
        out.append('-');
    for (int i = n - 1; i >= 0; --i) {
        out.append(digits[i]);
        if (i == scale && scale > 0)
            out.append('.');
    }
}

void appendString(QByteArray& out, const QString& value)
{
    out.append('"');
    for (QChar c : value) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out.append('\\');
            out.append(static_cast<char>(u));
        } else if (u >= 0x20 && u < 0x80) {
            out.append(static_cast<char>(u));
        } else if (u < 0x20) {
            static const char kHex[] = "0123456789abcdef";
            out.append("\\u00");
            out.append(kHex[u >> 4]);
            out.append(kHex[u & 0xf]);
        } else {
            out.append(QString(c).toUtf8()); // (surrogate pairs arrive as two QChars)
        }
    }
    out.append('"');
}

QByteArray recordJson(const Fill& f)
{
    if (!f.raw.isEmpty())
        return f.raw;
    return Object(320)
        .text("symbol", f.symbol)
        .number("id", f.id)
        .number("orderId", f.orderId)
        .text("side", sideName(f.side))
        .decimal("price", f.price)
        .decimal("qty", f.qty)
        .decimal("realizedPnl", f.realizedPnl)
        .text("marginAsset", f.marginAsset)
        .decimal("quoteQty", f.quoteQty)
        .decimal("commission", f.commission)
        .text("commissionAsset", f.commissionAsset)
        .number("time", f.time)
        .text("positionSide", positionSideName(f.positionSide))
        .flag("buyer", f.buyer)
        .flag("maker", f.maker)
        .finish();
}

QByteArray recordJson(const Income& i)
{
    if (!i.raw.isEmpty())
        return i.raw;
    return Object(200)
        .text("symbol", i.symbol)
        .text("incomeType", i.incomeType)
        .decimal("income", i.income)
        .text("asset", i.asset)
        .text("info", i.info)
        .number("time", i.time)
        .number("tranId", i.tranId)
        .text("tradeId", i.tradeId)
        .finish();
}

QByteArray recordJson(const Order& o)
{
    if (!o.raw.isEmpty())
        return o.raw;
    Object out(560);
    out.number("orderId", o.orderId)
        .text("symbol", o.symbol)
        .text("status", o.status)
        .text("clientOrderId", o.clientOrderId)
        .decimal("price", o.price)
        .decimal("avgPrice", o.avgPrice)
        .decimal("origQty", o.origQty)
        .decimal("executedQty", o.executedQty)
        .decimal("cumQuote", o.cumQuote)
        .text("timeInForce", o.timeInForce)
        .text("type", o.type)
        .flag("reduceOnly", o.reduceOnly)
        .flag("closePosition", o.closePosition)
        .text("side", sideName(o.side))
        .text("positionSide", positionSideName(o.positionSide))
        .decimal("stopPrice", o.stopPrice)
        .text("workingType", o.workingType)
        .flag("priceProtect", o.priceProtect)
        .text("origType", o.origType)
        .text("priceMatch", o.priceMatch)
        .text("selfTradePreventionMode", o.selfTradePreventionMode)
        .number("goodTillDate", o.goodTillDate)
        .number("time", o.time)
        .number("updateTime", o.updateTime);
    if (o.activatePrice)
        out.decimal("activatePrice", *o.activatePrice);
    if (o.priceRate)
        out.decimal("priceRate", *o.priceRate);
    return out.finish();
}

QByteArray recordJson(const Position& p)
{
    return p.raw.isEmpty() ? compactJson(p.toJson()) : p.raw;
}

} // namespace fb::sim
