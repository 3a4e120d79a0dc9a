#include "tests/support/realrun.h"

#include "sync/engine/engine_journal.h"
#include "sync/journal/database.h"
#include "sync/journal/raw_store.h"
#include "sync/simulator/demo.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fbtest::realrun {

namespace {

const QString kRun = QStringLiteral("sync_20261206_000000_00built4");
constexpr quint32 kSeed = 12;

std::runtime_error failure(const QString& text)
{
    return std::runtime_error(text.toStdString());
}

// The generator that continues the journal's history (as fillbook-bench's flat section's
// measuring step does): later ids and times, other funding, stop and income ids.
flat::Generator continuation(const QString& journalPath)
{
    // A writer: a journal of an older schema is upgraded here, as the first sync would (a
    // reader refuses it), so the warm-up is the engine's run and not the upgrade.
    fb::journal::Database db(journalPath,
                             {fb::journal::OpenMode::ReadWrite, QStringLiteral("bench")});
    fb::journal::RawStore raw(db);
    flat::Options o;
    const std::optional<qint64> last = raw.largestFillId(o.account, o.symbol);
    const std::optional<qint64> lastTime = raw.newestFillTime(o.account, o.symbol);
    if (!last || !lastTime)
        throw failure(QStringLiteral("%1 holds no fills of %2").arg(journalPath, o.symbol));
    const qint64 offset = *last - flat::Options().firstFillId;
    o.seed = kSeed + 1;
    o.sameMsAcrossSteps = false;
    o.tradeIncome = true;
    o.maxGapMs = 5;
    o.firstFillId = *last + 1;
    o.startMs = *lastTime + 10'000; // past a fill whose id came earlier (at most 4 s)
    o.firstTranId = 950'000'000 + offset;
    o.firstStopId = 9'900'000'000 + offset;
    o.firstTradeTranId = flat::Options().firstTradeTranId + 2 * (offset + 1) + 10;
    QMap<fb::PositionSide, fb::Decimal> held;
    for (const fb::Position& p : raw.positions(o.account))
        held.insert(p.positionSide, p.positionAmt);
    flat::Generator gen(o);
    gen.continueFrom(held);
    return gen;
}

QByteArray jsonArray(const QVector<QByteArray>& elements)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < elements.size(); ++i) {
        if (i > 0)
            out += ",\n";
        out += elements[i];
    }
    return out + "]";
}

// fillbook-rusage's line: "exit CODE wall_us N user_us N sys_us N maxrss_kb N".
bool readLauncher(const QString& path, SyncFigures& f)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QStringList parts =
        QString::fromUtf8(file.readAll()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 10 || parts[0] != QLatin1String("exit"))
        return false;
    f.exitCode = parts[1].toInt();
    f.wallMs = parts[3].toDouble() / 1000.0;
    f.userMs = parts[5].toDouble() / 1000.0;
    f.sysMs = parts[7].toDouble() / 1000.0;
    f.maxRssKb = parts[9].trimmed().toLongLong();
    return true;
}

void noteEvent(SyncFigures& f, const QByteArray& line, double atMs)
{
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QString name = o.value(QStringLiteral("event")).toString();
    if (name == QLatin1String("progress"))
        name = o.value(QStringLiteral("phase")).toString();
    if (name.isEmpty())
        return;
    for (const auto& e : f.events) {
        if (e.first == name)
            return;
    }
    f.events.append({name, atMs});
}

} // namespace

