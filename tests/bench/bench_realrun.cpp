#include "tests/bench/bench_realrun.h"

#include "tests/bench/bench_common.h"
#include "tests/support/realrun.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace fb::bench {

namespace {

using fbtest::realrun::SyncFigures;

// The run's parts, between the --json-progress milestones as they arrived.
const QStringList kMarks{QStringLiteral("started"),    QStringLiteral("preflight"),
                         QStringLiteral("income"),     QStringLiteral("symbols"),
                         QStringLiteral("finalizing"), QStringLiteral("finished")};
const QStringList kParts{QStringLiteral("start to run row (journal open, lock)"),
                         QStringLiteral("run row to preflight"),
                         QStringLiteral("preflight (clock, exchangeInfo, positions)"),
                         QStringLiteral("income, plan"),
                         QStringLiteral("symbols (fetch, batch commit)"),
                         QStringLiteral("finalize (reconciliation, summary)"),
                         QStringLiteral("after the summary to exit")};

std::runtime_error failure(const QString& text)
{
    return std::runtime_error(text.toStdString());
}

double median(QVector<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The parts' durations of one run; -1 where a milestone did not come.
QVector<double> partsOf(const SyncFigures& f)
{
    QVector<double> at;
    for (const QString& mark : kMarks) {
        double t = -1;
        for (const auto& e : f.events) {
            if (e.first == mark)
                t = e.second;
        }
        at.append(t);
    }
    at.append(f.wallMs);
    QVector<double> parts;
    double from = 0;
    for (double t : at) {
        if (t < 0) {
            parts.append(-1);
            continue;
        }
        parts.append(t - from);
        from = t;
    }
    return parts;
}

QString program(const QString& given, const QString& relative)
{
    const QString path =
        given.isEmpty() ? QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(relative)
                        : given;
    if (!QFileInfo(path).isExecutable())
        throw failure(QStringLiteral("%1 is not there: build the fillbook-cli, fillbook-sim "
                                     "and fillbook-rusage targets")
                          .arg(path));
    return path;
}

void removeJournal(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}

// The history of `fills` fills, built in a child process (its memory is not this one's), or
// the one an earlier run left in the folder.
void prepareJournal(int fills, quint32 maxGapMs, const QString& base, const QString& path,
                    bool rebuild, const std::function<void(const QString&)>& progress)
{
    if (rebuild || !QFileInfo::exists(base)) {
        removeJournal(base);
        progress(QStringLiteral("target 4 (whole run): building a %1-fill history").arg(fills));
        QElapsedTimer t;
        t.start();
        const qint64 now = nowMs();
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--realrun-child"), QStringLiteral("build"), base,
                 QString::number(fills), QString::number(now),
                 QString::number(now - 89 * fbtest::realrun::kDayMs), QString::number(maxGapMs)});
        if (!p.waitForFinished(-1) || p.exitCode() != 0 ||
            !p.readAllStandardOutput().startsWith("built "))
            throw failure(QStringLiteral("building the %1-fill history failed").arg(fills));
        progress(QStringLiteral("target 4 (whole run): built in %1")
                     .arg(fmtSeconds(double(t.elapsed()) / 1000.0)));
    }
    removeJournal(path);
    if (!QFile::copy(base, path))
        throw failure(QStringLiteral("cannot copy %1").arg(base));
}

struct Journal
{
    int history = 0;
    QString path;
    std::unique_ptr<fbtest::realrun::ServedAccount> account;
    qint64 lastEndMs = 0; // when its last sync ended: the next fills come after it
    QVector<SyncFigures> runs;
};

SyncFigures syncAgain(const RealrunBenchOptions& o, const fbtest::realrun::Tools& tools, Journal& j,
                      quint16 port, const QDir& dir)
{
    j.account->trade(o.newFills, std::max(j.lastEndMs, nowMs() - 500));
    const QString dataset = dir.filePath(QStringLiteral("realrun-%1.json").arg(j.history));
    j.account->writeDataset(dataset);
    // The fills must lie before the exchange's now when the run fixes its range.
    while (nowMs() < j.account->readyAtMs())
        QThread::msleep(20);
    const SyncFigures f = fbtest::realrun::syncOnce(
        tools, j.path, dataset, port, dir.filePath(QStringLiteral("realrun-home")), o.days);
    j.lastEndMs = nowMs();
    if (f.exitCode != 0)
        throw failure(QStringLiteral("fillbook-cli sync exited %1 on the %2-fill history: %3")
                          .arg(f.exitCode)
                          .arg(j.history)
                          .arg(f.output));
    if (f.fillsAfter - f.fillsBefore != o.newFills)
        throw failure(QStringLiteral("the sync on the %1-fill history stored %2 new fills, not %3")
                          .arg(j.history)
                          .arg(f.fillsAfter - f.fillsBefore)
                          .arg(o.newFills));
    return f;
}

