#include "sync/journal/saved_filters.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fb::journal {

namespace {

QJsonArray stringArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& text : list)
        array.append(text);
    return array;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        if (item.isString() && !item.toString().isEmpty())
            list << item.toString();
    return list;
}

// Milliseconds as a JSON string: a double would round ids and times past 2^53.
std::optional<qint64> msFrom(const QJsonValue& value)
{
    bool ok = false;
    const qint64 ms = value.toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(ms) : std::nullopt;
}

SavedFilter rowToFilter(const QSqlQuery& q)
{
    SavedFilter filter;
    filter.name = q.value(0).toString();
    filter.query = savedFilterFromJson(q.value(1).toString().toUtf8()).value_or(TradeQuery{});
    filter.updatedAt = q.value(2).toLongLong();
    return filter;
}

} // namespace

QByteArray savedFilterJson(const TradeQuery& query)
{
    QJsonObject o;
    if (!query.account.isEmpty())
        o.insert(QStringLiteral("account"), query.account);
    if (const QStringList symbols = querySymbols(query); !symbols.isEmpty())
        o.insert(QStringLiteral("symbols"), stringArray(symbols));
    if (!query.direction.isEmpty())
        o.insert(QStringLiteral("direction"), query.direction);
    if (!query.status.isEmpty())
        o.insert(QStringLiteral("status"), query.status);
    if (query.outcome != 0)
        o.insert(QStringLiteral("outcome"), query.outcome > 0 ? 1 : -1);
    if (query.openFromMs)
        o.insert(QStringLiteral("openFromMs"), QString::number(*query.openFromMs));
    if (query.openToMs)
        o.insert(QStringLiteral("openToMs"), QString::number(*query.openToMs));
    if (!query.tags.isEmpty())
        o.insert(QStringLiteral("tags"), stringArray(query.tags));
    if (!query.notesText.isEmpty())
        o.insert(QStringLiteral("notes"), query.notesText);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<TradeQuery> savedFilterFromJson(const QByteArray& json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject o = document.object();
    TradeQuery query;
    query.account = o.value(QStringLiteral("account")).toString();
    query.symbols = stringList(o.value(QStringLiteral("symbols")));
    query.direction = o.value(QStringLiteral("direction")).toString();
    query.status = o.value(QStringLiteral("status")).toString();
    query.outcome = o.value(QStringLiteral("outcome")).toInt();
    query.openFromMs = msFrom(o.value(QStringLiteral("openFromMs")));
    query.openToMs = msFrom(o.value(QStringLiteral("openToMs")));
    query.tags = stringList(o.value(QStringLiteral("tags")));
    query.notesText = o.value(QStringLiteral("notes")).toString();
    return query;
}

SavedFilterStore::SavedFilterStore(Database& db)
    : m_db(db)
{}

QVector<SavedFilter> SavedFilterStore::list()
{
    QSqlQuery q = sqlOn(m_db).run(QStringLiteral("SELECT name, query_json, updated_at FROM "
                                                 "saved_filters ORDER BY name COLLATE NOCASE"),
                                  {}, QStringLiteral("list saved filters"));
    QVector<SavedFilter> filters;
    while (q.next())
        filters << rowToFilter(q);
    return filters;
}

std::optional<SavedFilter> SavedFilterStore::find(const QString& name)
{
    QSqlQuery q = sqlOn(m_db).run(QStringLiteral("SELECT name, query_json, updated_at FROM "
                                                 "saved_filters WHERE name = ?"),
                                  {name.trimmed()}, QStringLiteral("read a saved filter"));
    if (!q.next())
        return std::nullopt;
    return rowToFilter(q);
}

void SavedFilterStore::save(const QString& name, const TradeQuery& query, qint64 nowMs)
{
    WriteScope scope(m_db);
    sqlOn(m_db).run(QStringLiteral("INSERT INTO saved_filters (name, query_json, updated_at) "
                                   "VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                                   "query_json = excluded.query_json, "
                                   "updated_at = excluded.updated_at"),
                    {name.trimmed(), QString::fromUtf8(savedFilterJson(query)), nowMs},
                    QStringLiteral("save filter %1").arg(name));
    scope.commit();
}

bool SavedFilterStore::remove(const QString& name)
{
    WriteScope scope(m_db);
    QSqlQuery q =
        sqlOn(m_db).run(QStringLiteral("DELETE FROM saved_filters WHERE name = ?"),
                        {name.trimmed()}, QStringLiteral("remove saved filter %1").arg(name));
    const bool removed = q.numRowsAffected() > 0;
    scope.commit();
    return removed;
}

} // namespace fb::journal
