// fillbook-bench: the figures of issue 4 (docs/performance.md). Not a test: it prints a table
// of measurements taken side by side in one run, on a shared machine where only the ratios
// within one run mean much. Usage: scripts/bench [--fills 250000,1000000] [--no-sync] ...
// The timing targets live here, never in the test suite: tests assert behaviour only.

#include "sync/engine/engine_config.h"
#include "tests/bench/bench_common.h"
#include "tests/bench/bench_issue12.h"
#include "tests/bench/bench_parts.h"
#include "tests/bench/bench_pipeline.h"
#include "tests/bench/bench_pipeline_section.h"
#include "tests/bench/bench_same_rows.h"
#include "tests/bench/bench_share.h"
#include "tests/bench/bench_sync.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <exception>

using namespace fb::bench;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

void say(const QString& line)
{
    out() << line << Qt::endl;
}

void progress(const QString& line)
{
    QTextStream(stderr) << "[bench] " << line << Qt::endl;
}

void naiveSection(const Options& o, const QDir& dir)
{
    say(QStringLiteral("\n## 3. Naive baseline: one transaction per fill (subset of %1 fills, "
                       "%2 symbols)\n")
            .arg(fmtInt(o.naiveFills))
            .arg(o.symbols));
    const FillSource source(o.naiveFills, o.symbols);
    progress(QStringLiteral("naive, %1 fills").arg(o.naiveFills));
    const PipelineResult naive = runNaive(source, dir.filePath(QStringLiteral("naive.db")));
    progress(QStringLiteral("pipeline on the same subset"));
    const PipelineResult batched = runPipeline(
        source, dir.filePath(QStringLiteral("naive-batched.db")), o.batchSymbols, o.commitRecordCap,
        fb::sync::EngineConfig{}.walCheckpointPages, o.commitGroupMs);
    const double naiveRate = double(naive.fills) / naive.seconds;
    const double batchedRate = double(batched.fills) / batched.seconds;
    Table t({QStringLiteral("data path"), QStringLiteral("fills"), QStringLiteral("time"),
             QStringLiteral("rate"), QStringLiteral("pipeline / naive")});
    t.add({QStringLiteral("one transaction per fill"), fmtInt(naive.fills),
           fmtSeconds(naive.seconds), fmtRate(naiveRate), QStringLiteral("1.0x")});
    t.add({QStringLiteral("batches of %1 symbols").arg(o.batchSymbols), fmtInt(batched.fills),
           fmtSeconds(batched.seconds), fmtRate(batchedRate),
           QString::number(batchedRate / naiveRate, 'f', 1) + QLatin1Char('x')});
    out() << t.render();
    for (int n : o.fillCounts) {
        say(QStringLiteral("Extrapolated: %1 fills one per transaction ~ %2 (at %3).")
                .arg(fmtInt(n), fmtSeconds(double(n) / naiveRate), fmtRate(naiveRate)));
    }
}

void upsertSection(const Options& o, const QDir& dir)
{
    say(QStringLiteral("\n## 4. Raw upsert: one page of %1 fills in one transaction, then the same "
                       "page again (target: > 60,000 fills/s)\n")
            .arg(fmtInt(o.upsertFills)));
    progress(QStringLiteral("raw upsert, %1 fills").arg(o.upsertFills));
    const UpsertRateResult r =
        runUpsertRate(o.upsertFills, dir.filePath(QStringLiteral("upsert.db")));
    Table t({QStringLiteral("pass"), QStringLiteral("fills"), QStringLiteral("wall"),
             QStringLiteral("wall rate"), QStringLiteral("CPU"), QStringLiteral("CPU rate")});
    const auto row = [&](const QString& pass, double wall, double cpu) {
        t.add({pass, fmtInt(r.fills), fmtSeconds(wall), fmtRate(double(r.fills) / wall),
               fmtSeconds(cpu), fmtRate(double(r.fills) / cpu)});
    };
    row(QStringLiteral("new fills"), r.insertSeconds, r.insertCpuSeconds);
    row(QStringLiteral("again, all duplicates"), r.duplicateSeconds, r.duplicateCpuSeconds);
    out() << t.render();
}

