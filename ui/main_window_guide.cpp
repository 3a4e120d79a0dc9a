// MainWindow's guidance for people (issue #11): the hint of a new user without a key, and what
// the banner says about a run, built from the journal's facts. Kept apart from
// main_window.cpp, which wires the views and the engine.
#include "ui/main_window.h"

#include "ui/no_key_hint.h"
#include "ui/sync_panel.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/journal_error.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>
#include <QVBoxLayout>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace fb::ui {

void MainWindow::buildGuide(QVBoxLayout* layout)
{
    m_noKeyHint = new NoKeyHint(centralWidget());
    layout->addWidget(m_noKeyHint);
    connect(m_noKeyHint, &NoKeyHint::settingsRequested, this, &MainWindow::requestSettings);
    connect(m_noKeyHint, &NoKeyHint::demoRequested, this, &MainWindow::startDemo);
    // The engine's waits, with a countdown on the engine's clock (the one it stamps them with).
    m_panel->setClock([this] { return localNow(); });
    connect(m_worker, &sync::SyncWorker::waiting, m_panel, &SyncPanel::showWait);
    updateNoKeyHint();
}

bool MainWindow::hasKey() const
{
    return m_context.demo || (!m_context.engine.client.apiKey.isEmpty() &&
                              !m_context.engine.client.apiSecret.isEmpty());
}

void MainWindow::updateNoKeyHint()
{
    if (m_noKeyHint)
        m_noKeyHint->setVisible(!hasKey());
}

void MainWindow::requestSettings()
{
    if (m_openSettings)
        m_openSettings();
    else
        openSettings();
}

void MainWindow::startDemo()
{
    if (m_startDemo) {
        m_startDemo();
        return;
    }
    // The demo runs its own exchange and journal: a second window of this program, in demo
    // mode; this one closes (nothing of the user's is lost: no key, so nothing was synced).
    if (QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                {QStringLiteral("--demo")}))
        close();
}

RunSymbolsDone MainWindow::latestRunSymbols(const std::optional<journal::RunRecord>& run) const
{
    if (!run || !journal::isResumable(run->status))
        return {};
    try {
        return symbolsDone(journal::RunStore(*m_readDb).runSymbols(run->id));
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read the run's symbols:" << e.what();
        return {};
    }
}

} // namespace fb::ui