BuiltHistory buildHistory(const QString& path, int fills, qint64 endBeforeMs, qint64 rangeFromMs,
                          int stepFills, const std::function<void(const QString&)>& log,
                          quint32 maxGapMs)
{
    flat::Options o;
    o.seed = kSeed;
    o.sameMsAcrossSteps = false; // a step never starts before the cut the last one left
    o.tradeIncome = true;
    o.maxGapMs = maxGapMs;
    // The gap between fills: 0 one time in eight, else uniform over 1..G (G = 4,000: a mean of
    // 1,750 ms, a standard deviation of 1.27 s). Six standard deviations of the sum as margin
    // keep the end before endBeforeMs.
    const double g = maxGapMs;
    const double mean = 0.875 * (g + 1) / 2;
    const double meanSquare = 0.875 * (g + 1) * (2 * g + 1) / 6;
    const double sd = std::sqrt(meanSquare - mean * mean);
    const double spanMs = mean * fills + 6.0 * sd * std::sqrt(double(fills));
    o.startMs = endBeforeMs - 60'000 - qint64(spanMs);
    if (o.startMs <= rangeFromMs)
        throw failure(QStringLiteral("%1 fills do not fit after the range start").arg(fills));
    flat::Generator gen(o);
    fb::sync::EngineJournal journal(path, {});
    fb::sync::RunParams params;
    params.account = o.account;
    params.rangeFromMs = rangeFromMs;
    params.rangeToMs = o.startMs;
    params.rangeLabel = QStringLiteral("built history");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    journal.createRun(kRun, params, now);
    {
        fb::sync::RunPlan plan;
        fb::sync::SymbolPlan s;
        s.symbol = o.symbol;
        plan.symbols.append(s);
        journal.recordPlan(kRun, plan, now);
    }
    BuiltHistory built;
    built.firstTimeMs = o.startMs;
    fb::journal::RunCounters counters;
    qint64 newestId = 0;
    for (int done = 0; done < fills; done += stepFills) {
        QElapsedTimer t;
        t.start();
        // Two statements: the positions are those after this step's fills.
        const flat::Step step = gen.next(std::min(stepFills, fills - done));
        const QVector<fb::Position> positions = gen.positionRows({});
        params.rangeToMs = gen.lastTimeMs();
        QVector<fb::Income> income = step.funding + step.income;
        std::sort(income.begin(), income.end(), [](const fb::Income& a, const fb::Income& b) {
            return a.time < b.time || (a.time == b.time && a.tranId < b.tranId);
        });
        built.incomeRows += income.size();
        fb::sync::Coverage incomeCoverage;
        incomeCoverage.fromMs = rangeFromMs;
        incomeCoverage.toMs = params.rangeToMs;
        journal.commitIncomePage(kRun, income, o.account, incomeCoverage, counters);
        journal.storePositions(o.account, positions);
        fb::sync::SymbolFetch f;
        f.symbol = o.symbol;
        f.ok = true;
        f.fills = step.fills;
        f.orders = step.orders;
        for (const fb::Fill& fill : step.fills)
            newestId = std::max(newestId, fill.id);
        f.newestFillId = newestId;
        f.algoFetched = true; // the account has no algo orders: the walk found none
        f.recordsFetched = step.fills.size() + step.orders.size();
        const fb::sync::BatchCommit r = journal.commitBatch(kRun, params, {f}, counters, now);
        if (r.failed != 0)
            throw failure(QStringLiteral("the history's batch commit failed"));
        built.fills += step.fills.size();
        if (log)
            log(QStringLiteral("realrun build: %1 fills, step %2 ms")
                    .arg(built.fills)
                    .arg(t.elapsed()));
    }
    built.lastTimeMs = gen.lastTimeMs();
    if (built.lastTimeMs >= endBeforeMs)
        throw failure(QStringLiteral("the history ends after the time it had to end before"));
    fb::sync::RunSummary summary;
    summary.runId = kRun;
    summary.status = fb::sync::RunStatus::Completed;
    summary.symbolsTotal = 1;
    summary.symbolsCompleted = 1;
    summary.batchesDone = summary.batchesTotal = 1;
    journal.finishRun(kRun, fb::sync::RunStatus::Completed, summary, counters, nullptr);
    // The WAL goes into the database now, not in the first measured run.
    journal.checkpointWal();
    return built;
}

ServedAccount::ServedAccount(const QString& journalPath)
    : m_gen(continuation(journalPath))
{}

void ServedAccount::trade(int count, qint64 afterMs)
{
    m_gen.skipTo(afterMs);
    const flat::Step step = m_gen.next(count);
    for (const fb::Fill& f : step.fills)
        m_fills.append(f.raw);
    for (const fb::Order& o : step.orders)
        m_orders.append(o.raw);
    for (const fb::Income& i : step.funding + step.income)
        m_income.append(i.raw);
}