void generationSection(const Options& o)
{
    say(QStringLiteral("\n## 5. Simulator account generation (%1 fills, %2 symbols)\n")
            .arg(fmtInt(o.generateFills))
            .arg(o.symbols));
    progress(QStringLiteral("generator, %1 fills").arg(o.generateFills));
    const GenerationResult r = runGeneration(o.generateFills, o.symbols);
    Table t({QStringLiteral("fills"), QStringLiteral("symbols"), QStringLiteral("time"),
             QStringLiteral("rate"), QStringLiteral("RSS growth (account held)")});
    t.add({fmtInt(r.fills), QString::number(r.symbols), fmtSeconds(r.seconds),
           fmtRate(double(r.fills) / r.seconds), fmtMb(r.rssGrowthKb)});
    out() << t.render();
}

void reportSection(int trades, const QString& dbPath)
{
    say(QStringLiteral("\n## 7. Reports over %1 trades (limit: 1 s each; CPU: this process)\n")
            .arg(trades > 0 ? fmtInt(trades) : QStringLiteral("the journal's")));
    progress(QStringLiteral("reports"));
    Table r({QStringLiteral("query"), QStringLiteral("closed trades summed"),
             QStringLiteral("wall"), QStringLiteral("CPU"), QStringLiteral("limit")});
    const auto ms = [](double v) -> QString {
        return QString::number(v, 'f', 1) + QStringLiteral(" ms");
    };
    for (const ReportTimeResult& x : runReportTimes(dbPath))
        r.add({x.what, fmtInt(x.trades), ms(x.ms), ms(x.cpuMs), QStringLiteral("1000 ms")});
    out() << r.render();
}

void sortSection(const Options& o, const QDir& dir)
{
    say(QStringLiteral("\n## 6. Trade history: first page (200 rows) by each column, %1 trades "
                       "(limit: 300 ms)\n")
            .arg(fmtInt(o.sortTrades)));
    progress(QStringLiteral("sorted pages, %1 trades").arg(o.sortTrades));
    double generated = 0;
    const QVector<SortPageResult> results =
        runSortPages(o.sortTrades, dir.filePath(QStringLiteral("sort.db")), &generated);
    say(QStringLiteral("(journal generated in %1)\n").arg(fmtSeconds(generated)));
    Table t({QStringLiteral("column"), QStringLiteral("ascending"), QStringLiteral("descending"),
             QStringLiteral("limit")});
    const auto ms = [](double v) -> QString {
        return QString::number(v, 'f', 1) + QStringLiteral(" ms");
    };
    for (const SortPageResult& r : results)
        t.add({r.column, ms(r.ascendingMs), ms(r.descendingMs), QStringLiteral("300 ms")});
    out() << t.render();

    reportSection(o.sortTrades, dir.filePath(QStringLiteral("sort.db")));
}

void syncRow(Table& t, const QString& stream, const StreamFigures& s)
{
    t.add({stream, fmtInt(s.rows), fmtInt(s.requests), fmtInt(s.boundRequests), fmtInt(s.weight),
           fmtInt(s.boundWeight),
           s.weight > 0 ? fmtPercent(double(s.boundWeight) / double(s.weight))
                        : QStringLiteral("n/a")});
}

