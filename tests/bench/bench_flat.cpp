#include "tests/bench/bench_flat.h"

#include "sync/engine/engine_journal.h"
#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"
#include "tests/bench/bench_common.h"
#include "tests/support/flat_history.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace fb::bench {

namespace {

const QString kRun = QStringLiteral("sync_20261205_000000_00bench4");
constexpr quint32 kSeed = 12;
// The history is committed in steps of this many fills.
constexpr int kChunk = 20'000;

sync::RunParams params(const QString& account)
{
    sync::RunParams p;
    p.account = account;
    p.rangeFromMs = 1'700'000'000'000;
    p.rangeToMs = 1'800'000'000'000;
    return p;
}

// The run's symbol row, as the plan records it before the first request.
void addSymbol(sync::EngineJournal& journal, const QString& symbol)
{
    sync::RunPlan plan;
    sync::SymbolPlan s;
    s.symbol = symbol;
    plan.symbols.append(s);
    journal.recordPlan(kRun, plan, 1);
}

// The CPU time this thread has used, in ms (the machine is shared: wall time counts the
// waiting for a core too).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// One incremental sync's journal work for one symbol, as the engine commits it: the funding
// page, the positions, the symbol's batch (raw records, rebuild, trades, coverage).
void commitSync(sync::EngineJournal& journal, const fbtest::flat::Options& o,
                const fbtest::flat::Step& step, const QVector<Position>& positions)
{
    journal::RunCounters counters;
    if (!step.funding.isEmpty())
        journal.commitIncomePage(kRun, step.funding, o.account, std::nullopt, counters);
    journal.storePositions(o.account, positions);
    sync::SymbolFetch f;
    f.symbol = o.symbol;
    f.ok = true;
    f.fills = step.fills;
    f.orders = step.orders;
    const sync::BatchCommit r = journal.commitBatch(kRun, params(o.account), {f}, counters, 1);
    if (r.failed != 0)
        throw std::runtime_error("the benchmark's batch failed");
}

int build(const QString& path, int fills)
{
    fbtest::flat::Options o;
    o.seed = kSeed;
    o.sameMsAcrossSteps = false; // a step never starts before the cut the last one left
    fbtest::flat::Generator gen(o);
    sync::EngineJournal journal(path, {});
    journal.createRun(kRun, params(o.account), 1);
    addSymbol(journal, o.symbol);
    // Each step's times on standard error: a step that costs more as the history grows shows.
    for (int done = 0; done < fills; done += kChunk) {
        const bool fromCut =
            journal::RebuildCutStore(journal.database()).cut(o.account, o.symbol).has_value();
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        // Two statements: the positions are those after this step's fills (as arguments of
        // one call, the compiler may read them first, and every step then saw the previous
        // step's positions: no rebuild cut held and each step rebuilt the whole history).
        const fbtest::flat::Step step = gen.next(std::min(kChunk, fills - done));
        commitSync(journal, o, step, gen.positionRows({}));
        QTextStream(stderr) << "flat build: " << done + std::min(kChunk, fills - done)
                            << " fills, step " << t.elapsed() << " ms wall, "
                            << qint64(threadCpuMs() - cpu) << " ms CPU"
                            << (fromCut ? ", from the cut" : ", in full") << Qt::endl;
    }
    // The WAL goes into the database now, not in the first write of the measuring process.
    journal::sqlOn(journal.database()).run(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    QTextStream(stdout) << "built " << fills << " " << gen.lastTimeMs() << Qt::endl;
    return 0;
}

int measure(const QString& path, int newFills, int syncs, bool withFull)
{
    sync::EngineJournal journal(path, {});
    fbtest::flat::Options o;
    journal::RawStore raw(journal.database());
    const std::optional<qint64> last = raw.largestFillId(o.account, o.symbol);
    const std::optional<qint64> lastTime = raw.newestFillTime(o.account, o.symbol);
    if (!last || !lastTime)
        return 1;
    // New fills continue the history: later ids and times, other funding and stop ids, and the
    // positions the history left (its open lifecycle goes on).
    o.seed = kSeed + 1;
    o.sameMsAcrossSteps = false;
    o.firstFillId = *last + 1;
    o.startMs = *lastTime + 10'000; // past a fill whose id came earlier (at most 4 s)
    // Ids never used before in this journal, so that measuring again adds new records too.
    const qint64 offset = *last - fbtest::flat::Options().firstFillId;
    o.firstTranId = 950'000'000 + offset;
    o.firstStopId = 9'900'000'000 + offset;
    QMap<PositionSide, Decimal> held;
    for (const Position& p : raw.positions(o.account))
        held.insert(p.positionSide, p.positionAmt);
    // The generator continues the open lifecycle itself, so it closes now and then and the
    // rebuild cut moves on as in a real account. (Generating as if flat and adding `held` to
    // the positions kept a history that ended open from ever going flat: each sync rebuilt
    // every fill since that lifecycle opened, more with every sync and every run.)
    fbtest::flat::Generator gen(o);
    gen.continueFrom(held);
    QVector<fbtest::flat::Step> steps;
    QVector<QVector<Position>> positions;
    for (int i = 0; i < syncs; ++i) {
        steps.append(gen.next(newFills));
        positions.append(gen.positionRows({}));
    }
    resetPeakRss();
    const qint64 before = peakRssKb();
    QVector<double> ms;
    QVector<double> cpuMs;
    int fromCut = 0;
    for (int i = 0; i < syncs; ++i) {
        if (journal::RebuildCutStore(journal.database()).cut(o.account, o.symbol))
            ++fromCut;
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        commitSync(journal, o, steps[i], positions[i]);
        ms.append(double(t.nsecsElapsed()) / 1e6);
        cpuMs.append(threadCpuMs() - cpu);
        QTextStream(stderr) << "flat sync " << i + 1 << ": " << ms.last() << " ms wall, "
                            << cpuMs.last() << " ms CPU, peak RSS " << peakRssKb() << " kB"
                            << Qt::endl;
    }
    const qint64 peak = peakRssKb();
    std::sort(ms.begin(), ms.end());
    std::sort(cpuMs.begin(), cpuMs.end());
    const double cpuMedian = cpuMs[cpuMs.size() / 2];
    // For comparison: the same symbol rebuilt in full, as every batch did before (D126),
    // up to 200,000 fills (beyond, initial risk's stops x trades takes hours; -1 = not run).
    QElapsedTimer t;
    t.start();
    if (!withFull || *last - fbtest::flat::Options().firstFillId >= 250'000) {
        QTextStream(stdout) << "measured " << ms[ms.size() / 2] << " " << ms.first() << " "
                            << ms.last() << " " << peak << " " << before << " " << fromCut << " -1 "
                            << cpuMedian << Qt::endl;
        return 0;
    }
    {
        journal::Transaction tx(journal.database());
        sync::SymbolRebuild full =
            sync::loadAndBuildSymbol(journal.database(), o.account, o.symbol, false);
        sync::storeSymbolBuild(journal.database(), o.account, o.symbol, full);
        tx.commit();
    }
    const double fullMs = double(t.nsecsElapsed()) / 1e6;
    QTextStream(stdout) << "measured " << ms[ms.size() / 2] << " " << ms.first() << " " << ms.last()
                        << " " << peak << " " << before << " " << fromCut << " " << fullMs << " "
                        << cpuMedian << Qt::endl;
    return 0;
}

QStringList runChild(const QStringList& args, const QString& expect)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QCoreApplication::applicationFilePath(),
            QStringList{QStringLiteral("--flat-child")} + args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        throw std::runtime_error("a --flat-child run failed");
    for (const QString& line :
         QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        const QStringList parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (!parts.isEmpty() && parts.first() == expect)
            return parts;
    }
    throw std::runtime_error("a --flat-child run printed no result");
}

} // namespace

