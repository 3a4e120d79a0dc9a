#pragma once
// What the main window needs to know at start: which journal, which account and how to reach
// its exchange, and the preferences. Built by app/desktop/main.cpp (or a test) before the
// window exists; the window never reads QSettings itself.

#include "ui/app_settings.h"

#include "sync/engine/engine_config.h"

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace fb::ui {

struct AppContext
{
    QString journalPath;
    sync::EngineConfig engine; // databasePath and client (base URL, account, keys)
    AppSettings settings;      // range, batch size, retries, auto-resume, periodic, time zone
    bool demo = false;

    QString account() const { return engine.client.account; }
};

} // namespace fb::ui
