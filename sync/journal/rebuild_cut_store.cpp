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

} // namespace fb::journal
