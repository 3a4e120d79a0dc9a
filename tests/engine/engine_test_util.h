#pragma once
// Shared pieces of the engine tests: the simulated exchange of tests/support on a shared test
// clock, engine configs pointing at it, a way to run one engine to its end, and a dump of
// everything the journal holds so that two journals can be compared exactly.

#include "sync/engine/sync_engine.h"
#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"
#include "sync/simulator/simulator.h"
#include "tests/support/sim_fixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

namespace fb::test {

// A clock that starts at a fixed instant and moves with real time, shared by the simulator and
// the engine: ranges stay identical across runs while rate-limit windows still advance.
struct TestClock
{
    qint64 base = 1'790'000'000'000; // 2026-09-21
    std::shared_ptr<QElapsedTimer> elapsed = std::make_shared<QElapsedTimer>();
    std::shared_ptr<qint64> offset = std::make_shared<qint64>(0); // jump forward (past a ban)

    TestClock() { elapsed->start(); }
    void advance(qint64 ms) const { *offset += ms; }
    std::function<qint64()> fn() const
    {
        return [b = base, e = elapsed, o = offset] { return b + e->elapsed() + *o; };
    }
};

// tests/support's small account (6 symbols, 1,500 fills, ample weight) on the test clock.
inline sim::SimulatorConfig smallAccount(const TestClock& clock, quint64 seed = 7)
{
    sim::SimulatorConfig c = fbtest::smallAccount(seed);
    c.clock = clock.fn();
    return c;
}

// Starts `config`'s simulator with its account generated at the clock's base instant (so every
// run generates the same account), then serving on the moving clock.
inline bool startAtClockBase(fbtest::SimulatedExchange& exchange, sim::SimulatorConfig config,
                             const TestClock& clock)
{
    const qint64 base = clock.base;
    config.clock = [base] { return base; };
    if (!exchange.start(config))
        return false;
    exchange->setClock(clock.fn());
    return true;
}

inline sync::EngineConfig engineConfig(const QString& dbPath, const sim::Simulator& simulator,
                                       const TestClock& clock)
{
    sync::EngineConfig c;
    c.databasePath = dbPath;
    c.client = fbtest::clientConfig(simulator);
    c.client.clock = clock.fn();
    c.client.requestTimeoutMs = 2000;
    c.client.retry.initialDelayMs = 20; // the schedule is tested in tests/binance
    c.client.retry.maxDelayMs = 200;
    c.client.retry.maxAttempts = 6;
    c.progressIntervalMs = 50;
    return c;
}

inline sync::RunParams params(const TestClock& clock, int days = 30, int batchSize = 2)
{
    sync::RunParams p;
    p.account = QStringLiteral("main");
    p.rangeToMs = clock.base;
    p.rangeFromMs = clock.base - qint64(days) * 86'400'000;
    p.rangeLabel = QStringLiteral("%1 days").arg(days);
    p.batchSize = batchSize;
    return p;
}

// Runs an engine until it finishes and returns its summary.
inline sync::RunSummary runEngine(const sync::EngineConfig& config,
                                  std::function<void(sync::SyncEngine&)> start,
                                  std::function<void(sync::SyncEngine&)> setup = {},
                                  int timeoutMs = 120'000)
{
    sync::SyncEngine engine(config);
    if (setup)
        setup(engine);
    QSignalSpy finished(&engine, &sync::SyncEngine::finished);
    start(engine);
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        qFatal("the engine did not finish within %d ms", timeoutMs);
    return finished.first().first().value<sync::RunSummary>();
}

// Every row of every data table, in a canonical order: two journals with equal dumps hold the
// same facts, trades, annotations and coverage. Run bookkeeping is left out on purpose.
inline QStringList dumpJournal(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("dump"), false});
    const QStringList queries{
        QStringLiteral("SELECT 'fill', account, symbol, id, raw_json, version FROM fills "
                       "ORDER BY account, symbol, id"),
        QStringLiteral("SELECT 'income', account, income_type, tran_id, raw_json, version FROM "
                       "income ORDER BY account, income_type, tran_id"),
        QStringLiteral("SELECT 'order', account, symbol, order_id, raw_json, version FROM orders "
                       "ORDER BY account, symbol, order_id"),
        QStringLiteral("SELECT 'algo', account, algo_id, symbol, raw_json, version FROM "
                       "algo_orders ORDER BY account, algo_id"),
        QStringLiteral("SELECT 'trade', * FROM trades ORDER BY key"),
        QStringLiteral("SELECT 'funding', * FROM trade_funding ORDER BY 2, 3, 4"),
        QStringLiteral("SELECT 'unattributed', * FROM unattributed_funding ORDER BY 2, 3, 4"),
        QStringLiteral("SELECT 'annotation', trade_key, notes, tags_json, setup, rating, "
                       "mistakes_json FROM annotations ORDER BY 2"),
        QStringLiteral("SELECT 'coverage', account, stream, symbol, covered_from, covered_to, "
                       "last_id FROM coverage ORDER BY 2, 3, 4"),
        QStringLiteral("SELECT 'conflict', kind, natural_key FROM conflicts ORDER BY 2, 3"),
        QStringLiteral("SELECT 'unreadable', account, record_kind, natural_key, raw_json, reason "
                       "FROM unreadable_records ORDER BY 2, 3, 4, 5"),
    };
    QStringList rows;
    for (const QString& sql : queries) {
        QSqlQuery q = sqlOn(db).run(sql);
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i) {
                const QString name = q.record().fieldName(i);
                if (name.endsWith(QLatin1String("_at")))
                    continue; // when it was written, not what

                cells << q.value(i).toString();
            }
            rows << cells.join(QLatin1Char('|'));
        }
    }
    return rows;
}

// A run from scratch to its end: its journal's dump and how many write transactions it committed
// (the reference that interrupted, chunked or grouped runs are compared with).
struct ReferenceRun
{
    QStringList dump;
    int commits = 0;
};

inline ReferenceRun referenceRun(sync::EngineConfig config, const sync::RunParams& params)
{
    ReferenceRun reference;
    config.hooks.afterCommit = [&reference](int n) { reference.commits = n; };
    const sync::RunSummary s =
        runEngine(config, [params](sync::SyncEngine& e) { e.startRun(params); });
    if (s.status != sync::RunStatus::Completed)
        qFatal("the reference run ended %s: %s", qPrintable(sync::runStatusName(s.status)),
               qPrintable(s.message));
    reference.dump = dumpJournal(config.databasePath);
    return reference;
}

// Compares two dumps and reports the first difference readably.
inline bool sameJournal(const QStringList& expected, const QStringList& actual, QString* diff)
{
    if (expected == actual)
        return true;
    const qsizetype n = std::min(expected.size(), actual.size());
    for (qsizetype i = 0; i < n; ++i) {
        if (expected[i] != actual[i]) {
            *diff = QStringLiteral("row %1 differs:\n  expected %2\n  actual   %3")
                        .arg(i)
                        .arg(expected[i].left(300), actual[i].left(300));
            return false;
        }
    }
    *diff = QStringLiteral("%1 rows expected, %2 found; first extra: %3")
                .arg(expected.size())
                .arg(actual.size())
                .arg((expected.size() > n ? expected[n] : actual[n]).left(300));
    return false;
}

} // namespace fb::test
