// Desk schema step 3 (issue 13, "a desk"): many traders' accounts in one database, each trader
// connecting with their own PostgreSQL role (docs/sharing.md, "A desk").
//
// Two group roles, cluster-wide: fillbook_desk_trader (members push and pull their own accounts)
// and fillbook_desk_reader (members read every account and write nothing). An account belongs to
// the role that first pushed it (account_owners, claimed by the push itself); the admin grants a
// trader read access to another account in account_grants. Row-level security, forced so that
// the tables' owner (the admin) is held to it too, enforces that on every shared table: a role
// writes only rows of accounts it owns and reads its own, the ones granted to it, or all of them
// as a reader. Trade notes belong to the account in their trade key (account:symbol:side:id);
// daily notes and idempotency keys, which name no account, to the role that wrote them.

#include "sync/journal/desk_schema.h"

namespace fb::journal::desk_schema {

QStringList rowLevelSecurityStatements()
{
    QStringList sql;
    const auto add = [&sql](const char* statement) { sql.append(QString::fromUtf8(statement)); };
    add(R"(DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fillbook_desk_trader') THEN
            CREATE ROLE fillbook_desk_trader NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fillbook_desk_reader') THEN
            CREATE ROLE fillbook_desk_reader NOLOGIN;
        END IF;
    END $$)");
    add(R"(CREATE TABLE fillbook.account_owners (
            account     text        PRIMARY KEY,
            owner_role  text        NOT NULL DEFAULT current_user,
            claimed_at  timestamptz NOT NULL DEFAULT now()
        ))");
    add(R"(CREATE TABLE fillbook.account_grants (
            account     text        NOT NULL,
            grantee     text        NOT NULL,
            granted_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (account, grantee)
        ))");
    // What was shared before belongs to the role that migrates (a desk of one role until now).
    add(R"(INSERT INTO fillbook.account_owners(account)
           SELECT account FROM fillbook.raw_records
           UNION SELECT account FROM fillbook.trades
           UNION SELECT regexp_replace(trade_key, '(:[^:]*){3}$', '') FROM fillbook.annotations
           ON CONFLICT (account) DO NOTHING)");
    // The account is the key without its last three parts (symbol, side and fill id never hold
    // ':', an account name may); DeskStore::accountOf() is the same rule.
    add("ALTER TABLE fillbook.annotations ADD COLUMN account text GENERATED ALWAYS AS "
        "(regexp_replace(trade_key, '(:[^:]*){3}$', '')) STORED");
    add("CREATE INDEX annotations_by_account ON fillbook.annotations(account)");
    add("ALTER TABLE fillbook.day_notes ADD COLUMN owner_role text NOT NULL DEFAULT current_user");
    add("ALTER TABLE fillbook.applied_keys ADD COLUMN owner_role text NOT NULL DEFAULT "
        "current_user");
    add(R"(CREATE FUNCTION fillbook.owns(acct text) RETURNS boolean LANGUAGE sql STABLE AS $$
           SELECT EXISTS (SELECT 1 FROM fillbook.account_owners o
                          WHERE o.account = acct AND o.owner_role = current_user) $$)");
    add(R"(CREATE FUNCTION fillbook.is_desk_reader() RETURNS boolean LANGUAGE sql STABLE AS $$
           SELECT pg_has_role(current_user, 'fillbook_desk_reader', 'MEMBER') $$)");
    add(R"(CREATE FUNCTION fillbook.may_read(acct text) RETURNS boolean LANGUAGE sql STABLE AS $$
           SELECT fillbook.is_desk_reader() OR fillbook.owns(acct)
               OR EXISTS (SELECT 1 FROM fillbook.account_grants g
                          WHERE g.account = acct AND g.grantee = current_user) $$)");
    // Claims: anyone may read who owns what, a role may claim an account for itself only.
    add("ALTER TABLE fillbook.account_owners ENABLE ROW LEVEL SECURITY");
    add("CREATE POLICY owners_read ON fillbook.account_owners FOR SELECT USING (true)");
    add("CREATE POLICY owners_claim ON fillbook.account_owners FOR INSERT "
        "WITH CHECK (owner_role = current_user)");
    for (const char* table : {"raw_records", "trades", "annotations"}) {
        const QString t = QString::fromLatin1(table);
        sql.append(QStringLiteral("ALTER TABLE fillbook.%1 ENABLE ROW LEVEL SECURITY").arg(t));
        sql.append(QStringLiteral("ALTER TABLE fillbook.%1 FORCE ROW LEVEL SECURITY").arg(t));
        sql.append(QStringLiteral("CREATE POLICY %1_own ON fillbook.%1 FOR ALL USING "
                                  "(fillbook.owns(account)) WITH CHECK (fillbook.owns(account))")
                       .arg(t));
        sql.append(QStringLiteral("CREATE POLICY %1_read ON fillbook.%1 FOR SELECT USING "
                                  "(fillbook.may_read(account))")
                       .arg(t));
    }
    for (const char* table : {"day_notes", "applied_keys"}) {
        const QString t = QString::fromLatin1(table);
        sql.append(QStringLiteral("ALTER TABLE fillbook.%1 ENABLE ROW LEVEL SECURITY").arg(t));
        sql.append(QStringLiteral("ALTER TABLE fillbook.%1 FORCE ROW LEVEL SECURITY").arg(t));
        sql.append(QStringLiteral("CREATE POLICY %1_own ON fillbook.%1 FOR ALL USING "
                                  "(owner_role = current_user) WITH CHECK (owner_role = "
                                  "current_user)")
                       .arg(t));
        sql.append(QStringLiteral("CREATE POLICY %1_read ON fillbook.%1 FOR SELECT USING "
                                  "(fillbook.is_desk_reader())")
                       .arg(t));
    }
    // Privileges: readers select; traders select and write the shared tables and claim
    // accounts; grants and the schema version are the admin's (the tables' owner).
    add("GRANT USAGE ON SCHEMA fillbook TO fillbook_desk_trader, fillbook_desk_reader");
    add("GRANT SELECT ON ALL TABLES IN SCHEMA fillbook TO fillbook_desk_trader, "
        "fillbook_desk_reader");
    add("GRANT INSERT, UPDATE, DELETE ON fillbook.raw_records, fillbook.trades, "
        "fillbook.annotations, fillbook.day_notes, fillbook.applied_keys TO fillbook_desk_trader");
    add("GRANT INSERT ON fillbook.account_owners TO fillbook_desk_trader");
    add("GRANT USAGE ON SEQUENCE fillbook.change_seq TO fillbook_desk_trader");
    // Tables later steps create are readable by both groups (their own step adds policies).
    add("ALTER DEFAULT PRIVILEGES IN SCHEMA fillbook GRANT SELECT ON TABLES TO "
        "fillbook_desk_trader, fillbook_desk_reader");
    return sql;
}

} // namespace fb::journal::desk_schema
