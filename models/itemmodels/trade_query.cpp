#include "models/itemmodels/trade_query.h"

#include "sync/journal/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <compare>

namespace fb::ui {

namespace {

const QString kColumns = QStringLiteral(
    "SELECT t.key, t.symbol, t.direction, t.status, t.open_time, t.close_time, t.max_qty, "
    "t.avg_entry_price, t.avg_exit_price, t.realized_pnl, t.commission_json, t.funding, "
    "t.net_pnl, t.flags, a.tags_json FROM trades t LEFT JOIN annotations a ON a.trade_key = t.key");

bool isNetPnlSort(TradeSort sort)
{
    return sort == TradeSort::NetPnlAsc || sort == TradeSort::NetPnlDesc;
}

bool isDescending(TradeSort sort)
{
    return sort == TradeSort::OpenTimeDesc || sort == TradeSort::NetPnlDesc;
}

TradeRow readRow(const QSqlQuery& q)
{
    TradeRow row;
    row.key = q.value(0).toString();
    row.symbol = q.value(1).toString();
    row.direction = q.value(2).toString();
    row.status = q.value(3).toString();
    row.openTime = q.value(4).toLongLong();
    if (!q.value(5).isNull())
        row.closeTime = q.value(5).toLongLong();
    row.maxQty = q.value(6).toString();
    row.entryPrice = q.value(7).toString();
    row.exitPrice = q.value(8).toString();
    row.realizedPnl = q.value(9).toString();
    row.commissionJson = q.value(10).toString();
    row.funding = q.value(11).toString();
    row.netPnl = q.value(12).toString();
    row.flags = q.value(13).toString();
    const QJsonArray tags = QJsonDocument::fromJson(q.value(14).toString().toUtf8()).array();
    for (const auto& tag : tags)
        row.tags << tag.toString();
    return row;
}

} // namespace

Decimal TradeRow::netPnlValue() const
{
    return Decimal::parse(netPnl).value_or(Decimal());
}

QString TradeRow::feesText() const
{
    const QJsonObject object = QJsonDocument::fromJson(commissionJson.toUtf8()).object();
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it)
        parts << it.value().toString() + QLatin1Char(' ') + it.key();
    return parts.join(QStringLiteral(", "));
}

QString whereClause(const TradeQuery& query, QVariantList& values)
{
    QStringList terms;
    if (!query.symbol.isEmpty()) {
        terms << QStringLiteral("t.symbol = ?");
        values << query.symbol;
    }
    if (!query.direction.isEmpty()) {
        terms << QStringLiteral("t.direction = ?");
        values << query.direction;
    }
    if (!query.status.isEmpty()) {
        terms << QStringLiteral("t.status = ?");
        values << query.status;
    }
    // The sign of the canonical decimal text; REAL is only used to compare with zero here.
    if (query.outcome > 0)
        terms << QStringLiteral("CAST(t.net_pnl AS REAL) > 0");
    else if (query.outcome < 0)
        terms << QStringLiteral("CAST(t.net_pnl AS REAL) < 0");
    if (query.openFromMs) {
        terms << QStringLiteral("t.open_time >= ?");
        values << *query.openFromMs;
    }
    if (query.openToMs) {
        terms << QStringLiteral("t.open_time <= ?");
        values << *query.openToMs;
    }
    if (!query.tag.isEmpty()) {
        terms << QStringLiteral(
            "EXISTS (SELECT 1 FROM json_each(a.tags_json) WHERE json_each.value = ?)");
        values << query.tag;
    }
    if (!query.notesText.isEmpty()) {
        terms << QStringLiteral("instr(lower(a.notes), lower(?)) > 0");
        values << query.notesText;
    }
    return terms.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QVector<TradeRow> loadTradePage(journal::Database& db, const TradeQuery& query,
                                const std::optional<TradeCursor>& after, int limit)
{
    QVariantList values;
    QString where = whereClause(query, values);
    const bool desc = isDescending(query.sort);
    const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = desc ? QStringLiteral(" DESC") : QString();
    QString order;
    if (isNetPnlSort(query.sort)) {
        // No index orders by PnL: SQLite sorts the filtered rows, the LIMIT keeps the page small.
        order = QStringLiteral(" ORDER BY CAST(t.net_pnl AS REAL)") + dir +
                QStringLiteral(", t.key") + dir;
        if (after) {
            where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
                     QStringLiteral("(CAST(t.net_pnl AS REAL), t.key) ") + cmp +
                     QStringLiteral(" (CAST(? AS REAL), ?)");
            values << after->netPnl << after->key;
        }
    } else {
        order = QStringLiteral(" ORDER BY t.open_time") + dir + QStringLiteral(", t.key") + dir;
        if (after) {
            where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
                     QStringLiteral("(t.open_time, t.key) ") + cmp + QStringLiteral(" (?, ?)");
            values << after->openTime << after->key;
        }
    }
    values << limit;
    QSqlQuery q = db.run(kColumns + where + order + QStringLiteral(" LIMIT ?"), values,
                         QStringLiteral("load a page of trades"));
    QVector<TradeRow> rows;
    while (q.next())
        rows << readRow(q);
    return rows;
}

QVector<TradeRow> loadTradesByKey(journal::Database& db, const TradeQuery& query,
                                  const QStringList& keys)
{
    QVector<TradeRow> rows;
    // SQLite's default limit on bound parameters is 999; a batch rarely has more keys.
    constexpr int kChunk = 400;
    for (int start = 0; start < keys.size(); start += kChunk) {
        const QStringList chunk = keys.mid(start, kChunk);
        QVariantList values;
        QString where = whereClause(query, values);
        QStringList marks;
        for (const QString& key : chunk) {
            marks << QStringLiteral("?");
            values << key;
        }
        where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
                 QStringLiteral("t.key IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
        QSqlQuery q = db.run(kColumns + where, values, QStringLiteral("load trades by key"));
        while (q.next())
            rows << readRow(q);
    }
    return rows;
}

bool sortsBefore(const TradeQuery& query, const TradeRow& a, const TradeRow& b)
{
    const bool desc = isDescending(query.sort);
    if (isNetPnlSort(query.sort)) {
        const auto order = a.netPnlValue() <=> b.netPnlValue();
        if (order != 0)
            return desc ? order > 0 : order < 0;
    } else if (a.openTime != b.openTime) {
        return desc ? a.openTime > b.openTime : a.openTime < b.openTime;
    }
    return desc ? a.key > b.key : a.key < b.key;
}

} // namespace fb::ui
