#pragma once
// Runs SyncEngine on a worker thread of its own and relays its signals (queued, value types).
// Used by the desktop app and the CLI alike; the calling thread never blocks on I/O.
//
// The engine is created here and moved to the worker before it opens anything: its journal
// connection, its BinanceClient and that client's QNetworkAccessManager are all created inside
// startRun()/resumeRun(), which run on the worker thread.

#include "sync/engine/engine_config.h"
#include "sync/engine/progress_events.h"
#include "sync/engine/run_types.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace fb::sync {

class SyncEngine;

class SyncWorker : public QObject
{
    Q_OBJECT
public:
    explicit SyncWorker(QObject* parent = nullptr);
    // Interrupts a running sync and waits for the worker to wind down.
    ~SyncWorker() override;

    // Runs the worker thread below the UI thread from now on (the desktop: D180). The CLI
    // leaves it as it is: there the sync is the foreground work.
    void lowerThreadPriority();

    bool isBusy() const { return !m_engine.isNull(); }
    void startRun(const EngineConfig& config, const RunParams& params);
    void resumeRun(const EngineConfig& config, const QString& runId);
    void requestPause();
    void interrupt();

signals:
    void runStarted(const QString& runId, const fb::sync::RunParams& params);
    void progress(const fb::sync::ProgressSnapshot& snapshot);
    void batchCommitted(const QStringList& insertedKeys, const QStringList& changedKeys);
    void rateLimited(qint64 untilMs);
    void waiting(const fb::sync::WaitNotice& notice);
    void symbolFailed(const QString& symbol, const QString& error);
    void finished(const fb::sync::RunSummary& summary);

private:
    SyncEngine* createEngine(const EngineConfig& config);

    QThread m_thread;
    QPointer<SyncEngine> m_engine;
};

void registerSyncMetaTypes();

} // namespace fb::sync
