#pragma once
// The desktop app's window: sync panel and resume banner on top, tabs for trades, runs,
// statistics and conflicts, and a status bar. Owns the SyncWorker (the engine's thread) and
// a read-only connection for every view and a WriteGate (write_gate.h) for annotation edits,
// discards and conflict resolutions (never the engine's): an existing journal is checked on a
// thread of its own after the window shows, and nothing is written until it has passed.

#include "ui/app_context.h"
#include "ui/reachability.h"
#include "ui/run_messages.h"

#include "sync/engine/run_types.h"
#include "sync/journal/run_store.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QSystemTrayIcon;
class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace fb::journal {
class Database;
}
namespace fb::sync {
class SyncWorker;
}

namespace fb::ui {

class BanWait;
class CalendarView;
class CandleWorker;
struct CandleProgress;
struct CandleSource;
class ConflictsView;
class ReportsView;
class SecretStore;
class ResumeBanner;
class RunsView;
class StallWatchdog;
class StatsView;
class SyncPanel;
class TradesView;
class WriteGate;

class NoKeyHint;
class OpenPositionsView;
class ShareController;
class ShareSettingsPage;
class SettingsDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Throws journal::JournalError when the journal cannot be opened (the caller says why).
    explicit MainWindow(const AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    void startSync();
    // Every account of Settings in turn (main_window_accounts.cpp): one that fails (a wrong key,
    // no key) does not stop the others; the panel then says which failed. Ends with
    // syncAllFinished.
    void startSyncAll();
    bool isSyncingAll() const { return m_syncAll.active; }
    // The account Sync now syncs (the panel's choice): saved as the selected account.
    void selectAccount(const QString& account);
    // Where the keys of an account other than the selected one come from (the SecretStore by
    // default; tests hand theirs). `done` gets an empty key when none is stored.
    using CredentialsLookup = std::function<void(
        const QString& account, std::function<void(const QByteArray&, const QByteArray&)> done)>;
    void setCredentialsLookup(CredentialsLookup lookup) { m_credentials = std::move(lookup); }
    void resumeRun(const QString& runId);
    // Asks first (unless a confirmation function is set), then marks the run discarded.
    void discardRun(const QString& runId);
    // Tests answer the "Discard?" question without a modal dialog.
    void setDiscardConfirmation(std::function<bool(const QString& runId)> confirm)
    {
        m_confirmDiscard = std::move(confirm);
    }
    // Replaces where "offline" comes from (QNetworkInformation by default); the window takes
    // ownership. Tests pass a ManualReachability.
    void setReachabilitySource(ReachabilitySource* source);
    void applySettings(const AppSettings& settings);
    void openSettings();
    // "trades", "runs", "stats", "conflicts", "calendar", "reports"
    void selectTab(const QString& name);
    void refreshAll();
    bool isSyncing() const;

    ResumeBanner* banner() const { return m_banner; }
    SyncPanel* syncPanel() const { return m_panel; }
    TradesView* tradesView() const { return m_trades; }
    RunsView* runsView() const { return m_runs; }
    StatsView* statsView() const { return m_stats; }
    ConflictsView* conflictsView() const { return m_conflicts; }
    CalendarView* calendarView() const { return m_calendar; }
    ReportsView* reportsView() const { return m_reports; }
    const AppContext& context() const { return m_context; }
    const OfflineResumer& offlineState() const { return m_offline; }
    StallWatchdog* watchdog() const { return m_watchdog; }
    BanWait* banWait() const { return m_banWait; }
    NoKeyHint* noKeyHint() const { return m_noKeyHint; }
    // A key and secret are configured (or this is the demo): a sync can work.
    bool hasKey() const;
    // Tests see the Settings dialog and the demo's start without running them.
    void setSettingsOpener(std::function<void()> open) { m_openSettings = std::move(open); }
    void setDemoStarter(std::function<void()> start) { m_startDemo = std::move(start); }
    QString statusText() const;
    // The desktop's candle fetch (main_window_candles.cpp) and its status-bar line.
    CandleWorker* candleWorker() const { return m_candles; }
    QLabel* candleLabel() const { return m_candleLabel; }
    // The Statistics tab's "Open positions" section (main_window_positions.cpp).
    OpenPositionsView* openPositions() const { return m_positions; }
    ShareController* sharing() const { return m_share; }
    // Every write of the window goes through it (main_window_journal.cpp).
    WriteGate* writeGate() const { return m_writes; }
    // Settings → Share in `dialog`, filled from the journal (main_window_share.cpp); after the
    // dialog's Save, applySharePage() saves it to the journal, the password to the SecretStore,
    // and restarts sharing.
    ShareSettingsPage* addSharePage(SettingsDialog& dialog);
    void applySharePage(const ShareSettingsPage& page);

signals:
    void syncFinished(const fb::sync::RunSummary& summary);
    // After "Sync all accounts": the accounts whose sync failed (empty: none), and the sentence
    // the panel shows.
    void syncAllFinished(const QStringList& failedAccounts, const QString& text);
    // The journal's check found damage: the sentence the desktop says (journal_error.h
    // damagedJournal); nothing was or will be written. main.cpp reports it as a journal it
    // cannot open.
    void journalRefused(const QString& sentence);

private:
    void retranslateTabs(); // main_window_language.cpp
    void retranslateWindow();
    int m_openConflicts = 0;
    void buildUi();
    void connectWorker();
    // The journal's stale-run rule (dead holders' runs -> interrupted, old ones -> expired),
    // applied before runs are shown; not while this window's own sync runs.
    void recoverStaleRuns();
    void refreshBanner();
    // Waits out the exchange's ban on the banner's run (countdown, then resume), or stops
    // waiting when no ban holds it.
    void followBan(const std::optional<journal::RunRecord>& run);
    qint64 localNow() const;
    void refreshStatus();
    void setState(const QString& state);
    void onFinished(const sync::RunSummary& summary);
    void notifyTray(const sync::RunSummary& summary);
    void onReachabilityChanged(Reachability reachability);
    void buildMenus();
    // main_window_guide.cpp: the new user's hint, the run's waits, the banner's facts.
    void buildGuide(QVBoxLayout* layout);
    void updateNoKeyHint();
    void requestSettings();
    void startDemo();
    // main_window_share.cpp: sharing in the background.
    void buildSharing();
    RunSymbolsDone latestRunSymbols(const std::optional<journal::RunRecord>& run) const;
    // main_window_journal.cpp: the read-only connection and the write gate; a journal at the
    // current schema is checked on the gate's thread, any other opens as before.
    void openJournal();
    void onJournalChecked();
    // What the first page does not need waits for its paint (or for the event loop, when the
    // window is not shown): the trade list's summary, the journal's check, then the candles.
    void startAfterFirstPaint();
    void startCandles();       // main_window_candles.cpp
    void buildCandles();       // main_window_candles.cpp
    void buildOpenPositions(); // main_window_positions.cpp
    void showCandleProgress(const CandleProgress& progress);
    // Where each account's candles come from: one source per exchange endpoint of Settings'
    // accounts, the selected account's first.
    QVector<CandleSource> candleSources() const;
    // main_window_accounts.cpp: the engine's configuration for `account` (its endpoint and
    // keys), handed to `done` (empty keys when none are stored).
    void engineConfigFor(const QString& account, std::function<void(sync::EngineConfig)> done);
    // The keys of `account`: the environment's when given for it, else the stored ones (or the
    // test's lookup); empty when none.
    void credentialsFor(const QString& account,
                        std::function<void(const QByteArray&, const QByteArray&)> done);
    // The selected account's keys become the sync's (asynchronously; the hint follows).
    void useKeysOf(const QString& account);
    void syncNextAccount();
    void accountRunFinished(const sync::RunSummary& summary);
    void refreshAccounts();
    // The latest resumable run of an account other than the selected one (the banner's).
    std::optional<journal::RunRecord> otherAccountsResumableRun() const;

    AppContext m_context;
    std::unique_ptr<journal::Database> m_readDb;
    WriteGate* m_writes = nullptr;
    QLabel* m_checkLabel = nullptr; // "Checking the journal…" until the gate opens
    bool m_autoResumeTried = false;
    sync::SyncWorker* m_worker = nullptr;
    SyncPanel* m_panel = nullptr;
    ResumeBanner* m_banner = nullptr;
    QTabWidget* m_tabs = nullptr;
    TradesView* m_trades = nullptr;
    RunsView* m_runs = nullptr;
    StatsView* m_stats = nullptr;
    ConflictsView* m_conflicts = nullptr;
    CalendarView* m_calendar = nullptr;
    ReportsView* m_reports = nullptr;
    StallWatchdog* m_watchdog = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    SecretStore* m_secrets = nullptr;
    ReachabilitySource* m_reachability = nullptr;
    OfflineResumer m_offline;
    bool m_userStopped = false;
    BanWait* m_banWait = nullptr;
    // A sync of this session was stopped by a ban: it resumes by itself when the ban ends (at
    // start, a stored ban waits for the user unless auto-resume is on).
    bool m_resumeAfterBan = false;
    QTimer* m_periodic = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_lastSyncLabel = nullptr;
    QLabel* m_failedLabel = nullptr;
    QString m_state;
    std::function<bool(const QString&)> m_confirmDiscard;
    NoKeyHint* m_noKeyHint = nullptr;
    std::function<void()> m_openSettings;
    std::function<void()> m_startDemo;
    CandleWorker* m_candles = nullptr;
    QLabel* m_candleLabel = nullptr;
    OpenPositionsView* m_positions = nullptr;
    CredentialsLookup m_credentials;
    struct SyncAll
    {
        bool active = false;
        QStringList queue;  // accounts still to sync
        QString current;    // the account whose run is on
        QStringList done;   // accounts that synced
        QStringList failed; // "name: reason"
        QStringList failedNames;
    } m_syncAll;
    ShareController* m_share = nullptr;
};

} // namespace fb::ui
