// The window's menus and its settings: the File and Sync menus, Settings… and applying what
// the dialog returns (language, time zone, range, periodic sync) without a restart.
#include "ui/main_window.h"

#include "sync/journal/database.h"
#include "sync/journal/sqlite_info.h"
#include "ui/calendar_view.h"
#include "ui/conflicts_view.h"
#include "ui/desk_browse_dialog.h"
#include "ui/help_menu.h"
#include "ui/language.h"
#include "ui/reports_view.h"
#include "ui/runs_view.h"
#include "ui/secret_store.h"
#include "ui/settings_dialog.h"
#include "ui/share_controller.h"
#include "ui/share_settings_page.h"
#include "ui/shortcuts.h"
#include "ui/stats_view.h"
#include "ui/sync_panel.h"
#include "ui/trades_view.h"

#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>

namespace fb::ui {

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Export trades as CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export trades"), QStringLiteral("trades.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !m_trades->exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    file->addAction(tr("&Browse desk account…"), this, [this] {
        openDeskBrowse(this, *m_readDb, m_context.settings.timeZone(), *m_secrets);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* sync = menuBar()->addMenu(tr("&Sync"));
    sync->addAction(tr("Sync &now"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                    &MainWindow::startSync);
    sync->addAction(tr("Sync &all accounts"), this, &MainWindow::startSyncAll);
    sync->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);
    installShortcuts(this, sync, m_tabs, m_panel, m_trades);
    addHelpMenu(this, [this] { return journal::sqliteVersion(*m_readDb); });
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_context.settings, *m_secrets, this);
    if (m_context.demo)
        dialog.setDemoAccount(m_context.account());
    ShareSettingsPage* share = addSharePage(dialog);
    if (dialog.exec() != QDialog::Accepted)
        return;
    applySharePage(*share);
    const QString accountBefore = m_context.account();
    applySettings(dialog.settings());
    if (m_context.demo)
        return;
    if (m_context.account() != accountBefore) {
        // Another account selected: its own keys, never the previous account's.
        useKeysOf(m_context.account());
        return;
    }
    // New keys apply to the next sync; a running one keeps what it started with.
    m_secrets->read(m_context.settings.account, [this](const StoredCredentials& stored) {
        if (stored.credentials.isEmpty())
            return;
        m_context.engine.client.apiKey = stored.credentials.apiKey;
        m_context.engine.client.apiSecret = stored.credentials.apiSecret;
        updateNoKeyHint();
    });
}

void MainWindow::applySettings(const AppSettings& settings)
{
    const QString accountBefore = m_context.account();
    const int rangeBefore = m_context.settings.defaultRangeDays;
    const QString languageBefore = m_context.settings.language;
    const qint64 candleCapBefore = m_context.settings.candleCacheMinutes;
    m_context.settings = settings;
    // At once, without a restart: every widget gets QEvent::LanguageChange and retranslates.
    if (settings.language != languageBefore)
        applyLanguage(languageFromCode(settings.language));
    settings.applyTo(m_context.engine, m_context.demo);
    refreshAccounts();
    if (settings.defaultRangeDays != rangeBefore)
        m_panel->setDefaultRange(settings.defaultRangeDays);
    if (m_context.account() != accountBefore) {
        // Another account: its own runs, banner and last-sync line.
        refreshBanner();
        refreshStatus();
        m_runs->reload();
    }
    m_trades->setTimeZone(settings.timeZone());
    m_stats->setTimeZone(settings.timeZone());
    m_calendar->setTimeZone(settings.timeZone());
    m_reports->setTimeZone(settings.timeZone());
    m_conflicts->setTimeZone(settings.timeZone());
    m_share->setTimeZone(settings.timeZone());
    if (settings.periodicMinutes > 0)
        m_periodic->start(settings.periodicMinutes * 60'000);
    else
        m_periodic->stop();
    // A new cap applies now (evicting, or fetching the trades it lets back in), or after the
    // sync that is running.
    if (settings.candleCacheMinutes != candleCapBefore)
        startCandles();
}

} // namespace fb::ui
