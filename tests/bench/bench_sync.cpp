#include "tests/bench/bench_sync.h"

#include "sync/engine/sync_engine.h"
#include "sync/simulator/simulator.h"
#include "tests/bench/bench_common.h"
#include "tests/bench/bench_data.h"
#include "tests/support/sim_fixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <functional>
#include <memory>
#include <stdexcept>

namespace fb::bench {
namespace {

constexpr qint64 kPage = 1000;
constexpr qint64 kWeek = 7 * kDayMs;

// CPU seconds this thread has used (the engine runs on it).
double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

// Requests to page through `times` (sorted) in fixed windows of `windowMs` tiling [from, to]:
// every window costs at least one request, and one per 1000 rows it holds.
qint64 windowedRequests(const QVector<qint64>& times, qint64 from, qint64 to, qint64 windowMs)
{
    qint64 requests = 0;
    qsizetype at = 0;
    for (qint64 start = from; start <= to; start += windowMs) {
        const qint64 end = std::min(to, start + windowMs - 1);
        qint64 n = 0;
        while (at < times.size() && times[at] <= end) {
            n += times[at] >= start ? 1 : 0;
            ++at;
        }
        requests += std::max<qint64>(1, ceilDiv(n, kPage));
    }
    return requests;
}

// userTrades with a fromId switch after the first fill (fill_pager.h), at best: one request per
// empty 7-day window before the first fill's window, that window's page (at most 1000 rows),
// then fromId pages until a short one (the last must be short to prove the end; none is needed
// when the first window is the range's last and was short).
qint64 fromIdSwitchRequests(const QVector<qint64>& times, qint64 from, qint64 to)
{
    if (times.isEmpty())
        return ceilDiv(to - from + 1, kWeek);
    const qint64 before = (times.first() - from) / kWeek;
    const qint64 windowEnd = std::min(to, from + (before + 1) * kWeek - 1);
    const qint64 inWindow = std::upper_bound(times.begin(), times.end(), windowEnd) - times.begin();
    const qint64 first = std::min(inWindow, kPage);
    if (windowEnd == to && inWindow < kPage)
        return before + 1;
    return before + 1 + (qint64(times.size()) - first) / kPage + 1;
}

// The lower bound of each stream (API sheet: income 30/page in 30-day windows; userTrades
// 5/page, 7-day windows until the first fill gives a fromId cursor; allOrders 5/page in windows
// shorter than 7 days).
void computeBounds(const sim::Account& account, qint64 from, qint64 to, SyncBenchResult& r)
{
    QVector<qint64> incomeTimes;
    for (const Income& i : account.income()) {
        if (i.time >= from && i.time <= to)
            incomeTimes.append(i.time);
    }
    r.income.rows = incomeTimes.size();
    r.income.boundRequests = windowedRequests(incomeTimes, from, to, 30 * kDayMs);
    r.income.boundWeight = r.income.boundRequests * 30;
    for (const QString& symbol : account.symbolNames()) {
        QVector<qint64> fillTimes;
        for (const Fill& f : account.fills(symbol)) {
            if (f.time >= from && f.time <= to)
                fillTimes.append(f.time);
        }
        std::sort(fillTimes.begin(), fillTimes.end());
        const qint64 n = fillTimes.size();
        r.fills.rows += n;
        // The pager walks 7-day windows until the first fill, then fromId pages.
        r.fills.boundRequests += fromIdSwitchRequests(fillTimes, from, to);
        // Every 7-day window asked: what a first sync cost before the switch.
        r.fillsWindowsOnlyRequests += windowedRequests(fillTimes, from, to, kWeek);
        QVector<qint64> orderTimes;
        for (const Order& o : account.orders(symbol)) {
            if (o.time >= from && o.time <= to)
                orderTimes.append(o.time);
        }
        std::sort(orderTimes.begin(), orderTimes.end());
        r.orders.rows += orderTimes.size();
        r.orders.boundRequests += windowedRequests(orderTimes, from, to, kWeek - 1);
    }
    // Issue 12's bound (the preflight is added once the run's `other` weight is known).
    const fbtest::SyncWeightBound bound = fbtest::syncWeightBound(account, from, to);
    r.issueBoundWeight = bound.weight;
    r.ordersInRange = bound.ordersOfFilledSymbols;
    r.fills.boundWeight = r.fills.boundRequests * 5;
    r.orders.boundWeight = r.orders.boundRequests * 5;
    r.fillsInRange = r.fills.rows;
}

void readStats(const QJsonObject& stats, SyncBenchResult& r)
{
    r.stats = stats;
    r.requests = stats.value(QLatin1String("requests")).toInteger();
    r.weight = stats.value(QLatin1String("weight")).toInteger();
    r.rateLimited429 = stats.value(QLatin1String("rateLimited429")).toInteger();
    r.banned418 = stats.value(QLatin1String("banned418")).toInteger();
    const QJsonObject endpoints = stats.value(QLatin1String("endpoints")).toObject();
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        const QJsonObject e = it.value().toObject();
        StreamFigures& s = it.key().contains(QLatin1String("userTrades"))  ? r.fills
                           : it.key().contains(QLatin1String("allOrders")) ? r.orders
                           : it.key().contains(QLatin1String("income"))    ? r.income
                                                                           : r.other;
        s.requests += e.value(QLatin1String("requests")).toInteger();
        s.weight += e.value(QLatin1String("weight")).toInteger();
    }
    // Preflight calls (time, exchangeInfo, positionRisk, ...) are needed once each: their bound
    // is what they cost.
    r.other.boundRequests = r.other.requests;
    r.other.boundWeight = r.other.weight;
    r.issueBoundWeight += r.other.weight;
}

} // namespace

