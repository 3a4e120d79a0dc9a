#include "ui/filter_caption.h"

#include <QCoreApplication>
#include <QDateTime>

namespace fb::ui {

namespace {
// lupdate reads the context from here: these free functions translate as "FilterCaption".
class FilterCaptionText
{
    Q_DECLARE_TR_FUNCTIONS(FilterCaption)
};

QString day(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).date().toString(Qt::ISODate);
}
} // namespace

QString filterCaption(const TradeQuery& query, const QTimeZone& zone)
{
    QStringList parts;
    if (!query.account.isEmpty())
        parts << FilterCaptionText::tr("account %1").arg(query.account);
    if (const QStringList symbols = journal::querySymbols(query); symbols.size() == 1)
        parts << symbols.first();
    else if (!symbols.isEmpty())
        parts << FilterCaptionText::tr("%n symbols", nullptr, int(symbols.size()));
    if (!query.direction.isEmpty())
        parts << query.direction.toLower();
    if (!query.status.isEmpty())
        parts << query.status.toLower();
    if (query.outcome > 0)
        parts << FilterCaptionText::tr("winners");
    else if (query.outcome < 0)
        parts << FilterCaptionText::tr("losers");
    if (query.openFromMs && query.openToMs)
        parts << FilterCaptionText::tr("opened %1 – %2")
                     .arg(day(*query.openFromMs, zone), day(*query.openToMs, zone));
    else if (query.openFromMs)
        parts << FilterCaptionText::tr("opened from %1").arg(day(*query.openFromMs, zone));
    else if (query.openToMs)
        parts << FilterCaptionText::tr("opened until %1").arg(day(*query.openToMs, zone));
    if (query.closeFromMs && query.closeToMs)
        parts << FilterCaptionText::tr("closed %1").arg(day(*query.closeFromMs, zone));
    if (query.tags.size() == 1)
        parts << FilterCaptionText::tr("tag “%1”").arg(query.tags.first());
    else if (!query.tags.isEmpty())
        parts << FilterCaptionText::tr("any of the tags “%1”")
                     .arg(query.tags.join(QStringLiteral("”, “")));
    if (!query.notesText.isEmpty())
        parts << FilterCaptionText::tr("notes contain “%1”").arg(query.notesText);
    if (parts.isEmpty())
        return FilterCaptionText::tr("All trades");
    return FilterCaptionText::tr("Filtered: %1").arg(parts.join(QStringLiteral(", ")));
}

} // namespace fb::ui
