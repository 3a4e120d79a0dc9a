#include "ui/money_text.h"

namespace fb::ui {

QString groupedDecimal(const Decimal& value, int places)
{
    QString text = value.toFixedString(places);
    const bool negative = text.startsWith(QLatin1Char('-'));
    if (negative)
        text.remove(0, 1);
    const qsizetype point = text.indexOf(QLatin1Char('.'));
    const qsizetype intEnd = point < 0 ? text.size() : point;
    for (qsizetype i = intEnd - 3; i > 0; i -= 3)
        text.insert(i, QLatin1Char(','));
    return negative ? QLatin1Char('-') + text : text;
}

QString moneyText(const Decimal& value, const QString& asset, int places)
{
    return groupedDecimal(value, places) + QLatin1Char(' ') + asset;
}

} // namespace fb::ui
