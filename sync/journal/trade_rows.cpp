#include "sync/journal/trade_rows.h"

#include "sync/journal/journal_error.h"
#include "sync/journal/raw_rows.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>

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
    return {QStringLiteral("key"),
            QStringLiteral("account"),
            QStringLiteral("symbol"),
            QStringLiteral("position_side"),
            QStringLiteral("direction"),
            QStringLiteral("status"),
            QStringLiteral("open_time"),
            QStringLiteral("close_time"),
            QStringLiteral("entry_qty"),
            QStringLiteral("exit_qty"),
            QStringLiteral("max_qty"),
            QStringLiteral("avg_entry_price"),
            QStringLiteral("avg_exit_price"),
            QStringLiteral("realized_pnl"),
            QStringLiteral("commission_json"),
            QStringLiteral("funding"),
            QStringLiteral("net_pnl"),
            QStringLiteral("fill_count"),
            QStringLiteral("flags"),
            QStringLiteral("invalid_reason"),
            QStringLiteral("margin_asset"),
            QStringLiteral("starting_qty")};
}

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
            t.startingQty.toString()};
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
    return t;
}

QStringList tradeFillColumns()
{
    return {QStringLiteral("fill_id"),      QStringLiteral("order_id"),
            QStringLiteral("time"),         QStringLiteral("side"),
            QStringLiteral("price"),        QStringLiteral("qty"),
            QStringLiteral("commission"),   QStringLiteral("commission_asset"),
            QStringLiteral("realized_pnl"), QStringLiteral("increases_position")};
}

TradeFillPart readTradeFill(const QSqlQuery& q)
{
    TradeFillPart p;
    p.fillId = q.value(0).toLongLong();
    p.orderId = q.value(1).toLongLong();
    p.time = q.value(2).toLongLong();
    p.side = readSide(q, 3);
    p.price = readDecimal(q, 4);
    p.qty = readDecimal(q, 5);
    p.commission = readDecimal(q, 6);
    p.commissionAsset = q.value(7).toString();
    p.realizedPnl = readDecimal(q, 8);
    p.increasesPosition = q.value(9).toLongLong() != 0;
    return p;
}

QVector<EncodedPart> encodeParts(const JournalTrade& trade)
{
    static const QByteArray buy = QByteArrayLiteral("BUY");
    static const QByteArray sell = QByteArrayLiteral("SELL");
    QVector<EncodedPart> parts;
    parts.reserve(trade.fills.size());
    for (const TradeFillPart& p : trade.fills) {
        parts.append({p.fillId, p.orderId, p.time, p.side == Side::Buy ? buy : sell,
                      p.price.toPlainBytes(), p.qty.toPlainBytes(), p.commission.toPlainBytes(),
                      p.commissionAsset.toUtf8(), p.realizedPnl.toPlainBytes(),
                      p.increasesPosition ? 1 : 0});
    }
    return parts;
}

QString contentHash(const JournalTrade& trade)
{
    return contentHash(trade, tradeValues(trade), encodeParts(trade));
}

QString contentHash(const JournalTrade& trade, const QVariantList& values,
                    const QVector<EncodedPart>& parts)
{
    // Unit and record separators cannot occur in our text values, so the encoding is
    // unambiguous; NULL gets its own marker so that NULL and "" differ. Integers are hashed as
    // their decimal text. (Journals store this digest: changing the encoding would make the
    // next rebuild report every trade as changed.)
    // One buffer for the whole trade, numbers written in place: building it was a tenth of the
    // pipeline when every value went through its own temporary.
    QByteArray bytes;
    bytes.reserve(512 + parts.size() * 128 + trade.fundingTranIds.size() * 21);
    const auto number = [&bytes](qint64 value) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        bytes.append(digits, end - digits);
        bytes.append('\x1f');
    };
    const auto text = [&bytes](const QByteArray& value) {
        bytes.append(value);
        bytes.append('\x1f');
    };
    for (const QVariant& value : values) {
        if (value.isNull())
            bytes.append("\x01N");
        else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
            bytes.append(QByteArray::number(value.toLongLong()));
        else
            bytes.append(value.toString().toUtf8());
        bytes.append('\x1f');
    }
    bytes.append('\x1e');
    for (const EncodedPart& p : parts) {
        number(p.fillId);
        number(p.orderId);
        number(p.time);
        text(p.side);
        text(p.price);
        text(p.qty);
        text(p.commission);
        text(p.commissionAsset);
        text(p.realizedPnl);
        number(p.increasesPosition);
        bytes.append('\x1e');
    }
    bytes.append('\x1d');
    for (qint64 tranId : trade.fundingTranIds)
        number(tranId);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(bytes);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace fb::journal::detail
