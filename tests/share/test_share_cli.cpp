// fillbook-cli's sharing commands as a user runs them, against a real PostgreSQL server (fixture
// desk_server): a demo sync shared whole, a note reaching another journal, bad input as one
// sentence with nothing lost, and `desk push` killed (-9) on either side of the server commit.

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/sql_access.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestShareCli : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    QString path(const char* name) { return m_dir.filePath(QLatin1String(name)); }

    QProcessEnvironment env(const QString& password)
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("FILLBOOK_DESK_PASSWORD"), password);
        e.remove(QStringLiteral("FILLBOOK_DESK_TEST_STOP"));
        return e;
    }

    Run cli(const QStringList& arguments, const QProcessEnvironment& environment)
    {
        QProcess p;
        p.setProcessEnvironment(environment);
        p.start(QStringLiteral(FILLBOOK_CLI_PATH), arguments);
        if (!p.waitForFinished(120'000))
            qFatal("fillbook-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    Run cli(const QStringList& arguments) { return cli(arguments, env(m_server.password())); }

    qint64 pending(const QString& journal)
    {
        Database db(journal, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        return OutboxStore(db).pendingCount();
    }

    // A journal holding one trade of account main, returned by key.
    QString journalWithATrade(const QString& journal)
    {
        Database db(journal);
        const fb::JournalTrade trade =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'700'000'000'000, true);
        fbtest::addTrades(db, {trade});
        return trade.key;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
    }

    void aDemoSyncIsSharedWholeAndANoteReachesTheOtherJournal()
    {
        const QString url = m_server.freshDatabase(QStringLiteral("cli_demo"));
        const QString a = path("demo-a.sqlite");
        const QString b = path("demo-b.sqlite");
        Run r = cli({QStringLiteral("--db"), a, QStringLiteral("--demo"), QStringLiteral("sync")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("init"),
                 QStringLiteral("--url"), url});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
                 QStringLiteral("Desk server 127.0.0.1:%1/cli_demo: created the Fillbook schema "
                                "%2.\n")
                     .arg(m_server.port())
                     .arg(desk_schema::CurrentVersion));
        const qint64 queued = pending(a);
        QVERIFY(queued > 0);
        r = cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Pushed %1 changes to 127.0.0.1:%2/cli_demo (")
                                      .arg(queued)
                                      .arg(m_server.port())),
                 qPrintable(r.out));
        QVERIFY(r.out.endsWith(QStringLiteral("0 already there); 0 pending.\n")));

        // Everything the journal holds is on the server, once.
        QString journalCounts;
        {
            Database db(a, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            journalCounts =
                sqlOn(db)
                    .scalar(QStringLiteral(
                        "SELECT (SELECT count(*) FROM fills) || ' ' || (SELECT count(*) FROM "
                        "orders) || ' ' || (SELECT count(*) FROM income) || ' ' || (SELECT "
                        "count(*) FROM trades)"))
                    .toString();
        }
        const QString serverCounts = m_server.scalar(
            QStringLiteral("cli_demo"),
            QStringLiteral("SELECT (SELECT count(*) FROM fillbook.raw_records WHERE record_kind = "
                           "'fill') || ' ' || (SELECT count(*) FROM fillbook.raw_records WHERE "
                           "record_kind = 'order') || ' ' || (SELECT count(*) FROM "
                           "fillbook.raw_records WHERE record_kind = 'income') || ' ' || (SELECT "
                           "count(*) FROM fillbook.trades)"));
        QCOMPARE(serverCounts, journalCounts);
        QCOMPARE(journalCounts, QStringLiteral("6000 4547 10783 1783")); // the fixed demo data

        r = cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("push")});
        QCOMPARE(r.out, QStringLiteral("Pushed 0 changes to 127.0.0.1:%1/cli_demo (0 items "
                                       "written, 0 already there); 0 pending.\n")
                            .arg(m_server.port()));

        // A note on A reaches B.
        QString key;
        {
            Database db(a, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            key = sqlOn(db)
                      .scalar(QStringLiteral("SELECT key FROM trades ORDER BY key LIMIT 1"))
                      .toString();
        }
        r = cli({QStringLiteral("--db"), a, QStringLiteral("note"), key, QStringLiteral("--text"),
                 QStringLiteral("Entered before the close; size was right."),
                 QStringLiteral("--tags"), QStringLiteral("patience, size"),
                 QStringLiteral("--rating"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("Saved the note of %1.\n").arg(key));
        QCOMPARE(cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("push")})
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("--db"), b, QStringLiteral("desk"), QStringLiteral("init"),
                      QStringLiteral("--url"), url})
                     .exitCode,
                 0);
        r = cli({QStringLiteral("--db"), b, QStringLiteral("desk"), QStringLiteral("pull")});
        QCOMPARE(r.out, QStringLiteral("Pulled 1 note changes from 127.0.0.1:%1/cli_demo (1 "
                                       "applied, 0 already seen, 0 kept as conflicts, 0 "
                                       "conflicts settled).\n")
                            .arg(m_server.port()));
        Database db(b, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        const std::optional<Annotation> seen = AnnotationStore(db).annotation(key);
        QVERIFY(seen);
        QCOMPARE(seen->notes, QStringLiteral("Entered before the close; size was right."));
        QCOMPARE(seen->tags, (QStringList{QStringLiteral("patience"), QStringLiteral("size")}));
        QCOMPARE(seen->rating, std::optional<int>(3));

        r = cli({QStringLiteral("--db"), b, QStringLiteral("desk"), QStringLiteral("status")});
        QVERIFY2(r.out.contains(QStringLiteral("Pending:     0\nFailed:      0\n")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Last push:   never\n")));
        QVERIFY(r.out.endsWith(QStringLiteral("Conflicts:   0\n")));
    }

    void badInputIsOneSentenceAndNothingIsLost()
    {
        const QString url = m_server.freshDatabase(QStringLiteral("cli_bad"));
        const QString a = path("bad.sqlite");
        const QString key = journalWithATrade(a);
        QCOMPARE(cli({QStringLiteral("--db"), a, QStringLiteral("note"), key,
                      QStringLiteral("--text"), QStringLiteral("keep me")})
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("init"),
                      QStringLiteral("--url"), url})
                     .exitCode,
                 0);
        const QString push = QStringLiteral("push");
        const QString desk = QStringLiteral("desk");
        const QString db = QStringLiteral("--db");
        const QString urlOption = QStringLiteral("--url");

        Run r = cli({db, a, desk, push, urlOption, QStringLiteral("http://127.0.0.1/x")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk URL must look like "
                                       "postgresql://USER@HOST:PORT/DATABASE.\n"));
        r = cli({db, a, desk, push, urlOption,
                 QStringLiteral("postgresql://fillbook_admin:secret@127.0.0.1/cli_bad")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk URL must not contain a password; "
                                       "set FILLBOOK_DESK_PASSWORD instead.\n"));
        QVERIFY(!r.err.contains(QStringLiteral("secret")));
        r = cli({db, a, desk, push, urlOption,
                 QStringLiteral("postgresql://fillbook_admin@desk.example.com/cli_bad?sslmode="
                                "disable")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: A desk server on another computer "
                                       "(desk.example.com) needs sslmode=verify-full: plain or "
                                       "unverified connections are allowed to this computer "
                                       "only.\n"));
        r = cli({db, a, desk, push}, env(QStringLiteral("wrong password")));
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk server at 127.0.0.1:%1/cli_bad "
                                       "refused user 'fillbook_admin' with this password.\n")
                            .arg(m_server.port()));
        QVERIFY(!r.err.contains(QStringLiteral("wrong password")));
        r = cli({db, a, desk, push, urlOption,
                 QStringLiteral("postgresql://fillbook_admin@127.0.0.1:1/cli_bad")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.startsWith(QStringLiteral("fillbook-cli: The desk server at "
                                                 "127.0.0.1:1/cli_bad cannot be reached (")),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        r = cli({db, a, desk, push, urlOption,
                 QStringLiteral("postgresql://fillbook_admin@127.0.0.1:%1/no_such_db")
                     .arg(m_server.port())});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk server at 127.0.0.1:%1 has no "
                                       "database 'no_such_db'.\n")
                            .arg(m_server.port()));
        const int newer = desk_schema::CurrentVersion + 1;
        QCOMPARE(
            m_server.exec(QStringLiteral("cli_bad"),
                          QStringLiteral("UPDATE fillbook.desk_meta SET value = '%1'").arg(newer)),
            QString());
        r = cli({db, a, desk, push});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk server's schema is version %2, "
                                       "newer than this Fillbook knows (%1); update Fillbook to "
                                       "share with it.\n")
                            .arg(desk_schema::CurrentVersion)
                            .arg(newer));
        r = cli({db, a, desk, QStringLiteral("init"), urlOption, url});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: The desk server's schema is version %2, "
                                       "newer than this Fillbook knows (%1); update Fillbook to "
                                       "share with it.\n")
                            .arg(desk_schema::CurrentVersion)
                            .arg(newer));

        QCOMPARE(pending(a), 1); // the note is still queued
        {
            Database journal(a, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            QCOMPARE(AnnotationStore(journal).annotation(key)->notes, QStringLiteral("keep me"));
        }
        QCOMPARE(m_server.exec(QStringLiteral("cli_bad"),
                               QStringLiteral("UPDATE fillbook.desk_meta SET value = '%1'")
                                   .arg(desk_schema::CurrentVersion)),
                 QString());
        r = cli({db, a, desk, push});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(pending(a), 0);
    }

    void aPushKilledAroundTheServerCommitLeavesNoDuplicateAndNothingMissing_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<QString>("onServerAfterKill");
        QTest::addColumn<QString>("retryOutput");
        QTest::newRow("before the commit")
            << QStringLiteral("before-server-commit") << QStringLiteral("0 0")
            << QStringLiteral("(1 items written, 0 already there)");
        QTest::newRow("after the commit, before the acknowledgement")
            << QStringLiteral("after-server-commit") << QStringLiteral("1 1")
            << QStringLiteral("(0 items written, 1 already there)");
    }

    void aPushKilledAroundTheServerCommitLeavesNoDuplicateAndNothingMissing()
    {
        QFETCH(QString, point);
        QFETCH(QString, onServerAfterKill);
        QFETCH(QString, retryOutput);
        const QString name = QStringLiteral("cli_kill_") + point.left(5);
        const QString url = m_server.freshDatabase(name);
        const QString a = m_dir.filePath(name + QStringLiteral(".sqlite"));
        const QString key = journalWithATrade(a);
        QCOMPARE(cli({QStringLiteral("--db"), a, QStringLiteral("note"), key,
                      QStringLiteral("--text"), QStringLiteral("survives kill -9")})
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("init"),
                      QStringLiteral("--url"), url})
                     .exitCode,
                 0);
        const QString counts =
            QStringLiteral("SELECT (SELECT count(*) FROM fillbook.annotations) || ' ' || (SELECT "
                           "count(*) FROM fillbook.applied_keys)");

        QProcess push;
        QProcessEnvironment e = env(m_server.password());
        e.insert(QStringLiteral("FILLBOOK_DESK_TEST_STOP"), point);
        push.setProcessEnvironment(e);
        push.start(QStringLiteral(FILLBOOK_CLI_PATH),
                   {QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("push")});
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(push.readAllStandardError()))
                                     .contains(QStringLiteral("test stop ") + point),
                                 30'000);
        push.kill(); // SIGKILL
        QVERIFY(push.waitForFinished(10'000));
        QCOMPARE(push.exitStatus(), QProcess::CrashExit);

        QTRY_COMPARE_WITH_TIMEOUT(m_server.scalar(name, counts), onServerAfterKill, 10'000);
        QCOMPARE(pending(a), 1);

        const Run retry =
            cli({QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("push")});
        QCOMPARE(retry.exitCode, 0);
        QVERIFY2(retry.out.contains(retryOutput), qPrintable(retry.out));
        QCOMPARE(pending(a), 0);
        QCOMPARE(m_server.scalar(name, counts), QStringLiteral("1 1"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT notes FROM fillbook.annotations")),
                 QStringLiteral("survives kill -9"));
    }
};

QTEST_GUILESS_MAIN(TestShareCli)
#include "test_share_cli.moc"
