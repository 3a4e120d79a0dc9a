#include "tests/support/records.h"

#include <QJsonDocument>
#include <QStringList>
#include <QtGlobal>

#include <tuple>

using namespace fb;

namespace fbtest {

Decimal dec(const QString& text)
{
    const auto value = Decimal::parse(text);
    if (!value)
        qFatal("test decimal %s did not parse", qPrintable(text));
    return *value;
}

Decimal dec(const char* text)
{
    return dec(QString::fromLatin1(text));
}

qint64 toId(const QString& text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        qFatal("test integer %s did not parse", qPrintable(text));
    return value;
}

std::pair<Decimal, QString> amountWithAsset(const QString& text, const QString& fallback)
{
    const QString asset = text.section(QLatin1Char(':'), 1, 1);
    return {dec(text.section(QLatin1Char(':'), 0, 0)), asset.isEmpty() ? fallback : asset};
}

// --- compact text ------------------------------------------------------------------------------

Fill fill(const QString& spec)
{
    const QStringList tokens = spec.simplified().split(QLatin1Char(' '));
    if (tokens.size() < 3)
        qFatal("bad fill spec %s", qPrintable(spec));
    Fill f;
    f.account = kAccount;
    f.symbol = kSymbol;
    f.id = toId(tokens[0].section(QLatin1Char('@'), 0, 0));
    f.time = toId(tokens[0].section(QLatin1Char('@'), 1, 1));
    f.orderId = f.id;
    f.side = parseSide(tokens[1]).value();
    f.qty = dec(tokens[2].section(QLatin1Char('@'), 0, 0));
    f.price = dec(tokens[2].section(QLatin1Char('@'), 1, 1));
    f.realizedPnl = dec("0");
    f.commission = dec("0");
    f.commissionAsset = QStringLiteral("USDT");
    f.marginAsset = QStringLiteral("USDT");
    for (const QString& token : tokens.mid(3)) {
        const QString name = token.section(QLatin1Char('='), 0, 0);
        const QString value = token.section(QLatin1Char('='), 1);
        if (name == QLatin1String("pnl"))
            f.realizedPnl = dec(value);
        else if (name == QLatin1String("fee"))
            std::tie(f.commission, f.commissionAsset) = amountWithAsset(value, f.commissionAsset);
        else if (name == QLatin1String("ps"))
            f.positionSide = parsePositionSide(value).value();
        else if (name == QLatin1String("o"))
            f.orderId = toId(value);
        else
            qFatal("bad fill token %s", qPrintable(token));
    }
    return f;
}

QVector<Fill> fills(const QString& specs)
{
    QVector<Fill> result;
    for (const QString& spec : specs.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        result.append(fill(spec));
    return result;
}

Income fundingRow(const QString& spec)
{
    Income row;
    row.account = kAccount;
    row.symbol = kSymbol;
    row.incomeType = QStringLiteral("FUNDING_FEE");
    const QString head = spec.section(QLatin1Char('='), 0, 0);
    row.tranId = toId(head.section(QLatin1Char('@'), 0, 0));
    row.time = toId(head.section(QLatin1Char('@'), 1, 1));
    std::tie(row.income, row.asset) =
        amountWithAsset(spec.section(QLatin1Char('='), 1), QStringLiteral("USDT"));
    return row;
}

SymbolHistory history(const QString& fillSpecs, const QString& positions, const QString& orders,
                      const QString& funding)
{
    SymbolHistory h;
    h.account = kAccount;
    h.symbol = kSymbol;
    h.fills = fills(fillSpecs);
    for (const QString& p : positions.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        h.currentPosition.insert(parsePositionSide(p.section(QLatin1Char('='), 0, 0)).value(),
                                 dec(p.section(QLatin1Char('='), 1)));
    for (const QString& o : orders.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        h.clientOrderIds.insert(toId(o.section(QLatin1Char('='), 0, 0)),
                                o.section(QLatin1Char('='), 1));
    for (const QString& f : funding.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        h.funding.append(fundingRow(f));
    return h;
}

// --- exchange JSON -----------------------------------------------------------------------------

QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

Fill fillFromJson(const QByteArray& json, const QString& account)
{
    QString error;
    const auto fill = Fill::fromJson(parseObject(json), account, &error);
    if (!fill)
        qFatal("bad test fill: %s", qPrintable(error));
    Fill result = *fill;
    result.raw = json; // verbatim, as the exchange client stores it
    return result;
}

Fill makeFill(const QString& symbol, qint64 id, const char* side, const char* price,
              const char* qty, qint64 time, const char* realizedPnl, const char* commission,
              const char* positionSide, qint64 orderId)
{
    const QByteArray json =
        QStringLiteral(R"({"symbol":"%1","id":%2,"orderId":%3,"side":"%4","price":"%5",)"
                       R"("qty":"%6","realizedPnl":"%7","quoteQty":"0","commission":"%8",)"
                       R"("commissionAsset":"USDT","time":%9,"positionSide":"%10",)"
                       R"("buyer":%11,"maker":false})")
            .arg(symbol, QString::number(id), QString::number(orderId ? orderId : id + 1000000),
                 QLatin1String(side), QLatin1String(price), QLatin1String(qty),
                 QLatin1String(realizedPnl), QLatin1String(commission), QString::number(time))
            .arg(QLatin1String(positionSide),
                 QLatin1String(qstrcmp(side, "BUY") == 0 ? "true" : "false"))
            .toUtf8();
    return fillFromJson(json);
}

Income makeIncome(const QString& symbol, const char* type, qint64 tranId, const char* amount,
                  qint64 time, const QString& account)
{
    const QByteArray json =
        QStringLiteral(R"({"symbol":"%1","incomeType":"%2","income":"%3","asset":"USDT",)"
                       R"("info":"%2","time":%4,"tranId":%5,"tradeId":""})")
            .arg(symbol, QLatin1String(type), QLatin1String(amount), QString::number(time),
                 QString::number(tranId))
            .toUtf8();
    QString error;
    auto income = Income::fromJson(parseObject(json), account, &error);
    if (!income)
        qFatal("bad test income: %s", qPrintable(error));
    income->raw = json;
    return *income;
}

Order makeOrder(const QString& symbol, qint64 orderId, const char* clientOrderId,
                const char* status, qint64 updateTime)
{
    const QByteArray json =
        QStringLiteral(R"({"orderId":%1,"symbol":"%2","status":"%3","clientOrderId":"%4",)"
                       R"("price":"0","avgPrice":"68290.10","origQty":"0.010",)"
                       R"("executedQty":"0.010","cumQuote":"682.901","timeInForce":"GTC",)"
                       R"("type":"MARKET","reduceOnly":false,"closePosition":false,"side":"BUY",)"
                       R"("positionSide":"BOTH","stopPrice":"0","workingType":"CONTRACT_PRICE",)"
                       R"("priceProtect":false,"origType":"MARKET","priceMatch":"NONE",)"
                       R"("selfTradePreventionMode":"NONE","goodTillDate":0,)"
                       R"("time":1761958800000,"updateTime":%5})")
            .arg(QString::number(orderId), symbol, QLatin1String(status),
                 QLatin1String(clientOrderId), QString::number(updateTime))
            .toUtf8();
    QString error;
    auto order = Order::fromJson(parseObject(json), QStringLiteral("main"), &error);
    if (!order)
        qFatal("bad test order: %s", qPrintable(error));
    order->raw = json;
    return *order;
}

QVector<Fill> manyFills(int count)
{
    const QStringList symbols{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                              QStringLiteral("SOLUSDT"), QStringLiteral("BNBUSDT")};
    QVector<Fill> fills;
    fills.reserve(count);
    const Fill templateFill = makeFill(QStringLiteral("BTCUSDT"), 1, "BUY", "68290.10", "0.010",
                                       1761958800000, "0", "-0.27316040");
    for (int i = 0; i < count; ++i) {
        Fill f = templateFill;
        f.symbol = symbols.at(i % symbols.size());
        f.id = 6240000000LL + i;
        f.orderId = 7240000000LL + i / 3;
        f.time = 1761958800000LL + i * 250LL;
        f.side = i % 2 ? Side::Sell : Side::Buy;
        f.raw = QStringLiteral(R"({"symbol":"%1","id":%2,"orderId":%3,"side":"%4",)"
                               R"("price":"68290.10","qty":"0.010","realizedPnl":"0",)"
                               R"("quoteQty":"682.90100","commission":"-0.27316040",)"
                               R"("commissionAsset":"USDT","time":%5,"positionSide":"BOTH",)"
                               R"("buyer":%6,"maker":false})")
                    .arg(f.symbol, QString::number(f.id), QString::number(f.orderId),
                         sideName(f.side), QString::number(f.time),
                         f.side == Side::Buy ? QStringLiteral("true") : QStringLiteral("false"))
                    .toUtf8();
        fills.append(f);
    }
    return fills;
}

JournalTrade makeTrade(const QString& symbol, qint64 firstFillId, qint64 openTime, bool closed,
                       const QString& account)
{
    JournalTrade t;
    t.account = account;
    t.symbol = symbol;
    t.positionSide = PositionSide::Both;
    t.key = JournalTrade::makeKey(account, symbol, t.positionSide, firstFillId);
    t.direction = Direction::Long;
    t.status = closed ? TradeStatus::Closed : TradeStatus::Open;
    t.openTime = openTime;
    t.entryQty = dec("0.010");
    t.maxQty = dec("0.010");
    t.avgEntryPrice = dec("68290.10000000");
    t.realizedPnl = closed ? dec("1.25") : dec("0");
    t.commission.insert(QStringLiteral("USDT"), dec("0.41222060"));
    t.funding = dec("-0.054665");
    t.netPnl = t.realizedPnl + t.funding - dec("0.41222060");
    t.marginAsset = QStringLiteral("USDT");
    t.fillCount = closed ? 2 : 1;

    TradeFillPart open;
    open.fillId = firstFillId;
    open.orderId = firstFillId + 1000000;
    open.time = openTime;
    open.side = Side::Buy;
    open.price = dec("68290.10");
    open.qty = dec("0.010");
    open.commission = dec("0.27316040");
    open.commissionAsset = QStringLiteral("USDT");
    open.realizedPnl = dec("0");
    open.increasesPosition = true;
    t.fills.append(open);
    if (closed) {
        t.closeTime = openTime + 3600000;
        t.exitQty = dec("0.010");
        t.avgExitPrice = dec("68415.10000000");
        TradeFillPart close = open;
        close.fillId = firstFillId + 1;
        close.time = *t.closeTime;
        close.side = Side::Sell;
        close.price = dec("68415.10");
        close.commission = dec("0.1390602");
        close.realizedPnl = dec("1.25");
        close.increasesPosition = false;
        t.fills.append(close);
    }
    t.fundingTranIds = {4480321991774044580LL};
    return t;
}

} // namespace fbtest