void syncSection(const QString& title, const SyncBenchConfig& c)
{
    say(QStringLiteral("\n## 2%1. %2\n")
            .arg(c.capSeconds > 0 ? QStringLiteral("a") : QStringLiteral("b"), title));
    progress(title);
    const SyncBenchResult r = runSyncBench(c);
    Table t({QStringLiteral("stream"), QStringLiteral("rows"), QStringLiteral("requests"),
             QStringLiteral("bound"), QStringLiteral("weight"), QStringLiteral("bound weight"),
             QStringLiteral("bound / used")});
    syncRow(t, QStringLiteral("income"), r.income);
    syncRow(t, QStringLiteral("userTrades"), r.fills);
    syncRow(t, QStringLiteral("allOrders"), r.orders);
    syncRow(t, QStringLiteral("other (preflight)"), r.other);
    StreamFigures all;
    for (const StreamFigures* s : {&r.income, &r.fills, &r.orders, &r.other}) {
        all.rows += s->rows;
        all.requests += s->requests;
        all.weight += s->weight;
        all.boundRequests += s->boundRequests;
        all.boundWeight += s->boundWeight;
    }
    syncRow(t, QStringLiteral("total"), all);
    out() << t.render();
    // The allowed rate is the limit per window the exchange reports (SECOND/1 at time scale 60),
    // which is what the client budgets.
    const double allowedPerSecond = double(c.weightLimit) * 1000.0 / double(r.reportedWindowMs);
    const double allowed = r.seconds * allowedPerSecond;
    say(QString());
    Table s({QStringLiteral("figure"), QStringLiteral("value")});
    s.add({QStringLiteral("run status"), r.status + QStringLiteral(" — ") + r.message});
    s.add({QStringLiteral("symbols completed"),
           QStringLiteral("%1 / %2").arg(r.symbolsCompleted).arg(r.symbolsTotal)});
    s.add({QStringLiteral("elapsed (startRun -> finished)"), fmtSeconds(r.seconds)});
    s.add({QStringLiteral("account generation (not timed)"), fmtSeconds(r.genSeconds)});
    s.add({QStringLiteral("preflight + income / symbol phase / finalize"),
           fmtSeconds(r.incomeSeconds) + QStringLiteral(" / ") + fmtSeconds(r.symbolsSeconds) +
               QStringLiteral(" / ") +
               fmtSeconds(std::max(0.0, r.seconds - r.incomeSeconds - r.symbolsSeconds))});
    s.add({QStringLiteral("CPU time of the engine's thread / elapsed"),
           fmtSeconds(r.engineCpuSeconds) + QStringLiteral(" / ") + fmtSeconds(r.seconds) +
               QStringLiteral(" (") + fmtPercent(r.engineCpuSeconds / r.seconds) +
               QStringLiteral(")")});
    s.add({QStringLiteral("records inserted"), fmtInt(r.recordsInserted)});
    s.add({QStringLiteral("fills in range / rate"),
           fmtInt(r.fillsInRange) + QStringLiteral(" / ") +
               fmtRate(double(r.fillsInRange) / r.seconds) + QStringLiteral(" (if completed)")});
    s.add({QStringLiteral("requests / weight (simulator)"),
           fmtInt(r.requests) + QStringLiteral(" / ") + fmtInt(r.weight)});
    s.add({QStringLiteral("requests / weight (engine summary)"),
           fmtInt(r.engineRequests) + QStringLiteral(" / ") + fmtInt(r.engineWeight)});
    s.add({QStringLiteral("userTrades if every 7-day window were walked (no fromId switch)"),
           fmtInt(r.fillsWindowsOnlyRequests) + QStringLiteral(" requests")});
    s.add({QStringLiteral("429s / 418s"),
           fmtInt(r.rateLimited429) + QStringLiteral(" / ") + fmtInt(r.banned418)});
    s.add({QStringLiteral("weight rate used"), fmtRate(double(r.weight) / r.seconds)});
    s.add({QStringLiteral("weight window reported by exchangeInfo"), r.reportedWindow});
    s.add({QStringLiteral("allowed weight rate"), fmtRate(allowedPerSecond)});
    s.add({QStringLiteral("share of allowed weight used"), fmtPercent(double(r.weight) / allowed)});
    s.add({QStringLiteral("peak RSS (engine + simulator)"), fmtMb(r.peakRssKb)});
    s.add({QStringLiteral("RSS before startRun (simulator's account)"), fmtMb(r.rssBeforeKb)});
    QStringList batches;
    const qsizetype n = r.rssAfterBatchKb.size();
    for (qsizetype i : {qsizetype(0), n / 4, n / 2, 3 * n / 4, n - 1}) {
        if (i >= 0 && i < n)
            batches << QString::number(double(r.rssAfterBatchKb[i]) / 1024.0, 'f', 0);
    }
    s.add({QStringLiteral("RSS after batch 1, 25/50/75 %, last (of %1)").arg(n),
           batches.join(QLatin1Char('/')) + QStringLiteral(" MB")});
    s.add({QStringLiteral("peak RSS when batch 1 / the last batch committed"),
           fmtMb(r.peakAtFirstBatchKb) + QStringLiteral(" / ") + fmtMb(r.peakAtLastBatchKb)});
    out() << s.render();
}

