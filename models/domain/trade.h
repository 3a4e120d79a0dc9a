#pragma once
// A journal trade: one position lifecycle of one book (docs/design.md §2, layer 2), and the
// stable export shape of docs/design.md §5. Trades are derived data: always rebuildable from raw
// records.

#include "models/domain/fee_valuation.h"
#include "models/domain/initial_risk.h"
#include "models/domain/records.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace fb {

enum class Direction { Long, Short };
enum class TradeStatus { Open, Closed };

QString directionName(Direction direction);
QString tradeStatusName(TradeStatus status);
std::optional<Direction> parseDirection(const QString& text);
std::optional<TradeStatus> parseTradeStatus(const QString& text);

// Flags, in their export order.
enum TradeFlag : quint32 {
    FlagLiquidation = 1u << 0,     // a closing fill's order id starts "autoclose-"
    FlagAdl = 1u << 1,             // ... "adl_autoclose"
    FlagSettlement = 1u << 2,      // ... "settlement_autoclose-"
    FlagIncompleteStart = 1u << 3, // history begins mid-position
    FlagInvalid = 1u << 4,         // failed validation; kept and shown, never dropped
};
QStringList tradeFlagNames(quint32 flags);
quint32 parseTradeFlags(const QStringList& names);

// The part of one fill that belongs to one trade. A flip fill has two parts, one per trade.
struct TradeFillPart
{
    qint64 fillId = 0;
    qint64 orderId = 0;
    qint64 time = 0;
    Side side = Side::Buy;
    Decimal price;
    Decimal qty;        // this part's quantity (the whole fill unless split by a flip)
    Decimal commission; // this part's share of the fill's commission cost (positive = cost)
    QString commissionAsset;
    Decimal realizedPnl; // all of a flip's realizedPnl goes to the closing part
    bool increasesPosition = false;

    bool operator==(const TradeFillPart& other) const = default;
};

struct JournalTrade
{
    QString key; // account:symbol:positionSide:firstFillId
    QString account;
    QString symbol;
    PositionSide positionSide = PositionSide::Both;
    Direction direction = Direction::Long;
    TradeStatus status = TradeStatus::Open;
    qint64 openTime = 0;
    std::optional<qint64> closeTime;
    Decimal entryQty;
    Decimal exitQty;
    Decimal maxQty;
    std::optional<Decimal> avgEntryPrice; // half-even, 8 places; null if nothing increased it
    std::optional<Decimal> avgExitPrice;  // half-even, 8 places; null if nothing reduced it
    Decimal realizedPnl;
    QMap<QString, Decimal> commission; // asset -> total cost, assets kept apart
    Decimal funding;                   // signed sum of attributed FUNDING_FEE rows
    Decimal netPnl;                    // realizedPnl + funding - commission in the margin asset
    int fillCount = 0;
    quint32 flags = 0;
    std::optional<QString> invalidReason;
    QString marginAsset;
    Decimal startingQty; // signed position already open before the first fill (INCOMPLETE_START)

    QVector<TradeFillPart> fills;
    QVector<qint64> fundingTranIds; // FUNDING_FEE rows attributed to this trade
    // Commission in other assets valued in the margin asset (fee_valuation.h). Set after the
    // build from the journal's cached prices; not part of the builder's output.
    FeeValuation valuation;
    // From the trader's first protective stop (initial_risk.h), computed at rebuild and stored.
    std::optional<InitialRisk> initialRisk;
    // The trader's own figure from the annotation (layer 3): read with the trade, never built,
    // not part of equality or the stored row.
    std::optional<Decimal> riskOverride;

    // The override when set, else the stop's risk; nullopt = "no stop".
    std::optional<Decimal> effectiveRisk() const;
    // netForR() / effectiveRisk(), closed trades only (half-even, 4 places).
    std::optional<Decimal> effectiveR() const;

    // `valuation`, or, when it was never computed, the same with no price known (every part
    // in another asset "not valued"): what the export and the desktop show.
    FeeValuation effectiveValuation() const;

    static QString makeKey(const QString& account, const QString& symbol, PositionSide positionSide,
                           qint64 firstFillId);

    bool hasFlag(TradeFlag flag) const { return (flags & flag) != 0; }
    // The id in the key: the first fill of the lifecycle (0 for a trade without fills).
    qint64 firstFillId() const { return fills.isEmpty() ? 0 : fills.first().fillId; }
    // docs/design.md §5 export object: exactly the documented fields, in the documented order of
    // meaning.
    QJsonObject toExportJson() const;
    // Equality of every derived field (used to tell "changed" from "unchanged" on rebuild).
    bool operator==(const JournalTrade& other) const;
};

// The valuation's parts as exported (docs/design.md §5.2 `feeValuation`).
QJsonArray feeValuationJson(const FeeValuation& valuation);

// docs/design.md §5.4 CSV: the same columns in the same order; commission becomes one column per
// asset ("commission_USDT", ...) at the place of the commission field, in the order given; a
// trade without commission in an asset gets an empty cell. Flags are joined with '|', nulls are
// empty.
// Every returned field is already quoted per RFC 4180 where needed, so a line is
// fields.join(u','), and lines end with "\r\n" (see exportCsvLine).
QStringList exportCsvHeader(const QStringList& commissionAssets);
QStringList exportCsvRow(const JournalTrade& trade, const QStringList& commissionAssets);
// Every commission asset of the trades, sorted: the commissionAssets argument for a whole export.
QStringList exportCommissionAssets(const QVector<JournalTrade>& trades);
// RFC 4180 quoting of one field: quoted (with "" for ") only if it holds , " CR or LF.
QString csvField(const QString& text);
// One CSV record: the (already quoted) fields joined with ',' and terminated by CRLF.
QString exportCsvLine(const QStringList& fields);

} // namespace fb

Q_DECLARE_METATYPE(fb::JournalTrade)
