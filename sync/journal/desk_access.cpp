#include "sync/journal/desk_access.h"

#include "sync/journal/desk_schema.h"
#include "sync/journal/desk_sql.h"
#include "sync/journal/json_lists.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace fb::journal {

namespace {

QString quotedRole(const QString& role)
{
    return QLatin1Char('"') + role + QLatin1Char('"'); // isValidRoleName: no quote inside
}

QString groupName(DeskAccess::Group group)
{
    return QLatin1String(group == DeskAccess::Group::Trader ? desk_schema::kTraderGroup
                                                            : desk_schema::kReaderGroup);
}

} // namespace

DeskAccess::DeskAccess(DeskConnection& desk)
    : m_desk(desk)
{}

bool DeskAccess::isValidRoleName(const QString& role)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return pattern.match(role).hasMatch();
}

QString DeskAccess::currentRole()
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT current_user"), {}, QStringLiteral("read the role"))
        .toString();
}

bool DeskAccess::roleExists(const QString& role)
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)"), {role},
                QStringLiteral("look up role %1").arg(role))
        .toBool();
}

void DeskAccess::requireRoleAdmin(const QString& what)
{
    const bool admin =
        DeskSql(m_desk)
            .scalar(QStringLiteral("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE "
                                   "rolname = current_user"),
                    {}, what)
            .toBool();
    if (!admin)
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("Role '%1' may not manage this desk's roles; run this as "
                                       "the desk's admin (a role with CREATEROLE that ran desk "
                                       "init).")
                            .arg(currentRole()));
}

bool DeskAccess::grantGroup(const QString& role, Group group,
                            const std::optional<QString>& passwordVerifier)
{
    const QString what = QStringLiteral("grant %1 to %2").arg(groupName(group), role);
    desk_schema::require(m_desk);
    requireRoleAdmin(what);
    DeskSql sql(m_desk);
    const bool exists = roleExists(role);
    if (!exists && !passwordVerifier)
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("The desk server has no role '%1'; give it a password with "
                                       "--password-stdin to create it.")
                            .arg(role));
    // A utility statement takes no parameters: the verifier is base64, digits, '$' and ':'
    // only, the role name is checked by isValidRoleName.
    if (passwordVerifier) {
        static const QRegularExpression verifierPattern(
            QStringLiteral("^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:"
                           "[A-Za-z0-9+/=]+$"));
        if (!verifierPattern.match(*passwordVerifier).hasMatch())
            throw DeskError(
                DeskError::Kind::Config,
                QStringLiteral("The password verifier for role '%1' is malformed.").arg(role));
        sql.run(QStringLiteral("%1 ROLE %2 LOGIN PASSWORD '%3'")
                    .arg(exists ? QStringLiteral("ALTER") : QStringLiteral("CREATE"),
                         quotedRole(role), *passwordVerifier),
                {}, what);
    }
    sql.run(QStringLiteral("GRANT %1 TO %2").arg(groupName(group), quotedRole(role)), {}, what);
    return !exists;
}

void DeskAccess::requireGrantsAdmin(DeskSql& sql, const QString& privilege, const QString& what)
{
    // Only the owner of account_grants (the desk's admin) may change who reads what.
    if (!sql.scalar(QStringLiteral("SELECT has_table_privilege('fillbook.account_grants', ?)"),
                    {privilege}, what)
             .toBool())
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("Role '%1' may not grant access to accounts on this desk; "
                                       "run this as the desk's admin (the role that ran desk "
                                       "init).")
                            .arg(currentRole()));
}

bool DeskAccess::grantRead(const QString& role, const QString& account)
{
    const QString what = QStringLiteral("let %1 read account %2").arg(role, account);
    desk_schema::require(m_desk);
    DeskSql sql(m_desk);
    requireGrantsAdmin(sql, QStringLiteral("INSERT"), what);
    if (!roleExists(role))
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("The desk server has no role '%1'; create it with "
                                       "'fillbook-cli desk grant-trader %1 --password-stdin' "
                                       "first.")
                            .arg(role));
    QSqlQuery inserted =
        sql.run(QStringLiteral("INSERT INTO fillbook.account_grants(account, grantee) VALUES "
                               "(?, ?) ON CONFLICT (account, grantee) DO NOTHING"),
                {account, role}, what);
    return inserted.numRowsAffected() > 0;
}

