// The main window's "Open positions" section (docs/design.md D134): under the
// Statistics tab's figures and charts of closed trades, read again after every sync (which
// replaces the snapshot) and whenever the tab is shown (the account or the time zone may have
// changed in Settings).

#include "ui/main_window.h"
#include "ui/open_positions_view.h"
#include "ui/stats_view.h"

#include "sync/engine/sync_worker.h"

#include <QBoxLayout>
#include <QTabWidget>

namespace fb::ui {

void MainWindow::buildOpenPositions()
{
    m_positions = new OpenPositionsView(*m_readDb, m_stats);
    if (auto* box = qobject_cast<QBoxLayout*>(m_stats->layout()))
        box->addWidget(m_positions);
    const auto reload = [this] {
        m_positions->reload(m_context.account(), m_context.settings.timeZone());
    };
    connect(m_worker, &sync::SyncWorker::finished, this, reload);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, reload](int index) {
        if (m_tabs->widget(index) == m_stats)
            reload();
    });
    reload();
}

} // namespace fb::ui
