#include "ui/models/money_format.h"

#include "models/domain/duration.h"
#include "models/money/decimal.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace fb::ui {

namespace {

QLocale& displayLocaleSlot()
{
    static QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

QString grouped(const QString& plain)
{
    return localizedDecimal(plain);
}

// "yy" -> "yyyy" in a date format, so that a journal never shows two-digit years.
QString withFullYear(QString format)
{
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

} // namespace

void setDisplayLocale(const QLocale& locale)
{
    displayLocaleSlot() = locale;
}

QLocale displayLocale()
{
    return displayLocaleSlot();
}

QString localizedDecimal(const QString& plain, const QLocale& locale)
{
    const bool negative = plain.startsWith(QLatin1Char('-'));
    const QString body = negative ? plain.mid(1) : plain;
    const qsizetype point = body.indexOf(QLatin1Char('.'));
    const QString whole = point < 0 ? body : body.left(point);
    const QString fraction = point < 0 ? QString() : body.mid(point + 1);
    const auto digitsOnly = [](const QString& text) {
        return std::all_of(text.begin(), text.end(),
                           [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
    };
    if (whole.isEmpty() || !digitsOnly(whole) || !digitsOnly(fraction) ||
        (point >= 0 && fraction.isEmpty()))
        return plain;
    QString out;
    const QString group = locale.groupSeparator();
    for (qsizetype i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            out += group;
        out += whole.at(i);
    }
    if (point >= 0)
        out += locale.decimalPoint() + fraction;
    return negative ? locale.negativeSign() + out : out;
}

QString countText(qint64 n, const QLocale& locale)
{
    return localizedDecimal(QString::number(n), locale);
}

QString shortDateFormat(const QLocale& locale)
{
    return withFullYear(locale.dateFormat(QLocale::ShortFormat));
}

QString dateText(const QDate& date, const QLocale& locale)
{
    return locale.toString(date, shortDateFormat(locale));
}

QString weekdayDateText(const QDate& date, QLocale::FormatType weekday, const QLocale& locale)
{
    return locale.dayName(date.dayOfWeek(), weekday) + QLatin1Char(' ') + dateText(date, locale);
}

QString dateTimeText(const QDateTime& at, const QLocale& locale)
{
    return dateText(at.date(), locale) + QLatin1Char(' ') + timeText(at.time(), locale);
}

QString compactDateTimeText(const QDateTime& at, const QLocale& locale)
{
    // The short date format without its year and the separator next to it.
    static const QRegularExpression year(QStringLiteral("[^dM]*y+[^dM]*$|^[^dM]*y+[^dM]*"));
    QString format = shortDateFormat(locale);
    format.remove(year);
    // A 12-hour clock's " PM" would not fit either: the 24-hour clock with the locale's separator.
    QString time = locale.timeFormat(QLocale::ShortFormat);
    if (time.contains(QLatin1String("ap"), Qt::CaseInsensitive))
        time = QStringLiteral("HH:mm");
    return locale.toString(at.date(), format) + QLatin1Char(' ') + locale.toString(at.time(), time);
}

QString timeText(const QTime& time, const QLocale& locale)
{
    return locale.toString(time, locale.timeFormat(QLocale::ShortFormat));
}

QString monthText(const QDate& month, const QLocale& locale)
{
    return locale.standaloneMonthName(month.month()) + QLatin1Char(' ') +
           QString::number(month.year());
}

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

QString durationText(qint64 ms)
{
    // The units are the UI's language's (the CLI keeps sync::formatDuration's English symbols).
    domain::DurationTemplates units;
    units.seconds = QCoreApplication::translate("Duration", "%1 s", "seconds");
    units.minutesSeconds =
        QCoreApplication::translate("Duration", "%1 min %2 s", "minutes and seconds");
    units.hoursMinutes =
        QCoreApplication::translate("Duration", "%1 h %2 min", "hours and minutes");
    return domain::formatDuration(ms, units);
}

QString holdingTimeText(qint64 ms)
{
    const qint64 minutes = ms / 60'000;
    if (minutes < 60)
        return QCoreApplication::translate("Duration", "%1 min", "minutes").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return QCoreApplication::translate("Duration", "%1 h %2 min", "hours and minutes")
            .arg(hours)
            .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("Duration", "%1 d %2 h", "days and hours")
        .arg(hours / 24)
        .arg(hours % 24);
}

} // namespace fb::ui