// Issue 12, target 1: the weight of a full first sync next to the lower bound computed from
// the same account in the same run (weight limit out of the way: weight, not time, is measured).
void weightSection(const Options& o, const QDir& dir, Summary* summary = nullptr)
{
    say(QStringLiteral("\n## 0. Sync weight vs its lower bound (issue 12, target 1: <= 1.1x)\n"));
    Table t({QStringLiteral("account (symbols / fills generated, 90 days)"),
             QStringLiteral("fills / orders / income rows in range"), QStringLiteral("status"),
             QStringLiteral("weight used"), QStringLiteral("lower bound"), QStringLiteral("ratio"),
             QStringLiteral("target")});
    int n = 0;
    for (const auto& [symbols, fills] : o.weightAccounts) {
        SyncBenchConfig c;
        c.symbols = symbols;
        c.fills = fills;
        c.days = 90;
        c.weightLimit = 1'000'000;
        c.dbPath = dir.filePath(QStringLiteral("weight-%1.db").arg(n++));
        progress(QStringLiteral("weight: %1 symbols, %2 fills").arg(symbols).arg(fills));
        const SyncBenchResult r = runSyncBench(c);
        t.add({QStringLiteral("%1 / %2").arg(symbols).arg(fmtInt(fills)),
               fmtInt(r.fillsInRange) + QStringLiteral(" / ") + fmtInt(r.ordersInRange) +
                   QStringLiteral(" / ") + fmtInt(r.income.rows),
               r.status, fmtInt(r.weight), fmtInt(r.issueBoundWeight),
               r.issueBoundWeight > 0
                   ? QString::number(double(r.weight) / double(r.issueBoundWeight), 'f', 3) +
                         QStringLiteral("x")
                   : QStringLiteral("n/a"),
               QStringLiteral("<= 1.1x")});
        if (summary && r.issueBoundWeight > 0) {
            const double ratio = double(r.weight) / double(r.issueBoundWeight);
            summary->append({QStringLiteral("1. weight <= 1.1x the lower bound"),
                             QStringLiteral("%1 symbols / %2 fills (%3)")
                                 .arg(symbols)
                                 .arg(fmtInt(fills), r.status),
                             fmtInt(r.weight) + QStringLiteral(" (") +
                                 QString::number(ratio, 'f', 3) + QStringLiteral("x)"),
                             QStringLiteral("bound: ") + fmtInt(r.issueBoundWeight),
                             ratio <= 1.1 ? QStringLiteral("met") : QStringLiteral("not met")});
        }
    }
    out() << t.render();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("fillbook.*.debug=false\n"
                                                    "fillbook.*.info=false"));
    if (app.arguments().value(1) == QLatin1String("--flat-child"))
        return runFlatChild(app.arguments().mid(2));
    if (app.arguments().value(1) == QLatin1String("--realrun-child"))
        return runRealrunChild(app.arguments().mid(2));
    Options o;
    if (!parseOptions(app.arguments(), o))
        return 2;
    QTemporaryDir temp;
    const QDir dir(o.workDir.isEmpty() ? temp.path() : o.workDir);
    if (!o.workDir.isEmpty())
        QDir().mkpath(o.workDir);

    say(QStringLiteral("# fillbook-bench\n"));
    say(QStringLiteral("command: ") + app.arguments().join(QLatin1Char(' ')));
    for (const QString& line : machineLines())
        say(QStringLiteral("- ") + line);
    say(QStringLiteral("- journals in: ") + dir.absolutePath());
    try {
        if (!o.reportDb.isEmpty()) {
            reportSection(0, o.reportDb);
            return 0;
        }
        if (o.shareOnly) {
            say(runShareSection(o.share, dir, progress));
            return 0;
        }
        if (o.pipelineOnly) {
            Summary summary; // target 3's row, as --issue12 prints it
            say(runPipelineSection(o, dir, progress, &summary));
            say(renderSummary(summary));
            return 0;
        }
        if (o.flatOnly) {
            say(runFlatSection(o.flat, dir, progress));
            return 0;
        }
        if (o.realrunOnly) {
            say(runRealrunSection(o.realrun, dir, progress));
            return 0;
        }
        if (o.hangOnly) {
            Summary summary; // target 5's row, as --issue12 prints it
            say(runHangSection(o.hangAccount, o.hangLatencyMs, o.hangPairs, o.commitGroupMs, dir,
                               progress, &summary));
            say(renderSummary(summary));
            return 0;
        }
        if (o.desktopOnly) {
            say(runDesktopSection(o.desktop, dir, progress));
            return 0;
        }
        if (o.issue12) {
            // Quick variants unless named: one pipeline size, no several-window rate account
            // (~5 min), and histories of 10,000 vs 200,000 fills (a 1,000,000-fill history
            // takes longer to build through the journal API than a run should).
            if (!o.given.contains(QStringLiteral("--fills")))
                o.fillCounts = {250'000};
            if (!o.given.contains(QStringLiteral("--rate-budget-account")))
                o.rate.budgetAccount = {0, 0};
            if (!o.given.contains(QStringLiteral("--flat-histories")))
                o.flat.histories = {10'000, 200'000};
            if (!o.given.contains(QStringLiteral("--realrun-histories")))
                o.realrun.histories = {10'000, 200'000};
            Summary summary;
            if (!o.weightAccounts.isEmpty())
                weightSection(o, dir, &summary);
            say(runRateSection(o.rate, dir, progress, &summary));
            if (!o.fillCounts.isEmpty())
                say(runPipelineSection(o, dir, progress, &summary));
            if (!o.flat.histories.isEmpty())
                say(runFlatSection(o.flat, dir, progress, &summary));
            if (!o.realrun.histories.isEmpty())
                say(runRealrunSection(o.realrun, dir, progress, &summary));
            if (o.hangAccount.first > 0)
                say(runHangSection(o.hangAccount, o.hangLatencyMs, o.hangPairs, o.commitGroupMs,
                                   dir, progress, &summary));
            DesktopFigures desk;
            say(runDesktopSection(o.desktop, dir, progress, &desk));
            if (desk.worstStallMs >= 0)
                summary.append(
                    {QStringLiteral("6a. main-thread stall <= 16 ms"),
                     QStringLiteral("demo sync of %1 fills, worst of %2 runs")
                         .arg(fmtInt(o.desktop.stallFills))
                         .arg(o.desktop.stallRuns),
                     QStringLiteral("%1 ms (UI thread's CPU in it: %2 ms; best run "
                                    "%3 ms)")
                         .arg(desk.worstStallMs)
                         .arg(desk.uiCpuInWorstMs)
                         .arg(desk.bestStallMs),
                     QStringLiteral("limit 16 ms; idle window: %1 ms").arg(desk.idleStallMs),
                     desk.worstStallMs <= 16 ? QStringLiteral("met") : QStringLiteral("not met")});
            if (desk.medianPaintMs >= 0)
                summary.append({QStringLiteral("6b. first painted page <= 300 ms"),
                                QStringLiteral("%1-trade journal, median of %2 runs")
                                    .arg(fmtInt(o.desktop.paintTrades))
                                    .arg(o.desktop.paintRuns),
                                QString::number(desk.medianPaintMs, 'f', 0) + QStringLiteral(" ms"),
                                QStringLiteral("limit 300 ms; empty journal: %1 ms")
                                    .arg(desk.medianEmptyPaintMs, 0, 'f', 0),
                                desk.medianPaintMs <= 300 ? QStringLiteral("met")
                                                          : QStringLiteral("not met")});
            say(renderSummary(summary));
            return 0;
        }
        if (!o.weightAccounts.isEmpty() && !o.rateOnly)
            weightSection(o, dir);
        if (o.weightOnly)
            return 0;
        if (!o.rate.latenciesMs.isEmpty() || o.rate.defaultAccount.first > 0 ||
            o.rate.budgetAccount.first > 0)
            say(runRateSection(o.rate, dir, progress));
        if (o.rateOnly)
            return 0;
        say(runPipelineSection(o, dir, progress));
        naiveSection(o, dir);
        if (!o.skipSync) {
            SyncBenchConfig c;
            c.fills = o.syncFills;
            c.symbols = o.syncSymbols;
            c.days = o.syncDays;
            c.dbPath = dir.filePath(QStringLiteral("sync-limited.db"));
            c.weightLimit = 2400;
            c.capSeconds = o.syncSeconds;
            if (o.syncSeconds > 0) // --sync-seconds 0: only the unlimited sync
                syncSection(QStringLiteral("Full sync, timeScale 60 (1 s weight window), limit "
                                           "2400, capped at %1 s (run paused there)")
                                .arg(o.syncSeconds),
                            c);
            c.dbPath = dir.filePath(QStringLiteral("sync-unlimited.db"));
            c.weightLimit = 1'000'000; // the client refuses larger limits as implausible
            c.capSeconds = 0;
            syncSection(QStringLiteral("Full sync, weight limit out of the way (engine + "
                                       "loopback throughput)"),
                        c);
        }
        if (o.upsertFills > 0)
            upsertSection(o, dir);
        if (o.generateFills > 0)
            generationSection(o);
        if (o.sortTrades > 0)
            sortSection(o, dir);
        if (!o.flat.histories.isEmpty())
            say(runFlatSection(o.flat, dir, progress));
        if (o.shareRequested) // needs PostgreSQL 15: only when asked for
            say(runShareSection(o.share, dir, progress));
    } catch (const std::exception& e) {
        QTextStream(stderr) << "fillbook-bench failed: " << e.what() << Qt::endl;
        return 1;
    }
    return 0;
}
