#pragma once
// What the main window needs to know at start: which journal, which account and how to reach
// its exchange. Built by app/desktop/main.cpp (or a test) before the window exists.

#include "sync/engine/engine_config.h"

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace fb::ui {

struct AppContext
{
    QString journalPath;
    sync::EngineConfig engine; // databasePath and client (base URL, account, keys)
    int defaultRangeDays = 90; // 0 = everything available (90 days of retention)
    int batchSize = 4;
    bool demo = false;
    bool autoResume = false;

    QString account() const { return engine.client.account; }
};

} // namespace fb::ui
