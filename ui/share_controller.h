#pragma once
// Sharing in the background (docs/sharing.md, "The desktop"): when Settings → Share has it on,
// the window owns a share::ReplicatorWorker on a thread of its own, started and stopped with the
// settings and at quit, kicked after every local change that queued an outbox row, and shown in
// the status bar: off / idle / pushing / pulling / offline — retry in N s / failed: reason, the
// pending count, and a Retry button for changes the server refused (held, D142).
// Cross-thread talk is queued signals with value types; the UI thread never waits on the server
// (only quit waits for the cycle in progress to end).

#include "ui/share_settings_page.h"

#include "sync/share/replicator_worker.h"

#include <QDateTime>
#include <QObject>
#include <QTimeZone>

#include <functional>

class QLabel;
class QStatusBar;
class QThread;
class QTimer;
class QToolButton;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class SecretStore;

class ShareController : public QObject
{
    Q_OBJECT
public:
    ShareController(QString journalPath, journal::Database& readDb, SecretStore& secrets,
                    QStatusBar* bar, QObject* parent = nullptr);
    ~ShareController() override;

    // Reads the journal's share settings and the stored password, then starts (or not).
    void startFromJournal();
    // New settings (saved to the journal by the caller); `password` empty keeps the stored one,
    // else it is stored first (keychain or file; `stored` gets the file warning, if any).
    void apply(const ShareSettings& settings, const QString& password,
               std::function<void(const QString& warning)> stored = {});
    // Stops the worker and waits for its cycle to end (quit).
    void shutdown();

    void kick();      // a local change was committed
    void retryHeld(); // the trader's Retry
    bool isRunning() const { return m_worker != nullptr; }
    void setTimeZone(const QTimeZone& zone);
    // Tests: a faster poll and backoff, and the clock of "retry in N s".
    void setTimings(qint64 pollIntervalMs, binance::RetryPolicy retry);
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    QLabel* label() const { return m_label; }
    QToolButton* retryButton() const { return m_retryButton; }
    QString text() const;
    share::ShareState state() const { return m_state; }
    qint64 pending() const { return m_pending; }

signals:
    // A pull changed notes or screenshots of these trades (and/or daily notes, conflicts).
    void pulled(const QStringList& tradeKeys, bool dayNotes);
    void stateShown(const QString& text);

private:
    void start(const ShareSettings& settings, const QString& password);
    void stopWorker();
    void onState(share::ShareState state, qint64 pending, const QString& message);
    void onCycle(const share::CycleReport& report);
    void onRetry(int attempt, qint64 delayMs);
    void show();
    qint64 now() const;

    QString m_journalPath;
    journal::Database& m_readDb;
    SecretStore& m_secrets;
    QLabel* m_label = nullptr;
    QToolButton* m_retryButton = nullptr;
    QTimer* m_countdown = nullptr;
    QThread* m_thread = nullptr;
    share::ReplicatorWorker* m_worker = nullptr;
    ShareSettings m_settings;
    share::ShareState m_state = share::ShareState::Idle;
    qint64 m_pending = 0;
    qint64 m_held = 0;
    bool m_connecting = false; // started, no state from the worker yet
    QString m_message;
    qint64 m_retryAtMs = 0; // offline: when the next attempt starts
    QString m_warning;      // the password is in the file (no keychain)
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    qint64 m_pollIntervalMs = 30'000;
    binance::RetryPolicy m_retry;
    std::function<qint64()> m_clock;
    quint64 m_generation = 0; // a start replaced while the password was being read
};

} // namespace fb::ui
