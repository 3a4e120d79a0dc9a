#include "tests/bench/bench_sync.h"

#include "sync/engine/sync_engine.h"
#include "sync/simulator/demo.h"
#include "sync/simulator/simulator.h"
#include "tests/bench/bench_common.h"
#include "tests/bench/bench_data.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace fb::bench {
namespace {

constexpr qint64 kPage = 1000;
constexpr qint64 kWeek = 7 * kDayMs;

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
        // Without a cursor every 7-day window is asked (a first sync has none).
        r.fills.boundRequests += windowedRequests(fillTimes, from, to, kWeek);
        // With a fromId cursor from the first fill on, only the empty windows before it remain.
        r.fillsCursorBoundRequests += n == 0
                                          ? ceilDiv(to - from + 1, kWeek)
                                          : (fillTimes.first() - from) / kWeek + ceilDiv(n, kPage);
        QVector<qint64> orderTimes;
        for (const Order& o : account.orders(symbol)) {
            if (o.time >= from && o.time <= to)
                orderTimes.append(o.time);
        }
        std::sort(orderTimes.begin(), orderTimes.end());
        r.orders.rows += orderTimes.size();
        r.orders.boundRequests += windowedRequests(orderTimes, from, to, kWeek - 1);
    }
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

    sim::SimulatorConfig sc;
    sc.seed = 42;
    sc.symbols = config.symbols;
    sc.fills = config.fills;
    sc.days = config.days - 1; // inside the range and the 90-day retention for the whole run
    sc.weightLimit = config.weightLimit;
    sc.timeScale = Decimal::fromInt(config.timeScale);
    sc.clock = clock;
    QElapsedTimer gen;
    gen.start();
    sim::Simulator simulator(sc);
    r.genSeconds = double(gen.nsecsElapsed()) / 1e9;
    if (!simulator.listen()) {
        r.status = QStringLiteral("simulator could not listen");
        return r;
    }

    sync::EngineConfig ec;
    ec.databasePath = config.dbPath;
    ec.client.baseUrl = simulator.baseUrl();
    ec.client.spotBaseUrl = simulator.baseUrl();
    ec.client.account = QStringLiteral("main");
    ec.client.apiKey = QByteArray(sim::kDemoApiKey);
    ec.client.apiSecret = QByteArray(sim::kDemoApiSecret);
    ec.client.clock = clock; // the local clock: it knows nothing of the time scale
    ec.maxDurationMs = qint64(config.capSeconds) * 1000;
    ec.progressIntervalMs = 1000;

    sync::RunParams params;
    params.account = QStringLiteral("main");
    params.rangeToMs = clock();
    params.rangeFromMs = params.rangeToMs - qint64(config.days) * kDayMs;
    params.rangeLabel = QStringLiteral("%1 days").arg(config.days);
    params.batchSize = 4;
    computeBounds(simulator.account(), params.rangeFromMs, params.rangeToMs, r);
    simulator.resetStats();

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
    const qint64 rssBefore = currentRssKb();
    r.rssBeforeKb = rssBefore;
    const bool reset = resetPeakRss();
    QElapsedTimer timer;
    timer.start();
    engine.startRun(params);
    if (!done)
        loop.exec();
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    r.peakRssKb = reset ? peakRssKb() : -rssBefore;

    r.status = sync::runStatusName(summary.status);
    r.message = summary.message;
    r.recordsInserted = summary.recordsInserted;
    r.symbolsTotal = summary.symbolsTotal;
    r.symbolsCompleted = summary.symbolsCompleted;
    r.engineRequests = summary.requests;
    r.engineWeight = summary.weightUsed;
    readStats(simulator.stats(), r);
    return r;
}

} // namespace fb::bench
