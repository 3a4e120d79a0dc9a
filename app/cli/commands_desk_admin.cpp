// `fillbook-cli desk grant-trader|grant-reader|grant-read|browse`: a desk's roles and read-only
// browsing of another account (docs/sharing.md, "A desk"). The admin's password comes from
// FILLBOOK_DESK_PASSWORD like every desk command; a new role's password from one line of
// standard input (--password-stdin), never from the command line, and reaches the server as a
// SCRAM verifier only.

#include "app/cli/commands_desk.h"
#include "app/cli/text_table.h"
#include "sync/journal/desk_access.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/share/desk_password.h"

#include <QTextStream>

#include <cstdio>

namespace fb::cli {

using namespace fb::journal;

namespace {

const QLatin1String kGrantTrader{"grant-trader"};
const QLatin1String kGrantReader{"grant-reader"};
const QLatin1String kGrantRead{"grant-read"};
const QLatin1String kRevokeRead{"revoke-read"};
const QLatin1String kBrowse{"browse"};

// --url, or the URL `desk init` saved in the journal; empty (a sentence printed) when neither.
// The desk of --url, or of the URL `desk init` saved (the journal is opened only then); empty
// (and one sentence printed) when there is none or it is not acceptable.
std::optional<DeskEndpoint> endpointFromOptions(const QCommandLineParser& parser, Context& context)
{
    QString url;
    if (parser.isSet(QStringLiteral("url"))) {
        url = parser.value(QStringLiteral("url"));
    } else {
        const auto db = openJournalForReading(context);
        if (!db)
            return std::nullopt;
        url = deskUrlText(parser, context, *db);
    }
    if (url.isEmpty())
        return std::nullopt;
    return deskEndpointFor(url, context);
}

bool checkRole(const QString& sub, const QString& role, Context& context)
{
    if (role.isEmpty()) {
        context.error(QStringLiteral("desk %1 needs the name of a role: fillbook-cli desk %1 ROLE.")
                          .arg(sub));
        return false;
    }
    if (!DeskAccess::isValidRoleName(role)) {
        context.error(QStringLiteral("'%1' is not a role name this desk accepts (letters, digits "
                                     "and '_', starting with a letter or '_').")
                          .arg(role));
        return false;
    }
    return true;
}

int grantGroup(const QString& sub, const QString& role, const QCommandLineParser& parser,
               Context& context)
{
    if (!checkRole(sub, role, context))
        return sync::exit_code::Usage;
    std::optional<QString> verifier;
    if (parser.isSet(QStringLiteral("password-stdin"))) {
        QTextStream in(stdin);
        QString password = in.readLine();
        if (password.endsWith(QLatin1Char('\r')))
            password.chop(1);
        if (password.isEmpty()) {
            context.error(QStringLiteral("--password-stdin needs the role's password as one line "
                                         "on standard input."));
            return sync::exit_code::Usage;
        }
        verifier = share::scramSha256Verifier(password);
    }
    const std::optional<DeskEndpoint> endpoint = endpointFromOptions(parser, context);
    if (!endpoint)
        return sync::exit_code::Usage;
    DeskConnection desk(*endpoint, QStringLiteral("cli"));
    const bool trader = sub == kGrantTrader;
    const bool created = DeskAccess(desk).grantGroup(
        role, trader ? DeskAccess::Group::Trader : DeskAccess::Group::Reader, verifier);
    const QString what =
        trader ? QStringLiteral("a trader on %1: it writes its own accounts and reads those "
                                "granted to it")
                     .arg(endpoint->display())
               : QStringLiteral("a desk reader on %1: it reads every account and writes nothing")
                     .arg(endpoint->display());
    context.out << QStringLiteral("Role %1%2 is %3.\n")
                       .arg(role,
                            created                ? QStringLiteral(" (created)")
                            : verifier.has_value() ? QStringLiteral(" (new password)")
                                                   : QString(),
                            what);
    return sync::exit_code::Ok;
}

int grantRead(const QString& sub, const QString& role, const QCommandLineParser& parser,
              Context& context)
{
    if (!checkRole(sub, role, context))
        return sync::exit_code::Usage;
    if (!parser.isSet(QStringLiteral("account"))) {
        context.error(QStringLiteral("desk %1 needs the account: fillbook-cli desk %1 ROLE "
                                     "--account NAME.")
                          .arg(sub));
        return sync::exit_code::Usage;
    }
    const QString account = parser.value(QStringLiteral("account"));
    const std::optional<DeskEndpoint> endpoint = endpointFromOptions(parser, context);
    if (!endpoint)
        return sync::exit_code::Usage;
    DeskConnection desk(*endpoint, QStringLiteral("cli"));
    QString outcome;
    if (sub == kGrantRead)
        outcome = DeskAccess(desk).grantRead(role, account) ? QStringLiteral("may now read")
                                                            : QStringLiteral("could already read");
    else
        outcome = DeskAccess(desk).revokeRead(role, account)
                      ? QStringLiteral("may no longer read")
                      : QStringLiteral("had no grant to read");
    context.out << QStringLiteral("Role %1 %2 account %3 on %4.\n")
                       .arg(role, outcome, account, endpoint->display());
    return sync::exit_code::Ok;
}

int browse(const QCommandLineParser& parser, Context& context)
{
    if (!parser.isSet(QStringLiteral("account"))) {
        context.error(QStringLiteral("desk browse needs the account: fillbook-cli desk browse "
                                     "--account NAME."));
        return sync::exit_code::Usage;
    }
    const QString account = parser.value(QStringLiteral("account"));
    const std::optional<DeskEndpoint> endpoint = endpointFromOptions(parser, context);
    if (!endpoint)
        return sync::exit_code::Usage;
    DeskConnection desk(*endpoint, QStringLiteral("cli"));
    desk_schema::require(desk);
    DeskAccess access(desk);
    if (!access.mayRead(account))
        throw DeskError(DeskError::Kind::Auth,
                        QStringLiteral("Role '%1' may not read account %2 on this desk; its "
                                       "admin can allow it with 'fillbook-cli desk grant-read %1 "
                                       "--account %2'.")
                            .arg(endpoint->user, account));
    const QString owner = access.ownerOf(account);
    const QVector<BrowsedTrade> trades = access.browse(account);
    context.out << QStringLiteral("Account %1 on %2 (%3), read-only: %4 trade(s).\n")
                       .arg(account, endpoint->display(),
                            owner.isEmpty() ? QStringLiteral("never pushed")
                                            : QStringLiteral("owner %1").arg(owner))
                       .arg(trades.size());
    if (trades.isEmpty())
        return sync::exit_code::Ok;
    TextTable table;
    table.addColumn(QStringLiteral("Trade"));
    table.addColumn(QStringLiteral("Opened (UTC)"));
    table.addColumn(QStringLiteral("Closed (UTC)"));
    table.addColumn(QStringLiteral("Side"));
    table.addColumn(QStringLiteral("Status"));
    table.addColumn(QStringLiteral("Net PnL"), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Tags"));
    table.addColumn(QStringLiteral("Note"));
    for (const BrowsedTrade& t : trades) {
        QString note = t.note;
        note.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        table.addRow({t.key, formatUtc(t.openTime),
                      t.closeTime ? formatUtc(*t.closeTime) : QStringLiteral("-"), t.direction,
                      t.status, t.netPnl + QLatin1Char(' ') + t.marginAsset,
                      t.tags.join(QLatin1Char(',')), note});
    }
    table.print(context.out);
    return sync::exit_code::Ok;
}

} // namespace

bool isDeskAdminCommand(const QString& sub)
{
    return sub == kGrantTrader || sub == kGrantReader || sub == kGrantRead || sub == kRevokeRead ||
           sub == kBrowse;
}

int runDeskAdmin(const QString& sub, const QString& role, const QCommandLineParser& parser,
                 Context& context)
{
    if (sub == kGrantTrader || sub == kGrantReader)
        return grantGroup(sub, role, parser, context);
    if (sub == kGrantRead || sub == kRevokeRead)
        return grantRead(sub, role, parser, context);
    return browse(parser, context);
}

QList<QCommandLineOption> deskAdminOptions()
{
    return {QCommandLineOption(QStringLiteral("password-stdin"),
                               QStringLiteral("desk grant-trader/grant-reader: create the role, "
                                              "or set its password, from one line of standard "
                                              "input."))};
}

} // namespace fb::cli
