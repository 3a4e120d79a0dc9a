#include "ui/main_window.h"

#include "ui/app_settings.h"
#include "ui/ban_wait.h"
#include "ui/calendar_view.h"
#include "ui/candle_worker.h"
#include "ui/conflicts_view.h"
#include "ui/language.h"
#include "ui/models/money_format.h"
#include "ui/reports_view.h"
#include "ui/resume_banner.h"
#include "ui/retranslate.h"
#include "ui/runs_view.h"
#include "ui/secret_store.h"
#include "ui/share_controller.h"
#include "ui/stall_watchdog.h"
#include "ui/stats_view.h"
#include "ui/sync_panel.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"
#include "ui/tray_notice.h"
#include "ui/write_gate.h"

#include "sync/engine/lock_identity.h"
#include "sync/engine/resume_guard.h"
#include "sync/engine/sync_worker.h"
#include "sync/journal/database.h"
#include "sync/journal/run_store.h"
#include "ui/models/trade_table_model.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcUi, "fillbook.ui")

namespace fb::ui {

namespace {
constexpr qint64 kDayMs = 86'400'000;
constexpr int kRetentionDays = 90;
const QStringList kTabNames{QStringLiteral("trades"),   QStringLiteral("runs"),
                            QStringLiteral("stats"),    QStringLiteral("conflicts"),
                            QStringLiteral("calendar"), QStringLiteral("reports")};
} // namespace

MainWindow::MainWindow(const AppContext& context, QWidget* parent)
    : QMainWindow(parent)
    , m_context(context)
{
    openJournal();
    m_context.engine.databasePath = context.journalPath;
    // Before any widget reads the account label or the range from the context.
    m_context.settings.applyTo(m_context.engine, m_context.demo);
    sync::registerSyncMetaTypes();
    m_worker = new sync::SyncWorker(this);
    m_worker->lowerThreadPriority(); // the window comes first (D180)
    m_watchdog = new StallWatchdog(this);
    m_secrets = new SecretStore(this);
    m_periodic = new QTimer(this);
    connect(m_periodic, &QTimer::timeout, this, [this] {
        if (!isSyncing() && m_banner->runId().isEmpty())
            startSync();
    });
    // The engine's clock: the ban's end is compared with it as the engine compares it.
    m_banWait = new BanWait(m_context.engine.client.clock, this);
    buildUi();
    buildMenus();
    connectWorker();
    buildCandles();
    buildOpenPositions();
    buildSharing();
    applySettings(m_context.settings);
    setReachabilitySource(new SystemReachability(this));
    refreshAll();
    setState(m_banWait->isWaiting()        ? m_banWait->text()
             : m_banner->runId().isEmpty() ? tr("Idle")
                                           : tr("Incomplete sync: click Resume above"));
    // Children retranslate themselves; the window rebuilds its menus and the sentences it built.
    bool first = true;
    retranslateOnLanguageChange(this, [this, first]() mutable {
        if (!first)
            retranslateWindow();
        first = false;
    });
    // During a stored ban the countdown resumes the run when the ban ends; nothing before.
    // (A run that the stale-run recovery turns resumable resumes after the journal's check.)
    m_autoResumeTried = !m_banner->runId().isEmpty();
    if (m_context.settings.autoResume && !m_banner->runId().isEmpty() && !m_banWait->isWaiting())
        resumeRun(m_banner->runId());
    startAfterFirstPaint();
}

MainWindow::~MainWindow()
{
    // An edit made while the journal's check ran is written before the window goes (the
    // window reacts to nothing the gate says now).
    disconnect(m_writes, nullptr, this, nullptr);
    m_writes->finish();
    delete m_candles; // stops the candle fetch and joins its thread first
    m_candles = nullptr;
    // The worker's destructor interrupts and joins its thread before the connections go.
    m_share->shutdown();
    delete m_worker;
    m_worker = nullptr;
    // The journal's connections close with the editing one (the gate, a child deleted after
    // this) last: SQLite's last close checkpoints and removes the log, which lets the next
    // writer skip the check (D157). The views' readers close with the views.
    delete takeCentralWidget();
    m_readDb.reset();
}

void MainWindow::buildUi()
{
    setWindowTitle(m_context.demo ? tr("Fillbook — demo journal") : tr("Fillbook"));
    setWindowIcon(QIcon(QStringLiteral(":/fillbook/fillbook.svg")));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_panel = new SyncPanel(m_context.account(), m_context.settings.defaultRangeDays, central);
    m_banner = new ResumeBanner(central);
    m_tabs = new QTabWidget(central);
    m_trades = new TradesView(*m_readDb, *m_writes, m_tabs);
    m_trades->holdSummary(); // released by startAfterFirstPaint()
    m_runs = new RunsView(*m_readDb, m_tabs);
    m_runs->setBeforeReload([this] { recoverStaleRuns(); });
    m_stats = new StatsView(m_context.journalPath, m_tabs);
    m_conflicts = new ConflictsView(*m_readDb, *m_writes, m_tabs);
    m_calendar = new CalendarView(m_context.journalPath, *m_writes, m_tabs);
    m_reports = new ReportsView(m_context.journalPath, m_tabs);
    // After the first four, so that Ctrl+1 … Ctrl+4 keep their tabs. Titles: retranslateTabs().
    for (QWidget* tab : std::initializer_list<QWidget*>{m_trades, m_runs, m_stats, m_conflicts,
                                                        m_calendar, m_reports})
        m_tabs->addTab(tab, QString());
    retranslateTabs();
    layout->addWidget(m_panel);
    layout->addWidget(m_banner);
    setCentralWidget(central);
    buildGuide(layout);
    layout->addWidget(m_tabs, 1);

    m_stateLabel = new QLabel(this);
    m_lastSyncLabel = new QLabel(this);
    m_failedLabel = new QLabel(this);
    statusBar()->addWidget(m_stateLabel);
    statusBar()->addWidget(m_lastSyncLabel);
    statusBar()->addPermanentWidget(m_failedLabel);

    connect(m_panel, &SyncPanel::syncRequested, this, &MainWindow::startSync);
    connect(m_panel, &SyncPanel::syncAllRequested, this, &MainWindow::startSyncAll);
    connect(m_panel, &SyncPanel::accountChosen, this, &MainWindow::selectAccount);
    connect(m_panel, &SyncPanel::stopRequested, this, [this] {
        m_userStopped = true;
        m_worker->requestPause();
        m_panel->showNotice(tr("Stopping after the current batch… Resume continues from there."));
    });
    connect(m_banner, &ResumeBanner::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_banWait, &BanWait::changed, this, [this](const QString& text) {
        m_banner->showBanWait(text);
        if (!text.isEmpty() && !isSyncing())
            setState(text);
    });
    connect(m_banWait, &BanWait::ended, this, [this](const QString& runId, bool autoResume) {
        setState(tr("Paused"));
        if (autoResume && !isSyncing()) {
            m_resumeAfterBan = false;
            resumeRun(runId);
        }
    });
    connect(m_banner, &ResumeBanner::discardRequested, this, &MainWindow::discardRun);
    connect(m_runs, &RunsView::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_runs, &RunsView::discardRequested, this, &MainWindow::discardRun);
    connect(m_trades, &TradesView::filtersChanged, m_stats, &StatsView::setQuery);
    connect(m_trades, &TradesView::filtersChanged, m_calendar, &CalendarView::setQuery);
    connect(m_trades, &TradesView::filtersChanged, m_reports, &ReportsView::setQuery);
    connect(m_calendar, &CalendarView::dayChosen, this,
            [this](const QDate& day, qint64 fromMs, qint64 toMs) {
                m_trades->filterBar()->setClosedDay(day, fromMs, toMs);
                m_tabs->setCurrentWidget(m_trades);
            });
    connect(m_conflicts, &ConflictsView::countChanged, this, [this](int open) {
        m_openConflicts = open;
        m_tabs->setTabText(m_tabs->indexOf(m_conflicts),
                           open > 0 ? tr("Conflicts (%1)").arg(countText(open)) : tr("Conflicts"));
    });
    connect(m_conflicts, &ConflictsView::annotationsChanged, this,
            [this](const QStringList& keys) { m_trades->applyBatch({}, keys); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_stats)
            m_stats->reload();
        else if (m_tabs->widget(index) == m_calendar)
            m_calendar->reload();
        else if (m_tabs->widget(index) == m_reports)
            m_reports->reload();
        else if (m_tabs->widget(index) == m_runs)
            m_runs->reload();
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Fillbook"));
        m_tray->show();
    }
}

void MainWindow::connectWorker()
{
    connect(m_worker, &sync::SyncWorker::runStarted, this, [this](const QString& runId) {
        m_offline.runStarted(runId);
        m_userStopped = false;
        m_panel->setBusy(true);
        m_banner->showRun(std::nullopt);
        m_banWait->stop(); // a run started: no ban held it (the engine checked)
        setState(tr("Syncing"));
        if (!m_watchdog->isActive())
            m_watchdog->start();
    });
    connect(m_worker, &sync::SyncWorker::progress, m_panel, &SyncPanel::showProgress);
    connect(m_worker, &sync::SyncWorker::batchCommitted, m_trades, &TradesView::applyBatch);
    // Retries and rate-limit pauses are waits: the panel shows them with a countdown
    // (SyncWorker::waiting, connected in buildGuide()).
    connect(m_worker, &sync::SyncWorker::symbolFailed, this,
            [this](const QString& symbol, const QString& error) {
                m_panel->showNotice(tr("%1 failed: %2").arg(symbol, error));
            });
    connect(m_worker, &sync::SyncWorker::finished, this, &MainWindow::onFinished);
}

bool MainWindow::isSyncing() const
{
    return m_worker && m_worker->isBusy();
}

void MainWindow::startSync()
{
    if (isSyncing() || m_syncAll.active)
        return;
    if (!hasKey()) {
        // A sync without a key could only fail (and would leave a run behind): the key first.
        requestSettings();
        return;
    }
    sync::RunParams params;
    params.account = m_context.account();
    params.rangeToMs = QDateTime::currentMSecsSinceEpoch();
    const int days = m_panel->rangeDays() > 0 ? m_panel->rangeDays() : kRetentionDays;
    params.rangeFromMs = params.rangeToMs - qint64(days) * kDayMs;
    params.rangeLabel = m_panel->rangeLabel();
    // The engine moves both ends to the exchange's clock once it has measured it (§3.1).
    params.rangeEndsNow = true;
    params.rangeStartsRelative = true;
    params.batchSize = m_context.settings.batchSize;
    m_panel->setBusy(true);
    setState(tr("Syncing"));
    m_candles->syncStarted(); // the candle fetch sends nothing more (main_window_candles.cpp)
    m_worker->startRun(m_context.engine, params);
}

void MainWindow::resumeRun(const QString& runId)
{
    if (isSyncing() || runId.isEmpty())
        return;
    m_offline.forget(runId);
    m_panel->setBusy(true);
    setState(tr("Syncing"));
    m_candles->syncStarted();
    // With the run's own account's endpoint and key (issue 14), whichever account is selected.
    QString account = m_context.account();
    try {
        if (const auto run = journal::RunStore(*m_readDb).run(runId);
            run && !run->account.isEmpty())
            account = run->account;
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read the run:" << e.what();
    }
    engineConfigFor(account, [this, runId](const sync::EngineConfig& config) {
        m_worker->resumeRun(config, runId);
    });
}

void MainWindow::discardRun(const QString& runId)
{
    if (runId.isEmpty() || isSyncing())
        return;
    const bool confirmed =
        m_confirmDiscard
            ? m_confirmDiscard(runId)
            : QMessageBox::question(
                  this, tr("Discard the incomplete sync?"),
                  tr("The run will not be resumed. Trades it already synced stay in "
                     "your journal; the next sync fetches what is missing.")) == QMessageBox::Yes;
    if (!confirmed)
        return;
    m_offline.forget(runId);
    m_writes->write(this, [this, runId](journal::Database& db) {
        try {
            const journal::DiscardResult result = journal::RunStore(db).discardRun(runId);
            using Outcome = journal::DiscardResult::Outcome;
            if (result.outcome == Outcome::BeingSynced)
                QMessageBox::warning(
                    this, tr("Could not discard"),
                    tr("This sync is running right now (%1). Stop it first.")
                        .arg(result.holder->describe(QDateTime::currentMSecsSinceEpoch())));
            else if (result.outcome == Outcome::NotResumable)
                QMessageBox::warning(this, tr("Could not discard"),
                                     tr("This sync is %1; only an interrupted or paused sync can "
                                        "be discarded.")
                                         .arg(journal::runStatusName(result.run->status)));
        } catch (const journal::JournalError& e) {
            QMessageBox::warning(this, tr("Could not discard"), QString::fromUtf8(e.what()));
        }
        refreshBanner();
        m_runs->reload();
    });
}

void MainWindow::selectTab(const QString& name)
{
    const auto index = kTabNames.indexOf(name);
    if (index >= 0)
        m_tabs->setCurrentIndex(int(index));
}

void MainWindow::refreshAll()
{
    m_trades->reload();
    m_runs->reload();
    m_conflicts->reload();
    if (m_tabs->currentWidget() == m_stats)
        m_stats->reload();
    else if (m_tabs->currentWidget() == m_calendar)
        m_calendar->reload();
    else if (m_tabs->currentWidget() == m_reports)
        m_reports->reload();
    refreshBanner();
    refreshStatus();
}

void MainWindow::recoverStaleRuns()
{
    // While this process syncs, it holds the lock: its run is alive, the engine recovered the
    // rest. Before the journal's check has passed nothing is recovered (nor held: the banner
    // and the status refresh once it has, in onJournalChecked()).
    if (isSyncing() || !m_writes->isOpen())
        return;
    m_writes->write(this, [this](journal::Database& db) {
        try {
            // The engine's clock: lock heartbeats are stamped with it.
            sync::recoverStaleRuns(
                db, localNow(),
                {m_context.engine.staleLockMs, m_context.engine.runMaxAgeMs, QString()});
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not recover stale runs:" << e.what();
        }
    });
}

void MainWindow::refreshBanner()
{
    recoverStaleRuns();
    try {
        auto latest = isSyncing() ? std::nullopt
                                  : journal::RunStore(*m_readDb).latestRun(m_context.account());
        // Nothing to resume here: another account's interrupted run, named (issue 14).
        QString other;
        if (!isSyncing() && !(latest && journal::isResumable(latest->status)))
            if (auto run = otherAccountsResumableRun()) {
                latest = run;
                other = run->account;
            }
        m_banner->showRun(latest, latestRunSymbols(latest), other);
        // The bar below the banner agrees with it (it read "Idle" under "85 %" before).
        if (!isSyncing()) {
            if (m_banner->runId().isEmpty())
                m_panel->showIncompleteRun({}, 0, 0);
            else
                m_panel->showIncompleteRun(m_banner->runId(), latest->counters.doneUnits,
                                           latest->counters.plannedUnits);
        }
        followBan(latest);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read the latest run:" << e.what();
    }
}

qint64 MainWindow::localNow() const
{
    const auto& clock = m_context.engine.client.clock;
    return clock ? clock() : QDateTime::currentMSecsSinceEpoch();
}

void MainWindow::followBan(const std::optional<journal::RunRecord>& run)
{
    const std::optional<sync::BanInForce> ban = run && run->status == journal::RunStatus::Paused
                                                    ? sync::banInForce(*run, localNow())
                                                    : std::nullopt;
    if (!ban) {
        if (m_banWait->isWaiting() && !isSyncing())
            m_banWait->stop();
        return;
    }
    const auto offset =
        sync::RunSummary::fromJson(QJsonDocument::fromJson(run->summaryJson.toUtf8()).object())
            .clockOffsetMs;
    m_banWait->start(run->id, ban->untilMs, offset,
                     m_resumeAfterBan || m_context.settings.autoResume);
}

void MainWindow::refreshStatus()
{
    recoverStaleRuns();
    try {
        const auto runs = journal::RunStore(*m_readDb).listRuns(50, m_context.account());
        // Runs exist but none completed (a first sync interrupted): not "never synced".
        QString last = runs.isEmpty() ? tr("never synced") : tr("no sync completed yet");
        for (const auto& run : runs) {
            if (run.status == journal::RunStatus::Completed ||
                run.status == journal::RunStatus::CompletedWithErrors) {
                last = tr("last sync %1")
                           .arg(dateTimeText(QDateTime::fromMSecsSinceEpoch(
                               run.endedAt.value_or(run.updatedAt))));
                break;
            }
        }
        m_lastSyncLabel->setText(QStringLiteral("· ") + last);
        const qint64 failed = runs.isEmpty() ? 0 : runs.first().counters.failedSymbols;
        m_failedLabel->setText(failed > 0 ? tr("%1 failed symbols").arg(failed) : QString());
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read runs:" << e.what();
    }
}

void MainWindow::setState(const QString& state)
{
    m_state = state;
    QString shown = state;
    if (m_offline.isOffline() && !isSyncing())
        shown = m_offline.waitingRunId().isEmpty()
                    ? tr("Offline")
                    : tr("Offline — the sync resumes when the network returns");
    m_stateLabel->setText(QStringLiteral("● ") + shown);
}

QString MainWindow::statusText() const
{
    return m_stateLabel->text();
}

void MainWindow::onFinished(const sync::RunSummary& summary)
{
    m_watchdog->stop();
    m_panel->setBusy(false);
    m_panel->showFinished(summary);
    switch (summary.status) {
    case sync::RunStatus::Completed:
    case sync::RunStatus::CompletedWithErrors:
        setState(tr("Idle"));
        break;
    case sync::RunStatus::Paused:
    case sync::RunStatus::Interrupted:
        setState(tr("Paused"));
        break;
    default:
        setState(tr("Failed"));
        break;
    }
    // The exchange's ban paused this sync (or held a new one back): it goes on by itself when
    // the ban ends, counting down until then (refreshBanner() starts the wait).
    if (summary.resumeAfterMs > 0 && summary.resumable())
        m_resumeAfterBan = true;
    const OfflineResumer::Action action = m_offline.runFinished(summary);
    if (!m_offline.waitingRunId().isEmpty())
        m_panel->showNotice(tr("The network is gone: the sync is paused and resumes by itself "
                               "when it returns."));
    setState(m_state); // "Offline — …" now that the run waits for the network
    // Not refreshAll(): the trade list already holds every batch, and reloading it would lose
    // the user's scroll position and selection. New symbols reach the filter bar.
    m_trades->refreshSymbols();
    m_runs->selectRun(summary.runId);
    m_conflicts->reload();
    m_trades->refreshSummary();
    if (m_tabs->currentWidget() == m_stats)
        m_stats->reload();
    else if (m_tabs->currentWidget() == m_calendar)
        m_calendar->reload();
    else if (m_tabs->currentWidget() == m_reports)
        m_reports->reload();
    refreshBanner();
    refreshStatus();
    notifyTray(summary);
    emit syncFinished(summary);
    if (m_syncAll.active && !m_syncAll.current.isEmpty())
        accountRunFinished(summary);
    if (action == OfflineResumer::Action::ResumeRun)
        QTimer::singleShot(0, this, [this, id = summary.runId] { resumeRun(id); });
}

void MainWindow::notifyTray(const sync::RunSummary& summary)
{
    const auto notice =
        trayNoticeFor(summary, {m_tray != nullptr, isActiveWindow(), m_userStopped});
    if (!notice)
        return;
    const QSystemTrayIcon::MessageIcon icon =
        notice->severity == TrayNotice::Severity::Critical  ? QSystemTrayIcon::Critical
        : notice->severity == TrayNotice::Severity::Warning ? QSystemTrayIcon::Warning
                                                            : QSystemTrayIcon::Information;
    m_tray->showMessage(notice->title, notice->body, icon);
}

void MainWindow::setReachabilitySource(ReachabilitySource* source)
{
    delete m_reachability;
    m_reachability = source;
    source->setParent(this);
    connect(source, &ReachabilitySource::reachabilityChanged, this,
            &MainWindow::onReachabilityChanged);
    onReachabilityChanged(source->reachability());
}

void MainWindow::onReachabilityChanged(Reachability reachability)
{
    switch (m_offline.networkChanged(reachability, isSyncing())) {
    case OfflineResumer::Action::PauseRun:
        m_worker->requestPause();
        m_panel->showNotice(tr("The network is gone: pausing after the current batch."));
        break;
    case OfflineResumer::Action::ResumeRun: {
        m_panel->showNotice(tr("The network is back: resuming the sync."));
        const QString runId = m_offline.waitingRunId(); // a copy: resumeRun() forgets it
        resumeRun(runId);
        break;
    }
    case OfflineResumer::Action::None:
        break;
    }
    setState(m_state);
}

} // namespace fb::ui
