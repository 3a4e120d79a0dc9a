#pragma once
// How the desktop writes amounts: money to 2 decimals with its asset ("-1,234.57 USDT"), prices
// and sizes at the symbol's exchange precision, thousands grouped. Rounding is half-even on the
// exact decimal (display only); the exact value goes to tooltips and the detail pane.

#include <QString>

namespace fb::ui {

// "12345.678" -> "12,345.68"; text that is no decimal comes back unchanged.
QString fixedText(const QString& decimal, int places);
// Money: 2 decimals and the asset, "12.34 USDT".
QString moneyText(const QString& decimal, const QString& asset);
// A fee of an asset other than the margin asset (BNB) in a table cell: 4 significant digits
// (at most 8 decimals), trailing zeros dropped, so a small fee never reads as 0.00 and its asset
// stays in a narrow column ("0.00131 BNB"); the tooltip and the detail pane give it exact.
QString smallAmountText(const QString& decimal, const QString& asset);
// The exact canonical value with its asset, for tooltips: "12.3456789 USDT".
QString exactText(const QString& decimal, const QString& asset);
// Commission JSON ({"BNB":"0.0011","USDT":"0.41"}) as "0.41 USDT + 0.0011 BNB" (margin asset
// first, 2 decimals; others exact up to 8 places); exact = every asset exact.
QString feesText(const QString& commissionJson, const QString& marginAsset, bool exact = false);

} // namespace fb::ui
