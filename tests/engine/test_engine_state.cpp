// The engine's states against fillbook-sim over real loopback sockets: the sequence of a full
// run, of a run the user stops and its resume, of an interrupted run, and of runs that end
// early (wrong secret, unknown run id). Each sequence is the diagram at the top of
// sync_engine.h walked by one run.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"

using namespace fb;
using namespace fb::test;
using State = sync::SyncEngine::State;

namespace {

QString names(const QList<State>& states)
{
    QStringList out;
    for (State s : states)
        out << QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(s)));
    return out.join(QStringLiteral(" > "));
}

// Everything a run reports about its states: each one entered, and state() at the moments
// the other signals are emitted.
struct StateLog
{
    QList<State> entered;
    State atRunStarted = State::Idle;
    State atBatchCommitted = State::Idle;
    State atFinished = State::Idle;

    void watch(sync::SyncEngine& engine)
    {
        QObject::connect(&engine, &sync::SyncEngine::stateChanged, &engine,
                         [this, &engine](State s) {
                             QCOMPARE(engine.state(), s);
                             entered << s;
                         });
        QObject::connect(&engine, &sync::SyncEngine::runStarted, &engine,
                         [this, &engine] { atRunStarted = engine.state(); });
        QObject::connect(&engine, &sync::SyncEngine::batchCommitted, &engine,
                         [this, &engine] { atBatchCommitted = engine.state(); });
        QObject::connect(&engine, &sync::SyncEngine::finished, &engine,
                         [this, &engine] { atFinished = engine.state(); });
    }
};

} // namespace

class TestEngineState : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    std::unique_ptr<sim::Simulator> m_sim;
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_dbCounter)); }

    sync::EngineConfig config(const QString& db)
    {
        m_sim->resetRateLimits(); // each run in a fresh weight window (tests/binance covers it)
        return engineConfig(db, *m_sim, m_clock);
    }

    sync::RunSummary start(const sync::EngineConfig& c, StateLog& log,
                           std::function<void(sync::SyncEngine&)> setup = {})
    {
        const sync::RunParams p = params(m_clock);
        return runEngine(
            c, [p](sync::SyncEngine& e) { e.startRun(p); },
            [&log, setup](sync::SyncEngine& e) {
                QCOMPARE(e.state(), State::Idle);
                log.watch(e);
                if (setup)
                    setup(e);
            });
    }

    sync::RunSummary resume(const QString& db, const QString& runId, StateLog& log)
    {
        return runEngine(
            config(db), [runId](sync::SyncEngine& e) { e.resumeRun(runId); },
            [&log](sync::SyncEngine& e) { log.watch(e); });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        m_sim = std::make_unique<sim::Simulator>(smallAccount(m_clock));
        QVERIFY2(m_sim->isValid(), qPrintable(m_sim->errorString()));
        QVERIFY(m_sim->listen());
    }

    void fullRunWalksEveryBox()
    {
        StateLog log;
        const sync::RunSummary s = start(config(newDb()), log);
        QCOMPARE(s.status, sync::RunStatus::Completed);
        QCOMPARE(names(log.entered),
                 names({State::Lock, State::RunRow, State::Preflight, State::Income, State::Plan,
                        State::Batch, State::Finalize, State::Finished}));
        QCOMPARE(log.atRunStarted, State::RunRow);
        QCOMPARE(log.atBatchCommitted, State::Batch);
        QCOMPARE(log.atFinished, State::Finished);
    }

    void stoppedRunEndsAfterABatchAndResumeWalksAgain()
    {
        const QString db = newDb();
        StateLog log;
        // Stop pressed as the first batch starts: that batch is fetched and committed (none
        // is fetched ahead of it once Stop is pressed), and the run pauses before the next.
        const sync::RunSummary paused = start(config(db), log, [](sync::SyncEngine& e) {
            QObject::connect(&e, &sync::SyncEngine::stateChanged, &e, [&e](State s) {
                if (s == State::Batch)
                    e.requestPause();
            });
        });
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        QCOMPARE(paused.message, QStringLiteral("Stopped at a batch boundary."));
        QVERIFY(paused.resumable());
        QCOMPARE(paused.resumeAfterMs, qint64(0));
        QCOMPARE(names(log.entered),
                 names({State::Lock, State::RunRow, State::Preflight, State::Income, State::Plan,
                        State::Batch, State::Finished}));

        StateLog again;
        const sync::RunSummary done = resume(db, paused.runId, again);
        QCOMPARE(done.status, sync::RunStatus::Completed);
        QVERIFY(!done.resumable());
        QCOMPARE(names(again.entered),
                 names({State::Lock, State::RunRow, State::Preflight, State::Income, State::Plan,
                        State::Batch, State::Finalize, State::Finished}));
    }

    void interruptDuringIncomeGoesStraightToFinished()
    {
        sync::EngineConfig c = config(newDb());
        sync::SyncEngine* engine = nullptr;
        // Write 4 is the first income page (1: the run row, 2: symbol precisions, 3: positions).
        c.hooks.afterCommit = [&engine](int commit) {
            if (commit == 4)
                engine->interrupt();
        };
        StateLog log;
        const sync::RunSummary s = start(c, log, [&engine](sync::SyncEngine& e) { engine = &e; });
        QCOMPARE(s.status, sync::RunStatus::Interrupted);
        QCOMPARE(s.exitCode, sync::exit_code::Interrupted);
        QCOMPARE(s.message, QStringLiteral("Interrupted; everything committed is kept."));
        QVERIFY(s.resumable());
        QCOMPARE(names(log.entered), names({State::Lock, State::RunRow, State::Preflight,
                                            State::Income, State::Finished}));
    }

    void wrongSecretEndsInPreflight()
    {
        sync::EngineConfig c = config(newDb());
        c.client.apiSecret = QByteArrayLiteral("not-the-secret");
        StateLog log;
        const sync::RunSummary s = start(c, log);
        QCOMPARE(s.status, sync::RunStatus::Failed);
        QCOMPARE(s.exitCode, sync::exit_code::Auth);
        QVERIFY(!s.resumable());
        QCOMPARE(names(log.entered),
                 names({State::Lock, State::RunRow, State::Preflight, State::Finished}));
    }

    void unknownRunEndsAtTheLock()
    {
        StateLog log;
        const sync::RunSummary s =
            resume(newDb(), QStringLiteral("sync_20260101_000000_deadbeef"), log);
        QCOMPARE(s.exitCode, sync::exit_code::Usage);
        QVERIFY(s.runId.isEmpty());
        QVERIFY(!s.resumable());
        QCOMPARE(names(log.entered), names({State::Lock, State::Finished}));
    }
};

QTEST_GUILESS_MAIN(TestEngineState)
#include "test_engine_state.moc"
