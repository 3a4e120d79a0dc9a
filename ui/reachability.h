#pragma once
// Whether the machine can reach the network, as a replaceable source: the app uses
// QNetworkInformation, tests drive a ManualReachability. OfflineResumer holds the one decision
// the window makes with it: pause a running sync when the network goes, resume the run that was
// paused as offline when it comes back.

#include "sync/engine/run_types.h"

#include <QObject>
#include <QString>

namespace fb::ui {

enum class Reachability {
    Unknown, // the backend cannot tell: treated as online (many containers and VMs say this)
    Online,
    Offline,
};

class ReachabilitySource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual Reachability reachability() const = 0;

signals:
    void reachabilityChanged(fb::ui::Reachability reachability);
};

// QNetworkInformation: the default backend first, then any backend that reports reachability.
// Without a backend it stays Unknown.
class SystemReachability : public ReachabilitySource
{
    Q_OBJECT
public:
    explicit SystemReachability(QObject* parent = nullptr);
    Reachability reachability() const override { return m_state; }
    QString backendName() const { return m_backend; }

private:
    Reachability m_state = Reachability::Unknown;
    QString m_backend;
};

class ManualReachability : public ReachabilitySource
{
    Q_OBJECT
public:
    using ReachabilitySource::ReachabilitySource;
    Reachability reachability() const override { return m_state; }
    void set(Reachability state);

private:
    Reachability m_state = Reachability::Unknown;
};

// Pure bookkeeping, no timers and no I/O. The window feeds it events and does what it returns.
class OfflineResumer
{
public:
    enum class Action { None, PauseRun, ResumeRun };

    Action networkChanged(Reachability now, bool syncing);
    void runStarted(const QString& runId);
    // A run that stopped because of the network (the engine's Offline exit code, or our own
    // pause while offline) is remembered for resuming; any other outcome forgets it.
    Action runFinished(const sync::RunSummary& summary);
    // The user resumed or discarded a run by hand.
    void forget(const QString& runId);

    bool isOffline() const { return m_reachability == Reachability::Offline; }
    QString waitingRunId() const { return m_waitingRunId; }

private:
    Reachability m_reachability = Reachability::Unknown;
    QString m_runningId;
    bool m_pausedForNetwork = false; // we asked the running sync to pause
    QString m_waitingRunId;          // paused as offline, resumes when the network returns
};

} // namespace fb::ui

Q_DECLARE_METATYPE(fb::ui::Reachability)
