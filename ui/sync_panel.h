#pragma once
// The sync controls and live progress: account, range, Sync now / Stop, progress bar, phase
// line, ETA, counters, and short notices (retrying, failed symbols, rate-limit pauses).

#include "sync/engine/run_types.h"

#include <QWidget>

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
    void setDefaultRange(int days);
    int rangeDays() const; // 0 = everything available
    QString rangeLabel() const;
    void setBusy(bool busy);
    void showProgress(const sync::ProgressSnapshot& snapshot);
    void showFinished(const sync::RunSummary& summary);
    // A notice that fades after a few seconds (the newest one wins).
    void showNotice(const QString& text);

    QLabel* accountLabel() const { return m_account; }
    QPushButton* syncButton() const { return m_sync; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* phaseLabel() const { return m_phase; }
    QLabel* countersLabel() const { return m_counters; }
    // Shown while the last measured clock offset is over a minute (sync::clockIsOff).
    QLabel* clockLabel() const { return m_clock; }

signals:
    void syncRequested();
    void stopRequested();

private:
    QLabel* m_account = nullptr;
    QComboBox* m_range = nullptr;
    QPushButton* m_sync = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_phase = nullptr;
    QLabel* m_eta = nullptr;
    QLabel* m_counters = nullptr;
    QLabel* m_notice = nullptr;
    QLabel* m_clock = nullptr;
    QTimer* m_noticeTimer = nullptr;
};

} // namespace fb::ui
