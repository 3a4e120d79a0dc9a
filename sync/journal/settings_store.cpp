#include "sync/journal/settings_store.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

SettingsStore::SettingsStore(Database& db)
    : m_db(db)
{}

std::optional<QString> SettingsStore::value(const QString& key)
{
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("SELECT value FROM settings WHERE key = ?"),
                                      {key}, QStringLiteral("read a setting"));
    if (!query.next())
        return std::nullopt;
    return query.value(0).toString();
}

QString SettingsStore::value(const QString& key, const QString& fallback)
{
    return value(key).value_or(fallback);
}

void SettingsStore::setValue(const QString& key, const QString& value)
{
    WriteScope scope(m_db);
    sqlOn(m_db).run(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                    {key, value}, QStringLiteral("save setting %1").arg(key));
    scope.commit();
}

bool SettingsStore::remove(const QString& key)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key},
                                      QStringLiteral("remove setting %1").arg(key));
    const bool removed = query.numRowsAffected() > 0;
    scope.commit();
    return removed;
}

QMap<QString, QString> SettingsStore::all()
{
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("SELECT key, value FROM settings"), {},
                                      QStringLiteral("read settings"));
    QMap<QString, QString> result;
    while (query.next())
        result.insert(query.value(0).toString(), query.value(1).toString());
    return result;
}

AccountStore::AccountStore(Database& db)
    : m_db(db)
{}

void AccountStore::upsert(const QString& name, const QString& baseUrl)
{
    if (name.isEmpty())
        throw JournalError(JournalError::Kind::Usage, QStringLiteral("An account needs a name."));
    WriteScope scope(m_db);
    sqlOn(m_db).run(
        QStringLiteral("INSERT INTO accounts (name, base_url, created_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET base_url = excluded.base_url"),
        {name, baseUrl, Database::nowMs()}, QStringLiteral("save account %1").arg(name));
    scope.commit();
}

std::optional<Account> AccountStore::account(const QString& name)
{
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("SELECT name, base_url, created_at FROM accounts "
                                       "WHERE name = ?"),
                        {name}, QStringLiteral("read an account"));
    if (!query.next())
        return std::nullopt;
    return Account{query.value(0).toString(), query.value(1).toString(),
                   query.value(2).toLongLong()};
}

QVector<Account> AccountStore::list()
{
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("SELECT name, base_url, created_at FROM accounts "
                                       "ORDER BY name"),
                        {}, QStringLiteral("read accounts"));
    QVector<Account> accounts;
    while (query.next())
        accounts.append(Account{query.value(0).toString(), query.value(1).toString(),
                                query.value(2).toLongLong()});
    return accounts;
}

bool AccountStore::remove(const QString& name)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("DELETE FROM accounts WHERE name = ?"), {name},
                                      QStringLiteral("remove account %1").arg(name));
    const bool removed = query.numRowsAffected() > 0;
    scope.commit();
    return removed;
}

} // namespace fb::journal
