// Upgrading a desk server's schema (docs/sharing.md, "Server schema"), against the real server of
// the desk_server fixture: a schema-2 desk with rows gets step 3's roles and row-level security,
// its accounts claimed by the role that migrates; a schema-4 desk with screenshots gets step 5's
// row-level security on blobs and attachments, its rows kept, its unclaimed accounts claimed,
// the traders' right to delete images taken back, and the clean-up still telling an orphan from
// an attached image.

#include "sync/journal/desk_blobs.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/desk_sql.h"
#include "tests/share/desk_test_server.h"

#include <QTest>

using namespace fb::journal;

class TestShareDeskUpgrade : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;

    // blobs, attached rows, removed rows, seen by the server's superuser.
    QString counts(const QString& database)
    {
        return m_server.scalar(
            database, QStringLiteral("SELECT (SELECT count(*) FROM fillbook.blobs) || ' ' || "
                                     "(SELECT count(*) FROM fillbook.attachments WHERE NOT "
                                     "deleted) || ' ' || (SELECT count(*) FROM "
                                     "fillbook.attachments WHERE deleted)"));
    }

private slots:
    void initTestCase() { QVERIFY2(m_server.ok(), qPrintable(m_server.why())); }

    void aSchemaTwoDeskIsUpgradedAndItsAccountsClaimedByTheAdmin()
    {
        const QString name = QStringLiteral("desk_upgrade");
        m_server.freshDatabase(name);
        DeskConnection admin(m_server.endpoint(name), QStringLiteral("test"));
        DeskSql sql(admin);
        const QString what = QStringLiteral("build schema 2");
        sql.run(QStringLiteral("CREATE SCHEMA fillbook"), {}, what);
        for (const desk_schema::Step& step : desk_schema::steps()) {
            if (step.version > 2)
                break;
            for (const QString& statement : step.statements)
                sql.run(statement, {}, what);
        }
        sql.run(QStringLiteral("INSERT INTO fillbook.desk_meta VALUES ('schema_version', '2')"), {},
                what);
        sql.run(QStringLiteral("INSERT INTO fillbook.raw_records VALUES ('old', 'fill', "
                               "'BTCUSDT:1', '{}', 1, 'dev', 1)"),
                {}, what);
        sql.run(QStringLiteral("INSERT INTO fillbook.annotations (trade_key, notes, tags_json, "
                               "setup, mistakes_json, screenshots_json, created_at, updated_at, "
                               "origin_device, change_seq) VALUES ('legacy:x:BTCUSDT:BOTH:1', "
                               "'n', '[]', '', '[]', '[]', 1, 1, 'dev', 2)"),
                {}, what);
        QCOMPARE(desk_schema::upgrade(admin), 2);
        QCOMPARE(desk_schema::readVersion(admin), desk_schema::CurrentVersion);
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT string_agg(account || '=' || "
                                                      "owner_role, ',' ORDER BY account) FROM "
                                                      "fillbook.account_owners")),
                 QStringLiteral("legacy:x=fillbook_admin,old=fillbook_admin"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT account FROM fillbook.annotations")),
                 QStringLiteral("legacy:x"));
        QCOMPARE(
            m_server.scalar(name, QStringLiteral("SELECT string_agg(relname, ',' ORDER BY "
                                                 "relname) FROM pg_class WHERE "
                                                 "relrowsecurity AND relforcerowsecurity "
                                                 "AND relnamespace = 'fillbook'::regnamespace")),
            QStringLiteral("annotations,applied_keys,attachments,blobs,day_notes,raw_records,"
                           "trades")); // step 5 adds the screenshots' tables
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT count(*) FROM pg_policies WHERE "
                                                      "schemaname = 'fillbook'")),
                 QStringLiteral("19"));
    }

    void aSchemaFourDeskIsUpgraded()
    {
        const QString name = QStringLiteral("desk_shots_upgrade");
        m_server.freshDatabase(name);
        DeskConnection admin(m_server.endpoint(name), QStringLiteral("test"));
        DeskSql sql(admin);
        const QString what = QStringLiteral("build schema 4");
        sql.run(QStringLiteral("CREATE SCHEMA fillbook"), {}, what);
        for (const desk_schema::Step& step : desk_schema::steps()) {
            if (step.version > 4)
                break;
            for (const QString& statement : step.statements)
                sql.run(statement, {}, what);
        }
        sql.run(QStringLiteral("INSERT INTO fillbook.desk_meta VALUES ('schema_version', '4')"), {},
                what);
        // main is Ann's; an image on a trade of `loose`, which nobody claimed, and an orphan.
        sql.run(QStringLiteral("INSERT INTO fillbook.account_owners(account, owner_role) VALUES "
                               "('main', 'ann')"),
                {}, what);
        sql.run(QStringLiteral("INSERT INTO fillbook.blobs(hash, bytes, size) SELECT "
                               "encode(sha256(b), 'hex'), b, length(b) FROM (VALUES "
                               "(CAST('one' AS bytea)), ('two'), ('orphan')) AS v(b)"),
                {}, what);
        sql.run(QStringLiteral("INSERT INTO fillbook.attachments (trade_key, hash, file_name, "
                               "mime, size, added_at, origin_device, change_seq) VALUES "
                               "('main:BTCUSDT:BOTH:1', encode(sha256('one'), 'hex'), 'a.png', "
                               "'image/png', 3, 1, 'dev', 1), ('loose:ETHUSDT:BOTH:2', "
                               "encode(sha256('two'), 'hex'), 'b.png', 'image/png', 3, 1, 'dev', "
                               "2)"),
                {}, what);
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT has_table_privilege("
                                                      "'fillbook_desk_trader', 'fillbook.blobs', "
                                                      "'DELETE')")),
                 QStringLiteral("true"));

        QCOMPARE(desk_schema::upgrade(admin), 4);
        QCOMPARE(desk_schema::readVersion(admin), 5);
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT string_agg(account || '=' || "
                                                      "owner_role, ',' ORDER BY account) FROM "
                                                      "fillbook.account_owners")),
                 QStringLiteral("loose=fillbook_admin,main=ann"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT string_agg(account, ',' ORDER BY "
                                                      "account) FROM fillbook.attachments")),
                 QStringLiteral("loose,main"));
        QCOMPARE(
            m_server.scalar(name, QStringLiteral("SELECT string_agg(relname, ',' ORDER BY "
                                                 "relname) FROM pg_class WHERE "
                                                 "relrowsecurity AND relforcerowsecurity "
                                                 "AND relnamespace = 'fillbook'::regnamespace")),
            QStringLiteral("annotations,applied_keys,attachments,blobs,day_notes,raw_records,"
                           "trades"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT string_agg(policyname, ',' ORDER BY "
                                                      "policyname) FROM pg_policies WHERE "
                                                      "schemaname = 'fillbook' AND tablename IN "
                                                      "('attachments', 'blobs')")),
                 QStringLiteral("attachments_cleanup_read,attachments_own,attachments_read,"
                                "blobs_cleanup,blobs_cleanup_read,blobs_read,blobs_upload"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT has_table_privilege("
                                                      "'fillbook_desk_trader', 'fillbook.blobs', "
                                                      "'DELETE') || ' ' || has_table_privilege("
                                                      "'fillbook_desk_trader', 'fillbook.blobs', "
                                                      "'INSERT')")),
                 QStringLiteral("false true"));
        // The rows are kept; the clean-up still tells the orphan from the attached images.
        QCOMPARE(counts(name), QStringLiteral("3 2 0"));
        QCOMPARE(DeskBlobs(admin).gc(0), 1);
        QCOMPARE(counts(name), QStringLiteral("2 2 0"));
        // A newer desk init finds it current.
        QCOMPARE(desk_schema::upgrade(admin), 5);
    }
};

QTEST_GUILESS_MAIN(TestShareDeskUpgrade)
#include "test_share_desk_upgrade.moc"
