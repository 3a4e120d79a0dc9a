#include "sync/journal/report_queries.h"

#include "sync/journal/database.h"
#include "sync/journal/note_versions.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/statement.h"
#include "sync/journal/transaction.h"

#include <QDateTime>
#include <QSqlQuery>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace fb::journal {

namespace {

// The label column of each grouping (alias t: trades, a: annotations, j: one tag or mistake).
QString labelColumn(ReportBy by)
{
    switch (by) {
    case ReportBy::Symbol:
        return QStringLiteral("t.symbol");
    case ReportBy::Side:
        return QStringLiteral("t.direction");
    case ReportBy::Setup:
        return QStringLiteral("ifnull(trim(a.setup), '')");
    case ReportBy::Tag:
    case ReportBy::Mistake:
        return QStringLiteral("ifnull(j.value, '')");
    default:
        return QStringLiteral("''");
    }
}

// Fees in the margin asset: the valued commission (schema v8), or, for a row that has none, the
// margin asset's own part of the commission.
const QLatin1String kFeesColumn("coalesce(t.commission_valued, json_extract(t.commission_json, "
                                "'$.\"' || t.margin_asset || '\"'), '0')");
const QLatin1String kNetColumn("coalesce(t.net_pnl_valued, t.net_pnl)");

void bindAll(Statement& statement, const QVariantList& values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant& value = values.at(i);
        if (value.typeId() == QMetaType::QString)
            statement.bindText(i + 1, value.toString());
        else
            statement.bindInt64(i + 1, value.toLongLong());
    }
}

Decimal decimalAt(const Statement& statement, int column)
{
    return Decimal::parse(statement.view(column)).value_or(Decimal());
}

// One row of the report query, kept until the rows are in close-time order.
struct PendingRow
{
    qint64 closeTime = 0;
    qint64 rowId = 0;
    qint64 openTime = 0;
    Decimal netPnl;
    Decimal fees;
    Decimal funding;
    int asset = 0;
    int label = 0;
    bool unknownEntry = false;
    std::optional<Decimal> rMultiple;
};

// Index of `text` in `names` (added when new); `index` remembers them without allocating.
int intern(std::string_view text, std::vector<std::string>& names,
           std::map<std::string, int, std::less<>>& index)
{
    const auto it = index.find(text);
    if (it != index.end())
        return it->second;
    names.emplace_back(text);
    const int id = int(names.size() - 1);
    index.emplace(std::string(text), id);
    return id;
}

// Streams every closed trade matching the filter (and `extraWhere`, bound by `extraValues`) into
// `builder`, by close time (ties: the journal's row order). The statement reads the table in
// its own order, and the rows are sorted here: walking the close-time index instead visits the
// table in random order, which measured several times slower on a large journal.
void streamClosedTrades(Database& db, const TradeQuery& query, ReportBy by,
                        const QString& extraWhere, const QVariantList& extraValues,
                        ReportBuilder& builder)
{
    QVariantList values;
    QString where = detail::tradeFilterClause(query, values);
    where += where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    where += QStringLiteral("t.status = 'CLOSED' AND t.close_time IS NOT NULL") + extraWhere;
    values += extraValues;
    QString from = QStringLiteral(" FROM trades t LEFT JOIN annotations a ON a.trade_key = t.key");
    if (by == ReportBy::Tag)
        from += QStringLiteral(" LEFT JOIN json_each(a.tags_json) j");
    else if (by == ReportBy::Mistake)
        from += QStringLiteral(" LEFT JOIN json_each(a.mistakes_json) j");
    const QString sql =
        QStringLiteral("SELECT t.rowid, t.open_time, t.close_time, "
                       "t.margin_asset, ") +
        labelColumn(by) + QStringLiteral(", ") + kNetColumn + QStringLiteral(", ") + kFeesColumn +
        QStringLiteral(", t.funding, instr(t.flags, 'INCOMPLETE_START') > 0, t.r_multiple, "
                       "a.risk_override") +
        from + where;
    std::vector<PendingRow> rows;
    rows.reserve(1024);
    std::vector<std::string> assets;
    std::vector<std::string> labels;
    std::map<std::string, int, std::less<>> assetIndex;
    std::map<std::string, int, std::less<>> labelIndex;
    {
        Statement& statement = sqlOn(db).statement(sql);
        Statement::Scope scope(statement);
        bindAll(statement, values);
        const QString what = QStringLiteral("read trades for a report");
        int lastAsset = -1;
        while (statement.next(what)) {
            PendingRow row;
            row.rowId = statement.int64(0);
            row.openTime = statement.int64(1);
            row.closeTime = statement.int64(2);
            const std::string_view asset = statement.view(3);
            if (lastAsset < 0 || assets[size_t(lastAsset)] != asset)
                lastAsset = intern(asset, assets, assetIndex);
            row.asset = lastAsset;
            row.label = intern(statement.view(4), labels, labelIndex);
            row.netPnl = decimalAt(statement, 5);
            row.fees = decimalAt(statement, 6);
            row.funding = decimalAt(statement, 7);
            row.unknownEntry = statement.int64(8) != 0;
            // R (docs/design.md D104): the trader's override wins over the stop's R.
            if (!statement.isNull(10)) {
                const std::optional<Decimal> risk = Decimal::parse(statement.view(10));
                if (risk && risk->isPositive())
                    row.rMultiple = row.netPnl.divide(*risk, 4).normalized();
            } else if (!statement.isNull(9)) {
                row.rMultiple = Decimal::parse(statement.view(9));
            }
            rows.push_back(row);
        }
    }
    // Sorting small keys and visiting the rows through them moves 24 bytes per row instead of
    // a whole row; the tag and mistake rows of one trade keep their order (index breaks ties).
    struct OrderKey
    {
        qint64 closeTime;
        qint64 rowId;
        quint32 index;
    };
    std::vector<OrderKey> order;
    order.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        order.push_back(OrderKey{rows[i].closeTime, rows[i].rowId, quint32(i)});
    std::sort(order.begin(), order.end(), [](const OrderKey& a, const OrderKey& b) {
        if (a.closeTime != b.closeTime)
            return a.closeTime < b.closeTime;
        return a.rowId != b.rowId ? a.rowId < b.rowId : a.index < b.index;
    });
    for (const OrderKey& key : order) {
        const PendingRow& pending = rows[key.index];
        ReportInput row;
        row.tradeId = pending.rowId;
        row.openTime = pending.openTime;
        row.closeTime = pending.closeTime;
        row.asset = assets[size_t(pending.asset)];
        row.label = labels[size_t(pending.label)];
        row.netPnl = pending.netPnl;
        row.fees = pending.fees;
        row.funding = pending.funding;
        row.unknownEntry = pending.unknownEntry;
        row.rMultiple = pending.rMultiple;
        builder.add(row);
    }
}

