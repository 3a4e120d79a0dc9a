#include "tests/bench/bench_issue12.h"

#include "tests/bench/bench_common.h"
#include "tests/bench/bench_sync.h"

namespace fb::bench {

QString runHangSection(std::pair<int, int> account, int latencyMs,
                       std::optional<qint64> commitGroupMs, const QDir& dir,
                       const std::function<void(const QString&)>& progress, Summary* summary)
{
    // As test_sync_hangs::onePercentHangsEndWithinTheBound: 20 symbols, 8,000 fills, seed 5
    // (one of its ~200 requests hangs), weight limit out of the way, but the client's default
    // timeouts (the test shortens them to keep the suite fast).
    SyncBenchConfig c;
    c.symbols = account.first;
    c.fills = account.second;
    c.days = 90;
    c.seed = 5;
    c.weightLimit = 1'000'000;
    c.commitGroupMs = commitGroupMs;
    c.latencyMs = latencyMs;
    c.latencyJitterMs = latencyMs / 2;
    SyncBenchResult results[2];
    for (int i = 0; i < 2; ++i) {
        c.faults = i == 0 ? QString() : QStringLiteral("hang=0.01");
        c.dbPath = dir.filePath(QStringLiteral("hang-%1.db").arg(i));
        progress(QStringLiteral("target 5: %1 symbols, %2 fills, %3")
                     .arg(c.symbols)
                     .arg(c.fills)
                     .arg(i == 0 ? QStringLiteral("clean") : QStringLiteral("hang=0.01")));
        results[i] = runSyncBench(c);
    }
    const double ratio = results[0].seconds > 0 ? results[1].seconds / results[0].seconds : 0;
    QString text = QStringLiteral("\n## 0c. A hung request never stalls the sync (issue 12, "
                                  "target 5: <= 1.5x the clean time; simulator latency %1 ± %2 "
                                  "ms)\n\n")
                       .arg(latencyMs)
                       .arg(latencyMs / 2);
    Table t({QStringLiteral("sync"), QStringLiteral("status"), QStringLiteral("requests"),
             QStringLiteral("weight"), QStringLiteral("wall"), QStringLiteral("vs clean"),
             QStringLiteral("target")});
    for (int i = 0; i < 2; ++i) {
        const SyncBenchResult& r = results[i];
        t.add({i == 0 ? QStringLiteral("clean") : QStringLiteral("--faults hang=0.01"), r.status,
               fmtInt(r.requests), fmtInt(r.weight), fmtSeconds(r.seconds),
               i == 0 ? QStringLiteral("1.00x") : QString::number(ratio, 'f', 2) + QLatin1Char('x'),
               i == 0 ? QString() : QStringLiteral("<= 1.5x")});
    }
    text += t.render();
    if (summary) {
        summary->append({QStringLiteral("5. hung requests"),
                         QStringLiteral("%1 symbols / %2 fills, latency %3 ms, hang=0.01 vs "
                                        "clean")
                             .arg(c.symbols)
                             .arg(fmtInt(c.fills))
                             .arg(latencyMs),
                         fmtSeconds(results[1].seconds) + QStringLiteral(" (") +
                             QString::number(ratio, 'f', 2) + QStringLiteral("x)"),
                         QStringLiteral("clean: ") + fmtSeconds(results[0].seconds),
                         results[1].status != QLatin1String("completed")
                             ? QStringLiteral("did not complete")
                         : ratio <= 1.5 ? QStringLiteral("met")
                                        : QStringLiteral("not met")});
    }
    return text;
}

QString renderSummary(const Summary& summary)
{
    Table t({QStringLiteral("issue 12 target"), QStringLiteral("figure"),
             QStringLiteral("measured"), QStringLiteral("bound / limit (same run)"),
             QStringLiteral("verdict")});
    for (const SummaryRow& r : summary)
        t.add({r.target, r.figure, r.value, r.bound, r.verdict});
    return QStringLiteral("\n## Summary (issue 12)\n\n") + t.render();
}

} // namespace fb::bench
