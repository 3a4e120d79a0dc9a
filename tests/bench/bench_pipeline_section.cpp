#include "tests/bench/bench_pipeline_section.h"

#include "sync/engine/engine_config.h"
#include "tests/bench/bench_pipeline.h"
#include "tests/bench/bench_same_rows.h"

#include <algorithm>

namespace fb::bench {
namespace {

QString quarters(const PipelineResult& r)
{
    QStringList parts;
    for (qint64 kb : r.rssAtQuarterKb)
        parts << QString::number(double(kb) / 1024.0, 'f', 0);
    return parts.join(QLatin1Char('/')) + QStringLiteral(" MB");
}

QString share(double part, double total)
{
    return total > 0 ? fmtPercent(part / total) : QStringLiteral("n/a");
}

} // namespace

QString runPipelineSection(const Options& o, const QDir& dir,
                           const std::function<void(const QString&)>& progress, Summary* summary)
{
    QString text;
    const auto say = [&text](const QString& line) { text += line + QLatin1Char('\n'); };
    // Side by side in one run: the pipeline with SQLite's default WAL checkpoint bound (a
    // checkpoint inside almost every batch's COMMIT, as before D154), with the
    // engine's (EngineConfig::walCheckpointPages), and two C-API limits set up as the journal's
    // writer is: the fills table's rows alone (D153), and every row the pipeline left in the
    // journal, written again into the journal's real schema (the "same rows" of issue 12).
    const int enginePages = fb::sync::EngineConfig{}.walCheckpointPages;
    say(QStringLiteral("\n## 1. Pipeline throughput, network taken out (%1 symbols, batches of "
                       "%2 symbols, a symbol's fills committed in parts of at most %3; each "
                       "batch in its own transaction with WAL checkpoint bound 1,000 pages "
                       "(SQLite's default) and %4 (the engine's), then as the engine runs: "
                       "batches grouped while they come within %5 ms of the last commit, D175; "
                       "\"tx\" = transactions)\n")
            .arg(o.symbols)
            .arg(o.batchSymbols)
            .arg(fmtInt(o.commitRecordCap))
            .arg(fmtInt(enginePages))
            .arg(o.commitGroupMs));
    Table t({QStringLiteral("fills"), QStringLiteral("WAL bound"), QStringLiteral("pipeline"),
             QStringLiteral("pipeline rate"), QStringLiteral("CPU"), QStringLiteral("trades"),
             QStringLiteral("peak RSS"), QStringLiteral("RSS at 25/50/75/100 %"),
             QStringLiteral("largest symbol"), QStringLiteral("db size"),
             QStringLiteral("largest WAL")});
    Table limits({QStringLiteral("fills"), QStringLiteral("limit"), QStringLiteral("rows"),
                  QStringLiteral("transactions"), QStringLiteral("wall"),
                  QStringLiteral("rate (fills/s)"), QStringLiteral("CPU"),
                  QStringLiteral("pipeline's share: wall"), QStringLiteral("CPU"),
                  QStringLiteral("copy complete")});
    Table phases(
        {QStringLiteral("fills"), QStringLiteral("WAL bound"), QStringLiteral("upsertFills"),
         QStringLiteral("loadSymbolHistory (new symbols: funding, positions)"),
         QStringLiteral("buildSymbolTrades (new symbols: waiting for the helper)"),
         QStringLiteral("replaceSymbolTrades"), QStringLiteral("BEGIN/COMMIT + checkpoint"),
         QStringLiteral("generator (untimed)")});
    QStringList tableCounts;
    for (int n : o.fillCounts) {
        const FillSource source(n, o.symbols);
        QVector<PipelineResult> runs;
        // (WAL bound, commit grouping): each batch alone with SQLite's bound and with the
        // engine's (as before D175), then the engine as it runs (its bound and its grouping).
        QVector<std::pair<int, qint64>> variants{
            {1000, 0}, {enginePages, 0}, {enginePages, o.commitGroupMs}};
        const qsizetype engineRun = 2;
        if (o.extraWalPages > 0) // a what-if, after the engine's (not compared)
            variants.append({o.extraWalPages, o.commitGroupMs});
        QString pipelinePath;
        QString enginePath;
        for (const auto& [pages, groupMs] : std::as_const(variants)) {
            progress(QStringLiteral("pipeline, %1 fills, WAL bound %2 pages, commits grouped "
                                    "within %3 ms")
                         .arg(n)
                         .arg(pages)
                         .arg(groupMs));
            pipelinePath =
                dir.filePath(QStringLiteral("pipeline-%1-%2-%3.db").arg(n).arg(pages).arg(groupMs));
            if (runs.size() == engineRun)
                enginePath = pipelinePath;
            runs.append(runPipeline(source, pipelinePath, o.batchSymbols, o.commitRecordCap, pages,
                                    groupMs));
        }
        pipelinePath = enginePath;
        const PipelineResult& p = runs.at(engineRun);
        progress(QStringLiteral("C API limit, fills only, %1 fills").arg(n));
        const LimitResult l = runPhysicalLimit(
            source, dir.filePath(QStringLiteral("limit-%1.db").arg(n)), enginePages);
        // The same rows: what the last pipeline run (the engine's bound) left, read back
        // untimed, written again in one transaction and in the pipeline's batches.
        progress(QStringLiteral("C API limit, the same rows, %1 fills").arg(n));
        const JournalRows rows = readJournalRows(pipelinePath);
        const SameRowsResult one =
            runSameRowsLimit(rows, pipelinePath,
                             dir.filePath(QStringLiteral("same-rows-%1.db").arg(n)), enginePages);
        // The same rows in the engine run's transactions (its grouped batches).
        const QHash<QString, int> batchOf = p.transactionOfSymbol;
        const SameRowsResult batched = runSameRowsLimit(
            rows, pipelinePath, dir.filePath(QStringLiteral("same-rows-batched-%1.db").arg(n)),
            enginePages, batchOf);
        QStringList counts;
        for (const TableRows& table : rows.tables) {
            if (table.rowCount() > 0)
                counts << table.name + QLatin1Char(' ') + fmtInt(table.rowCount());
        }
        tableCounts << QStringLiteral("%1 fills: %2 rows (%3; not copied, a new journal has "
                                      "them: meta, %4)")
                           .arg(fmtInt(n), fmtInt(rows.rowCount()),
                                counts.join(QStringLiteral(", ")),
                                rows.bookkeeping.join(QStringLiteral(", ")));

        for (qsizetype i = 0; i < runs.size(); ++i) {
            const PipelineResult& run = runs[i];
            const QString bound = QStringLiteral("%1, %2 tx")
                                      .arg(fmtInt(variants.at(i).first),
                                           fmtInt(run.groupedCommits + run.partialCommits));
            const double pRate = double(run.fills) / run.seconds;
            t.add({fmtInt(run.fills), bound, fmtSeconds(run.seconds), fmtRate(pRate),
                   fmtSeconds(run.cpuSeconds), fmtInt(run.trades),
                   fmtMb(run.peakRssKb) +
                       (run.peakWasReset ? QString() : QStringLiteral(" (process)")),
                   quarters(run), fmtInt(run.largestSymbolFills), fmtMb(run.dbBytes / 1024),
                   fmtMb(run.peakWalBytes / 1024)});
            const double total = run.phases.total();
            phases.add({fmtInt(run.fills), bound, share(run.phases.upsert, total),
                        share(run.phases.load, total), share(run.phases.build, total),
                        share(run.phases.store, total), share(run.phases.commit, total),
                        fmtSeconds(run.genSeconds)});
        }
        // The pipeline's share of each limit: the engine's bound and grouping, as it runs.
        const int pipelineTransactions = int(p.groupedCommits + p.partialCommits);
        limits.add({fmtInt(n), QStringLiteral("pipeline (WAL bound %1)").arg(fmtInt(enginePages)),
                    fmtInt(rows.rowCount()), fmtInt(pipelineTransactions), fmtSeconds(p.seconds),
                    fmtRate(double(p.fills) / p.seconds), fmtSeconds(p.cpuSeconds),
                    QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-")});
        limits.add({fmtInt(n), QStringLiteral("C API, fills only (D153)"), fmtInt(l.fills),
                    QStringLiteral("1"), fmtSeconds(l.seconds),
                    fmtRate(double(l.fills) / l.seconds), fmtSeconds(l.cpuSeconds),
                    fmtPercent(l.seconds / p.seconds), fmtPercent(l.cpuSeconds / p.cpuSeconds),
                    QStringLiteral("-")});
        for (const SameRowsResult* s : {&one, &batched}) {
            limits.add(
                {fmtInt(n),
                 s == &one ? QStringLiteral("C API, the same rows")
                           : QStringLiteral("C API, the same rows, the pipeline's batches"),
                 fmtInt(s->rows), fmtInt(s->transactions), fmtSeconds(s->seconds),
                 fmtRate(double(p.fills) / s->seconds), fmtSeconds(s->cpuSeconds),
                 fmtPercent(s->seconds / p.seconds), fmtPercent(s->cpuSeconds / p.cpuSeconds),
                 s->complete ? QStringLiteral("yes") : QStringLiteral("NO: ") + s->mismatch});
        }
        say(QStringLiteral("(%1 fills: RSS %2 after opening the journal, before the first batch)")
                .arg(fmtInt(p.fills), fmtMb(p.rssBeforeKb)));
        if (summary) {
            // Issue 12: "Pipeline >= 80 % of the SQLite C-API limit for the same rows": the
            // same-rows limit decides; the fills-only figure stays next to it (D158). Both are
            // disk-bound, so one pair moves by ±10 points: the engine's pipeline and the limit
            // run in turn o.pipelinePairs times, and the median pair decides.
            QVector<std::pair<double, double>> pairs{{p.seconds, one.seconds}}; // pipeline, limit
            QVector<double> cpuShares{one.cpuSeconds / p.cpuSeconds};
            bool complete = one.complete;
            for (int k = 1; k < o.pipelinePairs; ++k) {
                progress(QStringLiteral("pair %1 of %2: pipeline, then the same-rows limit")
                             .arg(k + 1)
                             .arg(o.pipelinePairs));
                const QString again = dir.filePath(QStringLiteral("pipeline-pair-%1.db").arg(n));
                const PipelineResult q = runPipeline(
                    source, again, o.batchSymbols, o.commitRecordCap, enginePages, o.commitGroupMs);
                const SameRowsResult limit = runSameRowsLimit(
                    readJournalRows(again), again,
                    dir.filePath(QStringLiteral("same-rows-pair-%1.db").arg(n)), enginePages);
                pairs.append({q.seconds, limit.seconds});
                cpuShares.append(limit.cpuSeconds / q.cpuSeconds);
                complete = complete && limit.complete;
            }
            std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
                return a.second / a.first < b.second / b.first;
            });
            std::sort(cpuShares.begin(), cpuShares.end());
            const auto [pSeconds, sameSeconds] = pairs.at(pairs.size() / 2);
            QStringList shares;
            for (const auto& [ps, ls] : std::as_const(pairs))
                shares << fmtPercent(ls / ps);
            const double pRate = double(p.fills) / pSeconds;
            const double sameRate = double(p.fills) / sameSeconds;
            const double fillsRate = double(l.fills) / l.seconds;
            summary->append(
                {QStringLiteral("3. pipeline >= 80 % of the C API (same rows)"),
                 QStringLiteral("%1 fills, network taken out; median of %2 pairs")
                     .arg(fmtInt(p.fills))
                     .arg(pairs.size()),
                 QStringLiteral("%1 (%2 of the same-rows limit; pairs %3; CPU %4; %5 of the "
                                "fills-only limit)")
                     .arg(fmtRate(pRate), fmtPercent(pRate / sameRate),
                          shares.join(QStringLiteral(" ")),
                          fmtPercent(cpuShares.at(cpuShares.size() / 2)),
                          fmtPercent(pRate / fillsRate)),
                 QStringLiteral("same rows (%1 rows): %2; fills only: %3")
                     .arg(fmtInt(one.rows), fmtRate(sameRate), fmtRate(fillsRate)),
                 !complete                 ? QStringLiteral("copy incomplete")
                 : pRate >= 0.8 * sameRate ? QStringLiteral("met")
                                           : QStringLiteral("not met")});
        }
    }
    say(QString());
    text += t.render();
    say(QStringLiteral("\nThe pipeline next to the C-API limits (same run; rates in the "
                       "pipeline's fills per second; share = the limit's time over the "
                       "pipeline's):\n"));
    text += limits.render();
    for (const QString& line : tableCounts)
        say(QStringLiteral("Rows the pipeline left, %1").arg(line));
    say(QStringLiteral("\nWhere the pipeline's time goes:\n"));
    text += phases.render();
    return text;
}

} // namespace fb::bench
