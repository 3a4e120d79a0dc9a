#include "tests/bench/bench_desktop.h"

#include "sync/journal/database.h"
#include "tests/bench/bench_common.h"
#include "tests/support/big_journal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <stdexcept>

namespace fb::bench {

namespace {

constexpr qint64 kStallLimitMs = 16;
constexpr double kPaintLimitMs = 300;

QString fillbookPath(const DesktopBenchOptions& o)
{
    if (!o.fillbook.isEmpty())
        return o.fillbook;
    // build/tests/bench/fillbook-bench -> build/app/desktop/fillbook
    return QDir(QCoreApplication::applicationDirPath())
        .absoluteFilePath(QStringLiteral("../../app/desktop/fillbook"));
}

// One child run of the desktop, offscreen, with empty settings and data folders (the window as
// a new user meets it; nothing of this machine's own journal or keychain is touched).
struct ChildRun
{
    QString output;
    double msToLine = -1; // process start -> the line matching `untilLine` was read
    int exitCode = -1;
};

ChildRun runChild(const QString& program, const QStringList& args, const QString& untilLine,
                  int timeoutMs)
{
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    env.remove(QStringLiteral("FILLBOOK_API_KEY"));
    env.remove(QStringLiteral("FILLBOOK_API_SECRET"));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    ChildRun run;
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForStarted(10'000))
        throw std::runtime_error("could not start " + program.toStdString());
    while (p.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs) {
        if (p.waitForReadyRead(50)) {
            run.output += QString::fromUtf8(p.readAllStandardOutput());
            if (run.msToLine < 0 && !untilLine.isEmpty() && run.output.contains(untilLine))
                run.msToLine = double(timer.nsecsElapsed()) / 1e6;
        }
    }
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5'000);
        throw std::runtime_error(
            "the desktop did not finish in time: " +
            QString(program + QLatin1Char(' ') + args.join(QLatin1Char(' '))).toStdString());
    }
    run.output += QString::fromUtf8(p.readAllStandardOutput());
    run.exitCode = p.exitCode();
    if (run.exitCode != 0)
        throw std::runtime_error("the desktop failed: " + run.output.toStdString() +
                                 QString::fromUtf8(p.readAllStandardError()).toStdString());
    return run;
}

qint64 capture(const QString& text, const QString& pattern, int group = 1)
{
    const QRegularExpressionMatch m = QRegularExpression(pattern).match(text);
    return m.hasMatch() ? m.captured(group).toLongLong() : -1;
}

QString ms(double v)
{
    return v < 0 ? QStringLiteral("-")
                 : QString::number(v, 'f', v < 100 ? 1 : 0) + QStringLiteral(" ms");
}

double median(QVector<double> v)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

QString runDesktopSection(const DesktopBenchOptions& o, const QDir& dir,
                          const std::function<void(const QString&)>& progress,
                          DesktopFigures* figures)
{
    const QString program = fillbookPath(o);
    if (!QFileInfo(program).isExecutable())
        throw std::runtime_error("no desktop binary at " + program.toStdString() +
                                 " (build the fillbook target, or pass --fillbook PATH)");
    DesktopFigures f;
    QString text;
    if (o.stallFills > 0) {
        text += QStringLiteral("\n## 9a. Desktop: the main thread's longest stall during a demo "
                               "sync of %1 fills (issue 12, target 6: <= %2 ms)\n\n")
                    .arg(fmtInt(o.stallFills))
                    .arg(kStallLimitMs);
        Table t({QStringLiteral("run"), QStringLiteral("sync"), QStringLiteral("trades"),
                 QStringLiteral("longest stall"), QStringLiteral("UI thread's CPU in it"),
                 QStringLiteral("most UI CPU in one gap"), QStringLiteral("limit"),
                 QStringLiteral("target")});
        {
            progress(QStringLiteral("desktop: idle window (the floor)"));
            const QString db = dir.filePath(QStringLiteral("idle.sqlite"));
            QFile::remove(db);
            const ChildRun r = runChild(
                program,
                {QStringLiteral("--db"), db, QStringLiteral("--watch-idle"), QString::number(5000)},
                QString(), 120'000);
            f.idleStallMs = capture(r.output, QStringLiteral("longest main-thread stall: (\\d+)"));
            t.add({QStringLiteral("idle window, 5 s, no sync (the floor)"), QStringLiteral("-"),
                   QStringLiteral("-"), ms(double(f.idleStallMs)),
                   ms(double(capture(r.output, QStringLiteral("UI thread ran (\\d+) ms of it")))),
                   ms(double(capture(r.output, QStringLiteral("two ticks: (\\d+) ms")))),
                   QStringLiteral("%1 ms").arg(kStallLimitMs), QString()});
        }
        for (int run = 1; run <= o.stallRuns; ++run) {
            progress(QStringLiteral("desktop: demo sync %1 of %2").arg(run).arg(o.stallRuns));
            const QString db = dir.filePath(QStringLiteral("stall-%1.sqlite").arg(run));
            for (const QString& suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(db + suffix);
            const ChildRun r = runChild(program,
                                        {QStringLiteral("--demo"), QStringLiteral("--demo-fills"),
                                         QString::number(o.stallFills), QStringLiteral("--db"), db,
                                         QStringLiteral("--screenshot"),
                                         dir.filePath(QStringLiteral("stall-%1.png").arg(run)),
                                         QStringLiteral("--tab"), QStringLiteral("trades")},
                                        QString(), 600'000);
            const qint64 stall =
                capture(r.output, QStringLiteral("longest main-thread stall: (\\d+)"));
            const qint64 busy = capture(r.output, QStringLiteral("UI thread ran (\\d+) ms of it"));
            const qint64 most = capture(r.output, QStringLiteral("two ticks: (\\d+) ms"));
            const QRegularExpressionMatch sync =
                QRegularExpression(QStringLiteral("sync finished: (\\w+), (\\d+) trades "
                                                  "inserted, ([^\\n]+)"))
                    .match(r.output);
            if (stall < 0 || !sync.hasMatch())
                throw std::runtime_error("unexpected desktop output: " + r.output.toStdString());
            if (stall > f.worstStallMs) {
                f.worstStallMs = stall;
                f.uiCpuInWorstMs = busy;
            }
            f.bestStallMs = f.bestStallMs < 0 ? stall : std::min(f.bestStallMs, stall);
            t.add({QString::number(run),
                   sync.captured(1) + QStringLiteral(", ") + sync.captured(3).trimmed(),
                   fmtInt(sync.captured(2).toLongLong()), ms(double(stall)), ms(double(busy)),
                   ms(double(most)), QStringLiteral("%1 ms").arg(kStallLimitMs),
                   stall <= kStallLimitMs ? QStringLiteral("met") : QStringLiteral("not met")});
        }
        text += t.render();
    }
    if (o.paintTrades > 0) {
        text += QStringLiteral("\n## 9b. Desktop: process start to the trade table's first "
                               "painted page (issue 12, target 6: <= %1 ms)\n\n")
                    .arg(kPaintLimitMs);
        const QString big = dir.filePath(QStringLiteral("paint-%1.db").arg(o.paintTrades));
        if (QFileInfo::exists(big)) {
            text += QStringLiteral("(journal of %1 trades reused from an earlier run: %2)\n\n")
                        .arg(fmtInt(o.paintTrades), big);
        } else {
            progress(
                QStringLiteral("desktop: generating a journal of %1 trades").arg(o.paintTrades));
            QElapsedTimer timer;
            timer.start();
            {
                journal::Database writer(big + QStringLiteral(".part"));
                fbtest::big::generate(writer, o.paintTrades);
            }
            QFile::rename(big + QStringLiteral(".part"), big);
            text += QStringLiteral("(journal of %1 trades generated in %2 by one INSERT ... "
                                   "SELECT, indexes built afterwards: tests/support/"
                                   "big_journal)\n\n")
                        .arg(fmtInt(o.paintTrades), fmtSeconds(double(timer.elapsed()) / 1000));
        }
        Table t({QStringLiteral("journal"), QStringLiteral("run"),
                 QStringLiteral("process start -> first paint"),
                 QStringLiteral("of it after main()"), QStringLiteral("UI thread's CPU"),
                 QStringLiteral("rows loaded"), QStringLiteral("limit")});
        QVector<double> bigMs;
        QVector<double> emptyMs;
        const QString firstPaintLine = QStringLiteral("first paint of the trade table");
        for (int run = 1; run <= o.paintRuns; ++run) {
            for (bool empty : {true, false}) {
                progress(QStringLiteral("desktop: first paint, %1 journal, run %2")
                             .arg(empty ? QStringLiteral("empty") : QStringLiteral("big"))
                             .arg(run));
                QString db = big;
                if (empty) {
                    db = dir.filePath(QStringLiteral("paint-empty-%1.db").arg(run));
                    for (const QString& suffix :
                         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                        QFile::remove(db + suffix);
                }
                const ChildRun r =
                    runChild(program, {QStringLiteral("--db"), db, QStringLiteral("--first-paint")},
                             firstPaintLine, 120'000);
                const qint64 afterMain =
                    capture(r.output, QStringLiteral("table: (\\d+) ms after main"));
                const qint64 rows = capture(r.output, QStringLiteral("\\((\\d+) rows loaded"));
                const qint64 cpu = capture(r.output, QStringLiteral("UI thread ran (\\d+) ms\\)"));
                (empty ? emptyMs : bigMs).append(r.msToLine);
                t.add({empty ? QStringLiteral("empty (new)")
                             : QStringLiteral("%1 trades").arg(fmtInt(o.paintTrades)),
                       QString::number(run), ms(r.msToLine), ms(double(afterMain)), ms(double(cpu)),
                       fmtInt(rows), QStringLiteral("%1 ms").arg(kPaintLimitMs)});
            }
        }
        f.medianPaintMs = median(bigMs);
        f.medianEmptyPaintMs = median(emptyMs);
        text += t.render();
        text += QStringLiteral("\nMedian: %1 trades %2, empty journal %3 (limit %4 ms: %5).\n")
                    .arg(fmtInt(o.paintTrades), ms(f.medianPaintMs), ms(f.medianEmptyPaintMs))
                    .arg(kPaintLimitMs)
                    .arg(f.medianPaintMs <= kPaintLimitMs ? QStringLiteral("met")
                                                          : QStringLiteral("not met"));
    }
    if (figures)
        *figures = f;
    return text;
}

} // namespace fb::bench
