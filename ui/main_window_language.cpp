#include "ui/main_window.h"

#include "ui/ban_wait.h"
#include "ui/calendar_view.h"
#include "ui/conflicts_view.h"
#include "ui/models/money_format.h"
#include "ui/reports_view.h"
#include "ui/resume_banner.h"
#include "ui/runs_view.h"
#include "ui/stats_view.h"
#include "ui/trades_view.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>

// The main window in another language (issue 15, docs/translation.md): its tabs, menus and the
// sentences it built itself; every child widget retranslates on its own.

namespace fb::ui {

void MainWindow::retranslateWindow()
{
    setWindowTitle(m_context.demo ? tr("Fillbook — demo journal") : tr("Fillbook"));
    retranslateTabs();
    if (m_checkLabel)
        m_checkLabel->setText(tr("Checking the journal…"));
    for (QMenu* menu : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly))
        delete menu;
    menuBar()->clear();
    buildMenus();
    refreshBanner();
    refreshStatus();
    if (!isSyncing())
        setState(m_banWait->isWaiting()        ? m_banWait->text()
                 : m_banner->runId().isEmpty() ? tr("Idle")
                                               : tr("Incomplete sync: click Resume above"));
}

void MainWindow::retranslateTabs()
{
    m_tabs->setTabText(m_tabs->indexOf(m_trades), tr("Trades"));
    m_tabs->setTabText(m_tabs->indexOf(m_runs), tr("Runs"));
    m_tabs->setTabText(m_tabs->indexOf(m_stats), tr("Statistics"));
    m_tabs->setTabText(m_tabs->indexOf(m_conflicts),
                       m_openConflicts > 0 ? tr("Conflicts (%1)").arg(countText(m_openConflicts))
                                           : tr("Conflicts"));
    m_tabs->setTabText(m_tabs->indexOf(m_calendar), tr("Calendar"));
    m_tabs->setTabText(m_tabs->indexOf(m_reports), tr("Reports"));
}

} // namespace fb::ui
