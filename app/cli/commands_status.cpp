// `fillbook-cli status`: where the journal is, what is in it, and how its sync runs went.

#include "app/cli/cli_common.h"
#include "sync/engine/lock_identity.h"
#include "sync/engine/resume_guard.h"
#include "sync/engine/run_types.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/integrity_record.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/run_store.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace fb::cli {

using namespace fb::journal;

namespace {

QString progressText(const RunRecord& run)
{
    if (run.counters.plannedUnits <= 0)
        return QStringLiteral("0%");
    const qint64 percent =
        std::min<qint64>(100, run.counters.doneUnits * 100 / run.counters.plannedUnits);
    return QStringLiteral("%1%").arg(percent);
}

qint64 durationOf(const RunRecord& run)
{
    const qint64 start = run.startedAt.value_or(run.createdAt);
    const qint64 end = run.endedAt.value_or(run.updatedAt);
    return std::max<qint64>(0, end - start);
}

// The status as text (padded to `width`), in green, red or yellow on a terminal.
QString colourFor(RunStatus status, bool colour, int width = 0)
{
    const QString text = runStatusName(status).leftJustified(width);
    if (!colour)
        return text;
    const bool good = status == RunStatus::Completed;
    const bool bad = status == RunStatus::Failed;
    const char* code = good ? "32" : (bad ? "31" : "33");
    return QStringLiteral("\x1b[%1m%2\x1b[0m").arg(QLatin1String(code), text);
}

// How long a symbol's last attempt took (a resume starts a retried symbol again); nothing for a
// symbol that has not ended.
std::optional<qint64> symbolDuration(const RunSymbolRecord& s)
{
    if (!s.startedAt || !s.endedAt)
        return std::nullopt;
    return std::max<qint64>(0, *s.endedAt - *s.startedAt);
}

// Symbols often take well under a second: tenths below 10 s, so "0 s" does not hide them.
QString symbolDurationText(qint64 ms)
{
    if (ms >= 10'000)
        return sync::formatDuration(ms);
    return QStringLiteral("%1.%2 s").arg(ms / 1000).arg((ms % 1000) / 100);
}

double successRate(const SymbolTally& tally)
{
    const qint64 attempted = tally.completed + tally.failed;
    return attempted == 0 ? 1.0 : double(tally.completed) / double(attempted);
}

QJsonObject runJson(const RunRecord& run, const SymbolTally& tally,
                    const QVector<RunSymbolRecord>& symbols)
{
    QJsonArray symbolRows;
    for (const RunSymbolRecord& s : symbols) {
        const auto duration = symbolDuration(s);
        symbolRows.append(QJsonObject{
            {QStringLiteral("symbol"), s.symbol},
            {QStringLiteral("status"), symbolStatusName(s.status)},
            {QStringLiteral("recordsFetched"), s.recordsFetched},
            {QStringLiteral("inserted"), s.inserted},
            {QStringLiteral("duplicates"), s.duplicates},
            {QStringLiteral("retries"), s.retries},
            {QStringLiteral("durationMs"), duration ? QJsonValue(*duration) : QJsonValue()},
            {QStringLiteral("error"), s.error}});
    }
    const RunCounters& c = run.counters;
    return QJsonObject{
        {QStringLiteral("id"), run.id},
        {QStringLiteral("account"), run.account},
        {QStringLiteral("status"), runStatusName(run.status)},
        {QStringLiteral("startedAt"), run.startedAt.value_or(run.createdAt)},
        {QStringLiteral("endedAt"), run.endedAt ? QJsonValue(*run.endedAt) : QJsonValue()},
        {QStringLiteral("durationMs"), durationOf(run)},
        {QStringLiteral("progress"), progressText(run)},
        {QStringLiteral("inserted"), run.counters.inserted},
        {QStringLiteral("updated"), run.counters.updated},
        {QStringLiteral("duplicates"), run.counters.duplicates},
        {QStringLiteral("failedSymbols"), run.counters.failedSymbols},
        {QStringLiteral("retries"), run.counters.retries},
        {QStringLiteral("requests"), run.counters.requests},
        {QStringLiteral("weight"), run.counters.weight},
        {QStringLiteral("tradesInserted"), c.tradesInserted},
        {QStringLiteral("tradesUpdated"), c.tradesUpdated},
        {QStringLiteral("invalidTrades"), c.invalidTrades},
        {QStringLiteral("batchesDone"), c.batchesDone},
        {QStringLiteral("batchesTotal"), c.batchesTotal},
        {QStringLiteral("symbolsTotal"), tally.total()},
        {QStringLiteral("symbolsCompleted"), tally.completed},
        {QStringLiteral("symbolsFailed"), tally.failed},
        {QStringLiteral("successRate"), successRate(tally)},
        {QStringLiteral("message"), run.error},
        {QStringLiteral("symbols"), symbolRows}};
}

void printRun(Context& context, const RunRecord& run, const SymbolTally& tally,
              const QVector<RunSymbolRecord>& symbols, bool colour)
{
    const RunCounters& c = run.counters;
    QTextStream& out = context.out;
    out << QStringLiteral("Run %1: %2\n").arg(run.id, colourFor(run.status, colour));
    out << QStringLiteral("  account %1, started %2 UTC, %3, progress %4\n")
               .arg(run.account, formatUtc(run.startedAt.value_or(run.createdAt)),
                    sync::formatDuration(durationOf(run)), progressText(run));
    out << QStringLiteral("  %1 records inserted, %2 updated, %3 duplicates skipped, %4 failed "
                          "symbols, %5 retries, %6 requests (weight %7)\n")
               .arg(run.counters.inserted)
               .arg(run.counters.updated)
               .arg(run.counters.duplicates)
               .arg(run.counters.failedSymbols)
               .arg(run.counters.retries)
               .arg(run.counters.requests)
               .arg(run.counters.weight);
    out << QStringLiteral("  %1 trades inserted, %2 updated, %3 invalid; success rate %4; %5\n")
               .arg(c.tradesInserted)
               .arg(c.tradesUpdated)
               .arg(c.invalidTrades)
               .arg(successRateText(tally.completed, tally.failed),
                    batchesText(c.batchesDone, c.batchesTotal));
    if (!run.error.isEmpty())
        out << QStringLiteral("  %1\n").arg(run.error);
    for (const RunSymbolRecord& s : symbols) {
        const auto duration = symbolDuration(s);
        out << QStringLiteral("  %1 %2 %3 records, %4 inserted, %5, %6 %7%8\n")
                   .arg(s.symbol.leftJustified(14), symbolStatusName(s.status).leftJustified(12))
                   .arg(s.recordsFetched)
                   .arg(s.inserted)
                   .arg(duration ? symbolDurationText(*duration) : QStringLiteral("—"))
                   .arg(s.retries)
                   .arg(s.retries == 1 ? QStringLiteral("retry") : QStringLiteral("retries"))
                   .arg(s.error.isEmpty() ? QString() : QStringLiteral(" — ") + s.error);
    }
    if (isResumable(run.status))
        out << QStringLiteral("  Resume with: %1\n")
                   .arg(resumeCommand(context, run.id, sync::storedParams(run).endpoint));
    else if (canRetryFailedSymbols(run.status))
        out << QStringLiteral("  Retry its failed symbols with: %1\n")
                   .arg(resumeCommand(context, run.id, sync::storedParams(run).endpoint));
}

// A run whose process died, or that waited too long, is shown as what it is now (docs/design.md
// §3.5): the stale-run rule runs before reading, through a writer opened only when there is
// something to recover and the file may be written (never creating anything). A journal that
// cannot be written is shown as stored; the next sync recovers it.
void recoverStaleRuns(const Context& context, Database& reader)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (sync::findStaleRuns(reader, now).isEmpty() || !QFileInfo(context.journalPath).isWritable())
        return;
    try {
        Database writer(context.journalPath,
                        {OpenMode::ReadWrite, QStringLiteral("cli-recovery"), false});
        sync::recoverStaleRuns(writer, now);
    } catch (const JournalError&) {
        // Busy, read-only file system...: status still shows what is stored.
    }
}

} // namespace

