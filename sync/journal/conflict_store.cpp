#include "sync/journal/conflict_store.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

namespace {

QVariant nullableText(const QString& text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

const QString kColumns = QStringLiteral(
    "id, kind, account, record_kind, natural_key, old_summary, new_summary, detail, created_at, "
    "resolved_at, resolution");

} // namespace

ConflictStore::ConflictStore(Database& db)
    : m_db(db)
{}

qint64 ConflictStore::add(Conflict conflict)
{
    if (conflict.createdAt == 0)
        conflict.createdAt = Database::nowMs();
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("INSERT INTO conflicts(kind, account, record_kind, natural_key, "
                       "old_summary, new_summary, detail, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {conflict.kind, conflict.account, nullableText(conflict.recordKind), conflict.naturalKey,
         conflict.oldSummary, conflict.newSummary, conflict.detail, conflict.createdAt},
        QStringLiteral("record a conflict"));
    const qint64 id = query.lastInsertId().toLongLong();
    scope.commit();
    return id;
}

QVector<Conflict> ConflictStore::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("SELECT ") + kColumns +
                                          QStringLiteral(" FROM conflicts ") + where,
                                      values, QStringLiteral("read conflicts"));
    QVector<Conflict> result;
    while (query.next()) {
        Conflict c;
        c.id = query.value(0).toLongLong();
        c.kind = query.value(1).toString();
        c.account = query.value(2).toString();
        c.recordKind = query.value(3).toString();
        c.naturalKey = query.value(4).toString();
        c.oldSummary = query.value(5).toString();
        c.newSummary = query.value(6).toString();
        c.detail = query.value(7).toString();
        c.createdAt = query.value(8).toLongLong();
        if (!query.value(9).isNull())
            c.resolvedAt = query.value(9).toLongLong();
        c.resolution = query.value(10).toString();
        result.append(c);
    }
    return result;
}

QVector<Conflict> ConflictStore::oldestOpen(int limit)
{
    return select(QStringLiteral("WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT ?"),
                  {limit});
}

QVector<Conflict> ConflictStore::listOpen(const QString& account)
{
    if (account.isEmpty())
        return select(QStringLiteral("WHERE resolved_at IS NULL ORDER BY created_at, id"), {});
    return select(
        QStringLiteral("WHERE resolved_at IS NULL AND account = ? ORDER BY created_at, id"),
        {account});
}

QVector<Conflict> ConflictStore::listAll(const QString& account)
{
    if (account.isEmpty())
        return select(QStringLiteral("ORDER BY created_at DESC, id DESC"), {});
    return select(QStringLiteral("WHERE account = ? ORDER BY created_at DESC, id DESC"), {account});
}

std::optional<Conflict> ConflictStore::conflict(qint64 id)
{
    const QVector<Conflict> found = select(QStringLiteral("WHERE id = ?"), {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

qint64 ConflictStore::openCount(const QString& account)
{
    if (account.isEmpty())
        return sqlOn(m_db)
            .scalar(QStringLiteral("SELECT count(*) FROM conflicts "
                                   "WHERE resolved_at IS NULL"))
            .toLongLong();
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT count(*) FROM conflicts "
                               "WHERE resolved_at IS NULL AND account = ?"),
                {account})
        .toLongLong();
}

bool ConflictStore::resolve(qint64 id, const QString& resolution)
{
    WriteScope scope(m_db);
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("UPDATE conflicts SET resolved_at = ?, "
                                       "resolution = ? WHERE id = ? AND resolved_at IS NULL"),
                        {Database::nowMs(), resolution, id}, QStringLiteral("resolve a conflict"));
    const bool changed = query.numRowsAffected() == 1;
    scope.commit();
    return changed;
}

int ConflictStore::resolveOpen(QLatin1String kind, const QString& naturalKey,
                               const QString& resolution)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("UPDATE conflicts SET resolved_at = ?, resolution = ? "
                       "WHERE kind = ? AND natural_key = ? AND resolved_at IS NULL"),
        {Database::nowMs(), resolution, QString(kind), naturalKey},
        QStringLiteral("resolve conflicts"));
    const int changed = query.numRowsAffected();
    scope.commit();
    return changed;
}

bool ConflictStore::hasOpen(QLatin1String kind, const QString& naturalKey)
{
    return sqlOn(m_db)
               .scalar(QStringLiteral("SELECT count(*) FROM conflicts WHERE kind = ? AND "
                                      "natural_key = ? AND resolved_at IS NULL"),
                       {QString(kind), naturalKey})
               .toInt() > 0;
}

} // namespace fb::journal
