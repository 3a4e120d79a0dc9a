#pragma once
// Small key/value settings kept in the journal (those that belong to the data, not to the
// machine: the machine's preferences live in QSettings), and the accounts the journal syncs.
// API secrets are never stored here (docs/design.md §4.4).

#include <QMap>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

class SettingsStore
{
public:
    explicit SettingsStore(Database& db);

    std::optional<QString> value(const QString& key);
    QString value(const QString& key, const QString& fallback);
    void setValue(const QString& key, const QString& value);
    bool remove(const QString& key);
    QMap<QString, QString> all();

private:
    Database& m_db;
};

struct Account
{
    QString name;
    QString baseUrl;
    qint64 createdAt = 0;

    bool operator==(const Account& other) const = default;
};

class AccountStore
{
public:
    explicit AccountStore(Database& db);

    // Adds the account or updates its base URL (createdAt is kept).
    void upsert(const QString& name, const QString& baseUrl);
    std::optional<Account> account(const QString& name);
    QVector<Account> list();
    bool remove(const QString& name);

private:
    Database& m_db;
};

} // namespace fb::journal
