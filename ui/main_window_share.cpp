// The window's part of sharing (docs/sharing.md, "The desktop"): the background worker kicked
// after every local change that queued an outbox row, the views refreshed after a pull, and
// Settings → Share.
#include "ui/attachment_strip.h"
#include "ui/calendar_view.h"
#include "ui/conflicts_view.h"
#include "ui/main_window.h"
#include "ui/secret_store.h"
#include "ui/settings_dialog.h"
#include "ui/share_controller.h"
#include "ui/share_settings_page.h"
#include "ui/trade_detail.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/database.h"

#include <QStatusBar>
#include <QTabWidget>

namespace fb::ui {

void MainWindow::buildSharing()
{
    m_share = new ShareController(m_context.journalPath, *m_readDb, *m_secrets, statusBar(), this);
    const auto kick = [this] { m_share->kick(); };
    // Each of these committed an outbox row in the same transaction as the change.
    connect(m_worker, &sync::SyncWorker::batchCommitted, this, kick);
    connect(m_worker, &sync::SyncWorker::finished, this, kick); // the income pages
    connect(m_trades->detail(), &TradeDetail::annotationSaved, this, kick);
    connect(m_trades->detail()->attachments(), &AttachmentStrip::attachmentsChanged, this, kick);
    connect(m_calendar, &CalendarView::dayNoteSaved, this, kick);
    connect(m_conflicts, &ConflictsView::annotationsChanged, this, kick);
    connect(m_conflicts, &ConflictsView::countChanged, this, kick); // a daily note resolved
    // Another device's notes, conflicts and screenshots.
    connect(m_share, &ShareController::pulled, this,
            [this](const QStringList& tradeKeys, bool dayNotes) {
                m_conflicts->reload();
                if (!tradeKeys.isEmpty())
                    m_trades->applyBatch({}, tradeKeys);
                if (dayNotes && m_tabs->currentWidget() == m_calendar)
                    m_calendar->reload();
            });
    m_share->startFromJournal();
}

ShareSettingsPage* MainWindow::addSharePage(SettingsDialog& dialog)
{
    ShareSettings current;
    try {
        current = ShareSettings::load(*m_readDb);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read the share settings:" << e.message();
    }
    auto* page = new ShareSettingsPage(current, *m_secrets, &dialog);
    dialog.addSection(page);
    return page;
}

void MainWindow::applySharePage(const ShareSettingsPage& page)
{
    m_writes->write(this, [this, settings = page.settings(),
                           password = page.typedPassword()](journal::Database& db) {
        try {
            settings.save(db);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not save the share settings:" << e.message();
            return;
        }
        m_share->apply(settings, password);
    });
}

} // namespace fb::ui
