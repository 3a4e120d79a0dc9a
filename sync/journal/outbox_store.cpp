#include "sync/journal/outbox_store.h"

#include "sync/journal/database.h"
#include "sync/journal/share_scope.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

namespace {

QString seqList(const QVector<qint64>& seqs)
{
    QStringList parts;
    parts.reserve(seqs.size());
    for (qint64 seq : seqs)
        parts.append(QString::number(seq));
    return parts.join(QLatin1Char(','));
}

} // namespace

OutboxStore::OutboxStore(Database& db)
    : m_db(db)
{}

qint64 OutboxStore::add(QLatin1String kind, const QString& account, const QString& ref)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("INSERT INTO outbox(kind, account, ref, created_at) VALUES (?, ?, ?, ?)"),
        {QString(kind), account, ref, Database::nowMs()},
        QStringLiteral("queue a change for sharing"));
    const qint64 seq = query.lastInsertId().toLongLong();
    scope.commit();
    return seq;
}

qint64 OutboxStore::addScoped(const QString& account, const QString& ref, const ShareScope& scope)
{
    WriteScope write(m_db);
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral(
            "INSERT INTO outbox(kind, account, ref, created_at, scope) VALUES (?, ?, ?, ?, ?)"),
        {QString(kOutboxRecords), account, ref, Database::nowMs(), scope.toJson()},
        QStringLiteral("queue a change for sharing"));
    const qint64 seq = query.lastInsertId().toLongLong();
    write.commit();
    return seq;
}

QVector<OutboxEntry> OutboxStore::pending(int limit, const QSet<qint64>& skip)
{
    // Integers only, formatted here, as in acknowledge().
    const QString where = skip.isEmpty()
                              ? QString()
                              : QStringLiteral(" WHERE seq NOT IN (%1)")
                                    .arg(seqList(QVector<qint64>(skip.begin(), skip.end())));
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("SELECT seq, kind, account, ref, created_at, attempts, "
                                       "ifnull(last_error, ''), ifnull(scope, '') FROM outbox%1 "
                                       "ORDER BY seq LIMIT ?")
                            .arg(where),
                        {limit}, QStringLiteral("read the sharing outbox"));
    QVector<OutboxEntry> entries;
    while (query.next()) {
        entries.append({query.value(0).toLongLong(), query.value(1).toString(),
                        query.value(2).toString(), query.value(3).toString(),
                        query.value(4).toLongLong(), query.value(5).toInt(),
                        query.value(6).toString(), query.value(7).toString()});
    }
    return entries;
}

QSet<qint64> OutboxStore::stillQueued(const QSet<qint64>& seqs)
{
    QSet<qint64> queued;
    if (seqs.isEmpty())
        return queued;
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("SELECT seq FROM outbox WHERE seq IN (%1)")
                                          .arg(seqList(QVector<qint64>(seqs.begin(), seqs.end()))),
                                      {}, QStringLiteral("read the sharing outbox"));
    while (query.next())
        queued.insert(query.value(0).toLongLong());
    return queued;
}

qint64 OutboxStore::pendingCount()
{
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT count(*) FROM outbox"), {},
                QStringLiteral("count the sharing outbox"))
        .toLongLong();
}

qint64 OutboxStore::failedCount()
{
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL"), {},
                QStringLiteral("count the sharing outbox"))
        .toLongLong();
}

QString OutboxStore::lastFailure()
{
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT last_error FROM outbox WHERE last_error IS NOT NULL "
                               "ORDER BY seq DESC LIMIT 1"),
                {}, QStringLiteral("read the sharing outbox"))
        .toString();
}

void OutboxStore::acknowledge(const QVector<qint64>& seqs)
{
    if (seqs.isEmpty())
        return;
    WriteScope scope(m_db);
    // Integers only, formatted here: no text of anyone else's reaches the statement.
    sqlOn(m_db).run(QStringLiteral("DELETE FROM outbox WHERE seq IN (%1)").arg(seqList(seqs)), {},
                    QStringLiteral("acknowledge shared changes"));
    scope.commit();
}

void OutboxStore::recordFailure(const QVector<qint64>& seqs, const QString& error)
{
    if (seqs.isEmpty())
        return;
    WriteScope scope(m_db);
    sqlOn(m_db).run(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? "
                                   "WHERE seq IN (%1)")
                        .arg(seqList(seqs)),
                    {error}, QStringLiteral("record a refused share"));
    scope.commit();
}

QString OutboxStore::deviceId()
{
    return state(kShareDeviceId).value_or(QString());
}

QString OutboxStore::idempotencyKey(const QString& deviceId, qint64 seq)
{
    return deviceId + QLatin1Char(':') + QString::number(seq);
}

std::optional<QString> OutboxStore::state(QLatin1String key)
{
    const QVariant value =
        sqlOn(m_db).scalar(QStringLiteral("SELECT value FROM share_state WHERE key = ?"),
                           {QString(key)}, QStringLiteral("read the sharing state"));
    if (!value.isValid())
        return std::nullopt;
    return value.toString();
}

void OutboxStore::setState(QLatin1String key, const QString& value)
{
    WriteScope scope(m_db);
    sqlOn(m_db).run(QStringLiteral("INSERT INTO share_state(key, value) VALUES (?, ?) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                    {QString(key), value}, QStringLiteral("save the sharing state"));
    scope.commit();
}

} // namespace fb::journal