QString ms(double v)
{
    return v < 0 ? QStringLiteral("—") : QString::number(v, 'f', 0) + QStringLiteral(" ms");
}

} // namespace

int runRealrunChild(const QStringList& args)
{
    if (args.size() != 6 || args[0] != QLatin1String("build")) {
        QTextStream(stderr) << "usage: fillbook-bench --realrun-child build DB FILLS "
                               "END_BEFORE_MS RANGE_FROM_MS MAX_GAP_MS\n";
        return 2;
    }
    try {
        QElapsedTimer t;
        t.start();
        const fbtest::realrun::BuiltHistory b = fbtest::realrun::buildHistory(
            args[1], args[2].toInt(), args[3].toLongLong(), args[4].toLongLong(), 20'000,
            [](const QString& line) { QTextStream(stderr) << line << Qt::endl; }, args[5].toUInt());
        QTextStream(stdout) << "built " << b.fills << " " << b.firstTimeMs << " " << b.lastTimeMs
                            << " " << b.incomeRows << Qt::endl;
    } catch (const std::exception& e) {
        QTextStream(stderr) << "fillbook-bench --realrun-child failed: " << e.what() << Qt::endl;
        return 1;
    }
    return 0;
}

QString runRealrunSection(const RealrunBenchOptions& o, const QDir& dir,
                          const std::function<void(const QString&)>& progress, Summary* summary)
{
    const fbtest::realrun::Tools tools{
        program(o.cli, QStringLiteral("../../app/cli/fillbook-cli")),
        program(o.sim, QStringLiteral("../../app/sim/fillbook-sim")),
        program(o.rusage, QStringLiteral("../support/fillbook-rusage"))};
    std::vector<Journal> journals; // not copyable (the served account)
    for (int n : o.histories) {
        Journal j;
        j.history = n;
        // Another density is another history: its own file.
        const QString name = o.maxGapMs == 4000
                                 ? QStringLiteral("realrun-%1").arg(n)
                                 : QStringLiteral("realrun-%1-gap%2").arg(n).arg(o.maxGapMs);
        j.path = dir.filePath(name + QStringLiteral(".db"));
        prepareJournal(n, o.maxGapMs, dir.filePath(name + QStringLiteral("-base.db")), j.path,
                       o.rebuild, progress);
        journals.push_back(std::move(j));
    }
    const quint16 port = fbtest::realrun::freePort();
    // The first sync on each journal is the warm-up: it writes what only a real run writes
    // and moves the coverage to now. Not measured.
    for (Journal& j : journals) {
        j.account = std::make_unique<fbtest::realrun::ServedAccount>(j.path);
        const SyncFigures f = syncAgain(o, tools, j, port, dir);
        progress(QStringLiteral("target 4 (whole run): warm-up on %1 fills: %2 wall, %3 CPU, "
                                "peak RSS %4")
                     .arg(fmtInt(j.history), ms(f.wallMs), ms(f.cpuMs()), fmtMb(f.maxRssKb)));
    }
    // Interleaved (10k, 1M, 10k, 1M, ...): the machine's load falls on every size alike.
    for (int r = 0; r < o.runs; ++r) {
        for (Journal& j : journals) {
            const SyncFigures f = syncAgain(o, tools, j, port, dir);
            QString parts;
            const QVector<double> p = partsOf(f);
            for (double v : p)
                parts += (parts.isEmpty() ? QString() : QStringLiteral(" / ")) + ms(v);
            progress(
                QStringLiteral("target 4 (whole run): run %1 on %2 fills: %3 wall, %4 CPU, "
                               "peak RSS %5 (parts %6)")
                    .arg(r + 1)
                    .arg(fmtInt(j.history), ms(f.wallMs), ms(f.cpuMs()), fmtMb(f.maxRssKb), parts));
            j.runs.append(f);
        }
    }

    QString text;
    QTextStream s(&text);
    s << "\n## 8b. Incremental sync cost vs history, whole `fillbook-cli sync` processes (issue "
         "12, target 4: time ratio <= 1.5, peak RSS ratio <= 1.2)\n\n";
    s << "One symbol (one-way, lifecycles going flat now and then; COMMISSION and REALIZED_PNL "
         "income per fill; a fill 1 to "
      << o.maxGapMs
      << " ms after the last, none one time in eight), its history built through the journal "
         "API as a completed run leaves it (coverage, cursor), ending shortly before now; then a "
         "warm-up sync and "
      << o.runs
      << " measured syncs per journal, interleaved, each: `fillbook-sim --dataset` "
         "on loopback with "
      << o.newFills << " more fills (orders, income, positions), ONE `fillbook-cli sync --days "
      << o.days << "` process (keys in its environment), exit code 0 and exactly " << o.newFills
      << " new fills in the journal checked; wall, user + system CPU and peak RSS (ru_maxrss) "
         "from wait4() in fillbook-rusage. Medians.\n\n";
    Table table({QStringLiteral("history fills"), QStringLiteral("median wall"),
                 QStringLiteral("best / worst"), QStringLiteral("median CPU"),
                 QStringLiteral("median peak RSS"), QStringLiteral("time ratio"),
                 QStringLiteral("CPU ratio"), QStringLiteral("RSS ratio")});
    struct Medians
    {
        double wall, cpu, rss, best, worst;
    };
    QVector<Medians> m;
    for (const Journal& j : journals) {
        QVector<double> wall, cpu, rss;
        for (const SyncFigures& f : j.runs) {
            wall.append(f.wallMs);
            cpu.append(f.cpuMs());
            rss.append(double(f.maxRssKb));
        }
        m.append({median(wall), median(cpu), median(rss),
                  *std::min_element(wall.begin(), wall.end()),
                  *std::max_element(wall.begin(), wall.end())});
    }
    for (size_t i = 0; i < journals.size() && o.runs > 0; ++i) {
        const Medians& b = m.first();
        table.add({fmtInt(journals[i].history), ms(m[i].wall),
                   ms(m[i].best) + QStringLiteral(" / ") + ms(m[i].worst), ms(m[i].cpu),
                   fmtMb(qint64(m[i].rss)),
                   QString::number(m[i].wall / b.wall, 'f', 2) + QStringLiteral(" (<= 1.5)"),
                   QString::number(m[i].cpu / b.cpu, 'f', 2),
                   QString::number(m[i].rss / b.rss, 'f', 2) + QStringLiteral(" (<= 1.2)")});
    }
    s << table.render();
    s << "\nWhere the time goes (medians; between the --json-progress events as they arrived):\n\n";
    QStringList header{QStringLiteral("part")};
    for (const Journal& j : journals)
        header.append(fmtInt(j.history));
    Table parts(header);
    for (int k = 0; k < kParts.size(); ++k) {
        QStringList row{kParts[k]};
        for (const Journal& j : journals) {
            QVector<double> v;
            for (const SyncFigures& f : j.runs) {
                const double part = partsOf(f).value(k, -1);
                if (part >= 0)
                    v.append(part);
            }
            row.append(v.isEmpty() ? QStringLiteral("—") : ms(median(v)));
        }
        parts.add(row);
    }
    s << parts.render();
    if (summary && journals.size() > 1 && o.runs > 0) {
        const Medians& b = m.first();
        const Medians& r = m.last();
        const double time = r.wall / b.wall;
        const double rss = r.rss / b.rss;
        summary->append(
            {QStringLiteral("4. cost independent of history (whole run)"),
             QStringLiteral("one `fillbook-cli sync --days %4` of 100 new fills on %1 vs %2 "
                            "fills of history, median of %3")
                 .arg(fmtInt(journals.back().history), fmtInt(journals.front().history))
                 .arg(o.runs)
                 .arg(o.days),
             QStringLiteral("time %1×, peak RSS %2×").arg(time, 0, 'f', 2).arg(rss, 0, 'f', 2),
             QStringLiteral("%1 vs %2 wall (CPU %3 vs %4); %5 vs %6")
                 .arg(ms(r.wall), ms(b.wall), ms(r.cpu), ms(b.cpu), fmtMb(qint64(r.rss)),
                      fmtMb(qint64(b.rss))),
             time <= 1.5 && rss <= 1.2 ? QStringLiteral("met")
             : time <= 1.5             ? QStringLiteral("time met, RSS not met")
             : rss <= 1.2              ? QStringLiteral("RSS met, time not met")
                                       : QStringLiteral("not met")});
    }
    return text;
}

} // namespace fb::bench
