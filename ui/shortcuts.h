#pragma once
// The window's keyboard shortcuts, each an action in a menu so that the menu shows its keys:
// Stop (Esc) in the Sync menu; a View menu with the tabs (Ctrl+1 …), next and previous tab
// (Ctrl+Tab, Ctrl+Shift+Tab) and Find (Ctrl+F, the filter bar's symbol field). Sync now
// (Ctrl+R) and Export (Ctrl+E) are set where those actions are made (main_window.cpp).

class QMainWindow;
class QMenu;
class QTabWidget;

namespace fb::ui {

class SyncPanel;
class TradesView;

void installShortcuts(QMainWindow* window, QMenu* syncMenu, QTabWidget* tabs, SyncPanel* panel,
                      TradesView* trades);

} // namespace fb::ui
