// Desk schema step 5 (issue 13): row-level security on the screenshots' tables, which step 4
// left open to every trader (docs/sharing.md, "Who may do what").
//
// attachments follows the rule of the other account tables (step 3): its account is the trade
// key without its last three parts (a generated column, as annotations.account), a role writes
// only rows of accounts it owns and reads its own, the granted ones, or all as a desk reader.
//
// blobs are content-addressed and may be shared by several accounts, so they have no account:
// - any trader may upload any image (INSERT ... ON CONFLICT DO NOTHING is idempotent by hash,
//   and the CHECK makes the bytes be their hash, so an upload can neither change nor fake an
//   image another account uses);
// - a role reads an image only when an attachment it may read names it (a desk reader: all);
// - nobody but the clean-up deletes or changes one: traders lose UPDATE and DELETE, and the
//   clean-up is fillbook.remove_unattached_blobs(), a SECURITY DEFINER function that runs as
//   the role that migrated (the tables' owner), under the push lock its caller takes.
// Because row-level security is forced, that owner is held to policies too: it gets its own
// (TO CURRENT_USER at migration time) to read every attachment and image — the clean-up must
// see an image attached to any account, or it would take it — and to delete images that no
// attached row names, and nothing else. fillbook.has_blob() lets a pusher ask whether the server
// already holds an image it may not read, so that it does not send the bytes twice; it tells
// nothing an INSERT ... ON CONFLICT DO NOTHING would not (and naming a hash means holding the
// image).

#include "sync/journal/desk_schema.h"

namespace fb::journal::desk_schema {

QStringList screenshotSecurityStatements()
{
    QStringList sql;
    const auto add = [&sql](const char* statement) { sql.append(QString::fromUtf8(statement)); };
    add("ALTER TABLE fillbook.attachments ADD COLUMN account text GENERATED ALWAYS AS "
        "(regexp_replace(trade_key, '(:[^:]*){3}$', '')) STORED");
    add("CREATE INDEX attachments_by_account ON fillbook.attachments(account)");
    // As step 3 did: an account of the attachments already on the server that nobody owns yet
    // belongs to the role that migrates (the rows stay readable and writable by someone).
    add(R"(INSERT INTO fillbook.account_owners(account)
           SELECT DISTINCT account FROM fillbook.attachments
           ON CONFLICT (account) DO NOTHING)");

    add("ALTER TABLE fillbook.attachments ENABLE ROW LEVEL SECURITY");
    add("ALTER TABLE fillbook.attachments FORCE ROW LEVEL SECURITY");
    add("CREATE POLICY attachments_own ON fillbook.attachments FOR ALL USING "
        "(fillbook.owns(account)) WITH CHECK (fillbook.owns(account))");
    add("CREATE POLICY attachments_read ON fillbook.attachments FOR SELECT USING "
        "(fillbook.may_read(account))");
    add("CREATE POLICY attachments_cleanup_read ON fillbook.attachments FOR SELECT TO "
        "CURRENT_USER USING (true)");

    add("ALTER TABLE fillbook.blobs ENABLE ROW LEVEL SECURITY");
    add("ALTER TABLE fillbook.blobs FORCE ROW LEVEL SECURITY");
    add("CREATE POLICY blobs_upload ON fillbook.blobs FOR INSERT TO fillbook_desk_trader WITH "
        "CHECK (true)");
    // The subquery is itself under attachments' policies: the attachments this role may read.
    add("CREATE POLICY blobs_read ON fillbook.blobs FOR SELECT USING (fillbook.is_desk_reader() "
        "OR EXISTS (SELECT 1 FROM fillbook.attachments a WHERE a.hash = blobs.hash))");
    add("CREATE POLICY blobs_cleanup_read ON fillbook.blobs FOR SELECT TO CURRENT_USER USING "
        "(true)");
    add("CREATE POLICY blobs_cleanup ON fillbook.blobs FOR DELETE TO CURRENT_USER USING (NOT "
        "EXISTS (SELECT 1 FROM fillbook.attachments a WHERE a.hash = blobs.hash AND NOT "
        "a.deleted))");
    add("REVOKE UPDATE, DELETE ON fillbook.blobs FROM fillbook_desk_trader");

    add(R"(CREATE FUNCTION fillbook.has_blob(wanted text) RETURNS boolean
           LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
           SELECT EXISTS (SELECT 1 FROM fillbook.blobs WHERE hash = wanted) $$)");
    add(R"(CREATE FUNCTION fillbook.remove_unattached_blobs(grace_hours integer) RETURNS integer
           LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
           WITH gone AS (
               DELETE FROM fillbook.blobs b
               WHERE b.first_seen <= now() - make_interval(hours => grace_hours)
                 AND NOT EXISTS (SELECT 1 FROM fillbook.attachments a
                                 WHERE a.hash = b.hash AND NOT a.deleted)
               RETURNING 1)
           SELECT CAST(count(*) AS integer) FROM gone $$)");
    add("REVOKE EXECUTE ON FUNCTION fillbook.has_blob(text), "
        "fillbook.remove_unattached_blobs(integer) FROM PUBLIC");
    add("GRANT EXECUTE ON FUNCTION fillbook.has_blob(text) TO fillbook_desk_trader, "
        "fillbook_desk_reader");
    add("GRANT EXECUTE ON FUNCTION fillbook.remove_unattached_blobs(integer) TO "
        "fillbook_desk_trader");
    return sql;
}

} // namespace fb::journal::desk_schema
