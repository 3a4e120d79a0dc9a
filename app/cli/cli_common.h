#pragma once
// What every command shares: the output streams, the journal path, opening the journal
// read-only with one clear sentence when that is not possible, and the command table.

#include "sync/engine/exit_codes.h"
#include "sync/journal/database.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace fb::cli {

struct Context
{
    QTextStream& out;
    QTextStream& err;
    QString journalPath;
    // The exit code of the last failed openJournalForReading().
    int openFailure = sync::exit_code::Usage;

    // "fillbook-cli: <sentence>" on stderr.
    void error(const QString& sentence);
    // A journal error as one sentence on stderr; returns its exit code (the one mapping of
    // sync::exit_code::exitCodeFor, the same for every command).
    int journalError(const fb::journal::JournalError& error);
};

// Opens the journal read-only (never creating it). On failure prints one sentence and returns
// nullptr; the command then exits with context.openFailure: 2 for a missing, unreadable or
// foreign file, 7 for a journal this build cannot use (too new, damaged).
std::unique_ptr<fb::journal::Database> openJournalForReading(Context& context);

// "2025-11-01 08:00:00" (UTC).
QString formatUtc(qint64 ms);

// --from/--to (YYYY-MM-DD) as the first and last millisecond of those days in `zone`, each left
// unset when its option is; false after one sentence naming the option that is not a date.
bool readDayOptions(const QCommandLineParser& parser, Context& context, const QTimeZone& zone,
                    std::optional<qint64>& fromMs, std::optional<qint64>& toMs);

// --format table|csv|json (default table), and its value checked: nullopt after one sentence.
QCommandLineOption formatOption();
std::optional<QString> readFormat(const QCommandLineParser& parser, Context& context);

// "95 % (38 of 40 symbols)": completed ÷ attempted (completed + failed) symbols, rounded down
// so that a run with a failure never reads 100 %; "no symbols attempted" when there were none.
QString successRateText(qint64 completed, qint64 failed);

// "8/8 batches".
QString batchesText(qint64 done, qint64 total);

// The complete command that resumes `runId` of this journal, ready to paste: --db unless the
// journal is the default one (the demo's, for a demo run), and --demo or --base-url unless the
// run was started against production. `endpoint` is the run's (RunParams::endpoint; "" when not
// recorded).
QString resumeCommand(const Context& context, const QString& runId, const QString& endpoint);

struct Command
{
    const char* name;
    const char* summary;
    // Options of the command (added to the parser next to the global ones).
    QList<QCommandLineOption> (*options)();
    int (*run)(const QCommandLineParser& parser, Context& context);
    int maxArguments = 0; // positional arguments after the command name (run ids, "prune")
};

// Every command, in the order of the help text. Defined in cli.cpp.
const QVector<Command>& commands();

// Defined in the commands_*.cpp files.
QList<QCommandLineOption> statusOptions();
int runStatus(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> tradesOptions();
int runTrades(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> reportOptions();
int runReport(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> calendarOptions();
int runCalendar(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> syncOptions();
int runSync(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> resumeOptions();
int runResume(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> discardOptions();
int runDiscard(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> reconcileOptions();
int runReconcile(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> runsOptions();
int runRuns(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> deskOptions();
int runDesk(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> candlesOptions();
int runCandles(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> compactOptions();
int runCompact(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> positionsOptions();
int runPositions(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> noteOptions();
int runNote(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> attachOptions();
int runAttach(const QCommandLineParser& parser, Context& context);
QList<QCommandLineOption> filtersOptions();
int runFilters(const QCommandLineParser& parser, Context& context);

} // namespace fb::cli
