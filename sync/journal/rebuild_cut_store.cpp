#include "sync/journal/rebuild_cut_store.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"

namespace fb::journal {

RebuildCutStore::RebuildCutStore(Database& db)
    : m_db(db)
{}

std::optional<RebuildCut> RebuildCutStore::cut(const QString& account, const QString& symbol)
{
    Statement& select = sqlOn(m_db).statement(QStringLiteral(
        "SELECT cut_ms, floor_fill_id, rules FROM rebuild_cuts WHERE account = ? AND symbol = ?"));
    Statement::Scope scope(select);
    select.bindText(1, account);
    select.bindText(2, symbol);
    if (!select.next(QStringLiteral("read the rebuild cut")))
        return std::nullopt;
    return RebuildCut{select.int64(0), select.int64(1), int(select.int64(2))};
}

void RebuildCutStore::setCut(const QString& account, const QString& symbol,
                             const std::optional<RebuildCut>& cut)
{
    const QString what = QStringLiteral("store the rebuild cut");
    if (!cut) {
        Statement& remove = sqlOn(m_db).statement(
            QStringLiteral("DELETE FROM rebuild_cuts WHERE account = ? AND symbol = ?"));
        remove.bindText(1, account);
        remove.bindText(2, symbol);
        remove.execute(what);
        return;
    }
    Statement& upsert = sqlOn(m_db).statement(QStringLiteral(
        "INSERT INTO rebuild_cuts (account, symbol, cut_ms, floor_fill_id, rules) VALUES (?, ?, "
        "?, ?, ?) ON CONFLICT (account, symbol) DO UPDATE SET cut_ms = excluded.cut_ms, "
        "floor_fill_id = excluded.floor_fill_id, rules = excluded.rules"));
    upsert.bindText(1, account);
    upsert.bindText(2, symbol);
    upsert.bindInt64(3, cut->cutMs);
    upsert.bindInt64(4, cut->floorFillId);
    upsert.bindInt64(5, cut->rules);
    upsert.execute(what);
}

std::optional<RangeCut> RebuildCutStore::rangeCut(const QString& account, const QString& symbol,
                                                  int rules)
{
    Statement& select = sqlOn(m_db).statement(QStringLiteral(
        "SELECT range_cut_ms, range_floor_fill_id FROM rebuild_cuts WHERE account = ? AND "
        "symbol = ? AND rules = ? AND range_cut_ms IS NOT NULL AND range_floor_fill_id IS NOT "
        "NULL"));
    Statement::Scope scope(select);
    select.bindText(1, account);
    select.bindText(2, symbol);
    select.bindInt64(3, rules);
    if (!select.next(QStringLiteral("read the range cut")))
        return std::nullopt;
    return RangeCut{select.int64(0), select.int64(1)};
}

void RebuildCutStore::setRangeCut(const QString& account, const QString& symbol, int rules,
                                  const std::optional<RangeCut>& cut)
{
    Statement& update = sqlOn(m_db).statement(
        QStringLiteral("UPDATE rebuild_cuts SET range_cut_ms = ?, range_floor_fill_id = ? WHERE "
                       "account = ? AND symbol = ? AND rules = ?"));
    if (cut) {
        update.bindInt64(1, cut->cutMs);
        update.bindInt64(2, cut->floorFillId);
    } else {
        update.bindNull(1);
        update.bindNull(2);
    }
    update.bindText(3, account);
    update.bindText(4, symbol);
    update.bindInt64(5, rules);
    update.execute(QStringLiteral("store the range cut"));
}

} // namespace fb::journal