qint64 startOfDay(const QDate& day, const QTimeZone& zone)
{
    return QDateTime(day, QTime(0, 0), zone.isValid() ? zone : QTimeZone::utc())
        .toMSecsSinceEpoch();
}

} // namespace

TradeReport loadTradeReport(Database& db, const TradeQuery& query, ReportBy by,
                            const QTimeZone& zone, bool includeUnknownEntry)
{
    ReportBuilder builder(by, zone, includeUnknownEntry);
    streamClosedTrades(db, query, by, QString(), {}, builder);
    return builder.finish();
}

MonthCalendar loadMonthCalendar(Database& db, const TradeQuery& query, const QDate& first,
                                const QTimeZone& zone, bool includeUnknownEntry)
{
    const QDate month(first.year(), first.month(), 1);
    ReportBuilder builder(ReportBy::Day, zone, includeUnknownEntry);
    streamClosedTrades(db, query, ReportBy::Day,
                       QStringLiteral(" AND t.close_time >= ? AND t.close_time < ?"),
                       {startOfDay(month, zone), startOfDay(month.addMonths(1), zone)}, builder);
    return monthCalendar(month, builder.finish());
}

std::optional<Decimal> TradeSummary::winRatePercent() const
{
    if (closedTrades == 0)
        return std::nullopt;
    return (Decimal::fromInt(wins) * Decimal::fromInt(100))
        .divide(Decimal::fromInt(closedTrades), 2);
}

QMap<QString, TradeSummary> loadTradeSummary(Database& db, const TradeQuery& query)
{
    QVariantList values;
    const QString where = detail::tradeFilterClause(query, values);
    const QString sql = QStringLiteral("SELECT t.margin_asset, t.status = 'CLOSED', ") +
                        kNetColumn + QStringLiteral(", ") + kFeesColumn +
                        QStringLiteral(", t.funding FROM trades t LEFT JOIN annotations a ON "
                                       "a.trade_key = t.key") +
                        where;
    Statement& statement = sqlOn(db).statement(sql);
    Statement::Scope scope(statement);
    bindAll(statement, values);
    QMap<QString, TradeSummary> summary;
    std::string lastAsset;
    TradeSummary* current = nullptr;
    const QString what = QStringLiteral("sum the filtered trades");
    while (statement.next(what)) {
        const std::string_view asset = statement.view(0);
        if (!current || lastAsset != asset) {
            lastAsset = std::string(asset);
            current = &summary[QString::fromStdString(lastAsset)];
        }
        const Decimal net = decimalAt(statement, 2);
        ++current->trades;
        current->netPnl += net;
        current->fees += decimalAt(statement, 3);
        current->funding += decimalAt(statement, 4);
        if (statement.int64(1) != 0) {
            ++current->closedTrades;
            if (net.isPositive())
                ++current->wins;
        } else {
            ++current->openTrades;
        }
    }
    return summary;
}

QMap<QDate, QString> loadDayNotes(Database& db, const QDate& from, const QDate& to)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT day, notes FROM day_notes WHERE day >= ? AND day <= ? ORDER BY day"),
        {from.toString(Qt::ISODate), to.toString(Qt::ISODate)},
        QStringLiteral("load the daily notes"));
    QMap<QDate, QString> notes;
    while (q.next())
        notes.insert(QDate::fromString(q.value(0).toString(), Qt::ISODate), q.value(1).toString());
    return notes;
}

void saveDayNote(Database& db, const QDate& day, const QString& notes, qint64 nowMs)
{
    const QString key = day.toString(Qt::ISODate);
    // The note and its outbox row (shared like trade notes, docs/sharing.md) in one transaction.
    WriteScope scope(db);
    if (notes.trimmed().isEmpty()) {
        QSqlQuery removed = sqlOn(db).run(QStringLiteral("DELETE FROM day_notes WHERE day = ?"),
                                          {key}, QStringLiteral("remove a daily note"));
        if (removed.numRowsAffected() > 0)
            recordLocalEdit(db, NoteKind::Day, key);
        scope.commit();
        return;
    }
    sqlOn(db).run(QStringLiteral("INSERT INTO day_notes (day, notes, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET "
                                 "notes = excluded.notes, updated_at = excluded.updated_at"),
                  {key, notes, nowMs, nowMs}, QStringLiteral("save a daily note"));
    recordLocalEdit(db, NoteKind::Day, key);
    scope.commit();
}

} // namespace fb::journal