int runFlatChild(const QStringList& args)
{
    try {
        if (args.size() == 3 && args[0] == QLatin1String("build"))
            return build(args[1], args[2].toInt());
        if ((args.size() == 4 || args.size() == 5) && args[0] == QLatin1String("measure"))
            return measure(args[1], args[2].toInt(), args[3].toInt(),
                           args.value(4) == QLatin1String("full"));
        if (args.size() == 4 && args[0] == QLatin1String("reads"))
            return runFlatReads(args[1], args[2], args[3].toInt());
    } catch (const std::exception& e) {
        QTextStream(stderr) << "fillbook-bench --flat-child failed: " << e.what() << Qt::endl;
        return 1;
    }
    QTextStream(stderr) << "usage: fillbook-bench --flat-child build DB FILLS | measure DB "
                           "NEWFILLS SYNCS [full] | reads DB before|after HOURS\n";
    return 2;
}

QString runFlatSection(const FlatBenchOptions& o, const QDir& dir,
                       const std::function<void(const QString&)>& progress, Summary* summary)
{
    QString text;
    QTextStream s(&text);
    s << "\n## 8. Incremental sync cost vs history (issue 12, target 4: time ratio <= 1.5, peak "
         "RSS ratio <= 1.2)\n\n";
    s << "One symbol (one-way, lifecycles going flat now and then), its history built through "
         "the journal API; then "
      << o.syncs << " incremental syncs of " << o.newFills
      << " new fills each (funding page, positions, the symbol's batch commit with its "
         "rebuild), timed in a fresh process per journal; the median counts (CPU: the "
         "thread's CPU time, which waiting for a core on a shared machine leaves out). Last "
         "column: the "
         "same symbol rebuilt in full once, as every batch did before rebuild cuts.\n\n";
    struct Row
    {
        int history;
        double median, best, worst, fullMs;
        qint64 peakKb, baseKb;
        int fromCut;
        double cpuMedian;
    };
    QVector<Row> rows;
    for (int n : o.histories) {
        const QString path = dir.filePath(QStringLiteral("flat-%1.db").arg(n));
        QFile::remove(path);
        progress(QStringLiteral("target 4: building a %1-fill history").arg(n));
        QElapsedTimer t;
        t.start();
        runChild({QStringLiteral("build"), path, QString::number(n)}, QStringLiteral("built"));
        progress(QStringLiteral("target 4: built in %1; measuring")
                     .arg(fmtSeconds(double(t.elapsed()) / 1000.0)));
        const QStringList m =
            runChild({QStringLiteral("measure"), path, QString::number(o.newFills),
                      QString::number(o.syncs), QStringLiteral("full")},
                     QStringLiteral("measured"));
        rows.append({n, m[1].toDouble(), m[2].toDouble(), m[3].toDouble(), m[7].toDouble(),
                     m[4].toLongLong(), m[5].toLongLong(), m[6].toInt(), m.value(8).toDouble()});
    }
    Table table({QStringLiteral("history fills"), QStringLiteral("median sync"),
                 QStringLiteral("best / worst"), QStringLiteral("median CPU"),
                 QStringLiteral("from a cut"), QStringLiteral("peak RSS"),
                 QStringLiteral("time ratio"), QStringLiteral("CPU ratio"),
                 QStringLiteral("RSS ratio"), QStringLiteral("full rebuild (before)")});
    const auto ms = [](double v) -> QString {
        return QString::number(v, 'f', 2) + QStringLiteral(" ms");
    };
    for (const Row& r : rows) {
        const Row& base = rows.first();
        table.add({fmtInt(r.history), ms(r.median),
                   ms(r.best) + QStringLiteral(" / ") + ms(r.worst), ms(r.cpuMedian),
                   QStringLiteral("%1 / %2").arg(r.fromCut).arg(o.syncs), fmtMb(r.peakKb),
                   QString::number(r.median / base.median, 'f', 2) + QStringLiteral(" (<= 1.5)"),
                   QString::number(r.cpuMedian / base.cpuMedian, 'f', 2),
                   QString::number(double(r.peakKb) / double(base.peakKb), 'f', 2) +
                       QStringLiteral(" (<= 1.2)"),
                   r.fullMs < 0 ? QStringLiteral("not run") : ms(r.fullMs)});
        if (summary && &r != &base) {
            const double time = r.median / base.median;
            const double rss = double(r.peakKb) / double(base.peakKb);
            summary->append(
                {QStringLiteral("4. cost independent of history"),
                 QStringLiteral("100 new fills on %1 vs %2 fills of history")
                     .arg(fmtInt(r.history), fmtInt(base.history)),
                 QStringLiteral("time %1×, peak RSS %2×").arg(time, 0, 'f', 2).arg(rss, 0, 'f', 2),
                 QStringLiteral("%1 vs %2 median (CPU %3 vs %4); %5 vs %6")
                     .arg(ms(r.median), ms(base.median), ms(r.cpuMedian), ms(base.cpuMedian),
                          fmtMb(r.peakKb), fmtMb(base.peakKb)),
                 time <= 1.5 && rss <= 1.2 ? QStringLiteral("met")
                 : time <= 1.5             ? QStringLiteral("time met, RSS not met")
                 : rss <= 1.2              ? QStringLiteral("RSS met, time not met")
                                           : QStringLiteral("not met")});
        }
    }
    s << table.render();
    return text;
}

} // namespace fb::bench
