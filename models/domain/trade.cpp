#include "models/domain/trade.h"

#include <QJsonArray>

#include <algorithm>
#include <array>

namespace fb {

namespace {

struct FlagName
{
    TradeFlag flag;
    const char* name;
};

// The export order of docs/design.md §5; tradeFlagNames() walks it so the order never depends on
// the numeric values of the flags.
constexpr std::array<FlagName, 5> kFlagNames{{
    {FlagLiquidation, "LIQUIDATION"},
    {FlagAdl, "ADL"},
    {FlagSettlement, "SETTLEMENT"},
    {FlagIncompleteStart, "INCOMPLETE_START"},
    {FlagInvalid, "INVALID"},
}};

QJsonValue decimalOrNull(const std::optional<Decimal>& value)
{
    return value ? QJsonValue(value->toString()) : QJsonValue(QJsonValue::Null);
}

QString decimalOrEmpty(const std::optional<Decimal>& value)
{
    return value ? value->toString() : QString();
}

} // namespace

QString directionName(Direction direction)
{
    return direction == Direction::Long ? QStringLiteral("LONG") : QStringLiteral("SHORT");
}

QString tradeStatusName(TradeStatus status)
{
    return status == TradeStatus::Open ? QStringLiteral("OPEN") : QStringLiteral("CLOSED");
}

std::optional<Direction> parseDirection(const QString& text)
{
    if (text == QLatin1String("LONG"))
        return Direction::Long;
    if (text == QLatin1String("SHORT"))
        return Direction::Short;
    return std::nullopt;
}

std::optional<TradeStatus> parseTradeStatus(const QString& text)
{
    if (text == QLatin1String("OPEN"))
        return TradeStatus::Open;
    if (text == QLatin1String("CLOSED"))
        return TradeStatus::Closed;
    return std::nullopt;
}

QStringList tradeFlagNames(quint32 flags)
{
    QStringList names;
    for (const FlagName& entry : kFlagNames) {
        if ((flags & entry.flag) != 0)
            names.append(QLatin1String(entry.name));
    }
    return names;
}

quint32 parseTradeFlags(const QStringList& names)
{
    // Unknown names are ignored: a newer writer may add flags an older reader does not know.
    quint32 flags = 0;
    for (const QString& name : names) {
        for (const FlagName& entry : kFlagNames) {
            if (name == QLatin1String(entry.name))
                flags |= entry.flag;
        }
    }
    return flags;
}

QString JournalTrade::makeKey(const QString& account, const QString& symbol,
                              PositionSide positionSide, qint64 firstFillId)
{
    return account + QLatin1Char(':') + symbol + QLatin1Char(':') + positionSideName(positionSide) +
           QLatin1Char(':') + QString::number(firstFillId);
}

QJsonObject JournalTrade::toExportJson() const
{
    QJsonObject commissionObject;
    for (auto it = commission.cbegin(); it != commission.cend(); ++it)
        commissionObject.insert(it.key(), it.value().toString());

    QJsonObject o;
    o.insert(QStringLiteral("key"), key);
    o.insert(QStringLiteral("account"), account);
    o.insert(QStringLiteral("symbol"), symbol);
    o.insert(QStringLiteral("positionSide"), positionSideName(positionSide));
    o.insert(QStringLiteral("direction"), directionName(direction));
    o.insert(QStringLiteral("status"), tradeStatusName(status));
    // QJsonValue(qint64) keeps integers exact (Qt 6 stores them as 64-bit integers).
    o.insert(QStringLiteral("openTime"), QJsonValue(openTime));
    o.insert(QStringLiteral("closeTime"),
             closeTime ? QJsonValue(*closeTime) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("entryQty"), entryQty.toString());
    o.insert(QStringLiteral("exitQty"), exitQty.toString());
    o.insert(QStringLiteral("maxQty"), maxQty.toString());
    o.insert(QStringLiteral("avgEntryPrice"), decimalOrNull(avgEntryPrice));
    o.insert(QStringLiteral("avgExitPrice"), decimalOrNull(avgExitPrice));
    o.insert(QStringLiteral("realizedPnl"), realizedPnl.toString());
    o.insert(QStringLiteral("funding"), funding.toString());
    o.insert(QStringLiteral("netPnl"), netPnl.toString());
    o.insert(QStringLiteral("commission"), commissionObject);
    o.insert(QStringLiteral("fillCount"), fillCount);
    o.insert(QStringLiteral("flags"), QJsonArray::fromStringList(tradeFlagNames(flags)));
    o.insert(QStringLiteral("invalidReason"),
             invalidReason ? QJsonValue(*invalidReason) : QJsonValue(QJsonValue::Null));
    return o;
}

bool JournalTrade::operator==(const JournalTrade& other) const
{
    // Decimals compare numerically, which is what "unchanged" means for stored canonical text.
    return key == other.key && account == other.account && symbol == other.symbol &&
           positionSide == other.positionSide && direction == other.direction &&
           status == other.status && openTime == other.openTime && closeTime == other.closeTime &&
           entryQty == other.entryQty && exitQty == other.exitQty && maxQty == other.maxQty &&
           avgEntryPrice == other.avgEntryPrice && avgExitPrice == other.avgExitPrice &&
           realizedPnl == other.realizedPnl && commission == other.commission &&
           funding == other.funding && netPnl == other.netPnl && fillCount == other.fillCount &&
           flags == other.flags && invalidReason == other.invalidReason &&
           marginAsset == other.marginAsset && startingQty == other.startingQty &&
           fills == other.fills && fundingTranIds == other.fundingTranIds;
}

QString csvField(const QString& text)
{
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                             text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString exportCsvLine(const QStringList& fields)
{
    return fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
}

QStringList exportCsvHeader(const QStringList& commissionAssets)
{
    QStringList header{QStringLiteral("key"),          QStringLiteral("account"),
                       QStringLiteral("symbol"),       QStringLiteral("positionSide"),
                       QStringLiteral("direction"),    QStringLiteral("status"),
                       QStringLiteral("openTime"),     QStringLiteral("closeTime"),
                       QStringLiteral("entryQty"),     QStringLiteral("exitQty"),
                       QStringLiteral("maxQty"),       QStringLiteral("avgEntryPrice"),
                       QStringLiteral("avgExitPrice"), QStringLiteral("realizedPnl"),
                       QStringLiteral("funding"),      QStringLiteral("netPnl")};
    for (const QString& asset : commissionAssets)
        header.append(csvField(QStringLiteral("commission_") + asset));
    header << QStringLiteral("fillCount") << QStringLiteral("flags")
           << QStringLiteral("invalidReason");
    return header;
}

QStringList exportCsvRow(const JournalTrade& trade, const QStringList& commissionAssets)
{
    QStringList row{csvField(trade.key),
                    csvField(trade.account),
                    csvField(trade.symbol),
                    positionSideName(trade.positionSide),
                    directionName(trade.direction),
                    tradeStatusName(trade.status),
                    QString::number(trade.openTime),
                    trade.closeTime ? QString::number(*trade.closeTime) : QString(),
                    trade.entryQty.toString(),
                    trade.exitQty.toString(),
                    trade.maxQty.toString(),
                    decimalOrEmpty(trade.avgEntryPrice),
                    decimalOrEmpty(trade.avgExitPrice),
                    trade.realizedPnl.toString(),
                    trade.funding.toString(),
                    trade.netPnl.toString()};
    for (const QString& asset : commissionAssets) {
        const auto it = trade.commission.constFind(asset);
        row.append(it == trade.commission.cend() ? QString() : it.value().toString());
    }
    row << QString::number(trade.fillCount)
        << csvField(tradeFlagNames(trade.flags).join(QLatin1Char('|')))
        << csvField(trade.invalidReason.value_or(QString()));
    return row;
}

QStringList exportCommissionAssets(const QVector<JournalTrade>& trades)
{
    QStringList assets;
    for (const JournalTrade& trade : trades) {
        for (auto it = trade.commission.cbegin(); it != trade.commission.cend(); ++it)
            assets.append(it.key());
    }
    std::sort(assets.begin(), assets.end());
    assets.erase(std::unique(assets.begin(), assets.end()), assets.end());
    return assets;
}

} // namespace fb