bool DeskAccess::revokeRead(const QString& role, const QString& account)
{
    const QString what = QStringLiteral("stop %1 reading account %2").arg(role, account);
    desk_schema::require(m_desk);
    DeskSql sql(m_desk);
    requireGrantsAdmin(sql, QStringLiteral("DELETE"), what);
    QSqlQuery removed = sql.run(QStringLiteral("DELETE FROM fillbook.account_grants WHERE "
                                               "account = ? AND grantee = ?"),
                                {account, role}, what);
    return removed.numRowsAffected() > 0;
}

bool DeskAccess::mayRead(const QString& account)
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT fillbook.may_read(?)"), {account},
                QStringLiteral("check access to account %1").arg(account))
        .toBool();
}

QString DeskAccess::ownerOf(const QString& account)
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT owner_role FROM fillbook.account_owners WHERE "
                               "account = ?"),
                {account}, QStringLiteral("look up the owner of account %1").arg(account))
        .toString();
}

QStringList DeskAccess::readableAccounts()
{
    QSqlQuery q =
        DeskSql(m_desk).run(QStringLiteral("SELECT account FROM fillbook.account_owners WHERE "
                                           "fillbook.may_read(account) ORDER BY account"),
                            {}, QStringLiteral("list the accounts this role may read"));
    QStringList accounts;
    while (q.next())
        accounts.append(q.value(0).toString());
    return accounts;
}

QVector<BrowsedTrade> DeskAccess::browse(const QString& account)
{
    // Row-level security filters both tables; mayRead() tells an empty account from a refusal.
    QSqlQuery q = DeskSql(m_desk).run(
        QStringLiteral(
            "SELECT t.key, t.symbol, t.row_json, n.notes, n.tags_json FROM fillbook.trades t "
            "LEFT JOIN LATERAL (SELECT a.notes, a.tags_json FROM fillbook.annotations a WHERE "
            "a.trade_key = t.key AND NOT a.deleted ORDER BY a.change_seq DESC LIMIT 1) n "
            "ON true WHERE t.account = ? "
            "ORDER BY CAST(CAST(t.row_json AS json) ->> 'open_time' AS bigint), t.key"),
        {account}, QStringLiteral("browse account %1").arg(account));
    QVector<BrowsedTrade> trades;
    while (q.next()) {
        const QJsonObject row = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        BrowsedTrade t;
        t.key = q.value(0).toString();
        t.symbol = q.value(1).toString();
        t.direction = row.value(QStringLiteral("direction")).toString();
        t.status = row.value(QStringLiteral("status")).toString();
        t.openTime = row.value(QStringLiteral("open_time")).toInteger();
        const QJsonValue close = row.value(QStringLiteral("close_time"));
        // An open trade's NULL close_time may travel as 0 (QJsonValue::fromVariant): none.
        if (close.isDouble() && close.toInteger() > 0)
            t.closeTime = close.toInteger();
        t.netPnl = row.value(QStringLiteral("net_pnl")).toString();
        t.marginAsset = row.value(QStringLiteral("margin_asset")).toString();
        t.maxQty = row.value(QStringLiteral("max_qty")).toString();
        t.avgEntryPrice = row.value(QStringLiteral("avg_entry_price")).toString();
        t.avgExitPrice = row.value(QStringLiteral("avg_exit_price")).toString();
        t.realizedPnl = row.value(QStringLiteral("realized_pnl")).toString();
        t.commissionJson = row.value(QStringLiteral("commission_json")).toString();
        t.funding = row.value(QStringLiteral("funding")).toString();
        if (!q.value(3).isNull()) {
            t.note = q.value(3).toString();
            t.tags = readList(q.value(4).toString());
        }
        trades.append(t);
    }
    return trades;
}

} // namespace fb::journal
