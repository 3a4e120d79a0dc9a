#pragma once
// Contract specifications the simulator serves in /fapi/v1/exchangeInfo, and a catalog of
// realistic USD-M perpetuals (names, reference prices, tick and step sizes) for the generator.

#include "models/money/decimal.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace fb::sim {

struct SymbolSpec
{
    QString symbol;     // "BTCUSDT"
    QString baseAsset;  // "BTC"
    QString quoteAsset; // "USDT" (also the margin asset of a USD-M perpetual)
    Decimal tickSize;   // PRICE_FILTER.tickSize, e.g. 0.10
    Decimal stepSize;   // LOT_SIZE.stepSize, e.g. 0.001
    Decimal maxQty;     // LOT_SIZE.maxQty
    Decimal minNotional;
    Decimal referencePrice; // where the generator's price walk starts (a multiple of tickSize)
    Decimal markPrice;      // served by positionRisk; the last traded price once generated
    qint64 onboardDate = 0;

    int pricePrecision() const { return tickSize.normalized().scale(); }
    int quantityPrecision() const { return stepSize.normalized().scale(); }
    // The exchangeInfo "symbols" element (filters and all).
    QJsonObject toExchangeInfoJson() const;
};

// Ordered catalog: the most traded symbols first, BTCUSDC and ETHUSDC among the first dozen, and
// at least `count` entries (real names first, then synthetic "SIMnnnUSDT" names if needed).
QVector<SymbolSpec> symbolCatalog(int count);

// A spec for a symbol known only by name (datasets): the catalog's entry when the name is in it,
// otherwise tick and step derived from the given scales, the quote asset from the name.
SymbolSpec specForName(const QString& name, int priceScale, int qtyScale, const Decimal& lastPrice);

} // namespace fb::sim
