// Argument parsing and dispatch. Commands are the first positional argument; every option of
// every command is known to one QCommandLineParser, and options that do not belong to the
// chosen command are refused, so `fillbook-cli status --symbol X` is a usage error, not ignored.

#include "app/cli/cli.h"

#include "app/cli/cli_common.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/journal_paths.h"

#include <QCoreApplication>
#include <QSet>

#include <cstdio>

namespace fb::cli {

const QVector<Command>& commands()
{
    static const QVector<Command> all{
        {"sync", "Sync the account's history into the journal (incremental, resumable).",
         &syncOptions, &runSync, 0},
        {"candles",
         "Fetch the 1-minute candles of closed trades (charts, MAE/MFE); resumable, run after "
         "sync.",
         &candlesOptions, &runCandles, 0},
        {"resume", "Continue an interrupted or paused run: resume RUN_ID | --latest.",
         &resumeOptions, &runResume, 1},
        {"discard", "Give up an interrupted or paused run (its data is kept): RUN_ID | --latest.",
         &discardOptions, &runDiscard, 1},
        {"status", "Show the journal and its sync runs: [--latest | --all | RUN_ID] [--failed].",
         &statusOptions, &runStatus, 1},
        {"trades", "List journal trades, oldest first, as a table, CSV or JSON (export format).",
         &tradesOptions, &runTrades, 0},
        {"report",
         "Reports of closed trades by symbol, side, setup, tag, mistake, weekday, hour "
         "or duration.",
         &reportOptions, &runReport, 0},
        {"calendar", "The P&L calendar of a month: each day, week and the month, per asset.",
         &calendarOptions, &runCalendar, 0},
        {"filters",
         "Saved filters (for --filter NAME and the desktop): filters | save NAME [--account A] "
         "[--symbol A,B] [--status S] [--from D] [--to D] | delete NAME.",
         &filtersOptions, &runFilters, 2},
        {"positions",
         "The open positions of the last sync with their unrealized PnL (table, CSV or JSON).",
         &positionsOptions, &runPositions, 0},
        {"reconcile", "Show a run's reconciliation of fills against the income ledger.",
         &reconcileOptions, &runReconcile, 1},
        {"runs", "Tidy the run history: runs prune --older-than 30d.", &runsOptions, &runRuns, 1},
        {"compact",
         "Give the journal's free pages back to the disk (after candles --keep-minutes or "
         "runs prune).",
         &compactOptions, &runCompact, 0},
        {"note",
         "Write a trade's note, tags, setup, rating, mistakes or risk: note TRADE_KEY --text ...",
         &noteOptions, &runNote, 1},
        {"attach",
         "Images on a trade: attach TRADE_KEY FILE | --list TRADE_KEY | --remove TRADE_KEY "
         "HASH.",
         &attachOptions, &runAttach, 2},
        {"desk",
         "Share through a desk server: desk init --url URL | push | pull | status | "
         "conflicts | resolve KEY --keep mine|theirs | --merge --text T [--tags a,b] | "
         "grant-trader ROLE | grant-reader ROLE [--password-stdin] | grant-read ROLE "
         "--account A | revoke-read ROLE --account A | browse --account A | "

         "gc [--grace-hours N].",
         &deskOptions, &runDesk, 2},
    };
    return all;
}

namespace {

QCommandLineOption dbOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("db")},
        QStringLiteral("The journal file (default: %1).").arg(journal::defaultJournalPath()),
        QStringLiteral("PATH"));
}

// Options every command accepts (they matter to sync and resume; harmless elsewhere).
QList<QCommandLineOption> globalOptions()
{
    QCommandLineOption account(
        QStringLiteral("account"),
        QStringLiteral("The account's name in the journal (sync: default main; "
                       "trades, report, calendar: every account when "
                       "absent)."),
        QStringLiteral("NAME"), QStringLiteral("main"));
    QCommandLineOption baseUrl(QStringLiteral("base-url"),
                               QStringLiteral("The exchange (default https://fapi.binance.com; "
                                              "e.g. https://testnet.binancefuture.com)."),
                               QStringLiteral("URL"));
    QCommandLineOption demo(QStringLiteral("demo"),
                            QStringLiteral("Use the built-in simulated exchange and the demo "
                                           "journal (no keys, no network)."));
    return {account, baseUrl, demo};
}

