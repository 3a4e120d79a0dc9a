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

QString sortExpression(TradeSortColumn column);

// Every column of detail::tradeColumns() (the one list of the trades table's columns), then the
// annotation's tags and the sort expression's value; readRow() finds its fields by name in
// that list.
QString selectColumns(TradeSortColumn sort)
{
    return QStringLiteral("SELECT t.") + detail::tradeColumns().join(QStringLiteral(", t.")) +
           QStringLiteral(", a.tags_json, ") + sortExpression(sort) +
           QStringLiteral(", a.risk_override");
}

const QString kFromTradesWithNotes =
    QStringLiteral(" FROM trades t LEFT JOIN annotations a ON a.trade_key = t.key");

} // namespace

QString netPnlSortExpression()
{
    return QStringLiteral("CAST(coalesce(t.net_pnl_valued, t.net_pnl) AS REAL)");
}

namespace {

// The expression each column sorts by, on alias t (trades) / a (annotations). Each one is the
// expression of an index of schema v7 (schema_steps.cpp), character for character apart from
// the alias, or SQLite would sort instead of walking the index. Decimals are TEXT: their order
// is CAST(... AS REAL), for ordering only (docs/design.md D53).
QString sortExpression(TradeSortColumn column)
{
    switch (column) {
    case TradeSortColumn::OpenTime:
        return QStringLiteral("t.open_time");
    case TradeSortColumn::CloseTime:
        return QStringLiteral("ifnull(t.close_time, 9223372036854775807)");
    case TradeSortColumn::Symbol:
        return QStringLiteral("t.symbol");
    case TradeSortColumn::Direction:
        return QStringLiteral("t.direction");
    case TradeSortColumn::Size:
        return QStringLiteral("CAST(t.max_qty AS REAL)");
    case TradeSortColumn::Entry:
        return QStringLiteral("ifnull(CAST(t.avg_entry_price AS REAL), -1.0)");
    case TradeSortColumn::Exit:
        return QStringLiteral("ifnull(CAST(t.avg_exit_price AS REAL), -1.0)");
    case TradeSortColumn::RealizedPnl:
        return QStringLiteral("CAST(t.realized_pnl AS REAL)");
    case TradeSortColumn::Fees:
        return QStringLiteral(
            "CAST(ifnull(json_extract(t.commission_json, '$.' || t.margin_asset), '0') AS REAL)");
    case TradeSortColumn::Funding:
        return QStringLiteral("CAST(t.funding AS REAL)");
    case TradeSortColumn::NetPnl:
        return netPnlSortExpression();
    case TradeSortColumn::Duration:
        return QStringLiteral("ifnull(t.close_time - t.open_time, 9223372036854775807)");
    case TradeSortColumn::Status:
        return QStringLiteral("t.status");
    case TradeSortColumn::Flags:
        return QStringLiteral("t.flags");
    case TradeSortColumn::Tags:
        return QStringLiteral(
            "CASE WHEN a.tags_json IS NULL OR a.tags_json = '[]' THEN '' ELSE a.tags_json END");
    }
    return QStringLiteral("t.open_time");
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
    static const int sortValue = tags + 1;
    static const int riskOverride = tags + 2;
    static const int initialRisk = int(columns.indexOf(QStringLiteral("initial_risk")));
    static const int rMultiple = int(columns.indexOf(QStringLiteral("r_multiple")));
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
    row.sortValue = q.value(sortValue);
    row.netPnlValued = q.value(netPnlValued).toString();
    row.feeValuationJson = q.value(valuation).toString();
    row.feesNotValued = q.value(notValued).toInt();
    if (!q.value(riskOverride).isNull()) {
        row.hasRisk = true;
        const auto risk = Decimal::parse(q.value(riskOverride).toString());
        const auto net = Decimal::parse(row.shownNetPnl());
        if (risk && net && risk->isPositive() && row.status == QLatin1String("CLOSED"))
            row.rMultiple = net->divide(*risk, 4).normalized().toString();
    } else {
        row.hasRisk = !q.value(initialRisk).isNull();
        row.rMultiple = q.value(rMultiple).toString();
    }
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

QStringList querySymbols(const TradeQuery& query)
{
    QStringList symbols;
    if (!query.symbol.isEmpty())
        symbols << query.symbol;
    for (const QString& symbol : query.symbols)
        if (!symbol.isEmpty() && !symbols.contains(symbol))
            symbols << symbol;
    return symbols;
}

namespace {

// Where-clause and bindings of the filter (without the cursor), on alias t / a.
QString whereClause(const TradeQuery& query, QVariantList& values)
{
    QStringList terms;
    if (!query.account.isEmpty()) {
        terms << QStringLiteral("t.account = ?");
        values << query.account;
    }
    // Several symbols at once (issue 14): any of them.
    if (const QStringList symbols = querySymbols(query); symbols.size() == 1) {
        terms << QStringLiteral("t.symbol = ?");
        values << symbols.first();
    } else if (!symbols.isEmpty()) {
        QStringList marks;
        for (const QString& symbol : symbols) {
            marks << QStringLiteral("?");
            values << symbol;
        }
        terms << QStringLiteral("t.symbol IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (!query.direction.isEmpty()) {
        terms << QStringLiteral("t.direction = ?");
        values << query.direction;
    }
    if (!query.status.isEmpty()) {
        terms << QStringLiteral("t.status = ?");
        values << query.status;
    }
    // The sign of the canonical decimal text; REAL is only used to compare with zero here. An
    // open trade is neither a win nor a loss: its PnL is not final.
    if (query.outcome > 0)
        terms << QStringLiteral(
            "t.status = 'CLOSED' AND CAST(coalesce(t.net_pnl_valued, t.net_pnl) AS REAL) > 0");
    else if (query.outcome < 0)
        terms << QStringLiteral(
            "t.status = 'CLOSED' AND CAST(coalesce(t.net_pnl_valued, t.net_pnl) AS REAL) < 0");
    if (query.openFromMs) {
        terms << QStringLiteral("t.open_time >= ?");
        values << *query.openFromMs;
    }
    if (query.openToMs) {
        terms << QStringLiteral("t.open_time <= ?");
        values << *query.openToMs;
    }
    if (query.closeFromMs) {
        terms << QStringLiteral("t.close_time >= ?");
        values << *query.closeFromMs;
    }
    if (query.closeToMs) {
        terms << QStringLiteral("t.close_time <= ?");
        values << *query.closeToMs;
    }
    // Any of the tags (as Tradervue does), each matching a tag that starts with it, ignoring
    // case: "break" finds "breakout" and "Breakdown".
    QStringList tagTerms;
    for (const QString& tag : query.tags) {
        if (tag.isEmpty())
            continue;
        tagTerms << QStringLiteral("instr(lower(json_each.value), lower(?)) = 1");
        values << tag;
    }
    if (!tagTerms.isEmpty())
        terms << QStringLiteral("EXISTS (SELECT 1 FROM json_each(a.tags_json) WHERE ") +
                     tagTerms.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    if (!query.notesText.isEmpty()) {
        terms << QStringLiteral("instr(lower(a.notes), lower(?)) > 0");
        values << query.notesText;
    }
    return terms.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

} // namespace

QString detail::tradeFilterClause(const TradeQuery& query, QVariantList& values)
{
    return whereClause(query, values);
}

namespace {

QString andOrWhere(const QString& where)
{
    return where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
}

QVector<TradeRow> runPage(Database& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery q = sqlOn(db).run(sql, values, QStringLiteral("load a page of trades"));
    QVector<TradeRow> rows;
    while (q.next())
        rows << readRow(q);
    return rows;
}

// Tags live in the annotations, which no trades index can order. The order is two runs that
// each walk an index: untagged trades by key (the trades' primary key), and tagged ones by
// (tags_json, key) (annotations_by_tags). Ascending, the untagged come first.
QVector<TradeRow> loadTagPage(Database& db, const TradeQuery& query,
                              const std::optional<TradeCursor>& after, int limit)
{
    const bool desc = query.sort.descending;
    const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = desc ? QStringLiteral(" DESC") : QString();
    const QString afterTag = after ? after->sortValue.toString() : QString();
    const auto untagged = [&](int n) -> QVector<TradeRow> {
        QVariantList values;
        QString where = whereClause(query, values);
        where += andOrWhere(where) + QStringLiteral("(a.tags_json IS NULL OR a.tags_json = '[]')");
        if (after && afterTag.isEmpty()) {
            where += QStringLiteral(" AND t.key ") + cmp + QStringLiteral(" ?");
            values << after->key;
        }
        values << n;
        return runPage(db,
                       selectColumns(TradeSortColumn::Tags) + kFromTradesWithNotes + where +
                           QStringLiteral(" ORDER BY t.key") + dir + QStringLiteral(" LIMIT ?"),
                       values);
    };
    const auto tagged = [&](int n) -> QVector<TradeRow> {
        QVariantList values;
        QString where = whereClause(query, values);
        where += andOrWhere(where) + QStringLiteral("a.tags_json <> '[]'");
        if (after && !afterTag.isEmpty()) {
            where += QStringLiteral(" AND (a.tags_json, a.trade_key) ") + cmp +
                     QStringLiteral(" (?, ?)");
            values << afterTag << after->key;
        }
        values << n;
        return runPage(db,
                       selectColumns(TradeSortColumn::Tags) +
                           QStringLiteral(" FROM annotations a JOIN trades t ON t.key = "
                                          "a.trade_key") +
                           where + QStringLiteral(" ORDER BY a.tags_json") + dir +
                           QStringLiteral(", a.trade_key") + dir + QStringLiteral(" LIMIT ?"),
                       values);
    };
    // Ascending: untagged (sort value '') then tagged; descending the other way round. A cursor
    // in the second run skips the first.
    QVector<TradeRow> rows;
    const bool cursorInTagged = after && !afterTag.isEmpty();
    if (!desc) {
        if (!cursorInTagged)
            rows = untagged(limit);
        if (rows.size() < limit)
            rows += tagged(limit - int(rows.size()));
    } else {
        if (!after || cursorInTagged)
            rows = tagged(limit);
        if (rows.size() < limit)
            rows += untagged(limit - int(rows.size()));
    }
    return rows;
}

} // namespace

namespace {

// The page query of every order but Tags: keyset on (sort value, key) after the cursor's, on the
// index of that expression. The cursor's value is bound as SQLite returned it (REAL, INTEGER or
// TEXT), so it compares exactly.
QString pageSql(const TradeQuery& query, const std::optional<TradeCursor>& after, int limit,
                QVariantList& values)
{
    QString where = whereClause(query, values);
    const bool desc = query.sort.descending;
    const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = desc ? QStringLiteral(" DESC") : QString();
    const QString expression = sortExpression(query.sort.column);
    if (after) {
        where += andOrWhere(where) + QLatin1Char('(') + expression + QStringLiteral(", t.key) ") +
                 cmp + QStringLiteral(" (?, ?)");
        values << after->sortValue << after->key;
    }
    values << limit;
    return selectColumns(query.sort.column) + kFromTradesWithNotes + where +
           QStringLiteral(" ORDER BY ") + expression + dir + QStringLiteral(", t.key") + dir +
           QStringLiteral(" LIMIT ?");
}

} // namespace

QVector<TradeRow> loadTradePage(Database& db, const TradeQuery& query,
                                const std::optional<TradeCursor>& after, int limit)
{
    if (query.sort.column == TradeSortColumn::Tags)
        return loadTagPage(db, query, after, limit);
    QVariantList values;
    const QString sql = pageSql(query, after, limit, values);
    return runPage(db, sql, values);
}

QStringList tradePagePlan(Database& db, const TradeQuery& query)
{
    QVariantList values;
    const QString sql = pageSql(query, std::nullopt, 200, values);
    QSqlQuery q = sqlOn(db).run(QStringLiteral("EXPLAIN QUERY PLAN ") + sql, values,
                                QStringLiteral("explain a page of trades"));
    QStringList lines;
    while (q.next())
        lines << q.value(3).toString();
    return lines;
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
        where += andOrWhere(where) + QStringLiteral("t.key IN (") + marks.join(QLatin1Char(',')) +
                 QLatin1Char(')');
        QSqlQuery q = sqlOn(db).run(selectColumns(query.sort.column) + kFromTradesWithNotes + where,
                                    values, QStringLiteral("load trades by key"));
        while (q.next())
            rows << readRow(q);
    }
    return rows;
}

bool sortsBefore(const TradeQuery& query, const TradeRow& a, const TradeRow& b)
{
    // The values SQLite sorted by, compared as SQLite compares them (numbers as numbers, text
    // as text), so a live row lands where the next page query would put it.
    const bool desc = query.sort.descending;
    const QPartialOrdering order = QVariant::compare(a.sortValue, b.sortValue);
    if (order == QPartialOrdering::Less)
        return !desc;
    if (order == QPartialOrdering::Greater)
        return desc;
    return desc ? a.key > b.key : a.key < b.key;
}

// The one place statistics take their net PnL from: when trades carry a net PnL that includes
// commissions valued in the margin asset, this is the column to switch to.
const QLatin1String statsNetPnlColumn("coalesce(t.net_pnl_valued, t.net_pnl)");

QVector<ClosedTrade> loadClosedTrades(Database& db, const TradeQuery& query, int maxTrades)
{
    QVariantList values;
    QString where = whereClause(query, values);
    where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
             QStringLiteral("t.status = 'CLOSED' AND t.close_time IS NOT NULL");
    values << maxTrades;
    QSqlQuery q =
        sqlOn(db).run(QStringLiteral("SELECT t.close_time, ") + statsNetPnlColumn +
                          QStringLiteral(", t.margin_asset, t.flags FROM trades t LEFT JOIN "
                                         "annotations a ON a.trade_key = t.key") +
                          where + QStringLiteral(" ORDER BY t.close_time, t.key LIMIT ?"),
                      values, QStringLiteral("load closed trades for statistics"));
    QVector<ClosedTrade> trades;
    while (q.next()) {
        const QStringList flags = q.value(3).toString().split(QLatin1Char('|'));
        trades.append(ClosedTrade{
            q.value(0).toLongLong(), Decimal::parse(q.value(1).toString()).value_or(Decimal()),
            q.value(2).toString(), flags.contains(QLatin1String("INCOMPLETE_START"))});
    }
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

QStringList tradeAccounts(Database& db)
{
    // The same loose scan over trades_by_account_symbol: a handful of accounts, a million trades.
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("WITH RECURSIVE s(account) AS (SELECT min(account) FROM trades "
                       "UNION ALL SELECT (SELECT min(account) FROM trades WHERE account > "
                       "s.account) FROM s WHERE s.account IS NOT NULL) "
                       "SELECT account FROM s WHERE account IS NOT NULL"),
        {}, QStringLiteral("list accounts"));
    QStringList accounts;
    while (q.next())
        accounts << q.value(0).toString();
    return accounts;
}

QStringList journalAccounts(Database& db)
{
    QStringList accounts = tradeAccounts(db);
    QSqlQuery q = sqlOn(db).run(QStringLiteral("SELECT account FROM runs UNION "
                                               "SELECT name FROM accounts"),
                                {}, QStringLiteral("list accounts"));
    while (q.next())
        if (const QString account = q.value(0).toString();
            !account.isEmpty() && !accounts.contains(account))
            accounts << account;
    accounts.sort();
    return accounts;
}

std::optional<TradeHeader> loadTradeHeader(Database& db, const QString& key)
{
    QSqlQuery t = sqlOn(db).run(
        QStringLiteral("SELECT symbol, direction, status, commission_json, funding, net_pnl, "
                       "fill_count, margin_asset FROM trades WHERE key = ?"),
        {key}, QStringLiteral("load a trade"));
    if (!t.next())
        return std::nullopt;
    return TradeHeader{t.value(0).toString(),   t.value(1).toString(), t.value(2).toString(),
                       t.value(3).toString(),   t.value(4).toString(), t.value(5).toString(),
                       t.value(6).toLongLong(), t.value(7).toString()};
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
