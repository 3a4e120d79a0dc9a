#include "ui/shortcuts.h"

#include "ui/sync_panel.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTabWidget>

namespace fb::ui {

namespace {
// lupdate reads the context from here: these free functions translate as "Shortcuts".
class ShortcutsText
{
    Q_DECLARE_TR_FUNCTIONS(Shortcuts)
};

QString withKeys(const QString& text, const QKeySequence& keys)
{
    return QStringLiteral("%1 (%2)").arg(text, keys.toString(QKeySequence::NativeText));
}
} // namespace

void installShortcuts(QMainWindow* window, QMenu* syncMenu, QTabWidget* tabs, SyncPanel* panel,
                      TradesView* trades)
{
    // Esc stops only while a sync runs: the Stop button is enabled exactly then.
    QAction* stop = syncMenu->addAction(ShortcutsText::tr("S&top"), QKeySequence(Qt::Key_Escape),
                                        window, [panel] {
                                            if (panel->stopButton()->isEnabled())
                                                panel->stopButton()->click();
                                        });
    stop->setObjectName(QStringLiteral("actionStop"));
    // The open menu shows whether Stop applies; closed, the action stays enabled so that Esc
    // always reaches it (the button's state decides).
    QObject::connect(syncMenu, &QMenu::aboutToShow, stop,
                     [stop, panel] { stop->setEnabled(panel->stopButton()->isEnabled()); });
    QObject::connect(syncMenu, &QMenu::aboutToHide, stop, [stop] { stop->setEnabled(true); });
    panel->syncButton()->setToolTip(
        withKeys(ShortcutsText::tr("Fetch what is new from the exchange"),
                 QKeySequence(Qt::CTRL | Qt::Key_R)));
    panel->stopButton()->setToolTip(
        withKeys(ShortcutsText::tr("Stop after the current batch; the sync can be resumed"),
                 QKeySequence(Qt::Key_Escape)));

    QMenu* view = window->menuBar()->addMenu(ShortcutsText::tr("&View"));
    QAction* find = view->addAction(ShortcutsText::tr("&Find trades"), QKeySequence::Find, window,
                                    [tabs, trades] {
                                        tabs->setCurrentWidget(trades);
                                        if (auto* bar = trades->findChild<TradeFilterBar*>())
                                            bar->symbolBox()->setFocus(Qt::ShortcutFocusReason);
                                    });
    find->setObjectName(QStringLiteral("actionFind"));
    view->addSeparator();
    for (int i = 0; i < tabs->count() && i < 9; ++i) {
        QAction* go = view->addAction(tabs->tabText(i).remove(QLatin1Char('&')),
                                      QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), window,
                                      [tabs, i] { tabs->setCurrentIndex(i); });
        go->setObjectName(QStringLiteral("actionTab%1").arg(i + 1));
        tabs->setTabToolTip(i, withKeys(go->text(), go->shortcut()));
    }
    view->addSeparator();
    QAction* next =
        view->addAction(ShortcutsText::tr("&Next tab"), QKeySequence::NextChild, window, [tabs] {
            tabs->setCurrentIndex((tabs->currentIndex() + 1) % tabs->count());
        });
    next->setObjectName(QStringLiteral("actionNextTab"));
    QAction* previous = view->addAction(
        ShortcutsText::tr("&Previous tab"), QKeySequence::PreviousChild, window, [tabs] {
            tabs->setCurrentIndex((tabs->currentIndex() + tabs->count() - 1) % tabs->count());
        });
    previous->setObjectName(QStringLiteral("actionPreviousTab"));
}

} // namespace fb::ui
