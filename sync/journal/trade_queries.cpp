#include "sync/journal/trade_queries.h"

#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <compare>

namespace fb::journal {

namespace {

// Every column of detail::tradeColumns() (the one list of the trades table's columns), then the
// annotation's tags; readRow() finds its fields by name in that list.
const QString kColumns = QStringLiteral("SELECT t.") +
                         detail::tradeColumns().join(QStringLiteral(", t.")) +
                         QStringLiteral(", a.tags_json FROM trades t LEFT JOIN annotations a ON "
                                        "a.trade_key = t.key");

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
    static const QStringList columns = detail::tradeColumns();
    static const int key = int(columns.indexOf(QStringLiteral("key")));
    static const int symbol = int(columns.indexOf(QStringLiteral("symbol")));
    static const int direction = int(columns.indexOf(QStringLiteral("direction")));
    static const int status = int(columns.indexOf(QStringLiteral("status")));
    static const int openTime = int(columns.indexOf(QStringLiteral("open_time")));
    static const int closeTime = int(columns.indexOf(QStringLiteral("close_time")));
    static const int maxQty = int(columns.indexOf(QStringLiteral("max_qty")));
    static const int entryPrice = int(columns.indexOf(QStringLiteral("avg_entry_price")));
    static const int exitPrice = int(columns.indexOf(QStringLiteral("avg_exit_price")));
    static const int realizedPnl = int(columns.indexOf(QStringLiteral("realized_pnl")));
    static const int commission = int(columns.indexOf(QStringLiteral("commission_json")));
    static const int funding = int(columns.indexOf(QStringLiteral("funding")));
    static const int netPnl = int(columns.indexOf(QStringLiteral("net_pnl")));
    static const int flags = int(columns.indexOf(QStringLiteral("flags")));
    static const int marginAsset = int(columns.indexOf(QStringLiteral("margin_asset")));
    static const int netPnlValued = int(columns.indexOf(QStringLiteral("net_pnl_valued")));
    static const int valuation = int(columns.indexOf(QStringLiteral("fee_valuation_json")));
    static const int notValued = int(columns.indexOf(QStringLiteral("fees_not_valued")));
    static const int tags = int(columns.size());
    TradeRow row;
    row.key = q.value(key).toString();
    row.symbol = q.value(symbol).toString();
    row.direction = q.value(direction).toString();
    row.status = q.value(status).toString();
    row.openTime = q.value(openTime).toLongLong();
    if (!q.value(closeTime).isNull())
        row.closeTime = q.value(closeTime).toLongLong();
    row.maxQty = q.value(maxQty).toString();
    row.entryPrice = q.value(entryPrice).toString();
    row.exitPrice = q.value(exitPrice).toString();
    row.realizedPnl = q.value(realizedPnl).toString();
    row.commissionJson = q.value(commission).toString();
    row.funding = q.value(funding).toString();
    row.netPnl = q.value(netPnl).toString();
    row.flags = q.value(flags).toString();
    row.marginAsset = q.value(marginAsset).toString();
    row.netPnlValued = q.value(netPnlValued).toString();
    row.feeValuationJson = q.value(valuation).toString();
    row.feesNotValued = q.value(notValued).toInt();
    const QJsonArray tagArray = QJsonDocument::fromJson(q.value(tags).toString().toUtf8()).array();
    for (const auto& tag : tagArray)
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

QVector<FeeValuationPart> TradeRow::feeValuationParts() const
{
    if (feeValuationJson.isEmpty())
        return {};
    try {
        return detail::readFeeValuationJson(feeValuationJson.toUtf8(), key);
    } catch (const JournalError&) {
        return {}; // shown as not computed; the detail pane reads the trade strictly
    }
}

namespace {

// Where-clause and bindings of the filter (without the cursor), on alias t / a.
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

} // namespace

QVector<TradeRow> loadTradePage(Database& db, const TradeQuery& query,
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
    QSqlQuery q = sqlOn(db).run(kColumns + where + order + QStringLiteral(" LIMIT ?"), values,
                                QStringLiteral("load a page of trades"));
    QVector<TradeRow> rows;
    while (q.next())
        rows << readRow(q);
    return rows;
}

QVector<TradeRow> loadTradesByKey(Database& db, const TradeQuery& query, const QStringList& keys)
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
        QSqlQuery q = sqlOn(db).run(kColumns + where, values, QStringLiteral("load trades by key"));
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

QVector<ClosedTrade> loadClosedTrades(Database& db, const TradeQuery& query, int maxTrades)
{
    QVariantList values;
    QString where = whereClause(query, values);
    where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
             QStringLiteral("t.status = 'CLOSED' AND t.close_time IS NOT NULL");
    values << maxTrades;
    QSqlQuery q =
        sqlOn(db).run(QStringLiteral("SELECT t.close_time, t.net_pnl FROM trades t LEFT JOIN "
                                     "annotations a ON a.trade_key = t.key") +
                          where + QStringLiteral(" ORDER BY t.close_time, t.key LIMIT ?"),
                      values, QStringLiteral("load closed trades for statistics"));
    QVector<ClosedTrade> trades;
    while (q.next())
        trades.append(ClosedTrade{q.value(0).toLongLong(),
                                  Decimal::parse(q.value(1).toString()).value_or(Decimal())});
    return trades;
}

QStringList tradeSymbols(Database& db)
{
    // A loose index scan: one trades_by_symbol seek per distinct symbol. SELECT DISTINCT would
    // read every entry of the index, a million of them in a big journal.
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("WITH RECURSIVE s(symbol) AS (SELECT min(symbol) FROM trades "
                       "UNION ALL SELECT (SELECT min(symbol) FROM trades WHERE symbol > "
                       "s.symbol) FROM s WHERE s.symbol IS NOT NULL) "
                       "SELECT symbol FROM s WHERE symbol IS NOT NULL"),
        {}, QStringLiteral("list symbols"));
    QStringList symbols;
    while (q.next())
        symbols << q.value(0).toString();
    return symbols;
}

std::optional<TradeHeader> loadTradeHeader(Database& db, const QString& key)
{
    QSqlQuery t = sqlOn(db).run(
        QStringLiteral("SELECT symbol, direction, status, commission_json, funding, net_pnl, "
                       "fill_count FROM trades WHERE key = ?"),
        {key}, QStringLiteral("load a trade"));
    if (!t.next())
        return std::nullopt;
    return TradeHeader{t.value(0).toString(),  t.value(1).toString(), t.value(2).toString(),
                       t.value(3).toString(),  t.value(4).toString(), t.value(5).toString(),
                       t.value(6).toLongLong()};
}

QVector<TradeFundingRow> loadTradeFunding(Database& db, const QString& key, int limit)
{
    QSqlQuery fu = sqlOn(db).run(
        QStringLiteral("SELECT i.time, i.income, i.asset FROM trade_funding tf JOIN income i "
                       "ON i.income_type = 'FUNDING_FEE' AND i.tran_id = tf.tran_id "
                       "WHERE tf.trade_key = ? ORDER BY tf.seq LIMIT ?"),
        {key, limit}, QStringLiteral("load the funding of a trade"));
    QVector<TradeFundingRow> rows;
    while (fu.next())
        rows << TradeFundingRow{fu.value(0).toLongLong(), fu.value(1).toString(),
                                fu.value(2).toString()};
    return rows;
}

} // namespace fb::journal
