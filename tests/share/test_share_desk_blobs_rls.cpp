// Row-level security on the screenshots' server tables (desk schema 5, docs/sharing.md, "Who may
// do what"), against the real server of the desk_server fixture, as users run it (fillbook-cli):
// a non-superuser admin runs desk init and the grants; ann and ben are traders, cat a desk
// reader. Ben's role cannot attach to Ann's account (the server's error and the CLI's sentence),
// nor change or delete her images; any trader uploads an image, reads only those its readable
// attachments name; the reader reads all; Ann's push still works; the clean-up still removes an
// orphan after the grace period. (Upgrading a schema-4 desk: test_share_desk_upgrade.)

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_blobs.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/desk_sql.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/transaction.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/cli_process.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;

namespace {

using Run = fbtest::CliResult;

const QString kDatabase = QStringLiteral("desk_shots");

// A 1×1 PNG; `tag` appended makes another image with the same magic.
QByteArray png(char tag = 0)
{
    QByteArray bytes = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5Er"
        "kJggg==");
    if (tag)
        bytes.append(tag);
    return bytes;
}

} // namespace

class TestShareDeskBlobsRls : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;
    QString m_annKey;  // Ann's trade in account main
    QString m_annHash; // her image on it
    QString m_benHash; // the image Ben tried to attach to it

    QString path(const char* name) { return m_dir.filePath(QLatin1String(name)); }
    QString url(const char* role) { return fbtest::roleUrl(m_server, kDatabase, role); }
    QString where() const { return fbtest::deskWhere(m_server, kDatabase); }
    static QString password(const char* role) { return fbtest::rolePassword(role); }

    Run cli(const QStringList& arguments, const QString& deskPassword, const QByteArray& input = {})
    {
        return fbtest::runDeskProgram(QStringLiteral(FILLBOOK_CLI_PATH), arguments, deskPassword,
                                      input);
    }

    // fillbook-cli --db JOURNAL desk ARGS as `role` with its password.
    Run desk(const char* role, const char* journal, const QStringList& arguments,
             const QByteArray& input = {})
    {
        return cli(QStringList{QStringLiteral("--db"), path(journal), QStringLiteral("desk")} +
                       arguments,
                   password(role), input);
    }

    // A journal holding one closed trade of `account` with `image` attached; with `records`,
    // the trade's records are queued for sharing too (the first push claims the account).
    // Returns the trade's key.
    QString journalWithAnImage(const char* journal, const QString& account, qint64 firstFillId,
                               const QByteArray& image, bool records)
    {
        Database db(path(journal));
        const fb::JournalTrade trade = fbtest::makeTrade(
            QStringLiteral("BTCUSDT"), firstFillId, 1'700'000'000'000 + firstFillId, true, account);
        fbtest::addTrades(db, {trade});
        {
            Transaction tx(db);
            OutboxStore outbox(db);
            QVector<qint64> queued;
            for (const OutboxEntry& row : outbox.pending(1000))
                queued.append(row.seq);
            outbox.acknowledge(queued);
            if (records)
                outbox.add(kOutboxRecords, account, QStringLiteral("BTCUSDT"));
            tx.commit();
        }
        AttachmentStore(db).attach(trade.key, QStringLiteral("entry.png"), image);
        return trade.key;
    }

    qint64 pending(const char* journal)
    {
        Database db(path(journal), OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        return OutboxStore(db).pendingCount();
    }

    DeskEndpoint endpointOf(const char* role)
    {
        DeskEndpoint e = m_server.endpoint(kDatabase);
        e.user = QLatin1String(role);
        e.password = password(role);
        return e;
    }

    // Runs `sql` as `role`: the first value it selected, the rows it changed, or the sentence of
    // the error.
    QString asRole(const char* role, const QString& sql)
    {
        try {
            DeskConnection connection(endpointOf(role), QStringLiteral("test"));
            QSqlQuery q = DeskSql(connection).run(sql, {}, QStringLiteral("run the test's SQL"));
            if (q.isSelect())
                return q.next() ? q.value(0).toString() : QString();
            return QStringLiteral("%1 rows").arg(q.numRowsAffected());
        } catch (const DeskError& error) {
            return error.message();
        }
    }

    QString refusedSql(const char* what) const
    {
        return QStringLiteral("Could not run the test's SQL on the desk server %1: %2.")
            .arg(where(), QLatin1String(what));
    }

    // blobs, attached rows, removed rows: what the server holds, seen by its superuser.
    QString counts(const QString& database = kDatabase)
    {
        return m_server.scalar(
            database, QStringLiteral("SELECT (SELECT count(*) FROM fillbook.blobs) || ' ' || "
                                     "(SELECT count(*) FROM fillbook.attachments WHERE NOT "
                                     "deleted) || ' ' || (SELECT count(*) FROM "
                                     "fillbook.attachments WHERE deleted)"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
        m_server.freshDatabase(kDatabase);
        // Roles are the cluster's: left from an earlier run, they go first.
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("DROP ROLE IF EXISTS ann, ben, cat, rls_admin")),
                 QString());
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("CREATE ROLE rls_admin LOGIN CREATEROLE PASSWORD "
                                              "'pw-rls_admin'")),
                 QString());
        QCOMPARE(
            m_server.exec(QStringLiteral("postgres"),
                          QStringLiteral("ALTER DATABASE %1 OWNER TO rls_admin").arg(kDatabase)),
            QString());
    }

    void theAdminCreatesTheDeskAndItsRoles()
    {
        Run r = desk("rls_admin", "admin.sqlite",
                     {QStringLiteral("init"), QStringLiteral("--url"), url("rls_admin")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out,
                 QStringLiteral("Desk server %1: created the Fillbook schema 5.\n").arg(where()));
        for (const char* trader : {"ann", "ben"}) {
            r = desk("rls_admin", "admin.sqlite",
                     {QStringLiteral("grant-trader"), QLatin1String(trader),
                      QStringLiteral("--password-stdin")},
                     password(trader).toUtf8() + '\n');
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        r = desk("rls_admin", "admin.sqlite",
                 {QStringLiteral("grant-reader"), QStringLiteral("cat"),
                  QStringLiteral("--password-stdin")},
                 "pw-cat\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void aTraderAttachesToItsOwnAccount()
    {
        m_annKey = journalWithAnImage("ann.sqlite", QStringLiteral("main"), 1001, png(), true);
        m_annHash = blobHash(png());
        QCOMPARE(pending("ann.sqlite"), 2);
        QCOMPARE(
            desk("ann", "ann.sqlite", {QStringLiteral("init"), QStringLiteral("--url"), url("ann")})
                .exitCode,
            0);
        const Run r = desk("ann", "ann.sqlite", {QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Pushed 2 changes to %1 (2 items written, 0 already "
                                       "there); 0 pending.\nUploaded 1 images.\n")
                            .arg(where()));
        QCOMPARE(counts(), QStringLiteral("1 1 0"));
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT account || ' ' || hash FROM "
                                                           "fillbook.attachments")),
                 QStringLiteral("main ") + m_annHash);
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT string_agg(account || '=' || "
                                                           "owner_role, ',') FROM "
                                                           "fillbook.account_owners")),
                 QStringLiteral("main=ann"));
    }

    void anotherTradersRoleCannotAttachToTheAccount()
    {
        // Ben's journal holds the same trade of main and attaches his own image to it.
        const QByteArray image = png('b');
        m_benHash = blobHash(image);
        QCOMPARE(journalWithAnImage("ben.sqlite", QStringLiteral("main"), 1001, image, false),
                 m_annKey);
        QCOMPARE(pending("ben.sqlite"), 1); // the attachment alone
        QCOMPARE(
            desk("ben", "ben.sqlite", {QStringLiteral("init"), QStringLiteral("--url"), url("ben")})
                .exitCode,
            0);
        const QString refusal =
            QStringLiteral("The desk refused this change: account main belongs to another "
                           "trader.");
        Run r = desk("ben", "ben.sqlite", {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: ") + refusal + QLatin1Char('\n'));
        QCOMPARE(r.out, QString());
        // Nothing local is lost: the attachment stays, queued with the reason.
        {
            Database db(path("ben.sqlite"),
                        OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            QCOMPARE(AttachmentStore(db).list(m_annKey).size(), 1);
            OutboxStore outbox(db);
            QCOMPARE(outbox.pendingCount(), 1);
            QCOMPARE(outbox.failedCount(), 1);
            QCOMPARE(outbox.pending(10).at(0).lastError, refusal);
        }
        // The image went up before the refused record (any trader may upload one): an orphan
        // that no attachment names; main still holds Ann's attachment only.
        QCOMPARE(counts(), QStringLiteral("2 1 0"));

        // Without the client's check, the server refuses: the policy on attachments.
        const QString attachToMain =
            QStringLiteral("INSERT INTO fillbook.attachments (trade_key, hash, file_name, mime, "
                           "size, added_at, origin_device, change_seq) VALUES ('%1', '%2', "
                           "'x.png', 'image/png', 1, 1, 'ben-device', "
                           "nextval('fillbook.change_seq'))")
                .arg(m_annKey, m_benHash);
        QCOMPARE(asRole("ben", attachToMain),
                 refusedSql("new row violates row-level security policy for table "
                            "\"attachments\""));
        QCOMPARE(asRole("ben", QStringLiteral("UPDATE fillbook.attachments SET deleted = true")),
                 QStringLiteral("0 rows"));
        QCOMPARE(asRole("ben", QStringLiteral("DELETE FROM fillbook.attachments")),
                 QStringLiteral("0 rows"));
        // Images: never changed nor deleted by a trader, never faked (the bytes are the hash),
        // and read only through an attachment the role may read.
        QCOMPARE(asRole("ben", QStringLiteral("DELETE FROM fillbook.blobs")),
                 refusedSql("permission denied for table blobs"));
        QCOMPARE(asRole("ben", QStringLiteral("UPDATE fillbook.blobs SET size = 0")),
                 refusedSql("permission denied for table blobs"));
        QCOMPARE(asRole("ben", QStringLiteral("INSERT INTO fillbook.blobs(hash, bytes, size) "
                                              "VALUES ('%1', 'not the image', 13)")
                                   .arg(m_annHash)),
                 refusedSql("new row for relation \"blobs\" violates check constraint "
                            "\"blobs_check\""));
        QCOMPARE(asRole("ben", QStringLiteral("SELECT count(*) FROM fillbook.blobs")),
                 QStringLiteral("0"));
        QCOMPARE(asRole("ben", QStringLiteral("SELECT count(*) FROM fillbook.attachments")),
                 QStringLiteral("0"));
        // Whether the server holds an image is no secret to a pusher (it sends it or not).
        QCOMPARE(asRole("ben", QStringLiteral("SELECT fillbook.has_blob('%1')").arg(m_annHash)),
                 QStringLiteral("true"));
        QCOMPARE(counts(), QStringLiteral("2 1 0"));
    }

    void aGrantLetsATraderReadTheImagesNotChangeOrPullThem()
    {
        Run r = desk("rls_admin", "admin.sqlite",
                     {QStringLiteral("grant-read"), QStringLiteral("ben"),
                      QStringLiteral("--account"), QStringLiteral("main")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(asRole("ben", QStringLiteral("SELECT string_agg(hash, ',') FROM fillbook.blobs")),
                 m_annHash); // Ann's image, not his orphan
        QCOMPARE(asRole("ben", QStringLiteral("SELECT count(*) FROM fillbook.attachments")),
                 QStringLiteral("1"));
        QCOMPARE(asRole("ben", QStringLiteral("UPDATE fillbook.attachments SET deleted = true")),
                 QStringLiteral("0 rows"));
        // A granted account is browsed, never pulled into the journal.
        DeskConnection connection(endpointOf("ben"), QStringLiteral("test"));
        QCOMPARE(
            DeskBlobs(connection).pullAttachments(QStringLiteral("another-device"), 0, 10).size(),
            0);
        r = desk("rls_admin", "admin.sqlite",
                 {QStringLiteral("revoke-read"), QStringLiteral("ben"), QStringLiteral("--account"),
                  QStringLiteral("main")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(asRole("ben", QStringLiteral("SELECT count(*) FROM fillbook.blobs")),
                 QStringLiteral("0"));
    }

    void theDeskReaderReadsEveryImageAndWritesNone()
    {
        QCOMPARE(asRole("cat", QStringLiteral("SELECT (SELECT count(*) FROM fillbook.blobs) || "
                                              "' ' || (SELECT count(*) FROM "
                                              "fillbook.attachments)")),
                 QStringLiteral("2 1"));
        QCOMPARE(asRole("cat", QStringLiteral("INSERT INTO fillbook.blobs(hash, bytes, size) "
                                              "VALUES (encode(sha256('x'), 'hex'), 'x', 1)")),
                 refusedSql("permission denied for table blobs"));
        QCOMPARE(asRole("cat", QStringLiteral("UPDATE fillbook.attachments SET deleted = true")),
                 refusedSql("permission denied for table attachments"));
        QCOMPARE(asRole("cat", QStringLiteral("SELECT fillbook.remove_unattached_blobs(0)")),
                 refusedSql("permission denied for function remove_unattached_blobs"));
        QCOMPARE(counts(), QStringLiteral("2 1 0"));
    }

    void theOwnersPushStillWorksAndTheCleanUpStillRemovesOrphans()
    {
        {
            Database db(path("ann.sqlite"));
            AttachmentStore(db).attach(m_annKey, QStringLiteral("exit.png"), png('a'));
        }
        // Her push uploads and attaches; its clean-up (24 h) leaves Ben's young orphan.
        Run r = desk("ann", "ann.sqlite", {QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Pushed 1 changes to %1 (1 items written, 0 already "
                                       "there); 0 pending.\nUploaded 1 images.\n")
                            .arg(where()));
        QCOMPARE(counts(), QStringLiteral("3 2 0"));
        // After the grace period the trader's clean-up removes the orphan, and only it: the
        // clean-up sees every attachment, not only the ones the trader may read.
        r = desk("ben", "ben.sqlite",
                 {QStringLiteral("gc"), QStringLiteral("--grace-hours"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Removed 1 unattached images older than 0 hours from "
                                       "%1.\n")
                            .arg(where()));
        QCOMPARE(counts(), QStringLiteral("2 2 0"));
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT count(*) FROM fillbook.blobs "
                                                           "WHERE hash = '%1'")
                                                .arg(m_benHash)),
                 QStringLiteral("0"));
        // A removed attachment's image goes the same way; the other stays.
        {
            Database db(path("ann.sqlite"));
            QVERIFY(AttachmentStore(db).remove(m_annKey, blobHash(png('a'))));
        }
        QCOMPARE(desk("ann", "ann.sqlite", {QStringLiteral("push")}).exitCode, 0);
        r = desk("ann", "ann.sqlite",
                 {QStringLiteral("gc"), QStringLiteral("--grace-hours"), QStringLiteral("0")});
        QCOMPARE(r.out, QStringLiteral("Removed 1 unattached images older than 0 hours from "
                                       "%1.\n")
                            .arg(where()));
        QCOMPARE(counts(), QStringLiteral("1 1 1"));
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT hash FROM fillbook.blobs")),
                 m_annHash);
    }
};

QTEST_GUILESS_MAIN(TestShareDeskBlobsRls)
#include "test_share_desk_blobs_rls.moc"
