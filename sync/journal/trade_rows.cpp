#include "sync/journal/trade_rows.h"

#include "sync/journal/journal_error.h"
#include "sync/journal/raw_rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fb::journal::detail {

namespace {

QVariant optionalText(const std::optional<Decimal>& value)
{
    return value ? QVariant(value->toString()) : nullVariant();
}

QString commissionJson(const QMap<QString, Decimal>& commission)
{
    QJsonObject object;
    for (auto it = commission.cbegin(); it != commission.cend(); ++it)
        object.insert(it.key(), it.value().toString());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, Decimal> readCommission(const QSqlQuery& query, int column)
{
    const QByteArray text = query.value(column).toString().toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw JournalError(JournalError::Kind::Corrupt,
                           QStringLiteral("The journal holds commission '%1', which is not a "
                                          "JSON object.")
                               .arg(QString::fromUtf8(text)));
    QMap<QString, Decimal> commission;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto value = Decimal::parse(it.value().toString());
        if (!value)
            throw JournalError(JournalError::Kind::Corrupt,
                               QStringLiteral("The journal holds a commission in %1 that is "
                                              "not a decimal.")
                                   .arg(it.key()));
        commission.insert(it.key(), *value);
    }
    return commission;
}

template <typename Enum>
Enum parseOrCorrupt(const QSqlQuery& query, int column,
                    std::optional<Enum> (*parse)(const QString&))
{
    const auto value = parse(query.value(column).toString());
    if (!value)
        throw JournalError(JournalError::Kind::Corrupt,
                           QStringLiteral("The journal holds '%1' in a trade where a known "
                                          "value was expected.")
                               .arg(query.value(column).toString()));
    return *value;
}

} // namespace

QStringList tradeColumns()
{
    return {QStringLiteral("key"), QStringLiteral("account"), QStringLiteral("symbol"),
            QStringLiteral("position_side"), QStringLiteral("direction"), QStringLiteral("status"),
            QStringLiteral("open_time"), QStringLiteral("close_time"), QStringLiteral("entry_qty"),
            QStringLiteral("exit_qty"), QStringLiteral("max_qty"),
            QStringLiteral("avg_entry_price"), QStringLiteral("avg_exit_price"),
            QStringLiteral("realized_pnl"), QStringLiteral("commission_json"),
            QStringLiteral("funding"), QStringLiteral("net_pnl"), QStringLiteral("fill_count"),
            QStringLiteral("flags"), QStringLiteral("invalid_reason"),
            QStringLiteral("margin_asset"), QStringLiteral("starting_qty"),
            // schema v7: fee valuation (kValuationColumns, last on purpose: see contentHash)
            QStringLiteral("commission_valued"), QStringLiteral("net_pnl_valued"),
            QStringLiteral("fee_valuation_json"), QStringLiteral("fees_not_valued"),
            // schema v12: initial risk (kRiskColumns, last: see contentHash)
            QStringLiteral("initial_risk"), QStringLiteral("r_multiple"),
            QStringLiteral("risk_stop_json")};
}

