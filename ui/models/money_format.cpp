#include "ui/models/money_format.h"

#include "models/money/decimal.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace fb::ui {

namespace {

QString grouped(const QString& plain)
{
    // plain: "-12345.68" -> "-12,345.68"
    const qsizetype sign = plain.startsWith(QLatin1Char('-')) ? 1 : 0;
    qsizetype point = plain.indexOf(QLatin1Char('.'));
    if (point < 0)
        point = plain.size();
    QString out = plain;
    for (qsizetype at = point - 3; at > sign; at -= 3)
        out.insert(at, QLatin1Char(','));
    return out;
}

} // namespace

QString fixedText(const QString& decimal, int places)
{
    const auto value = Decimal::parse(decimal);
    if (!value)
        return decimal;
    QString text = value->toFixedString(places);
    if (text.startsWith(QLatin1Char('-')) && value->roundHalfEven(places).signum() == 0)
        text.remove(0, 1); // "-0.00" reads as a loss that is not there
    return grouped(text);
}

QString moneyText(const QString& decimal, const QString& asset)
{
    return fixedText(decimal, 2) + QLatin1Char(' ') + asset;
}

QString smallAmountText(const QString& decimal, const QString& asset)
{
    const auto value = Decimal::parse(decimal);
    if (!value)
        return decimal + QLatin1Char(' ') + asset;
    // Zeros between the point and the first significant digit, read from the exact text.
    const QString plain = value->abs().toString();
    int places = 4;
    if (plain.startsWith(QLatin1String("0."))) {
        qsizetype zeros = 0;
        while (2 + zeros < plain.size() && plain.at(2 + zeros) == QLatin1Char('0'))
            ++zeros;
        places = static_cast<int>(zeros) + 4;
    }
    return grouped(value->roundHalfEven(std::min(places, 8)).toString()) + QLatin1Char(' ') + asset;
}

QString exactText(const QString& decimal, const QString& asset)
{
    const auto value = Decimal::parse(decimal);
    return (value ? grouped(value->toString()) : decimal) + QLatin1Char(' ') + asset;
}

QString feesText(const QString& commissionJson, const QString& marginAsset, bool exact)
{
    const QJsonObject object = QJsonDocument::fromJson(commissionJson.toUtf8()).object();
    QStringList parts;
    if (object.contains(marginAsset)) {
        const QString v = object.value(marginAsset).toString();
        parts << (exact ? exactText(v, marginAsset) : moneyText(v, marginAsset));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == marginAsset)
            continue;
        parts << (exact ? exactText(it.value().toString(), it.key())
                        : smallAmountText(it.value().toString(), it.key()));
    }
    return parts.join(QStringLiteral(" + "));
}

} // namespace fb::ui
