#pragma once
// What the main window needs to know at start: which journal, which account and how to reach
// its exchange, and the preferences. Built by app/desktop/main.cpp (or a test) before the
// window exists; the window never reads QSettings itself.

#include "ui/app_settings.h"

#include "sync/engine/engine_config.h"

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace fb::ui {

struct AppContext
{
    QString journalPath;
    sync::EngineConfig engine; // databasePath and client (base URL, account, keys)
    AppSettings settings;      // range, batch size, retries, auto-resume, periodic, time zone
    bool demo = false;
    // What checks an existing journal before the window's first write (write_gate.h), on a
    // thread of its own: SQLite's quick_check when empty. Tests hand a blocked or failing one.
    std::function<QStringList(const QString& path)> journalCheck;

    QString account() const { return engine.client.account; }
};

} // namespace fb::ui