QVariant riskStopJson(const std::optional<InitialRisk>& risk)
{
    if (!risk)
        return nullVariant();
    const QJsonObject o{{QStringLiteral("source"), stopSourceName(risk->source)},
                        {QStringLiteral("id"), QString::number(risk->stopId)},
                        {QStringLiteral("stopPrice"), risk->stopPrice.toString()},
                        {QStringLiteral("entryPrice"), risk->entryPrice.toString()},
                        {QStringLiteral("quantity"), risk->quantity.toString()},
                        {QStringLiteral("at"), QString::number(risk->at)},
                        {QStringLiteral("stops"), risk->stopCount}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

namespace {

std::optional<InitialRisk> readRiskStop(const QSqlQuery& q, int riskColumn, int jsonColumn,
                                        const QString& tradeKey)
{
    if (q.value(riskColumn).isNull())
        return std::nullopt;
    const auto corrupt = [&tradeKey] {
        throw JournalError(JournalError::Kind::Corrupt,
                           QStringLiteral("The journal holds an initial risk of trade %1 that it "
                                          "did not write; rebuild the trades (they are derived "
                                          "from the raw records).")
                               .arg(tradeKey));
    };
    const QJsonObject o = QJsonDocument::fromJson(q.value(jsonColumn).toString().toUtf8()).object();
    InitialRisk r;
    r.risk = readDecimal(q, riskColumn);
    const auto stop = Decimal::parse(o.value(QLatin1String("stopPrice")).toString());
    const auto entry = Decimal::parse(o.value(QLatin1String("entryPrice")).toString());
    const auto qty = Decimal::parse(o.value(QLatin1String("quantity")).toString());
    const auto id = json::toInt64(o.value(QLatin1String("id")));
    const auto at = json::toInt64(o.value(QLatin1String("at")));
    if (!stop || !entry || !qty || !id || !at)
        corrupt();
    r.stopPrice = *stop;
    r.entryPrice = *entry;
    r.quantity = *qty;
    r.stopId = *id;
    r.at = *at;
    r.source = o.value(QLatin1String("source")).toString() == QLatin1String("algo")
                   ? StopOrder::Source::Algo
                   : StopOrder::Source::Order;
    r.stopCount = o.value(QLatin1String("stops")).toInt();
    return r;
}

} // namespace

QVariantList tradeValues(const JournalTrade& t)
{
    return {t.key,
            t.account,
            t.symbol,
            positionSideName(t.positionSide),
            directionName(t.direction),
            tradeStatusName(t.status),
            t.openTime,
            t.closeTime ? QVariant(*t.closeTime) : QVariant(QMetaType::fromType<qint64>()),
            t.entryQty.toString(),
            t.exitQty.toString(),
            t.maxQty.toString(),
            optionalText(t.avgEntryPrice),
            optionalText(t.avgExitPrice),
            t.realizedPnl.toString(),
            commissionJson(t.commission),
            t.funding.toString(),
            t.netPnl.toString(),
            t.fillCount,
            tradeFlagNames(t.flags).join(QLatin1Char('|')),
            t.invalidReason ? QVariant(*t.invalidReason) : nullVariant(),
            t.marginAsset,
            t.startingQty.toString(),
            t.valuation.computed ? QVariant(t.valuation.commissionValued.toString())
                                 : QVariant(t.commission.value(t.marginAsset).toString()),
            t.valuation.computed ? QVariant(t.valuation.netPnlValued.toString())
                                 : QVariant(t.netPnl.toString()),
            t.valuation.computed
                ? QVariant(QString::fromUtf8(
                      QJsonDocument(feeValuationJson(t.valuation)).toJson(QJsonDocument::Compact)))
                : nullVariant(),
            qint64(t.effectiveValuation().notValuedCount()),
            t.initialRisk ? QVariant(t.initialRisk->risk.toString()) : nullVariant(),
            [&t]() -> QVariant {
                const std::optional<Decimal> r = t.initialRisk && t.status == TradeStatus::Closed
                                                     ? rMultiple(netForR(t), t.initialRisk->risk)
                                                     : std::nullopt;
                return r ? QVariant(r->toString()) : nullVariant();
            }(),
            riskStopJson(t.initialRisk)};
}

JournalTrade readTrade(const QSqlQuery& q)
{
    JournalTrade t;
    t.key = q.value(0).toString();
    t.account = q.value(1).toString();
    t.symbol = q.value(2).toString();
    t.positionSide = readPositionSide(q, 3);
    t.direction = parseOrCorrupt<Direction>(q, 4, &parseDirection);
    t.status = parseOrCorrupt<TradeStatus>(q, 5, &parseTradeStatus);
    t.openTime = q.value(6).toLongLong();
    if (!q.value(7).isNull())
        t.closeTime = q.value(7).toLongLong();
    t.entryQty = readDecimal(q, 8);
    t.exitQty = readDecimal(q, 9);
    t.maxQty = readDecimal(q, 10);
    t.avgEntryPrice = readOptionalDecimal(q, 11);
    t.avgExitPrice = readOptionalDecimal(q, 12);
    t.realizedPnl = readDecimal(q, 13);
    t.commission = readCommission(q, 14);
    t.funding = readDecimal(q, 15);
    t.netPnl = readDecimal(q, 16);
    t.fillCount = q.value(17).toInt();
    t.flags = parseTradeFlags(q.value(18).toString().split(QLatin1Char('|'), Qt::SkipEmptyParts));
    if (!q.value(19).isNull())
        t.invalidReason = q.value(19).toString();
    t.marginAsset = q.value(20).toString();
    t.startingQty = readDecimal(q, 21);
    if (!q.value(24).isNull()) {
        t.valuation.computed = true;
        t.valuation.commissionValued = readDecimal(q, 22);
        t.valuation.netPnlValued = readDecimal(q, 23);
        t.valuation.parts = readFeeValuationJson(q.value(24).toString().toUtf8(), t.key);
    }
    t.initialRisk = readRiskStop(q, 26, 28, t.key);
    return t;
}

QVector<FeeValuationPart> readFeeValuationJson(const QByteArray& json, const QString& tradeKey)
{
    const auto corrupt = [&tradeKey] {
        throw JournalError(JournalError::Kind::Corrupt,
                           QStringLiteral("The journal holds a fee valuation of trade %1 that it "
                                          "did not write; rebuild the trades (they are derived "
                                          "from the raw records).")
                               .arg(tradeKey));
    };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        corrupt();
    QVector<FeeValuationPart> parts;
    for (const QJsonValue& value : doc.array()) {
        const QJsonObject o = value.toObject();
        FeeValuationPart p;
        const auto fillId = json::toInt64(o.value(QLatin1String("fillId")));
        const auto minute = json::toInt64(o.value(QLatin1String("minute")));
        const auto amount = Decimal::parse(o.value(QLatin1String("amount")).toString());
        if (!fillId || !minute || !amount)
            corrupt();
        p.fillId = *fillId;
        p.minute = *minute;
        p.amount = *amount;
        p.asset = o.value(QLatin1String("asset")).toString();
        p.pair = o.value(QLatin1String("pair")).toString();
        const QJsonValue close = o.value(QLatin1String("close"));
        const QJsonValue valued = o.value(QLatin1String("value"));
        if (!close.isNull()) {
            p.close = Decimal::parse(close.toString());
            p.value = Decimal::parse(valued.toString());
            if (!p.close || !p.value)
                corrupt();
        }
        parts.append(p);
    }
    return parts;
}

namespace {

[[noreturn]] void corruptParts(const QString& tradeKey)
{
    throw JournalError(JournalError::Kind::Corrupt,
                       QStringLiteral("The journal holds fill parts of trade %1 that it did not "
                                      "write; rebuild the trades (they are derived from the raw "
                                      "records).")
                           .arg(tradeKey));
}

} // namespace

QVector<TradeFillPart> readPartsJson(const QByteArray& json, const QString& tradeKey)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        corruptParts(tradeKey);
    QVector<TradeFillPart> parts;
    const QJsonArray rows = doc.array();
    parts.reserve(rows.size());
    for (const QJsonValue& rowValue : rows) {
        const QJsonArray row = rowValue.toArray();
        if (row.size() != 10)
            corruptParts(tradeKey);
        // Ids through the exact integer path: never through a double.
        const auto fillId = json::toInt64(row.at(0));
        const auto orderId = json::toInt64(row.at(1));
        const auto time = json::toInt64(row.at(2));
        const auto side = parseSide(row.at(3).toString());
        const auto price = Decimal::parse(row.at(4).toString());
        const auto qty = Decimal::parse(row.at(5).toString());
        const auto commission = Decimal::parse(row.at(6).toString());
        const auto pnl = Decimal::parse(row.at(8).toString());
        const auto increases = json::toInt64(row.at(9));
        if (!fillId || !orderId || !time || !side || !price || !qty || !commission || !pnl ||
            !increases || !row.at(7).isString())
            corruptParts(tradeKey);
        TradeFillPart p;
        p.fillId = *fillId;
        p.orderId = *orderId;
        p.time = *time;
        p.side = *side;
        p.price = *price;
        p.qty = *qty;
        p.commission = *commission;
        p.commissionAsset = row.at(7).toString();
        p.realizedPnl = *pnl;
        p.increasesPosition = *increases != 0;
        parts.append(p);
    }
    return parts;
}

} // namespace fb::journal::detail
