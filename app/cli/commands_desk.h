#pragma once
// What the desk commands share (commands_desk.cpp, commands_desk_admin.cpp): the exit code of a
// desk error and the endpoint of a URL with the password from FILLBOOK_DESK_PASSWORD.

#include "app/cli/cli_common.h"
#include "sync/journal/desk_connection.h"

#include <QCommandLineOption>
#include <QString>

#include <optional>

namespace fb::cli {

// 0 done; 1 refused by the server; 2 bad input; 4 user, password or grants refused; 6 offline.
int deskExitCode(journal::DeskError::Kind kind);
// The endpoint of `url`; empty (and one sentence printed) when the URL is not acceptable.
std::optional<journal::DeskEndpoint> deskEndpointFor(const QString& url, Context& context);
// The URL of --url, or the one `desk init` saved in `db`; empty (and a sentence printed) when
// neither.
QString deskUrlText(const QCommandLineParser& parser, Context& context, journal::Database& db);

// desk grant-trader ROLE | grant-reader ROLE [--password-stdin] | grant-read ROLE --account A |
// revoke-read ROLE --account A | browse --account A: the desk's roles and read-only browsing
// (docs/sharing.md, "A desk").
bool isDeskAdminCommand(const QString& sub);
// Throws DeskError (runDesk prints it).
int runDeskAdmin(const QString& sub, const QString& role, const QCommandLineParser& parser,
                 Context& context);
QList<QCommandLineOption> deskAdminOptions();

} // namespace fb::cli
