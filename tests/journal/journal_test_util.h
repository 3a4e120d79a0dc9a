#pragma once
// Shared helpers of the journal tests: records built from realistic exchange JSON (so `raw` is
// what the exchange client would store) and temporary journal paths.

#include "models/domain/lifecycle.h"
#include "models/domain/trade.h"
#include "sync/journal/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace fbtest {

inline QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

inline fb::Fill fillFromJson(const QByteArray& json,
                             const QString& account = QStringLiteral("main"))
{
    QString error;
    const auto fill = fb::Fill::fromJson(parseObject(json), account, &error);
    if (!fill)
        qFatal("bad test fill: %s", qPrintable(error));
    fb::Fill result = *fill;
    result.raw = json; // verbatim, as the exchange client stores it
    return result;
}

inline fb::Fill makeFill(const QString& symbol, qint64 id, const char* side, const char* price,
                         const char* qty, qint64 time, const char* realizedPnl = "0",
                         const char* commission = "0.01000000", const char* positionSide = "BOTH",
                         qint64 orderId = 0)
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

inline fb::Income makeIncome(const QString& symbol, const char* type, qint64 tranId,
                             const char* amount, qint64 time,
                             const QString& account = QStringLiteral("main"))
{
    const QByteArray json =
        QStringLiteral(R"({"symbol":"%1","incomeType":"%2","income":"%3","asset":"USDT",)"
                       R"("info":"%2","time":%4,"tranId":%5,"tradeId":""})")
            .arg(symbol, QLatin1String(type), QLatin1String(amount), QString::number(time),
                 QString::number(tranId))
            .toUtf8();
    QString error;
    auto income = fb::Income::fromJson(parseObject(json), account, &error);
    if (!income)
        qFatal("bad test income: %s", qPrintable(error));
    income->raw = json;
    return *income;
}

inline fb::Order makeOrder(const QString& symbol, qint64 orderId, const char* clientOrderId,
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
    auto order = fb::Order::fromJson(parseObject(json), QStringLiteral("main"), &error);
    if (!order)
        qFatal("bad test order: %s", qPrintable(error));
    order->raw = json;
    return *order;
}

inline QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

inline fb::Decimal dec(const char* text)
{
    return *fb::Decimal::parse(std::string_view(text));
}

// A closed or open trade with one or two fill parts; enough fields set to test storage.
inline fb::JournalTrade makeTrade(const QString& symbol, qint64 firstFillId, qint64 openTime,
                                  bool closed, const QString& account = QStringLiteral("main"))
{
    using namespace fb;
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

inline QString journalPath(const QTemporaryDir& dir, const char* name = "journal.sqlite")
{
    return dir.filePath(QLatin1String(name));
}

} // namespace fbtest
