#include "sync/journal/recon_hour_store.h"

#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/sql_access.h"

namespace fb::journal {

namespace {

// An hour's marker row: the hour was computed completely (it may hold no other row).
const QString kMarker;

Decimal decimalOf(const Statement& row, int column)
{
    const auto value = Decimal::parse(row.view(column));
    if (!value)
        throw JournalError(JournalError::Kind::Corrupt,
                           QStringLiteral("The journal holds '%1' where a decimal number was "
                                          "expected; it was changed outside Fillbook.")
                               .arg(row.text(column)));
    return *value;
}

} // namespace

ReconHourStore::ReconHourStore(Database& db)
    : m_db(db)
{}

QVector<HourSums> ReconHourStore::hours(const QString& account, const QString& symbol,
                                        qint64 fromHourMs, qint64 toHourMs, int rules)
{
    Statement& select = sqlOn(m_db).statement(QStringLiteral(
        "SELECT hour_ms, kind, asset, journal, income, min_fill_id, max_fill_id, from_ms FROM "
        "recon_hours WHERE account = ? AND symbol = ? AND hour_ms >= ? AND hour_ms < ? AND "
        "rules = ? ORDER BY hour_ms, kind, asset"));
    Statement::Scope scope(select);
    select.bindText(1, account);
    select.bindText(2, symbol);
    select.bindInt64(3, fromHourMs);
    select.bindInt64(4, toHourMs);
    select.bindInt64(5, rules);
    const QString what = QStringLiteral("read the reconciliation's hours");
    QVector<HourSums> result;
    HourSums current;
    bool marked = false;
    const auto flush = [&] {
        if (marked)
            result.append(current);
    };
    qint64 hour = 0;
    bool any = false;
    while (select.next(what)) {
        const qint64 h = select.int64(0);
        if (!any || h != hour) {
            if (any)
                flush();
            current = HourSums{h, h, std::nullopt, std::nullopt, {}};
            marked = false;
            hour = h;
            any = true;
        }
        const QString kind = select.text(1);
        if (kind.isEmpty()) {
            // The marker sorts first: kind '' before every check.
            marked = true;
            current.fromMs = select.int64(7);
            if (!select.isNull(5))
                current.minFillId = select.int64(5);
            if (!select.isNull(6))
                current.maxFillId = select.int64(6);
            continue;
        }
        current.sums[{select.text(2), kind}] = CheckSum{decimalOf(select, 3), decimalOf(select, 4)};
    }
    if (any)
        flush();
    return result;
}

void ReconHourStore::store(const QString& account, const QString& symbol, int rules,
                           const QVector<HourSums>& hours)
{
    const QString what = QStringLiteral("store the reconciliation's hours");
    Statement& remove = sqlOn(m_db).statement(
        QStringLiteral("DELETE FROM recon_hours WHERE account = ? AND symbol = ? AND hour_ms = ?"));
    Statement& insert = sqlOn(m_db).statement(QStringLiteral(
        "INSERT INTO recon_hours (account, symbol, hour_ms, kind, asset, journal, income, rules, "
        "min_fill_id, max_fill_id, from_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const auto row = [&](const HourSums& hour, const QString& kind, const QString& asset,
                         const CheckSum& sum, std::optional<qint64> minId,
                         std::optional<qint64> maxId) {
        const qint64 hourMs = hour.hourMs;
        insert.bindText(1, account);
        insert.bindText(2, symbol);
        insert.bindInt64(3, hourMs);
        insert.bindText(4, kind);
        insert.bindText(5, asset);
        insert.bindText(6, sum.journal.toString());
        insert.bindText(7, sum.income.toString());
        insert.bindInt64(8, rules);
        if (minId)
            insert.bindInt64(9, *minId);
        else
            insert.bindNull(9);
        if (maxId)
            insert.bindInt64(10, *maxId);
        else
            insert.bindNull(10);
        insert.bindInt64(11, hour.fromMs);
        insert.execute(what);
    };
    for (const HourSums& hour : hours) {
        remove.bindText(1, account);
        remove.bindText(2, symbol);
        remove.bindInt64(3, hour.hourMs);
        remove.execute(what);
        row(hour, kMarker, kMarker, CheckSum{}, hour.minFillId, hour.maxFillId);
        for (const auto& [key, sum] : hour.sums)
            row(hour, key.second, key.first, sum, std::nullopt, std::nullopt);
    }
}

} // namespace fb::journal