void ServedAccount::writeDataset(const QString& path) const
{
    QVector<QByteArray> positions;
    for (const fb::Position& p : m_gen.positionRows({})) {
        if (!p.positionAmt.isZero()) // the dataset lists open positions only
            positions.append(p.raw);
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw failure(QStringLiteral("cannot write %1").arg(path));
    file.write("{\"hedgeMode\":false,\"symbols\":[\"BTCUSDT\"],\n\"fills\":" + jsonArray(m_fills) +
               ",\n\"orders\":" + jsonArray(m_orders) + ",\n\"income\":" + jsonArray(m_income) +
               ",\n\"positions\":" + jsonArray(positions) + "}\n");
    if (!file.flush())
        throw failure(QStringLiteral("cannot write %1").arg(path));
}

SyncFigures syncOnce(const Tools& tools, const QString& journal, const QString& dataset,
                     quint16 port, const QString& home, int days)
{
    QProcess sim;
    sim.setProcessChannelMode(QProcess::SeparateChannels);
    sim.start(tools.sim, {QStringLiteral("--dataset"), dataset, QStringLiteral("--port"),
                          QString::number(port)});
    QByteArray simOut;
    QElapsedTimer waited;
    waited.start();
    while (!simOut.contains('\n') && waited.elapsed() < 60'000 &&
           sim.state() != QProcess::NotRunning) {
        sim.waitForReadyRead(1000);
        simOut += sim.readAllStandardOutput();
    }
    if (!simOut.startsWith("listening on ")) {
        sim.kill();
        sim.waitForFinished(10'000);
        throw failure(
            QStringLiteral("fillbook-sim did not start: %1 %2")
                .arg(QString::fromUtf8(simOut), QString::fromUtf8(sim.readAllStandardError())));
    }

    SyncFigures f;
    f.fillsBefore = journalFills(journal);
    QDir(home).mkpath(QStringLiteral("config"));
    QDir(home).mkpath(QStringLiteral("data"));
    QDir(home).mkpath(QStringLiteral("cache"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(fb::sim::kDemoApiKey));
    env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(fb::sim::kDemoApiSecret));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), QDir(home).filePath(QStringLiteral("cache")));
    const QString figures = QDir(home).filePath(QStringLiteral("rusage.txt"));
    QFile::remove(figures);
    QProcess cli;
    cli.setProcessEnvironment(env);
    cli.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    cli.start(tools.rusage,
              {figures, tools.cli, QStringLiteral("--db"), journal, QStringLiteral("sync"),
               QStringLiteral("--account"), QStringLiteral("main"), QStringLiteral("--base-url"),
               QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--days"),
               QString::number(days), QStringLiteral("--json-progress")});
    QByteArray lastLine;
    QByteArray err;
    while (true) {
        // Each line as it arrives: the CLI flushes every JSON event.
        const bool running = cli.state() != QProcess::NotRunning;
        if (running)
            cli.waitForReadyRead(50);
        while (cli.canReadLine()) {
            const QByteArray line = cli.readLine().trimmed();
            noteEvent(f, line, double(t.nsecsElapsed()) / 1e6);
            if (!line.isEmpty())
                lastLine = line;
        }
        err += cli.readAllStandardError();
        if (!running)
            break;
    }
    const QByteArray rest = cli.readAllStandardOutput().trimmed();
    if (!rest.isEmpty()) {
        noteEvent(f, rest, double(t.nsecsElapsed()) / 1e6);
        lastLine = rest.split('\n').last();
    }
    err += cli.readAllStandardError();
    sim.terminate();
    if (!sim.waitForFinished(30'000))
        sim.kill();
    if (cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0 ||
        !readLauncher(figures, f))
        throw failure(QStringLiteral("fillbook-rusage failed: %1").arg(QString::fromUtf8(err)));
    f.output = QString::fromUtf8(err + lastLine);
    f.fillsAfter = journalFills(journal);
    return f;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        throw failure(QStringLiteral("no free port on 127.0.0.1"));
    return server.serverPort();
}

qint64 journalFills(const QString& path)
{
    fb::journal::Database db(path,
                             {fb::journal::OpenMode::ReadOnly, QStringLiteral("bench"), false});
    return fb::journal::RawStore(db).counts().fills;
}

} // namespace fbtest::realrun
