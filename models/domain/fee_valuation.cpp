#include "models/domain/fee_valuation.h"

#include "models/domain/trade.h"

#include <algorithm>
#include <limits>

namespace fb {

qint64 feeMinute(qint64 ms)
{
    if (ms < std::numeric_limits<qint64>::min() + kFeeMinuteMs)
        return ms; // nothing that far back has a price
    qint64 rest = ms % kFeeMinuteMs;
    if (rest < 0)
        rest += kFeeMinuteMs;
    return ms - rest;
}

QString valuationPair(const QString& asset, const QString& marginAsset)
{
    return asset + marginAsset;
}

int FeeValuation::valuedCount() const
{
    return int(std::count_if(parts.cbegin(), parts.cend(),
                             [](const FeeValuationPart& p) { return p.valued(); }));
}

int FeeValuation::notValuedCount() const
{
    return int(parts.size()) - valuedCount();
}

void valueTradeFees(JournalTrade& trade, const FeePriceLookup& price)
{
    FeeValuation v;
    v.computed = true;
    v.commissionValued = trade.commission.value(trade.marginAsset);
    for (const TradeFillPart& fill : std::as_const(trade.fills)) {
        if (fill.commissionAsset == trade.marginAsset || fill.commission.isZero())
            continue;
        FeeValuationPart part;
        part.fillId = fill.fillId;
        part.asset = fill.commissionAsset;
        part.amount = fill.commission;
        part.pair = valuationPair(fill.commissionAsset, trade.marginAsset);
        part.minute = feeMinute(fill.time);
        if (price) {
            part.close = price(part.pair, part.minute);
            if (part.close) {
                try {
                    const Decimal value = part.amount * *part.close; // exact: no rounding
                    v.commissionValued = v.commissionValued + value;
                    part.value = value;
                } catch (const DecimalOverflow&) {
                    part.close.reset(); // a price too large to compute with: not valued
                }
            }
        }
        v.parts.append(part);
    }
    try {
        v.netPnlValued = trade.realizedPnl + trade.funding - v.commissionValued;
    } catch (const DecimalOverflow&) {
        // Cannot happen with amounts the builder accepted; keep the unvalued net if it does.
        for (FeeValuationPart& part : v.parts) {
            part.close.reset();
            part.value.reset();
        }
        v.commissionValued = trade.commission.value(trade.marginAsset);
        v.netPnlValued = trade.netPnl;
    }
    trade.valuation = v;
}

QVector<FeePriceNeed> feePriceNeeds(const QVector<Fill>& fills, const QString& fallbackMarginAsset)
{
    QVector<FeePriceNeed> needs;
    for (const Fill& f : fills) {
        const QString margin = f.marginAsset.isEmpty()
                                   ? (fallbackMarginAsset.isEmpty() ? marginAssetForSymbol(f.symbol)
                                                                    : fallbackMarginAsset)
                                   : f.marginAsset;
        if (f.commissionAsset.isEmpty() || f.commissionAsset == margin || f.commission.isZero())
            continue;
        needs.append({valuationPair(f.commissionAsset, margin), feeMinute(f.time)});
    }
    std::sort(needs.begin(), needs.end(), [](const FeePriceNeed& a, const FeePriceNeed& b) {
        return a.pair != b.pair ? a.pair < b.pair : a.minute < b.minute;
    });
    needs.erase(std::unique(needs.begin(), needs.end()), needs.end());
    return needs;
}

QString notValuedText(const FeeValuationPart& part)
{
    return QStringLiteral("%1 %2 not valued: no %3 price")
        .arg(part.amount.toString(), part.asset, part.pair);
}

} // namespace fb
