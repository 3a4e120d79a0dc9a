#include "models/domain/trade.h"

#include <QJsonArray>
#include <QJsonDocument>

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

QJsonArray feeValuationJson(const FeeValuation& valuation)
{
    QJsonArray parts;
    for (const FeeValuationPart& p : valuation.parts) {
        parts.append(QJsonObject{
            {QStringLiteral("fillId"), QJsonValue(p.fillId)},
            {QStringLiteral("asset"), p.asset},
            {QStringLiteral("amount"), p.amount.toString()},
            {QStringLiteral("pair"), p.pair},
            {QStringLiteral("minute"), QJsonValue(p.minute)},
            {QStringLiteral("close"), decimalOrNull(p.close)},
            {QStringLiteral("value"), decimalOrNull(p.value)},
        });
    }
    return parts;
}

FeeValuation JournalTrade::effectiveValuation() const
{
    if (valuation.computed)
        return valuation;
    JournalTrade copy = *this;
    valueTradeFees(copy, {}); // no price known: every other-asset part is "not valued"
    return copy.valuation;
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
    // Added with fee valuation (docs/design.md §5.2, "valued fields"); the fields above keep
    // their meaning.
    const FeeValuation v = effectiveValuation();
    o.insert(QStringLiteral("marginAsset"), marginAsset);
    o.insert(QStringLiteral("commissionValued"), v.commissionValued.toString());
    o.insert(QStringLiteral("netPnlValued"), v.netPnlValued.toString());
    o.insert(QStringLiteral("feesNotValued"), v.incomplete());
    o.insert(QStringLiteral("feeValuation"), feeValuationJson(v));
    // Added with R multiples (docs/design.md D107); the fields above keep their meaning.
    const std::optional<Decimal> risk = effectiveRisk();
    const std::optional<Decimal> r = effectiveR();
    o.insert(QStringLiteral("initialRisk"), risk ? QJsonValue(risk->toString()) : QJsonValue());
    o.insert(QStringLiteral("rMultiple"), r ? QJsonValue(r->toString()) : QJsonValue());
    o.insert(QStringLiteral("riskSource"), riskOverride  ? QJsonValue(QStringLiteral("override"))
                                           : initialRisk ? QJsonValue(QStringLiteral("stop"))
                                                         : QJsonValue());
    o.insert(QStringLiteral("stopPrice"),
             initialRisk ? QJsonValue(initialRisk->stopPrice.toString()) : QJsonValue());
    return o;
}

std::optional<Decimal> JournalTrade::effectiveRisk() const
{
    if (riskOverride)
        return riskOverride;
    if (initialRisk)
        return initialRisk->risk;
    return std::nullopt;
}

std::optional<Decimal> JournalTrade::effectiveR() const
{
    const std::optional<Decimal> risk = effectiveRisk();
    if (status != TradeStatus::Closed || !risk)
        return std::nullopt;
    return rMultiple(netForR(*this), *risk);
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
           fills == other.fills && fundingTranIds == other.fundingTranIds &&
           valuation == other.valuation && initialRisk == other.initialRisk;
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
    // Fee valuation, after every §5.4 column so that scripts reading by position still work.
    header << QStringLiteral("marginAsset") << QStringLiteral("commissionValued")
           << QStringLiteral("netPnlValued") << QStringLiteral("feesNotValued")
           << QStringLiteral("feeValuation");
    // R multiples (D107), after the valuation columns for the same reason.
    header << QStringLiteral("initialRisk") << QStringLiteral("rMultiple")
           << QStringLiteral("riskSource") << QStringLiteral("stopPrice");
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
    const FeeValuation v = trade.effectiveValuation();
    row << csvField(trade.marginAsset) << v.commissionValued.toString() << v.netPnlValued.toString()
        << (v.incomplete() ? QStringLiteral("true") : QStringLiteral("false"))
        << csvField(QString::fromUtf8(
               QJsonDocument(feeValuationJson(v)).toJson(QJsonDocument::Compact)));
    const std::optional<Decimal> risk = trade.effectiveRisk();
    const std::optional<Decimal> r = trade.effectiveR();
    row << (risk ? risk->toString() : QString()) << (r ? r->toString() : QString())
        << (trade.riskOverride  ? QStringLiteral("override")
            : trade.initialRisk ? QStringLiteral("stop")
                                : QString())
        << (trade.initialRisk ? trade.initialRisk->stopPrice.toString() : QString());
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
