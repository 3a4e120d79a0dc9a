// A desk (docs/sharing.md, "A desk"): many traders' accounts in one PostgreSQL database, each
// trader with their own role, row-level security deciding who writes and reads what. Against the
// real server of the desk_server fixture, as users run it (fillbook-cli), with the roles made by
// the test: a non-superuser admin (CREATEROLE, owner of the database) runs desk init and the
// grants; alice and bob are traders, carol a desk reader, dave a role without grants.

#include "sync/journal/desk_schema.h"
#include "sync/journal/report_queries.h"
#include "sync/share/replicator_worker.h"
#include "tests/share/desk_roles_fixture.h"
#include "tests/support/records.h"

#include <QSignalSpy>
#include <QTest>

using namespace fb::journal;

class TestShareDeskRoles : public fbtest::DeskRolesFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
        m_server.freshDatabase(kDatabase);
        // Roles are the cluster's: left from an earlier run, they go first.
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("DROP ROLE IF EXISTS alice, bob, carol, dave, "
                                              "desk_admin")),
                 QString());
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("CREATE ROLE desk_admin LOGIN CREATEROLE PASSWORD "
                                              "'pw-desk_admin'")),
                 QString());
        QCOMPARE(
            m_server.exec(QStringLiteral("postgres"),
                          QStringLiteral("ALTER DATABASE %1 OWNER TO desk_admin").arg(kDatabase)),
            QString());
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("CREATE ROLE dave LOGIN PASSWORD 'pw-dave'")),
                 QString());
    }

    void theAdminCreatesTheDeskAndItsRoles()
    {
        Run r = desk("desk_admin", "admin.sqlite",
                     {QStringLiteral("init"), QStringLiteral("--url"), url("desk_admin")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Desk server %1: created the Fillbook schema %2.\n")
                            .arg(where())
                            .arg(desk_schema::CurrentVersion));

        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-trader"), QStringLiteral("alice"),
                  QStringLiteral("--password-stdin")},
                 "pw-alice\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Role alice (created) is a trader on %1: it writes its own "
                                       "accounts and reads those granted to it.\n")
                            .arg(where()));
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-trader"), QStringLiteral("bob"),
                  QStringLiteral("--password-stdin")},
                 "pw-bob\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-reader"), QStringLiteral("carol"),
                  QStringLiteral("--password-stdin")},
                 "pw-carol\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Role carol (created) is a desk reader on %1: it reads "
                                       "every account and writes nothing.\n")
                            .arg(where()));
        // Granting again changes nothing and says so; the password never reached the server.
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-trader"), QStringLiteral("alice")});
        QCOMPARE(r.out, QStringLiteral("Role alice is a trader on %1: it writes its own accounts "
                                       "and reads those granted to it.\n")
                            .arg(where()));
        QCOMPARE(m_server.scalar(QStringLiteral("postgres"),
                                 QStringLiteral("SELECT left(rolpassword, 19) FROM pg_authid "
                                                "WHERE rolname = 'alice'")),
                 QStringLiteral("SCRAM-SHA-256$4096:"));

        // Bad input: one sentence each.
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-trader"), QStringLiteral("bad-name")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: 'bad-name' is not a role name this desk "
                                       "accepts (letters, digits and '_', starting with a letter "
                                       "or '_').\n"));
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-trader"), QStringLiteral("erin")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk server has no role 'erin'; give "
                                       "it a password with --password-stdin to create it.\n"));
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-reader"), QStringLiteral("erin"),
                  QStringLiteral("--password-stdin")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: --password-stdin needs the role's password "
                                       "as one line on standard input.\n"));
    }

    void aTraderPushesItsOwnAccountAndClaimsIt()
    {
        m_aliceKey =
            journalWithANote("alice.sqlite", QStringLiteral("main"), QStringLiteral("BTCUSDT"),
                             1001, QStringLiteral("Alice: waited for the retest."));
        Run r = desk("alice", "alice.sqlite",
                     {QStringLiteral("init"), QStringLiteral("--url"), url("alice")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Desk server %1 is at schema %2 already.\n")
                            .arg(where())
                            .arg(desk_schema::CurrentVersion));
        r = desk("alice", "alice.sqlite", {QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Pushed 2 changes to %1 (2 items written, 0 already "
                                       "there); 0 pending.\n")
                            .arg(where()));
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT string_agg(account || '=' || "
                                                           "owner_role, ',') FROM "
                                                           "fillbook.account_owners")),
                 QStringLiteral("main=alice"));

        m_bobKey =
            journalWithANote("bob1.sqlite", QStringLiteral("bobby"), QStringLiteral("ETHUSDT"),
                             2001, QStringLiteral("Bob: scaled in too early."));
        r = desk("bob", "bob1.sqlite",
                 {QStringLiteral("init"), QStringLiteral("--url"), url("bob")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = desk("bob", "bob1.sqlite", {QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT string_agg(account || '=' || "
                                                           "owner_role, ',' ORDER BY account) "
                                                           "FROM fillbook.account_owners")),
                 QStringLiteral("bobby=bob,main=alice"));
    }

    void anotherTradersRoleCannotChangeTheAccountAndNothingIsLost()
    {
        // Bob's second journal holds the same account name and trade: the desk refuses.
        const QString key =
            journalWithANote("bob2.sqlite", QStringLiteral("main"), QStringLiteral("BTCUSDT"), 1001,
                             QStringLiteral("Bob was here."));
        QCOMPARE(key, m_aliceKey);
        QCOMPARE(desk("bob", "bob2.sqlite",
                      {QStringLiteral("init"), QStringLiteral("--url"), url("bob")})
                     .exitCode,
                 0);
        const QString refusal =
            QStringLiteral("The desk refused this change: account main belongs to another "
                           "trader.");
        Run r = desk("bob", "bob2.sqlite", {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: ") + refusal + QLatin1Char('\n'));
        QCOMPARE(r.out, QString());

        // Nothing local is lost: the note and both outbox rows stay, marked refused.
        {
            Database db(path("bob2.sqlite"),
                        OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            QCOMPARE(AnnotationStore(db).annotation(key)->notes, QStringLiteral("Bob was here."));
            OutboxStore outbox(db);
            QCOMPARE(outbox.pendingCount(), 2);
            QCOMPARE(outbox.failedCount(), 2);
            for (const OutboxEntry& e : outbox.pending(10)) {
                QCOMPARE(e.lastError, refusal);
                QCOMPARE(e.attempts, 1);
            }
        }
        r = desk("bob", "bob2.sqlite", {QStringLiteral("status")});
        QVERIFY2(r.out.contains(QStringLiteral("Pending:     2\nFailed:      2\n")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Refused:     ") + refusal + QLatin1Char('\n')),
                 qPrintable(r.out));
        // The server still holds Alice's note only, and nothing of Bob's second journal.
        QCOMPARE(m_server.scalar(kDatabase,
                                 QStringLiteral("SELECT string_agg(notes, '|' ORDER BY notes) "
                                                "FROM fillbook.annotations")),
                 QStringLiteral("Alice: waited for the retest.|Bob: scaled in too early."));

        // Row-level security holds without the client's check: Bob's role changes no row of
        // main and cannot insert one.
        QCOMPARE(asRole("bob", QStringLiteral("UPDATE fillbook.annotations SET notes = 'x'")),
                 QStringLiteral("1 rows")); // his own bobby note only
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT notes FROM "
                                                           "fillbook.annotations WHERE account "
                                                           "= 'main'")),
                 QStringLiteral("Alice: waited for the retest."));
        QCOMPARE(asRole("bob", QStringLiteral("UPDATE fillbook.trades SET row_json = '{}' WHERE "
                                              "account = 'main'")),
                 QStringLiteral("0 rows"));
        QCOMPARE(asRole("bob", QStringLiteral("DELETE FROM fillbook.raw_records WHERE account = "
                                              "'main'")),
                 QStringLiteral("0 rows"));
        QCOMPARE(asRole("bob", QStringLiteral("INSERT INTO fillbook.trades (key, account, symbol, "
                                              "row_json, origin_device, change_seq) VALUES "
                                              "('main:X:BOTH:1', 'main', 'X', '{}', 'd', 1)")),
                 QStringLiteral("Could not run the test's SQL on the desk server %1: new row "
                                "violates row-level security policy for table \"trades\".")
                     .arg(where()));
        QCOMPARE(asRole("bob", QStringLiteral("INSERT INTO fillbook.account_owners (account, "
                                              "owner_role) VALUES ('zed', 'alice')")),
                 QStringLiteral("Could not run the test's SQL on the desk server %1: new row "
                                "violates row-level security policy for table "
                                "\"account_owners\".")
                     .arg(where()));
    }

    void aTraderReadsOnlyWhatIsGranted()
    {
        QCOMPARE(asRole("alice", QStringLiteral("SELECT string_agg(account, ',' ORDER BY "
                                                "account) FROM fillbook.trades")),
                 QStringLiteral("main"));
        QCOMPARE(asRole("bob", QStringLiteral("SELECT count(*) FROM fillbook.annotations WHERE "
                                              "account = 'main'")),
                 QStringLiteral("0"));
        Run r =
            desk("bob", "bob1.sqlite",
                 {QStringLiteral("browse"), QStringLiteral("--account"), QStringLiteral("main")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Role 'bob' may not read account main on "
                                       "this desk; its admin can allow it with 'fillbook-cli "
                                       "desk grant-read bob --account main'.\n"));
        // Only the admin grants.
        r = desk("bob", "bob1.sqlite",
                 {QStringLiteral("grant-read"), QStringLiteral("bob"), QStringLiteral("--account"),
                  QStringLiteral("main")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Role 'bob' may not grant access to "
                                       "accounts on this desk; run this as the desk's admin (the "
                                       "role that ran desk init).\n"));
        r = desk("bob", "bob1.sqlite", {QStringLiteral("grant-trader"), QStringLiteral("bob")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Role 'bob' may not manage this desk's "
                                       "roles; run this as the desk's admin (a role with "
                                       "CREATEROLE that ran desk init).\n"));
        r = desk("desk_admin", "admin.sqlite",
                 {QStringLiteral("grant-read"), QStringLiteral("bob"), QStringLiteral("--account"),
                  QStringLiteral("main")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Role bob may now read account main on %1.\n").arg(where()));
        // Bob's other journal pulls his own account's note from his first (bobby), never
        // Alice's version of the same trade key: no conflict, his note untouched.
        r = desk("bob", "bob2.sqlite", {QStringLiteral("pull")});
        QCOMPARE(r.out, QStringLiteral("Pulled 1 note changes from %1 (1 applied, 0 already "
                                       "seen, 0 kept as conflicts, 0 conflicts settled).\n")
                            .arg(where()));
        r = desk("bob", "bob2.sqlite", {QStringLiteral("conflicts")});
        QCOMPARE(r.out, QStringLiteral("No note conflicts.\n"));
        {
            Database db(path("bob2.sqlite"),
                        OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            QCOMPARE(AnnotationStore(db).annotation(m_aliceKey)->notes,
                     QStringLiteral("Bob was here."));
        }

        r = desk("bob", "bob1.sqlite",
                 {QStringLiteral("browse"), QStringLiteral("--account"), QStringLiteral("main")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, browseOfMain());
        // Reading is not writing: the granted account's rows stay Alice's.
        QCOMPARE(asRole("bob", QStringLiteral("UPDATE fillbook.annotations SET notes = 'y' WHERE "
                                              "account = 'main'")),
                 QStringLiteral("0 rows"));
        QCOMPARE(asRole("bob", QStringLiteral("SELECT count(*) FROM fillbook.annotations")),
                 QStringLiteral("2"));
        // Alice was granted nothing: Bob's account stays hidden from her.
        r = desk("alice", "alice.sqlite",
                 {QStringLiteral("browse"), QStringLiteral("--account"), QStringLiteral("bobby")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Role 'alice' may not read account bobby on "
                                       "this desk; its admin can allow it with 'fillbook-cli "
                                       "desk grant-read alice --account bobby'.\n"));
        QCOMPARE(asRole("alice", QStringLiteral("SELECT count(*) FROM fillbook.raw_records WHERE "
                                                "account = 'bobby'")),
                 QStringLiteral("0"));
    }

    void theBackgroundWorkerStillPullsWhenItsPushIsRefused()
    {
        {
            Database db(path("bob1.sqlite"));
            Annotation a = *AnnotationStore(db).annotation(m_bobKey);
            a.notes = QStringLiteral("Bob: second thoughts.");
            AnnotationStore(db).save(a);
        }
        QCOMPARE(desk("bob", "bob1.sqlite", {QStringLiteral("push")}).exitCode, 0);

        fb::share::ShareConfig config;
        config.journalPath = path("bob2.sqlite");
        config.endpoint = endpointOf("bob");
        fb::share::ReplicatorWorker worker(config, [] { return quint32(1) << 31; });
        QSignalSpy finished(&worker, &fb::share::ReplicatorWorker::cycleFinished);
        worker.runOnce(fb::share::ReplicatorWorker::Both);
        worker.stop();
        QCOMPARE(finished.size(), 1);
        const auto report = finished.at(0).at(0).value<fb::share::CycleReport>();
        QVERIFY(!report.ok);
        QCOMPARE(report.errorKind, static_cast<int>(DeskError::Kind::Rejected));
        QCOMPARE(report.message, QStringLiteral("The desk refused this change: account main "
                                                "belongs to another trader."));
        QCOMPARE(report.pull.notes, 1);
        QCOMPARE(report.pull.applied, 1);
        QCOMPARE(report.pending, 2);
        Database db(path("bob2.sqlite"), OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        QCOMPARE(AnnotationStore(db).annotation(m_bobKey)->notes,
                 QStringLiteral("Bob: second thoughts."));
        for (const OutboxEntry& e : OutboxStore(db).pending(10))
            QCOMPARE(e.attempts, 2);
    }

    void theAdminTakesAGrantBack()
    {
        const QStringList revoke{QStringLiteral("revoke-read"), QStringLiteral("bob"),
                                 QStringLiteral("--account"), QStringLiteral("main")};
        Run r = desk("bob", "bob1.sqlite", revoke);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Role 'bob' may not grant access to "
                                       "accounts on this desk; run this as the desk's admin (the "
                                       "role that ran desk init).\n"));
        r = desk("desk_admin", "admin.sqlite", revoke);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out,
                 QStringLiteral("Role bob may no longer read account main on %1.\n").arg(where()));
        r = desk("desk_admin", "admin.sqlite", revoke);
        QCOMPARE(
            r.out,
            QStringLiteral("Role bob had no grant to read account main on %1.\n").arg(where()));
        r = desk("bob", "bob1.sqlite",
                 {QStringLiteral("browse"), QStringLiteral("--account"), QStringLiteral("main")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(asRole("bob", QStringLiteral("SELECT count(*) FROM fillbook.annotations WHERE "
                                              "account = 'main'")),
                 QStringLiteral("0"));
    }

    void theDeskReaderReadsAllAndWritesNothing()
    {
        Run r = cli({QStringLiteral("desk"), QStringLiteral("browse"), QStringLiteral("--account"),
                     QStringLiteral("main"), QStringLiteral("--url"), url("carol")},
                    password("carol"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, browseOfMain());
        r = cli({QStringLiteral("desk"), QStringLiteral("browse"), QStringLiteral("--account"),
                 QStringLiteral("bobby"), QStringLiteral("--url"), url("carol")},
                password("carol"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Account bobby on %1 (owner bob), read-only: 1 "
                                                 "trade(s).\n")
                                      .arg(where())),
                 qPrintable(r.out));
        QCOMPARE(asRole("carol", QStringLiteral("SELECT (SELECT count(*) FROM fillbook.trades) || "
                                                "' ' || (SELECT count(*) FROM "
                                                "fillbook.annotations) || ' ' || (SELECT "
                                                "count(*) FROM fillbook.applied_keys)")),
                 QStringLiteral("2 2 5"));
        QCOMPARE(asRole("carol", QStringLiteral("UPDATE fillbook.annotations SET notes = 'z'")),
                 QStringLiteral("Could not run the test's SQL on the desk server %1: permission "
                                "denied for table annotations.")
                     .arg(where()));

        // Her own journal's push is refused with one sentence, and kept.
        journalWithANote("carol.sqlite", QStringLiteral("carols"), QStringLiteral("SOLUSDT"), 3001,
                         QStringLiteral("Carol's note."));
        QCOMPARE(desk("carol", "carol.sqlite",
                      {QStringLiteral("init"), QStringLiteral("--url"), url("carol")})
                     .exitCode,
                 0);
        r = desk("carol", "carol.sqlite", {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk refused this change: role 'carol' "
                                       "may only read this desk.\n"));
        QCOMPARE(pending("carol.sqlite"), 2);
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT count(*) FROM "
                                                           "fillbook.account_owners WHERE "
                                                           "account = 'carols'")),
                 QStringLiteral("0"));
    }

    void badCredentialsAreOneSentence()
    {
        Run r = cli({QStringLiteral("--db"), path("alice.sqlite"), QStringLiteral("desk"),
                     QStringLiteral("push")},
                    QStringLiteral("not alice's password"));
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk server at %1 refused user 'alice' "
                                       "with this password.\n")
                            .arg(where()));
        QVERIFY(!r.err.contains(QStringLiteral("not alice's password")));

        journalWithANote("dave.sqlite", QStringLiteral("daves"), QStringLiteral("XRPUSDT"), 4001,
                         QStringLiteral("Dave's note."));
        const QString noAccess =
            QStringLiteral(
                "fillbook-cli: The desk server at %1 gives role 'dave' no access to the desk; ask "
                "its "
                "admin to run 'fillbook-cli desk grant-trader dave' or 'desk grant-reader dave'.\n")
                .arg(where());
        r = desk("dave", "dave.sqlite",
                 {QStringLiteral("push"), QStringLiteral("--url"), url("dave")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, noAccess);
        r = cli({QStringLiteral("desk"), QStringLiteral("browse"), QStringLiteral("--account"),
                 QStringLiteral("main"), QStringLiteral("--url"), url("dave")},
                password("dave"));
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, noAccess);
        QCOMPARE(pending("dave.sqlite"), 2);

        // verify-full is what the driver is asked for: this server has no TLS, so it is refused.
        r = cli({QStringLiteral("--db"), path("alice.sqlite"), QStringLiteral("desk"),
                 QStringLiteral("push"), QStringLiteral("--url"),
                 url("alice") + QStringLiteral("?sslmode=verify-full")},
                password("alice"));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: Could not connect over TLS with %1: server "
                                       "does not support SSL, but SSL was required.\n")
                            .arg(where()));
    }

    // The desktop's policy (D142): a refused batch is split so that the changes the
    // server accepts go through; the refused ones are held — not pushed again by later cycles —
    // while new changes keep flowing, until the trader's Retry.
    void theDesktopWorkerHoldsRefusedChangesAndSharesTheRest()
    {
        const QString bob2 = path("bob2.sqlite");
        {
            Database db(bob2);
            fb::journal::saveDayNote(db, QDate(2023, 11, 14), QStringLiteral("Bob's day."), 1000);
        }
        fb::share::ShareConfig config;
        config.journalPath = bob2;
        config.endpoint = endpointOf("bob");
        config.holdRefused = true;
        fb::share::ReplicatorWorker worker(config, [] { return quint32(1) << 31; });
        QSignalSpy finished(&worker, &fb::share::ReplicatorWorker::cycleFinished);
        const auto cycle = [&]() {
            worker.runOnce(fb::share::ReplicatorWorker::Both);
            return finished.constLast().at(0).value<fb::share::CycleReport>();
        };
        const auto attempts = [&]() {
            Database db(bob2, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            QStringList all;
            for (const OutboxEntry& e : OutboxStore(db).pending(10))
                all << e.kind + QLatin1Char('=') + QString::number(e.attempts);
            return all.join(QLatin1Char(' '));
        };
        const QString refusal =
            QStringLiteral("The desk refused this change: account main belongs to another trader.");
        const QString dayNotes = QStringLiteral("SELECT string_agg(notes, '|' ORDER BY day) FROM "
                                                "fillbook.day_notes WHERE owner_role = 'bob'");

        // The batch [main's records, main's note, the daily note] is refused whole, then split:
        // the daily note reaches the server, main's two rows are held with the reason.
        fb::share::CycleReport report = cycle();
        QVERIFY(!report.ok);
        QCOMPARE(report.errorKind, static_cast<int>(DeskError::Kind::Rejected));
        QCOMPARE(report.message, refusal);
        QCOMPARE(report.held, 2);
        QCOMPARE(report.pending, 2);
        QCOMPARE(report.push.changes, 1);
        QCOMPARE(report.push.refusal, refusal);
        QCOMPARE(m_server.scalar(kDatabase, dayNotes), QStringLiteral("Bob's day."));
        const QString heldOnce = attempts();
        QVERIFY2(heldOnce.contains(QStringLiteral("=3")), qPrintable(heldOnce));

        // The next cycle does not push the held rows again (attempts unchanged) ...
        report = cycle();
        QCOMPARE(report.held, 2);
        QCOMPARE(report.push.changes, 0);
        QCOMPARE(report.push.refusedSeqs.size(), 0);
        QCOMPARE(attempts(), heldOnce);
        // ... while a new change flows past them.
        {
            Database db(bob2);
            fb::journal::saveDayNote(db, QDate(2023, 11, 15), QStringLiteral("Bob, later."), 2000);
        }
        report = cycle();
        QCOMPARE(report.push.changes, 1);
        QCOMPARE(report.held, 2);
        QCOMPARE(report.pending, 2);
        QCOMPARE(attempts(), heldOnce);
        QCOMPARE(m_server.scalar(kDatabase, dayNotes), QStringLiteral("Bob's day.|Bob, later."));

        // Retry: the held rows are pushed once more (refused again: attempts + 1, held again).
        worker.retryHeld();
        report = cycle();
        QCOMPARE(report.held, 2);
        QCOMPARE(report.message, refusal);
        QCOMPARE(report.push.refusedSeqs.size(), 2);
        QVERIFY(attempts() != heldOnce);
        QVERIFY2(attempts().contains(QStringLiteral("=4")), qPrintable(attempts()));
        QVERIFY(!attempts().contains(QStringLiteral("=3")));
        worker.stop();
    }
};

QTEST_GUILESS_MAIN(TestShareDeskRoles)
#include "test_share_desk_roles.moc"