SyncBenchResult runSyncBench(const SyncBenchConfig& config)
{
    SyncBenchResult r;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(config.dbPath + suffix);

    // One clock for both sides: a fixed "now" that moves with real time.
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    const std::function<qint64()> clock = [elapsed] { return kBenchNowMs + elapsed->elapsed(); };

    // days - 1: inside the range and the 90-day retention for the whole run.
    sim::SimulatorConfig sc =
        fbtest::simAccount(config.seed, config.symbols, config.fills, config.days - 1);
    sc.latencyMs = config.latencyMs;
    sc.latencyJitterMs = config.latencyJitterMs;
    sc.weightLimit = config.weightLimit;
    sc.timeScale = Decimal::fromInt(config.timeScale);
    sc.clock = clock;
    if (!config.faults.isEmpty()) {
        QString error;
        const std::optional<sim::FaultSpec> faults = sim::FaultSpec::parse(config.faults, &error);
        if (!faults)
            throw std::runtime_error("bad fault spec: " + error.toStdString());
        sc.faults = *faults;
    }
    // The simulator serves on its own thread (its sockets live there), so that serving a page
    // and the engine's parsing and committing run side by side as they would against a real
    // exchange; on the engine's thread they would take turns.
    QThread simThread;
    simThread.setObjectName(QStringLiteral("simulator"));
    simThread.start();
    auto* anchor = new QObject;
    anchor->moveToThread(&simThread);
    QObject::connect(&simThread, &QThread::finished, anchor, &QObject::deleteLater);
    auto onSimThread = [anchor](const std::function<void()>& f) {
        QMetaObject::invokeMethod(anchor, f, Qt::BlockingQueuedConnection);
    };
    fbtest::SimulatedExchange exchange;
    bool listening = false;
    QElapsedTimer gen;
    gen.start();
    onSimThread([&] { listening = exchange.start(sc); });
    r.genSeconds = double(gen.nsecsElapsed()) / 1e9;
    const auto stopSimulator = [&] {
        onSimThread([&] { exchange.stop(); });
        simThread.quit();
        simThread.wait();
    };
    if (!listening) {
        r.status = exchange.errorString();
        stopSimulator();
        return r;
    }
    sim::Simulator& simulator = *exchange;
    // What the simulator's exchangeInfo reports for its scaled window (SECOND/1 at 60).
    const sim::ReportedWindow window = sim::reportedWindow(60'000 / std::max(1, config.timeScale));
    r.reportedWindow = QStringLiteral("%1/%2").arg(window.interval).arg(window.intervalNum);
    r.reportedWindowMs = window.ms;

    sync::EngineConfig ec;
    ec.databasePath = config.dbPath;
    ec.client = fbtest::clientConfig(simulator);
    ec.client.clock = clock; // the local clock: it knows nothing of the time scale
    ec.maxDurationMs = qint64(config.capSeconds) * 1000;
    ec.progressIntervalMs = 1000;
    if (config.commitGroupMs)
        ec.commitGroupMs = *config.commitGroupMs;

    sync::RunParams params;
    params.account = QStringLiteral("main");
    params.rangeToMs = clock();
    params.rangeFromMs = params.rangeToMs - qint64(config.days) * kDayMs;
    params.rangeLabel = QStringLiteral("%1 days").arg(config.days);
    params.batchSize = 4;
    // The account is read-only once generated, and nothing is served yet.
    computeBounds(simulator.account(), params.rangeFromMs, params.rangeToMs, r);
    onSimThread([&] { simulator.resetStats(); });

    sync::SyncEngine engine(ec);
    QEventLoop loop;
    sync::RunSummary summary;
    bool done = false;
    QObject::connect(&engine, &sync::SyncEngine::finished, &loop, [&](const sync::RunSummary& s) {
        summary = s;
        done = true;
        loop.quit();
    });
    // A hard stop well after the cap, in case a batch waits on the budget for long.
    QTimer hardStop;
    hardStop.setSingleShot(true);
    QObject::connect(&hardStop, &QTimer::timeout, &engine, [&] { engine.interrupt(); });
    if (config.capSeconds > 0)
        hardStop.start((config.capSeconds + 240) * 1000);
    QObject::connect(&engine, &sync::SyncEngine::batchCommitted, &loop, [&r] {
        r.rssAfterBatchKb.append(currentRssKb());
        r.peakAtLastBatchKb = peakRssKb();
        if (r.rssAfterBatchKb.size() == 1)
            r.peakAtFirstBatchKb = r.peakAtLastBatchKb;
    });
    // Where the wall time goes: when the symbol phase and the finalize step began.
    double symbolsAt = -1;
    double finalizeAt = -1;
    QElapsedTimer timer;
    QObject::connect(&engine, &sync::SyncEngine::progress, &loop,
                     [&](const sync::ProgressSnapshot& p) {
                         const double at = double(timer.nsecsElapsed()) / 1e9;
                         if (p.phase == sync::Phase::Symbols && symbolsAt < 0)
                             symbolsAt = at;
                         if (p.phase == sync::Phase::Finalizing && finalizeAt < 0)
                             finalizeAt = at;
                     });
    const qint64 rssBefore = currentRssKb();
    r.rssBeforeKb = rssBefore;
    const bool reset = resetPeakRss();
    const double cpuBefore = threadCpuSeconds();
    // Weight per window: the simulator's count read at each boundary (its windows follow the
    // same clock), so a run the budget holds shows how much of each full window it used.
    QTimer windowSampler;
    windowSampler.setSingleShot(true);
    // A coarse timer may fire 5 % early (3 s of a minute): the sample would then close the
    // window before its end.
    windowSampler.setTimerType(Qt::PreciseTimer);
    const auto armSampler = [&] { windowSampler.start(int(window.ms - clock() % window.ms) + 1); };
    QObject::connect(&windowSampler, &QTimer::timeout, &loop, [&] {
        if (clock() % window.ms > window.ms / 2)
            return armSampler(); // early after all: wait for the boundary
        QJsonObject s;
        onSimThread([&] { s = simulator.stats(); });
        r.weightAtWindowEnds.append(s.value(QLatin1String("weight")).toInteger());
        armSampler();
    });
    timer.start();
    r.startInWindowMs = clock() % window.ms;
    if (config.sampleWindows)
        armSampler();
    engine.startRun(params);
    if (!done)
        loop.exec();
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    windowSampler.stop();
    r.engineCpuSeconds = threadCpuSeconds() - cpuBefore;
    r.incomeSeconds = symbolsAt >= 0 ? symbolsAt : r.seconds;
    r.symbolsSeconds = symbolsAt < 0 ? 0 : (finalizeAt >= 0 ? finalizeAt : r.seconds) - symbolsAt;
    r.peakRssKb = reset ? peakRssKb() : -rssBefore;

    r.status = sync::runStatusName(summary.status);
    r.message = summary.message;
    r.recordsInserted = summary.recordsInserted;
    r.symbolsTotal = summary.symbolsTotal;
    r.symbolsCompleted = summary.symbolsCompleted;
    r.engineRequests = summary.requests;
    r.engineWeight = summary.weightUsed;
    QJsonObject stats;
    onSimThread([&] { stats = simulator.stats(); });
    readStats(stats, r);
    stopSimulator();
    return r;
}

} // namespace fb::bench
