#pragma once
// The sync controls and live progress: account, range, Sync now / Stop, progress bar, phase
// line, ETA, counters, and short notices (retrying, failed symbols, rate-limit pauses).

#include "sync/engine/progress_events.h"
#include "sync/engine/run_types.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace fb::ui {

class SyncPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SyncPanel(const QString& account, int defaultRangeDays, QWidget* parent = nullptr);

    // The account shown, and the range preselected for the next sync (Settings changed them).
    void setAccount(const QString& account);
    // Several accounts (issue 14): a choice of the account Sync now syncs, and "Sync all
    // accounts"; both hidden while there is only one account.
    void setAccounts(const QStringList& accounts, const QString& selected);
    void setDefaultRange(int days);
    int rangeDays() const; // 0 = everything available
    QString rangeLabel() const;
    void setBusy(bool busy);
    void showProgress(const sync::ProgressSnapshot& snapshot);
    void showFinished(const sync::RunSummary& summary);
    // A notice that fades after a few seconds (the newest one wins).
    void showNotice(const QString& text);
    // A notice that stays until the next run (the end of "Sync all accounts": which failed).
    void showLastingNotice(const QString& text);
    // Removes the notice at once (what it said stopped being true).
    void clearNotice();
    // What the engine waits for, with a countdown refreshed every 250 ms until it ends.
    void showWait(const sync::WaitNotice& notice);
    // The clock the engine stamps waits with (tests inject theirs).
    void setClock(std::function<qint64()> clock) { m_now = std::move(clock); }

    QLabel* accountLabel() const { return m_account; }
    QPushButton* syncButton() const { return m_sync; }
    QComboBox* accountBox() const { return m_accountBox; }
    QPushButton* syncAllButton() const { return m_syncAll; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* phaseLabel() const { return m_phase; }
    QLabel* countersLabel() const { return m_counters; }
    QLabel* noticeLabel() const { return m_notice; }
    QLabel* waitLabel() const { return m_waitLabel; }
    QLabel* etaLabel() const { return m_eta; }
    int progressValue() const; // 0..1000, what the bar shows
    QString phaseText() const;
    // No sync running: an incomplete run (the banner offers Resume) shows where it stopped, the
    // bar at its stored progress, so that Resume continues the same bar forward. An empty
    // `runId`: nothing is incomplete, and a panel that showed one goes back to idle.
    void showIncompleteRun(const QString& runId, qint64 doneUnits, qint64 plannedUnits);
    // Shown while the last measured clock offset is over a minute (sync::clockIsOff).
    QLabel* clockLabel() const { return m_clock; }

signals:
    void syncRequested();
    void syncAllRequested();
    void accountChosen(const QString& account);
    void stopRequested();

private:
    QLabel* m_account = nullptr;
    QString m_accountName;
    std::function<void()> m_redraw; // shows the last progress, finished or stopped run again
    QComboBox* m_range = nullptr;
    QComboBox* m_accountBox = nullptr;
    QPushButton* m_syncAll = nullptr;
    QPushButton* m_sync = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_phase = nullptr;
    QLabel* m_eta = nullptr;
    QLabel* m_counters = nullptr;
    QLabel* m_notice = nullptr;
    QLabel* m_clock = nullptr;
    QTimer* m_noticeTimer = nullptr;
    QLabel* m_waitLabel = nullptr;
    QTimer* m_waitTimer = nullptr;
    sync::WaitNotice m_wait;
    std::function<qint64()> m_now;
    QString m_runId;                // the run the bar shows: it never goes back within it
    bool m_showsIncomplete = false; // the bar and line show a stopped run, not a live one
    void refreshWait();
};

} // namespace fb::ui
