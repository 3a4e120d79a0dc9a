// fillbook-cli's note conflicts as a user runs them, against a real PostgreSQL server (fixture
// desk_server): two journals note the same trade offline, push and pull; `desk conflicts` shows
// both versions on both; `desk resolve --merge` on A, whose push is killed (-9) between the
// server commit and the local acknowledgement, still converges both without a duplicate.

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/note_conflicts.h"
#include "sync/journal/outbox_store.h"
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

class TestShareResolveCli : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    QProcessEnvironment env(const QString& stop = {})
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("FILLBOOK_DESK_PASSWORD"), m_server.password());
        e.remove(QStringLiteral("FILLBOOK_DESK_TEST_STOP"));
        if (!stop.isEmpty())
            e.insert(QStringLiteral("FILLBOOK_DESK_TEST_STOP"), stop);
        return e;
    }

    Run cli(const QString& journal, const QStringList& arguments)
    {
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(FILLBOOK_CLI_PATH),
                QStringList{QStringLiteral("--db"), journal} + arguments);
        if (!p.waitForFinished(120'000))
            qFatal("fillbook-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    // A journal holding one trade of account main, returned by key (the same on every journal).
    QString journalWithATrade(const QString& journal)
    {
        Database db(journal);
        const fb::JournalTrade trade =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'700'000'000'000, true);
        fbtest::addTrades(db, {trade});
        return trade.key;
    }

    QString deviceOf(const QString& journal)
    {
        Database db(journal, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        return OutboxStore(db).deviceId();
    }

    QString noteOf(const QString& journal, const QString& key)
    {
        Database db(journal, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        const std::optional<Annotation> a = AnnotationStore(db).annotation(key);
        return a ? a->notes + QStringLiteral(" | ") + a->tags.join(u',') : QStringLiteral("-");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
    }

    void aConflictResolvedWithAKilledPushConvergesOnBoth()
    {
        const QString name = QStringLiteral("cli_conflict");
        const QString url = m_server.freshDatabase(name);
        const QString a = m_dir.filePath(QStringLiteral("a.sqlite"));
        const QString b = m_dir.filePath(QStringLiteral("b.sqlite"));
        const QString key = journalWithATrade(a);
        QCOMPARE(journalWithATrade(b), key);
        const QString devA = deviceOf(a);
        const QString devB = deviceOf(b);
        const QString desk = QStringLiteral("desk");
        const QString push = QStringLiteral("push");
        const QString pull = QStringLiteral("pull");
        const QString conflicts = QStringLiteral("conflicts");
        const QString resolve = QStringLiteral("resolve");

        // Both note the trade while offline.
        QCOMPARE(cli(a, {QStringLiteral("note"), key, QStringLiteral("--text"),
                         QStringLiteral("A: took profit too early."), QStringLiteral("--tags"),
                         QStringLiteral("breakout,late")})
                     .exitCode,
                 0);
        QCOMPARE(cli(b, {QStringLiteral("note"), key, QStringLiteral("--text"),
                         QStringLiteral("B: hold to the target."), QStringLiteral("--tags"),
                         QStringLiteral("late,news")})
                     .exitCode,
                 0);
        for (const QString& journal : {a, b})
            QCOMPARE(
                cli(journal, {desk, QStringLiteral("init"), QStringLiteral("--url"), url}).exitCode,
                0);
        QCOMPARE(cli(a, {desk, push}).exitCode, 0);
        QCOMPARE(cli(b, {desk, push}).exitCode, 0);
        const QString where = QStringLiteral("127.0.0.1:%1/%2").arg(m_server.port()).arg(name);
        Run r = cli(a, {desk, pull});
        QCOMPARE(r.out, QStringLiteral("Pulled 1 note changes from %1 (0 applied, 0 already seen, "
                                       "1 kept as conflicts, 0 conflicts settled).\n")
                            .arg(where));
        r = cli(b, {desk, pull});
        QCOMPARE(r.out, QStringLiteral("Pulled 1 note changes from %1 (0 applied, 0 already seen, "
                                       "1 kept as conflicts, 0 conflicts settled).\n")
                            .arg(where));

        // Both versions, on both devices.
        const QString seqOf = QStringLiteral("SELECT change_seq FROM fillbook.annotations WHERE "
                                             "origin_device = '%1'");
        const QString seqA = m_server.scalar(name, seqOf.arg(devA));
        const QString seqB = m_server.scalar(name, seqOf.arg(devB));
        const QString header =
            QStringLiteral(
                "1 note conflict(s); resolve each with 'fillbook-cli desk resolve KEY --keep "
                "mine|theirs' or '--merge --text ... --tags ...'.\n%1 (trade note)\n")
                .arg(key);
        const QString lineA = QStringLiteral("\"A: took profit too early.\" tags [breakout, late] "
                                             "setup \"\" rating - mistakes []");
        const QString lineB = QStringLiteral("\"B: hold to the target.\" tags [late, news] setup "
                                             "\"\" rating - mistakes []");
        r = cli(a, {desk, conflicts});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, header + QStringLiteral("  mine:   %1 (this device, version %2…:1)\n"
                                                "  theirs: %3 (device %4, version %5…:1, server "
                                                "change %6)\n")
                                     .arg(lineA, devA.left(4), lineB, devB, devB.left(4), seqB));
        r = cli(b, {desk, conflicts});
        QCOMPARE(r.out, header + QStringLiteral("  mine:   %1 (this device, version %2…:1)\n"
                                                "  theirs: %3 (device %4, version %5…:1, server "
                                                "change %6)\n")
                                     .arg(lineB, devB.left(4), lineA, devA, devA.left(4), seqA));
        QVERIFY2(cli(a, {desk, QStringLiteral("status")})
                     .out.contains(QStringLiteral("Conflicts:   1\n")),
                 "desk status counts the conflict");

        // Bad input: one sentence, exit code 2, nothing changed.
        r = cli(a, {desk, resolve, key});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: desk resolve needs either --keep mine, "
                                       "--keep theirs, or --merge --text TEXT [--tags a,b].\n"));
        r = cli(a, {desk, resolve, QStringLiteral("main:ETHUSDT:BOTH:9"), QStringLiteral("--keep"),
                    QStringLiteral("mine")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: there is no sharing conflict about the note "
                                       "of main:ETHUSDT:BOTH:9 (see 'fillbook-cli desk "
                                       "conflicts').\n"));

        // Merge on A; the tags default to the union.
        r = cli(a, {desk, resolve, key, QStringLiteral("--merge"), QStringLiteral("--text"),
                    QStringLiteral("Took profit early; B says hold.")});
        QCOMPARE(r.exitCode, 0);
        const QString resolvedVersion =
            devA < devB ? QStringLiteral("%1…:2, %2…:1").arg(devA.left(4), devB.left(4))
                        : QStringLiteral("%2…:1, %1…:2").arg(devA.left(4), devB.left(4));
        QCOMPARE(r.out, QStringLiteral("Resolved the note of %1: merged the two versions (version "
                                       "%2); the next push shares it.\n")
                            .arg(key, resolvedVersion));
        const QString merged =
            QStringLiteral("Took profit early; B says hold. | breakout,late,news");
        QCOMPARE(noteOf(a, key), merged);

        // The push dies between the server commit and the local acknowledgement.
        QProcess killed;
        killed.setProcessEnvironment(env(QStringLiteral("after-server-commit")));
        killed.start(QStringLiteral(FILLBOOK_CLI_PATH), {QStringLiteral("--db"), a, desk, push});
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(killed.readAllStandardError()))
                                     .contains(QStringLiteral("test stop after-server-commit")),
                                 30'000);
        killed.kill(); // SIGKILL
        QVERIFY(killed.waitForFinished(10'000));
        QCOMPARE(killed.exitStatus(), QProcess::CrashExit);
        const QString rows =
            QStringLiteral("SELECT count(*) || ' ' || min(origin_device) || ' ' || min(notes) FROM "
                           "fillbook.annotations");
        QTRY_COMPARE_WITH_TIMEOUT(m_server.scalar(name, rows),
                                  QStringLiteral("1 %1 Took profit early; B says hold.").arg(devA),
                                  10'000);
        r = cli(a, {desk, push});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("(0 items written, 1 already there); 0 pending")),
                 qPrintable(r.out));

        r = cli(b, {desk, pull});
        QCOMPARE(r.out, QStringLiteral("Pulled 1 note changes from %1 (1 applied, 0 already seen, "
                                       "0 kept as conflicts, 1 conflicts settled).\n")
                            .arg(where));
        r = cli(a, {desk, pull});
        QCOMPARE(r.out, QStringLiteral("Pulled 0 note changes from %1 (0 applied, 0 already seen, "
                                       "0 kept as conflicts, 0 conflicts settled).\n")
                            .arg(where));
        QVERIFY2(cli(b, {desk, push}).out.startsWith(QStringLiteral("Pushed 0 changes")),
                 "B has nothing left to push");
        for (const QString& journal : {a, b}) {
            QCOMPARE(noteOf(journal, key), merged);
            QCOMPARE(cli(journal, {desk, conflicts}).out, QStringLiteral("No note conflicts.\n"));
            QVERIFY(cli(journal, {desk, QStringLiteral("status")})
                        .out.contains(QStringLiteral("Conflicts:   0\n")));
        }
        QCOMPARE(m_server.scalar(name, rows),
                 QStringLiteral("1 %1 Took profit early; B says hold.").arg(devA));
    }
};

QTEST_GUILESS_MAIN(TestShareResolveCli)
#include "test_share_resolve_cli.moc"
