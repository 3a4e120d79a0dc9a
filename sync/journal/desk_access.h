#pragma once
// Who may do what on a desk (desk schema 3, docs/sharing.md "A desk"): the admin makes roles
// traders or readers and grants a trader read access to another account; any role may browse an
// account it may read, read-only, straight from the server. Throws DeskError with one sentence.

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::journal {

class DeskConnection;
class DeskSql;

// One trade of a browsed account as the server holds it, with its latest shared note.
struct BrowsedTrade
{
    QString key;
    QString symbol;
    QString direction; // LONG, SHORT
    QString status;    // OPEN, CLOSED
    qint64 openTime = 0;
    std::optional<qint64> closeTime;
    QString netPnl; // the decimal text as stored
    QString marginAsset;
    // The other money and size columns of the stored row, decimal text as stored (desktop).
    QString maxQty;
    QString avgEntryPrice; // empty when none
    QString avgExitPrice;  // empty when none
    QString realizedPnl;
    QString commissionJson; // {"ASSET": "decimal", ...}: fees per asset
    QString funding;
    QString note; // the note's text; empty when none
    QStringList tags;
};

class DeskAccess
{
public:
    enum class Group { Trader, Reader };

    explicit DeskAccess(DeskConnection& desk);

    // The role this connection runs as.
    QString currentRole();
    // Whether `role` exists on the server.
    bool roleExists(const QString& role);
    // Makes `role` a member of the group; creates it (LOGIN) when `passwordVerifier` is given
    // and it does not exist, or sets its password when it does. The verifier is a SCRAM-SHA-256
    // verifier computed here, so the password itself never reaches the server (nor its logs).
    // Returns true when the role was created.
    bool grantGroup(const QString& role, Group group,
                    const std::optional<QString>& passwordVerifier);
    // Lets trader `role` read `account`. Returns false when it could already.
    bool grantRead(const QString& role, const QString& account);
    // Takes back what grantRead gave. Returns false when `role` had no such grant.
    bool revokeRead(const QString& role, const QString& account);
    // Whether this role may read `account` (its own, granted, or a reader).
    bool mayRead(const QString& account);
    // The role that owns `account`; empty when no one has pushed it.
    QString ownerOf(const QString& account);
    // The accounts this role may read (its own, granted, or all as a reader), by name.
    QStringList readableAccounts();
    // The account's trades on the server in opening order, each with its latest shared note.
    QVector<BrowsedTrade> browse(const QString& account);

    // A role name this build accepts: a letter or '_', then letters, digits or '_' (63 at most).
    static bool isValidRoleName(const QString& role);

private:
    // Throws unless the connected role holds `privilege` on account_grants (the admin).
    void requireGrantsAdmin(DeskSql& sql, const QString& privilege, const QString& what);
    // Throws unless this role may manage the desk's roles (a superuser or CREATEROLE).
    void requireRoleAdmin(const QString& what);

    DeskConnection& m_desk;
};

} // namespace fb::journal
