#include "ui/models/fee_valuation_text.h"

#include "ui/models/money_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

namespace fb::ui {

QString feeValuationMarker(int valuedParts, int notValuedParts)
{
    // A prefix: a narrow column elides the end of a number, never its start.
    QString marker;
    if (valuedParts > 0)
        marker += QStringLiteral("≈ ");
    if (notValuedParts > 0)
        marker += QStringLiteral("⚠ ");
    return marker;
}

namespace {
QString minuteText(qint64 minute)
{
    return dateTimeText(QDateTime::fromMSecsSinceEpoch(minute, QTimeZone::utc())) +
           QStringLiteral(" UTC");
}
} // namespace

QStringList feeValuationLines(const QVector<FeeValuationPart>& parts, const QString& marginAsset,
                              int maxLines)
{
    QStringList lines;
    for (const FeeValuationPart& p : parts) {
        if (!p.valued())
            continue;
        lines << QCoreApplication::translate("FeeValuationText",
                                             "includes %1 %2 valued at %3 %4/%2, 1-minute close "
                                             "of %5 at %6 (%7 %4)")
                     .arg(localizedDecimal(p.amount.toString()), p.asset,
                          localizedDecimal(p.close->toString()), marginAsset, p.pair,
                          minuteText(p.minute), localizedDecimal(p.value->toString()));
    }
    for (const FeeValuationPart& p : parts) {
        if (!p.valued())
            lines << QCoreApplication::translate("FeeValuationText",
                                                 "%1 %2 not valued: no %3 price")
                         .arg(localizedDecimal(p.amount.toString()), p.asset, p.pair);
    }
    if (lines.size() > maxLines) {
        const qsizetype more = lines.size() - maxLines;
        lines = lines.mid(0, maxLines);
        lines << QCoreApplication::translate("FeeValuationText", "… and %1 more").arg(more);
    }
    return lines;
}

QString netPnlTooltip(const QString& netPnl, const QString& marginAsset,
                      const QVector<FeeValuationPart>& parts, int notValuedCount)
{
    QStringList lines{QCoreApplication::translate("FeeValuationText", "Net PnL %1 %2")
                          .arg(localizedDecimal(netPnl), marginAsset)};
    if (!parts.isEmpty())
        lines += feeValuationLines(parts, marginAsset);
    else if (notValuedCount > 0)
        lines << QCoreApplication::translate("FeeValuationText",
                                             "%1 fees paid in another asset are not valued yet: "
                                             "the next sync values them")
                     .arg(notValuedCount);
    return lines.join(QLatin1Char('\n'));
}

} // namespace fb::ui
