#include "sync/journal/report_queries.h"

#include "sync/journal/database.h"
#include "sync/journal/note_versions.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/statement.h"
#include "sync/journal/transaction.h"

#include <QDateTime>
#include <QSqlQuery>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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

// What a report needs of a trade's annotation when it does not group or filter by them: its
// setup and the trader's risk (R, docs/design.md D104).
struct NoteFacts
{
    std::string setup;
    std::optional<std::string> riskOverride;
};

// The annotations that matter to a report, by the trade's rowid: read on their own (there are
// few: the trader writes them) instead of looked up for each of a million trades, which cost
// about a sixth of a report's time.
std::unordered_map<qint64, NoteFacts> annotationFacts(Database& db)
{
    std::unordered_map<qint64, NoteFacts> facts;
    Statement& statement = sqlOn(db).statement(QStringLiteral(
        "SELECT t.rowid, ifnull(trim(a.setup), ''), a.risk_override FROM annotations a JOIN "
        "trades t ON t.key = a.trade_key WHERE a.risk_override IS NOT NULL OR "
        "ifnull(trim(a.setup), '') <> ''"));
    Statement::Scope scope(statement);
    const QString what = QStringLiteral("read annotations for a report");
    while (statement.next(what)) {
        NoteFacts& f = facts[statement.int64(0)];
        f.setup = std::string(statement.view(1));
        if (!statement.isNull(2))
            f.riskOverride = std::string(statement.view(2));
    }
    return facts;
}

// Streams every closed trade matching the filter (and `extraWhere`, bound by `extraValues`) into
// `builder` in the table's order: the builder sums at once and orders only the wins and losses
// (for the streaks) by close time. Walking the close-time index instead visits the table in
// random order, and sorting whole rows first cost a copy of every row; both measured seconds on
// a million trades (docs/performance.md, measurement 7, docs/design.md D127).
void streamClosedTrades(Database& db, const TradeQuery& query, ReportBy by,
                        const QString& extraWhere, const QVariantList& extraValues,
                        ReportBuilder& builder)
{
    QVariantList values;
    QString where = detail::tradeFilterClause(query, values);
    where += where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    where += QStringLiteral("t.status = 'CLOSED' AND t.close_time IS NOT NULL") + extraWhere;
    values += extraValues;
    // Tags and mistakes (one row per label) and the filters on tags and notes need the join.
    const bool join = by == ReportBy::Tag || by == ReportBy::Mistake || !query.tags.isEmpty() ||
                      !query.notesText.isEmpty();
    QString from = QStringLiteral(" FROM trades t");
    if (join)
        from += QStringLiteral(" LEFT JOIN annotations a ON a.trade_key = t.key");
    if (by == ReportBy::Tag)
        from += QStringLiteral(" LEFT JOIN json_each(a.tags_json) j");
    else if (by == ReportBy::Mistake)
        from += QStringLiteral(" LEFT JOIN json_each(a.mistakes_json) j");
    const QString label = join || by != ReportBy::Setup ? labelColumn(by) : QStringLiteral("''");
    const QString sql =
        QStringLiteral("SELECT t.rowid, t.open_time, t.close_time, "
                       "t.margin_asset, ") +
        label + QStringLiteral(", ") + kNetColumn + QStringLiteral(", ") + kFeesColumn +
        QStringLiteral(", t.funding, instr(t.flags, 'INCOMPLETE_START') > 0, t.r_multiple, ") +
        (join ? QStringLiteral("a.risk_override") : QStringLiteral("NULL")) + from + where;
    const std::unordered_map<qint64, NoteFacts> facts =
        join ? std::unordered_map<qint64, NoteFacts>{} : annotationFacts(db);
    Statement& statement = sqlOn(db).statement(sql);
    Statement::Scope scope(statement);
    bindAll(statement, values);
    const QString what = QStringLiteral("read trades for a report");
    ReportInput row;
    while (statement.next(what)) {
        row.tradeId = statement.int64(0);
        row.openTime = statement.int64(1);
        row.closeTime = statement.int64(2);
        // Both views stay valid until the next step; the builder keeps neither.
        row.asset = statement.view(3);
        row.label = statement.view(4);
        row.netPnl = decimalAt(statement, 5);
        row.fees = decimalAt(statement, 6);
        row.funding = decimalAt(statement, 7);
        row.unknownEntry = statement.int64(8) != 0;
        row.rMultiple.reset();
        std::optional<std::string_view> riskOverride;
        if (!statement.isNull(10))
            riskOverride = statement.view(10);
        if (!facts.empty()) {
            const auto it = facts.find(row.tradeId);
            if (it != facts.end()) {
                if (by == ReportBy::Setup)
                    row.label = it->second.setup;
                if (it->second.riskOverride)
                    riskOverride = *it->second.riskOverride;
            }
        }
        // R (docs/design.md D104): the trader's override wins over the stop's R.
        if (riskOverride) {
            const std::optional<Decimal> risk = Decimal::parse(*riskOverride);
            if (risk && risk->isPositive())
                row.rMultiple = row.netPnl.divide(*risk, 4).normalized();
        } else if (!statement.isNull(9)) {
            row.rMultiple = Decimal::parse(statement.view(9));
        }
        builder.addUnordered(row);
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
