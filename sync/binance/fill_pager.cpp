#include "sync/binance/fill_pager.h"

namespace fb::binance {

QString implausibleTimeReason(qint64 timeMs, qint64 latestPlausibleMs)
{
    if (timeMs < 0)
        return QStringLiteral("its time %1 ms is before 1970").arg(timeMs);
    if (timeMs > latestPlausibleMs)
        return QStringLiteral("its time %1 ms is later than the exchange's clock allows "
                              "(%2 ms at most)")
            .arg(timeMs)
            .arg(latestPlausibleMs);
    return {};
}

FillPager::FillPager(const QString& symbol, qint64 from, qint64 to, const FillCursor& resume,
                     int limit, qint64 windowMs)
    : m_symbol(symbol)
    , m_core(
          from, to, windowMs, limit,
          [symbol](qint64 start, qint64 end, int n) {
              return userTradesByTime(symbol, start, end, n);
          },
          [symbol](qint64 fromId, int n) { return userTradesFromId(symbol, fromId, n); },
          resume.lastId, resume.coveredThrough, /*idsAfterFirstRow=*/true)
{}

QList<Fill> FillPager::accept(const QList<Fill>& page)
{
    QList<IdWindowPager::Row> rows;
    rows.reserve(page.size());
    for (const Fill& fill : page)
        rows.append({fill.id, fill.time});
    QList<Fill> kept;
    for (qsizetype i : m_core.accept(rows))
        kept.append(page[i]);
    return kept;
}

} // namespace fb::binance
