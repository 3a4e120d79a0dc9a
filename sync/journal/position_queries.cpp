#include "sync/journal/position_queries.h"

#include "sync/journal/database.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/sql_access.h"

#include <QSqlQuery>

namespace fb::journal {

namespace {
constexpr int kFetchedAtColumn = 13; // of detail::positionColumns()
} // namespace

QMap<QString, Decimal> OpenPositions::unrealizedByAsset() const
{
    QMap<QString, Decimal> sums;
    for (const Position& p : positions)
        sums[p.marginAsset] += p.unRealizedProfit;
    return sums;
}

OpenPositions loadOpenPositions(Database& db, const QString& account)
{
    OpenPositions out;
    QSqlQuery q =
        sqlOn(db).run(QStringLiteral("SELECT %1 FROM positions WHERE (? = '' OR account = ?) "
                                     "ORDER BY account, symbol, position_side")
                          .arg(detail::positionColumns()),
                      {account, account}, QStringLiteral("read the open positions"));
    while (q.next()) {
        out.positions.append(detail::readPosition(q));
        const qint64 fetched = q.value(kFetchedAtColumn).toLongLong();
        if (!out.asOfMs || fetched > *out.asOfMs)
            out.asOfMs = fetched;
    }
    if (!out.asOfMs) {
        // No open position: as of the last sync that went through (it found none).
        const QVariant ended = sqlOn(db).scalar(
            QStringLiteral("SELECT max(ended_at) FROM runs WHERE (? = '' OR account = ?) AND "
                           "status IN ('completed', 'completed_with_errors')"),
            {account, account}, QStringLiteral("read the last sync's end"));
        if (ended.isValid() && !ended.isNull())
            out.asOfMs = ended.toLongLong();
    }
    return out;
}

} // namespace fb::journal
