#pragma once
// The replicator in the background: a QObject that lives on its own thread and opens its own
// journal (SQLite) and desk (QPSQL) connections there; it talks to the rest of the program only by
// queued signals carrying value types (docs/sharing.md).
//
// start(): a cycle (push, then pull) now and every pollIntervalMs after; kick() runs one sooner
// (a local change was committed). A server that cannot be reached puts the worker in state
// Offline and schedules the next cycle after the client's backoff (sync/binance/retry.h:
// exponential with jitter, capped), attempt after attempt, until the server answers.
// runOnce(): one push and/or pull and cycleFinished, no retry (the command line).
//
// holdRefused (the desktop): a change the server refuses is held — not pushed again by later
// cycles, while the other changes keep flowing — until retryHeld() (the trader's Retry) or a new
// worker (settings changed, the app restarted); the state stays Failed with the server's reason
// while any is held (docs/sharing.md, D142).

#include "sync/binance/retry.h"
#include "sync/journal/desk_connection.h"
#include "sync/share/replicator.h"

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace fb::journal {
class Database;
}

namespace fb::share {

enum class ShareState { Idle, Pushing, Pulling, Offline, Failed };
QString shareStateName(ShareState state); // "idle", "pushing", "pulling", "offline", "failed"

struct ShareConfig
{
    QString journalPath;
    journal::DeskEndpoint endpoint;
    binance::RetryPolicy retry;
    qint64 pollIntervalMs = 30'000;
    int batchSize = 500;
    bool holdRefused = false;
    ReplicatorHooks hooks; // run on the worker's thread
};

// The outcome of one cycle, for the thread that asked.
struct CycleReport
{
    bool ok = true;
    bool deskError = false; // else a journal error, when !ok
    int errorKind = 0;      // DeskError::Kind or JournalError::Kind, when !ok
    QString message;        // one sentence, when !ok
    PushReport push;
    PullReport pull;
    qint64 pending = 0;
    qint64 held = 0; // refused rows held back (holdRefused), still queued
};

class ReplicatorWorker : public QObject
{
    Q_OBJECT
public:
    enum Direction { Push = 1, Pull = 2, Both = 3 };

    ReplicatorWorker(ShareConfig config, binance::RandomSource random);
    ~ReplicatorWorker() override;

public slots:
    void start();
    void kick();
    void runOnce(int direction);
    // Pushes the held refused rows again in the next cycle, which starts now.
    void retryHeld();
    // Stops the timers and closes both connections (call before the thread quits).
    void stop();

signals:
    void stateChanged(fb::share::ShareState state, qint64 pending, const QString& message);
    void retryScheduled(int attempt, qint64 delayMs);
    void cycleFinished(const fb::share::CycleReport& report);

private:
    CycleReport cycle(int direction);
    void scheduleNext(const CycleReport& report);
    void setState(ShareState state, qint64 pending, const QString& message);

    ShareConfig m_config;
    binance::RandomSource m_random;
    std::unique_ptr<journal::Database> m_db;
    std::unique_ptr<journal::DeskConnection> m_desk;
    QTimer* m_timer = nullptr;
    int m_failures = 0; // consecutive offline cycles
    ShareState m_state = ShareState::Idle;
    QSet<qint64> m_held; // refused rows not pushed again automatically (holdRefused)
    QString m_heldReason;
};

} // namespace fb::share

Q_DECLARE_METATYPE(fb::share::CycleReport)
Q_DECLARE_METATYPE(fb::share::ShareState)
