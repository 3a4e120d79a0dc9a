#pragma once
// Commission paid in another asset than the trade's margin asset (BNB) valued in the margin
// asset at the 1-minute close of <ASSET><MARGIN> for the fill's minute (docs/design.md §2.5,
// "Fees in another asset"). Pure: the prices come from the caller (the journal's cache of
// closed candles).
//
// The trade's exact per-asset commission and its netPnl are left as they are (the export's
// §5 meaning); the valuation adds commissionValued and netPnlValued beside them.

#include "models/money/decimal.h"

#include <QString>
#include <QVector>

#include <functional>
#include <optional>

namespace fb {

struct JournalTrade;
struct Fill;

inline constexpr qint64 kFeeMinuteMs = 60'000;

// The open time of the minute holding `ms` (floor, also before 1970).
qint64 feeMinute(qint64 ms);
// The pair whose close values `asset` in `marginAsset`: "BNB" + "USDT" = "BNBUSDT".
QString valuationPair(const QString& asset, const QString& marginAsset);

// One fill part's commission in a non-margin asset, and what it is worth.
struct FeeValuationPart
{
    qint64 fillId = 0;
    QString asset;                // the commission asset, e.g. BNB
    Decimal amount;               // the part's commission cost in `asset` (positive = cost)
    QString pair;                 // e.g. BNBUSDT
    qint64 minute = 0;            // open time of the candle whose close is used
    std::optional<Decimal> close; // margin asset per unit of `asset`; none = not valued
    std::optional<Decimal> value; // amount × close, exact; none = not valued

    bool valued() const { return value.has_value(); }
    bool operator==(const FeeValuationPart& other) const = default;
};

struct FeeValuation
{
    // False for a trade stored before valuation existed (journal schema < 7): nothing below is
    // known until it is rebuilt.
    bool computed = false;
    // Commission in the margin asset plus every valued part: what the trade cost in fees.
    Decimal commissionValued;
    // realizedPnl + funding − commissionValued. Parts not valued are left out (and flagged).
    Decimal netPnlValued;
    QVector<FeeValuationPart> parts; // in fill order

    bool hasForeignFees() const { return !parts.isEmpty(); }
    int valuedCount() const;
    int notValuedCount() const;
    // Some commission could not be valued: the trade is flagged (docs/design.md §2.5).
    bool incomplete() const { return notValuedCount() > 0; }
    bool operator==(const FeeValuation& other) const = default;
};

// The close of `pair` for the minute opening at `minute`, if the caller knows it.
using FeePriceLookup = std::function<std::optional<Decimal>(const QString& pair, qint64 minute)>;

// Sets trade.valuation from the trade's fill parts, its commission, realized PnL and funding.
void valueTradeFees(JournalTrade& trade, const FeePriceLookup& price);

// A (pair, minute) some fill needs priced.
struct FeePriceNeed
{
    QString pair;
    qint64 minute = 0;
    bool operator==(const FeePriceNeed& other) const = default;
};
// The (pair, minute) of every fill whose commission is in another asset than its margin asset
// (a fill without marginAsset takes `fallbackMarginAsset`), sorted and distinct.
QVector<FeePriceNeed> feePriceNeeds(const QVector<Fill>& fills,
                                    const QString& fallbackMarginAsset = {});

// "0.0098 BNB not valued: no BNBUSDC price" and the like, for people (UI, CLI).
QString notValuedText(const FeeValuationPart& part);

} // namespace fb
