#pragma once
// The Help menu: *User guide* (F1; a guide built into the app as a Qt resource, so it works
// offline) and *About Fillbook* (version, Qt at run time and at build time, SQLite, licence).

#include <QString>

#include <functional>

class QMainWindow;

namespace fb::ui {

// The About dialog's text (rich text), from the application version and the SQLite version.
QString aboutText(const QString& sqliteVersion);
// The user guide's Markdown, from the resource.
QString userGuideMarkdown();

// Adds the menu to the window's menu bar. `sqliteVersion` is asked when About opens.
void addHelpMenu(QMainWindow* window, std::function<QString()> sqliteVersion);

} // namespace fb::ui
