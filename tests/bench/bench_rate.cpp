#include "tests/bench/bench_rate.h"

#include "sync/binance/weight_budget.h"
#include "tests/bench/bench_common.h"

#include <algorithm>

namespace fb::bench {
namespace {

constexpr int kLimit = 2400;         // weight per minute (production's, and the simulator's)
constexpr qint64 kWindowMs = 60'000; // time scale 1

RateFigures measure(const QString& label, std::pair<int, int> account, int latencyMs,
                    const QDir& dir, int runIndex)
{
    RateFigures f;
    f.account = label;
    f.latencyMs = latencyMs;
    f.jitterMs = latencyMs / 2;
    SyncBenchConfig c;
    c.symbols = account.first;
    c.fills = account.second;
    c.days = 90;
    c.weightLimit = kLimit;
    c.timeScale = 1;
    c.latencyMs = latencyMs;
    c.latencyJitterMs = f.jitterMs;
    c.seed = 42;
    c.sampleWindows = true;
    c.dbPath = dir.filePath(QStringLiteral("rate-%1.db").arg(runIndex));
    f.sync = runSyncBench(c);
    const double wall = f.sync.seconds;
    f.allowedSeconds = double(f.sync.weight) * 60.0 / kLimit;
    f.rateUse = wall > 0 ? f.allowedSeconds / wall : 0;
    // The client holds requests once a window has used 90 % of the limit (WeightBudget), and
    // windows are aligned to the clock: weight W needs ceil(W / 2160) windows, the first of
    // which is what remained of the window the run started in.
    const qint64 threshold = qint64(kLimit) * binance::WeightBudget::kDefaultTargetPercent / 100;
    f.windowsNeeded = int((f.sync.weight + threshold - 1) / threshold);
    f.budgetEarliestSeconds =
        f.windowsNeeded <= 1
            ? 0
            : double(kWindowMs - f.sync.startInWindowMs) / 1000.0 + 60.0 * (f.windowsNeeded - 2);
    for (qsizetype i = 1; i < f.sync.weightAtWindowEnds.size(); ++i)
        f.fullWindowWeights.append(f.sync.weightAtWindowEnds[i] - f.sync.weightAtWindowEnds[i - 1]);
    return f;
}

QString seconds(double s)
{
    return QString::number(s, 'f', 1) + QStringLiteral(" s");
}

QString fullWindows(const QVector<qint64>& weights)
{
    if (weights.isEmpty())
        return QStringLiteral("none");
    QStringList parts;
    for (qint64 w : weights)
        parts << QStringLiteral("%1 (%2)").arg(fmtInt(w), fmtPercent(double(w) / kLimit));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString runRateSection(const RateBenchOptions& options, const QDir& dir,
                       const std::function<void(const QString&)>& progress, Summary* summary)
{
    QVector<RateFigures> rows;
    int run = 0;
    const QString shape =
        QStringLiteral("%1 / %2").arg(options.account.first).arg(fmtInt(options.account.second));
    for (int latency : options.latenciesMs) {
        progress(QStringLiteral("rate: %1 symbols, %2 fills, latency %3 ± %4 ms")
                     .arg(options.account.first)
                     .arg(options.account.second)
                     .arg(latency)
                     .arg(latency / 2));
        rows.append(measure(shape, options.account, latency, dir, run++));
    }
    int defaultRow = -1;
    if (options.defaultAccount.first > 0) {
        progress(QStringLiteral("rate: the default simulator account, latency %1 ms")
                     .arg(options.defaultAccountLatencyMs));
        defaultRow = int(rows.size());
        rows.append(measure(QStringLiteral("%1 / %2 (default account)")
                                .arg(options.defaultAccount.first)
                                .arg(fmtInt(options.defaultAccount.second)),
                            options.defaultAccount, options.defaultAccountLatencyMs, dir, run++));
    }
    if (options.budgetAccount.first > 0) {
        for (int latency : options.budgetLatenciesMs) {
            progress(QStringLiteral("rate: %1 symbols, %2 fills (several windows), latency %3 ms")
                         .arg(options.budgetAccount.first)
                         .arg(options.budgetAccount.second)
                         .arg(latency));
            rows.append(measure(QStringLiteral("%1 / %2 (several windows)")
                                    .arg(options.budgetAccount.first)
                                    .arg(fmtInt(options.budgetAccount.second)),
                                options.budgetAccount, latency, dir, run++));
        }
    }
    QString text = QStringLiteral(
        "\n## 0b. Rate use at real time scale (issue 12, target 2): fillbook-sim --time-scale 1, "
        "limit 2400/min, latency ± jitter; rate use = (weight ÷ 2400 per minute) ÷ wall time; "
        "the client's budget holds requests at 90 % of a clock-aligned window, so a sync "
        "that fits one window is bound by latency, not by the rate; where the budget binds, "
        "target 2 is the weight of each full window against 2,400\n\n");
    Table t({QStringLiteral("symbols / fills"), QStringLiteral("latency"), QStringLiteral("status"),
             QStringLiteral("weight"), QStringLiteral("wall (first sync)"),
             QStringLiteral("weight ÷ 2400/min"), QStringLiteral("rate use"),
             QStringLiteral("target"), QStringLiteral("windows"),
             QStringLiteral("budget's earliest end"),
             QStringLiteral("full windows: weight (of 2,400)"), QStringLiteral("429"),
             QStringLiteral("income / symbols / finalize"), QStringLiteral("engine CPU")});
    for (const RateFigures& f : std::as_const(rows)) {
        t.add({f.account, QStringLiteral("%1 ± %2 ms").arg(f.latencyMs).arg(f.jitterMs),
               f.sync.status, fmtInt(f.sync.weight), seconds(f.sync.seconds),
               seconds(f.allowedSeconds), fmtPercent(f.rateUse), QStringLiteral(">= 85 %"),
               QString::number(f.windowsNeeded),
               f.windowsNeeded <= 1 ? QStringLiteral("0 (fits one window)")
                                    : seconds(f.budgetEarliestSeconds),
               fullWindows(f.fullWindowWeights), fmtInt(f.sync.rateLimited429),
               QStringLiteral("%1 / %2 / %3")
                   .arg(seconds(f.sync.incomeSeconds), seconds(f.sync.symbolsSeconds),
                        seconds(f.sync.seconds - f.sync.incomeSeconds - f.sync.symbolsSeconds)),
               seconds(f.sync.engineCpuSeconds)});
    }
    if (summary) {
        for (const RateFigures& f : std::as_const(rows)) {
            const bool severalWindows = f.windowsNeeded > 1;
            QString value = fmtPercent(f.rateUse) + QStringLiteral(" (wall ") +
                            seconds(f.sync.seconds) + QStringLiteral(")");
            QString verdict = severalWindows ? QString()
                                             : QStringLiteral("fits one window: bound by "
                                                              "latency, not by the rate");
            if (severalWindows) {
                qint64 lowest = -1;
                for (qint64 w : f.fullWindowWeights)
                    lowest = lowest < 0 ? w : std::min(lowest, w);
                value = QStringLiteral("full windows: ") + fullWindows(f.fullWindowWeights);
                verdict = lowest < 0                    ? QStringLiteral("no full window")
                          : lowest * 100 >= 85 * kLimit ? QStringLiteral("met")
                                                        : QStringLiteral("not met");
            }
            summary->append({QStringLiteral("2. rate use >= 85 %"),
                             f.account + QStringLiteral(", ") +
                                 QStringLiteral("%1 ± %2 ms").arg(f.latencyMs).arg(f.jitterMs),
                             value,
                             QStringLiteral("weight ÷ 2400/min = ") + seconds(f.allowedSeconds),
                             verdict});
        }
        if (defaultRow >= 0) {
            const RateFigures& f = rows[defaultRow];
            summary->append(
                {QStringLiteral("first sync, real time scale"),
                 f.account + QStringLiteral(", ") +
                     QStringLiteral("%1 ± %2 ms").arg(f.latencyMs).arg(f.jitterMs),
                 seconds(f.sync.seconds) + QStringLiteral(" (") + f.sync.status +
                     QStringLiteral(", weight ") + fmtInt(f.sync.weight) + QStringLiteral(")"),
                 QStringLiteral("weight ÷ 2400/min = ") + seconds(f.allowedSeconds), QString()});
        }
    }
    return text + t.render();
}

} // namespace fb::bench
