#pragma once
// What the main window needs to know at start: which journal, which account and how to reach
// its exchange, and the preferences. Built by app/desktop/main.cpp (or a test) before the
// window exists; the window never reads QSettings itself.

#include "ui/app_settings.h"

#include "sync/engine/engine_config.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace fb::ui {

struct AppContext
{
    QString journalPath;
    sync::EngineConfig engine; // databasePath and client (base URL, account, keys)
    AppSettings settings;      // range, batch size, retries, auto-resume, periodic, time zone
    bool demo = false;
    // The key given in FILLBOOK_API_KEY / FILLBOOK_API_SECRET and the account it is for (the one
    // selected at start, D149). Kept in memory only: never written to the keychain,
    // the key file, QSettings, the journal or a log.
    struct EnvironmentKey
    {
        QString account;
        QByteArray apiKey;
        QByteArray apiSecret;
        bool isEmpty() const { return apiKey.isEmpty() || apiSecret.isEmpty(); }
    } environmentKey;
    // What checks an existing journal before the window's first write (write_gate.h), on a
    // thread of its own: SQLite's quick_check when empty. Tests hand a blocked or failing one.
    std::function<QStringList(const QString& path)> journalCheck;

    QString account() const { return engine.client.account; }
    // The environment's key for `account`, if it is the account the key was given for.
    std::optional<EnvironmentKey> environmentKeyFor(const QString& account) const
    {
        if (environmentKey.isEmpty() || environmentKey.account != account)
            return std::nullopt;
        return environmentKey;
    }
};

} // namespace fb::ui