const Command* findCommand(const QString& name)
{
    for (const Command& command : commands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

QString commandNames()
{
    QStringList names;
    for (const Command& command : commands())
        names.append(QLatin1String(command.name));
    return names.join(QStringLiteral(", "));
}

// Qt prints the program as invoked (often a full path); the usage line reads better with the
// name people type.
QString withProgramName(QString help)
{
    const QStringList arguments = QCoreApplication::arguments();
    const QString usage = QStringLiteral("Usage: ");
    if (!arguments.isEmpty() && help.startsWith(usage + arguments.constFirst()))
        help.replace(usage.size(), arguments.constFirst().size(), QStringLiteral("fillbook-cli"));
    return help;
}

QString generalHelp()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fillbook: a trading journal for Binance USD-M Futures, headless."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(dbOption());
    parser.addOptions(globalOptions());
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See below."),
                                 QStringLiteral("<command> [options]"));
    QString text = withProgramName(parser.helpText());
    text += QStringLiteral("\nCommands:\n");
    for (const Command& command : commands())
        text += QStringLiteral("  ") + QString::fromLatin1(command.name).leftJustified(10) +
                QString::fromUtf8(command.summary) + QLatin1Char('\n');
    text += QStringLiteral("\nRun 'fillbook-cli <command> --help' for the options of a command.\n"
                           "Keys come from FILLBOOK_API_KEY and FILLBOOK_API_SECRET, the desk "
                           "server's password from FILLBOOK_DESK_PASSWORD (never from "
                           "arguments).\n"
                           "Exit codes: 0 completed; 1 completed with errors (or the command "
                           "failed); 2 usage or bad input; 3 another sync holds the journal; 4 "
                           "authentication or permission failure; 5 paused (rate-limit ban, time "
                           "or batch limit: resume later); 6 network unreachable; 7 the journal "
                           "cannot be used (disk full, file size limit, I/O error, damaged, or "
                           "from a newer Fillbook); 130 interrupted (SIGINT, SIGTERM, SIGHUP).\n"
                           "Messages, dates and numbers here are in English and locale-free "
                           "whatever the system language (the desktop app also speaks Bahasa "
                           "Indonesia).\n");
    return text;
}

QString commandHelp(const Command& command)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(command.summary));
    parser.addHelpOption();
    parser.addOption(dbOption());
    parser.addOptions(globalOptions());
    parser.addOptions(command.options());
    parser.addPositionalArgument(QLatin1String(command.name), QStringLiteral("The command."),
                                 QLatin1String(command.name));
    return withProgramName(parser.helpText());
}

} // namespace

int run(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    out.setEncoding(QStringConverter::Utf8);
    err.setEncoding(QStringConverter::Utf8);
    Context context{out, err, QString()};
    const QString usageHint = QStringLiteral(" Run 'fillbook-cli --help' for usage.");

    QCommandLineParser parser;
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption db = dbOption();
    parser.addOption(db);
    parser.addOptions(globalOptions());
    // Every command's options, each once, remembering which command owns which.
    QHash<QString, QSet<QString>> owners; // option name -> commands
    for (const Command& command : commands()) {
        for (const QCommandLineOption& option : command.options()) {
            const QString name = option.names().constFirst();
            if (!owners.contains(name))
                parser.addOption(option);
            owners[name].insert(QLatin1String(command.name));
        }
    }

    if (!parser.parse(arguments)) {
        context.error(parser.errorText() + usageHint);
        return sync::exit_code::Usage;
    }
    if (parser.isSet(version)) {
        out << QStringLiteral("fillbook-cli ") << QCoreApplication::applicationVersion() << '\n';
        return sync::exit_code::Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        if (parser.isSet(help)) {
            out << generalHelp();
            return sync::exit_code::Ok;
        }
        context.error(QStringLiteral("no command given (commands: %1).").arg(commandNames()) +
                      usageHint);
        return sync::exit_code::Usage;
    }
    const Command* command = findCommand(positional.first());
    if (!command) {
        context.error(QStringLiteral("unknown command '%1' (commands: %2).")
                          .arg(positional.first(), commandNames()) +
                      usageHint);
        return sync::exit_code::Usage;
    }
    if (parser.isSet(help)) {
        out << commandHelp(*command);
        return sync::exit_code::Ok;
    }
    if (positional.size() > 1 + command->maxArguments) {
        context.error(
            QStringLiteral("'%1' takes %2 (got '%3').")
                .arg(positional.first(),
                     command->maxArguments == 0 ? QStringLiteral("no arguments")
                     : command->maxArguments == 1
                         ? QStringLiteral("at most one argument")
                         : QStringLiteral("at most %1 arguments").arg(command->maxArguments),
                     positional.last()) +
            usageHint);
        return sync::exit_code::Usage;
    }
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        if (parser.isSet(it.key()) && !it.value().contains(QLatin1String(command->name))) {
            context.error(QStringLiteral("--%1 is not an option of '%2'.")
                              .arg(it.key(), QLatin1String(command->name)) +
                          usageHint);
            return sync::exit_code::Usage;
        }
    }
    // The demo has a journal of its own, so that trying it never mixes with real history.
    context.journalPath = parser.isSet(db) ? parser.value(db)
                          : parser.isSet(QStringLiteral("demo"))
                              ? journal::defaultJournalPath(journal::JournalFile::Demo)
                              : journal::defaultJournalPath();
    if (context.journalPath.isEmpty()) {
        context.error(QStringLiteral("--db needs a path.") + usageHint);
        return sync::exit_code::Usage;
    }

    try {
        return command->run(parser, context);
    } catch (const fb::journal::JournalError& error) {
        return context.journalError(error);
    } catch (const std::exception& error) {
        context.error(QStringLiteral("unexpected error: %1").arg(QString::fromUtf8(error.what())));
        return sync::exit_code::Failed;
    }
}

} // namespace fb::cli
