#include "ui/money_text.h"

#include "ui/models/money_format.h"

namespace fb::ui {

QString groupedDecimal(const Decimal& value, int places)
{
    return localizedDecimal(value.toFixedString(places));
}

QString moneyText(const Decimal& value, const QString& asset, int places)
{
    return groupedDecimal(value, places) + QLatin1Char(' ') + asset;
}

} // namespace fb::ui