QList<QCommandLineOption> statusOptions()
{
    return {
        QCommandLineOption(QStringLiteral("latest"),
                           QStringLiteral("Show the latest run (default).")),
        QCommandLineOption(QStringLiteral("all"), QStringLiteral("List every run, newest first.")),
        QCommandLineOption(QStringLiteral("failed"), QStringLiteral("Show only failed symbols.")),
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON."))};
}

int runStatus(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    if (args.size() > 1) {
        context.error(QStringLiteral("status takes at most one run id."));
        return sync::exit_code::Usage;
    }
    const std::unique_ptr<Database> db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    // A damaged page can sit in a table that none of the counts below reads: status is where
    // a person looks to see whether the journal is sound, so it checks every page.
    const QStringList problems = db->integrityProblems(1);
    if (!problems.isEmpty()) {
        context.error(damagedJournal(context.journalPath, problems.constFirst()).message());
        return sync::exit_code::Journal;
    }
    // A passed check vouches for the file as a writer's would (D157).
    notePassedCheck(context.journalPath, journalFileState(context.journalPath),
                    QDateTime::currentMSecsSinceEpoch(), false);
    recoverStaleRuns(context, *db);
    const bool all = parser.isSet(QStringLiteral("all"));
    const bool failedOnly = parser.isSet(QStringLiteral("failed"));
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool colour =
        !json && ::isatty(STDOUT_FILENO) == 1 && qEnvironmentVariableIsEmpty("NO_COLOR");

    // One snapshot, so the numbers agree with each other while a sync is writing.
    Transaction snapshot(*db, Transaction::Mode::Deferred);
    const int version = db->schemaVersion();
    const RawCounts raw = RawStore(*db).counts();
    const TradeCounts trades = TradeStore(*db).countTrades();
    const qint64 conflicts = ConflictStore(*db).openCount();
    RunStore runStore(*db);
    QVector<RunRecord> runs;
    if (!args.isEmpty()) {
        const auto run = runStore.run(args.first());
        if (!run) {
            context.error(QStringLiteral("Run '%1' not found.").arg(args.first()));
            return sync::exit_code::Usage;
        }
        runs = {*run};
    } else if (all) {
        runs = runStore.listRuns(1000);
    } else if (const auto latest = runStore.latestRun()) {
        runs = {*latest};
    }
    const QVector<SymbolStatus> failedFilter{SymbolStatus::Failed};
    QVector<QVector<RunSymbolRecord>> symbols;
    QVector<SymbolTally> tallies;
    for (const RunRecord& r : runs)
        tallies.append(runStore.symbolTally(r.id));
    for (const RunRecord& r : runs)
        symbols.append(
            all && !failedOnly
                ? QVector<RunSymbolRecord>()
                : runStore.runSymbols(r.id, failedOnly ? failedFilter : QVector<SymbolStatus>()));
    snapshot.commit();

    if (json) {
        QJsonArray runArray;
        for (qsizetype i = 0; i < runs.size(); ++i)
            runArray.append(runJson(runs[i], tallies[i], symbols[i]));
        const QJsonObject journal{{QStringLiteral("path"), context.journalPath},
                                  {QStringLiteral("schemaVersion"), version},
                                  {QStringLiteral("fills"), raw.fills},
                                  {QStringLiteral("income"), raw.income},
                                  {QStringLiteral("orders"), raw.orders},
                                  {QStringLiteral("trades"), trades.total},
                                  {QStringLiteral("openTrades"), trades.open},
                                  {QStringLiteral("closedTrades"), trades.closed},
                                  {QStringLiteral("invalidTrades"), trades.invalid},
                                  {QStringLiteral("openConflicts"), conflicts}};
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("journal"), journal},
                                                 {QStringLiteral("runs"), runArray}})
                           .toJson(QJsonDocument::Indented);
        return sync::exit_code::Ok;
    }

    QTextStream& out = context.out;
    const auto line = [&out](const char* label, const QString& value) {
        out << QString(QLatin1String(label) + QLatin1Char(':')).leftJustified(16) << value << '\n';
    };
    if (args.isEmpty()) {
        line("Journal", context.journalPath);
        line("Schema version", QString::number(version));
        line("Fills", QString::number(raw.fills));
        line("Income rows", QString::number(raw.income));
        line("Orders", QString::number(raw.orders));
        QString tradeLine = QStringLiteral("%1 (%2 open, %3 closed")
                                .arg(trades.total)
                                .arg(trades.open)
                                .arg(trades.closed);
        if (trades.invalid > 0)
            tradeLine += QStringLiteral(", %1 invalid").arg(trades.invalid);
        line("Trades", tradeLine + QLatin1Char(')'));
        line("Open conflicts", QString::number(conflicts));
        if (runs.isEmpty())
            line("Latest run", QStringLiteral("none yet"));
    }
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (all && !failedOnly) {
            const RunRecord& r = runs[i];
            out << QStringLiteral("%1  %2 %3 UTC  %4  %5  %6 inserted, %7 failed symbols, "
                                  "success rate %8\n")
                       .arg(r.id, colourFor(r.status, colour, 21),
                            formatUtc(r.startedAt.value_or(r.createdAt)),
                            sync::formatDuration(durationOf(r)).rightJustified(10),
                            progressText(r).rightJustified(4))
                       .arg(r.counters.inserted)
                       .arg(r.counters.failedSymbols)
                       .arg(successRateText(tallies[i].completed, tallies[i].failed));
        } else {
            printRun(context, runs[i], tallies[i], symbols[i], colour);
        }
    }
    return sync::exit_code::Ok;
}

} // namespace fb::cli
