#pragma once
// What the window looked like when it was closed: its geometry, the trade table's column
// widths, order and sort, and the splitter. Kept in QSettings next to the preferences (group
// "window"), loaded and saved by app/desktop/main.cpp only, so the window and its tests never
// read the user's settings (docs/desktop.md).

#include "ui/trades_view.h"

#include <QByteArray>

namespace fb::ui {

class MainWindow;

struct WindowState
{
    QByteArray geometry;
    TradesView::Layout trades;

    static WindowState load();
    void save() const;

    // From a window, and back onto one (nothing to restore leaves its defaults).
    static WindowState of(const MainWindow& window);
    // Returns false when there was no geometry to restore (the caller picks a default size).
    bool applyTo(MainWindow& window) const;
};

} // namespace fb::ui
