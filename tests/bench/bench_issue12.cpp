#include "tests/bench/bench_issue12.h"

#include "tests/bench/bench_common.h"
#include "tests/bench/bench_sync.h"

#include <algorithm>
#include <vector>

namespace fb::bench {

QString runHangSection(std::pair<int, int> account, int latencyMs, int pairs,
                       std::optional<qint64> commitGroupMs, const QDir& dir,
                       const std::function<void(const QString&)>& progress, Summary* summary)
{
    // As test_sync_hangs::onePercentHangsEndWithinTheBound: 20 symbols, 8,000 fills, seed 5
    // (one of its ~170 requests hangs), weight limit out of the way, but the client's default
    // timeouts (the test shortens them to keep the suite fast). A clean sync and one with the
    // hang, in turn, `pairs` times: at loopback speed one pair's ratio moved 0.9-1.25x, so the
    // median pair decides.
    SyncBenchConfig c;
    c.symbols = account.first;
    c.fills = account.second;
    c.days = 90;
    c.seed = 5;
    c.weightLimit = 1'000'000;
    c.commitGroupMs = commitGroupMs;
    c.latencyMs = latencyMs;
    c.latencyJitterMs = latencyMs / 2;
    struct Pair
    {
        SyncBenchResult clean;
        SyncBenchResult hang;
        double ratio = 0;
    };
    std::vector<Pair> runs(static_cast<size_t>(std::max(1, pairs)));
    for (size_t k = 0; k < runs.size(); ++k) {
        for (int i = 0; i < 2; ++i) {
            c.faults = i == 0 ? QString() : QStringLiteral("hang=0.01");
            c.dbPath = dir.filePath(QStringLiteral("hang-%1.db").arg(i));
            progress(QStringLiteral("target 5: %1 symbols, %2 fills, %3 (pair %4 of %5)")
                         .arg(c.symbols)
                         .arg(c.fills)
                         .arg(i == 0 ? QStringLiteral("clean") : QStringLiteral("hang=0.01"))
                         .arg(k + 1)
                         .arg(runs.size()));
            (i == 0 ? runs[k].clean : runs[k].hang) = runSyncBench(c);
        }
        runs[k].ratio =
            runs[k].clean.seconds > 0 ? runs[k].hang.seconds / runs[k].clean.seconds : 0;
    }
    std::vector<Pair> byRatio = runs;
    std::sort(byRatio.begin(), byRatio.end(),
              [](const Pair& a, const Pair& b) { return a.ratio < b.ratio; });
    const Pair& median = byRatio[byRatio.size() / 2];
    const auto ratioText = [](double r) -> QString {
        return QString::number(r, 'f', 2) + QLatin1Char('x');
    };
    QString text = QStringLiteral("\n## 0c. A hung request never stalls the sync (issue 12, "
                                  "target 5: <= 1.5x the clean time; simulator latency %1 ± %2 "
                                  "ms; the median of %3 pairs)\n\n")
                       .arg(latencyMs)
                       .arg(latencyMs / 2)
                       .arg(runs.size());
    Table t({QStringLiteral("pair"), QStringLiteral("status clean / hang"),
             QStringLiteral("requests clean / hang"), QStringLiteral("weight clean / hang"),
             QStringLiteral("wall clean"), QStringLiteral("wall hang=0.01"),
             QStringLiteral("vs clean"), QStringLiteral("target")});
    for (size_t k = 0; k < runs.size(); ++k) {
        const Pair& r = runs[k];
        t.add({QString::number(k + 1), r.clean.status + QStringLiteral(" / ") + r.hang.status,
               fmtInt(r.clean.requests) + QStringLiteral(" / ") + fmtInt(r.hang.requests),
               fmtInt(r.clean.weight) + QStringLiteral(" / ") + fmtInt(r.hang.weight),
               fmtSeconds(r.clean.seconds), fmtSeconds(r.hang.seconds), ratioText(r.ratio),
               QStringLiteral("<= 1.5x")});
    }
    text += t.render();
    text += QStringLiteral("\nMedian pair: %1 (%2 with hangs, %3 clean).\n")
                .arg(ratioText(median.ratio), fmtSeconds(median.hang.seconds),
                     fmtSeconds(median.clean.seconds));
    if (summary) {
        const bool completed = std::all_of(runs.cbegin(), runs.cend(), [](const Pair& r) {
            return r.clean.status == QLatin1String("completed") &&
                   r.hang.status == QLatin1String("completed");
        });
        QString verdict = QStringLiteral("did not complete");
        if (completed)
            verdict = median.ratio <= 1.5 ? QStringLiteral("met") : QStringLiteral("not met");
        SummaryRow row;
        row.target = QStringLiteral("5. hung requests");
        row.figure = QStringLiteral("%1 symbols / %2 fills, latency %3 ms, hang=0.01 vs clean, "
                                    "median of %4 pairs")
                         .arg(c.symbols)
                         .arg(fmtInt(c.fills))
                         .arg(latencyMs)
                         .arg(runs.size());
        row.value = fmtSeconds(median.hang.seconds) + QStringLiteral(" (") +
                    ratioText(median.ratio) + QStringLiteral(")");
        row.bound = QStringLiteral("clean: ") + fmtSeconds(median.clean.seconds);
        row.verdict = verdict;
        summary->append(row);
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
