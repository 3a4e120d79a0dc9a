#pragma once
// Whether a finished run deserves a tray notification, and what it says. Pure, so the rule
// ("only when the window is not focused, only where a tray exists, never for a Stop the user
// pressed") is tested without a tray or a window manager.

#include "sync/engine/run_types.h"

#include <QString>

#include <optional>

namespace fb::ui {

struct TrayNotice
{
    enum class Severity { Information, Warning, Critical };
    QString title;
    QString body;
    Severity severity = Severity::Information;
};

struct TrayContext
{
    bool trayAvailable = false;
    bool windowActive = false;
    bool userStopped = false; // the user pressed Stop: they know, and they are looking
};

std::optional<TrayNotice> trayNoticeFor(const sync::RunSummary& summary,
                                        const TrayContext& context);

// The desktop's own hint for a run that can go on (the engine's message says only why it
// stopped): the Resume button of the "Incomplete sync found" banner. Empty otherwise.
QString resumeHint(const sync::RunSummary& summary);

} // namespace fb::ui
