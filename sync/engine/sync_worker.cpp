#include "sync/engine/sync_worker.h"

#include "sync/engine/sync_engine.h"
#include "sync/journal/thread_priority.h"

namespace fb::sync {

void registerSyncMetaTypes()
{
    qRegisterMetaType<ProgressSnapshot>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<RunParams>();
    qRegisterMetaType<WaitNotice>();
}

SyncWorker::SyncWorker(QObject* parent)
    : QObject(parent)
{
    registerSyncMetaTypes();
    m_thread.setObjectName(QStringLiteral("fillbook-sync"));
    m_thread.start();
}

SyncWorker::~SyncWorker()
{
    if (m_engine) {
        SyncEngine* engine = m_engine;
        // Interrupt on the worker and let it record the run as interrupted before we go.
        QMetaObject::invokeMethod(
            engine, [engine] { engine->interrupt(); }, Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
}

void SyncWorker::lowerThreadPriority()
{
    // Through an object of the worker thread, so that it runs there, and before any run that
    // is started after this call (the thread's events keep their order).
    auto* context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        context,
        [context] {
            journal::lowerCurrentThreadPriority();
            context->deleteLater();
        },
        Qt::QueuedConnection);
}

SyncEngine* SyncWorker::createEngine(const EngineConfig& config)
{
    auto* engine = new SyncEngine(config);
    engine->moveToThread(&m_thread);
    m_engine = engine;
    connect(engine, &SyncEngine::runStarted, this, &SyncWorker::runStarted);
    connect(engine, &SyncEngine::progress, this, &SyncWorker::progress);
    connect(engine, &SyncEngine::batchCommitted, this, &SyncWorker::batchCommitted);
    connect(engine, &SyncEngine::rateLimited, this, &SyncWorker::rateLimited);
    connect(engine, &SyncEngine::waiting, this, &SyncWorker::waiting);
    connect(engine, &SyncEngine::symbolFailed, this, &SyncWorker::symbolFailed);
    connect(engine, &SyncEngine::finished, this, [this, engine](const RunSummary& summary) {
        engine->deleteLater(); // on the worker thread, where it lives
        if (m_engine == engine)
            m_engine.clear();
        emit finished(summary);
    });
    return engine;
}

void SyncWorker::startRun(const EngineConfig& config, const RunParams& params)
{
    if (isBusy())
        return;
    SyncEngine* engine = createEngine(config);
    QMetaObject::invokeMethod(
        engine, [engine, params] { engine->startRun(params); }, Qt::QueuedConnection);
}

void SyncWorker::resumeRun(const EngineConfig& config, const QString& runId)
{
    if (isBusy())
        return;
    SyncEngine* engine = createEngine(config);
    QMetaObject::invokeMethod(
        engine, [engine, runId] { engine->resumeRun(runId); }, Qt::QueuedConnection);
}

void SyncWorker::requestPause()
{
    if (SyncEngine* engine = m_engine)
        QMetaObject::invokeMethod(
            engine, [engine] { engine->requestPause(); }, Qt::QueuedConnection);
}

void SyncWorker::interrupt()
{
    if (SyncEngine* engine = m_engine)
        QMetaObject::invokeMethod(
            engine, [engine] { engine->interrupt(); }, Qt::QueuedConnection);
}

} // namespace fb::sync
