#pragma once
// Which trades a read command (trades, report, calendar) looks at: --filter NAME (a saved filter
// of the journal), --account NAME and --symbol A,B (issue 14). Without --account the read
// commands take every account of the journal (sync's --account still defaults to main:
// docs/design.md D139); an option given explicitly replaces that part of the saved
// filter.

#include "app/cli/cli_common.h"
#include "sync/journal/trade_queries.h"

namespace fb::cli {

QCommandLineOption symbolsOption();
QCommandLineOption savedFilterOption();
// --status open|closed, --from and --to (the opening day, UTC) of `trades` and `filters save`.
QCommandLineOption statusOption();
QCommandLineOption openedFromOption();
QCommandLineOption openedToOption();

// Fills `query` from --filter, then --account and --symbol. False after one sentence on stderr
// (an unknown saved filter, an account the journal does not know, an empty symbol list): the
// command then exits with sync::exit_code::Usage (2).
bool readTradeSelection(const QCommandLineParser& parser, Context& context,
                        fb::journal::Database& db, fb::journal::TradeQuery& query);

} // namespace fb::cli
