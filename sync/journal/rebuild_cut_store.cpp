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

namespace {

// A flat point kept in the symbol's row as a pair of columns: the range cut's (D155) or the
// reconciliation cut's (D169), read and written alike.
struct CutColumns
{
    const char* cutMs;
    const char* floorFillId;
    const char* name; // for the error sentences
};

constexpr CutColumns kRangeColumns{"range_cut_ms", "range_floor_fill_id", "range cut"};
constexpr CutColumns kReconColumns{"recon_cut_ms", "recon_floor_fill_id", "reconciliation cut"};

std::optional<RangeCut> readCut(Database& db, const CutColumns& c, const QString& account,
                                const QString& symbol, int rules)
{
    Statement& select = sqlOn(db).statement(
        QStringLiteral("SELECT %1, %2 FROM rebuild_cuts WHERE account = ? AND symbol = ? AND "
                       "rules = ? AND %1 IS NOT NULL AND %2 IS NOT NULL")
            .arg(QLatin1String(c.cutMs), QLatin1String(c.floorFillId)));
    Statement::Scope scope(select);
    select.bindText(1, account);
    select.bindText(2, symbol);
    select.bindInt64(3, rules);
    if (!select.next(QStringLiteral("read the ") + QLatin1String(c.name)))
        return std::nullopt;
    return RangeCut{select.int64(0), select.int64(1)};
}

void writeCut(Database& db, const CutColumns& c, const QString& account, const QString& symbol,
              int rules, const std::optional<RangeCut>& cut)
{
    Statement& update = sqlOn(db).statement(
        QStringLiteral("UPDATE rebuild_cuts SET %1 = ?, %2 = ? WHERE account = ? AND symbol = ? "
                       "AND rules = ?")
            .arg(QLatin1String(c.cutMs), QLatin1String(c.floorFillId)));
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
    update.execute(QStringLiteral("store the ") + QLatin1String(c.name));
}

} // namespace

std::optional<RangeCut> RebuildCutStore::rangeCut(const QString& account, const QString& symbol,
                                                  int rules)
{
    return readCut(m_db, kRangeColumns, account, symbol, rules);
}

void RebuildCutStore::setRangeCut(const QString& account, const QString& symbol, int rules,
                                  const std::optional<RangeCut>& cut)
{
    writeCut(m_db, kRangeColumns, account, symbol, rules, cut);
}

std::optional<RangeCut> RebuildCutStore::reconCut(const QString& account, const QString& symbol,
                                                  int rules)
{
    return readCut(m_db, kReconColumns, account, symbol, rules);
}

void RebuildCutStore::setReconCut(const QString& account, const QString& symbol, int rules,
                                  const std::optional<RangeCut>& cut)
{
    writeCut(m_db, kReconColumns, account, symbol, rules, cut);
}

} // namespace fb::journal
