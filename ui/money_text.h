#pragma once
// Amounts as people read them: grouped digits, a fixed number of places, and always the asset
// ("1,234.56 USDT"). An amount without its asset is never shown (docs/design.md D58).

#include "models/money/decimal.h"

#include <QString>

namespace fb::ui {

// "1,234.56" (rounded half-even to `places`; "-" for negatives).
QString groupedDecimal(const Decimal& value, int places = 2);
// "1,234.56 USDT"
QString moneyText(const Decimal& value, const QString& asset, int places = 2);

} // namespace fb::ui
