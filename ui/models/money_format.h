#pragma once
// How the desktop writes amounts: money to 2 decimals with its asset ("-1,234.57 USDT"), prices
// and sizes at the symbol's exchange precision, thousands grouped. Rounding is half-even on the
// exact decimal (display only); the exact value goes to tooltips and the detail pane.

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace fb::ui {

// The locale of numbers and dates on screen (ui/language.h sets it with the language; en_US until
// then). Exports and the CLI never use it: they stay locale-independent.
void setDisplayLocale(const QLocale& locale);
QLocale displayLocale();

// Plain decimal text ("-1234567.89", as Decimal writes it) with the locale's group separator and
// decimal point: "-1,234,567.89" in en, "-1.234.567,89" in id. Digits are never re-rounded and
// never pass through a double; text that is no plain decimal comes back unchanged.
QString localizedDecimal(const QString& plain, const QLocale& locale = displayLocale());
// A whole number: "214,719" / "214.719".
QString countText(qint64 n, const QLocale& locale = displayLocale());
// The locale's short date with a four-digit year: "10/1/2026" (en_US), "01/10/2026" (id).
QString dateText(const QDate& date, const QLocale& locale = displayLocale());
// The date format behind dateText ("M/d/yyyy", "dd/MM/yyyy"), for date editors.
QString shortDateFormat(const QLocale& locale = displayLocale());
// A weekday and the date: "Fri 10/2/2026", "Jum 02/10/2026" (LongFormat: "Friday 10/2/2026").
QString weekdayDateText(const QDate& date, QLocale::FormatType weekday = QLocale::ShortFormat,
                        const QLocale& locale = displayLocale());
// Short date and short time: "10/1/2026 11:00 AM", "01/10/2026 11.00".
QString dateTimeText(const QDateTime& at, const QLocale& locale = displayLocale());
// Day, month and a 24-hour time without the year, for narrow cells: "10/1 14:05", "01/10 14.05".
QString compactDateTimeText(const QDateTime& at, const QLocale& locale = displayLocale());
// The locale's short time: "11:00 AM", "11.00".
QString timeText(const QTime& time, const QLocale& locale = displayLocale());
// A month as a title: "October 2026", "Oktober 2026".
QString monthText(const QDate& month, const QLocale& locale = displayLocale());

// A duration in the UI's language, as sync::formatDuration writes it for the CLI: "45 s",
// "3 min 20 s", "2 h 05 min" (id: "45 dtk", "3 mnt 20 dtk", "2 jam 05 mnt").
QString durationText(qint64 ms);
// A trade's holding time, to the minute: "12 min", "5 h 03 min", "3 d 4 h" (id: "12 mnt",
// "5 jam 03 mnt", "3 hari 4 jam").
QString holdingTimeText(qint64 ms);

// "12345.678" -> "12,345.68" (display locale); text that is no decimal comes back unchanged.
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
