// Screenshots shared as blobs against a real PostgreSQL server (fixture desk_server): an image
// attached while the server is down reaches the other device byte for byte; a removal travels;
// the same image is one blob; a push that dies between the blob upload and the record (a crash
// hook, and fillbook-cli killed with SIGKILL) leaves no duplicate, and the server's clean-up
// removes the orphan after the grace period but never a blob an attachment names.

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_blobs.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/share/replicator.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;
using namespace fb::share;

namespace {

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

struct CrashAfterUpload : std::runtime_error
{
    CrashAfterUpload()
        : std::runtime_error("crash between the blob upload and the record")
    {}
};

} // namespace

class TestShareAttachments : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    QString journal(const QString& name)
    {
        return m_dir.filePath(name + QStringLiteral(".sqlite"));
    }

    DeskEndpoint initDesk(const QString& name)
    {
        m_server.freshDatabase(name);
        const DeskEndpoint e = m_server.endpoint(name);
        DeskConnection desk(e, QStringLiteral("test"));
        desk_schema::upgrade(desk);
        return e;
    }

    static QString addTrade(Database& db, qint64 firstFillId = 1001)
    {
        const fb::JournalTrade trade = fbtest::makeTrade(QStringLiteral("BTCUSDT"), firstFillId,
                                                         1'700'000'000'000 + firstFillId, true);
        fbtest::addTrades(db, {trade});
        return trade.key;
    }

    QString counts(const QString& database)
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
    }

    void anImageAttachedWhileTheServerIsDownReachesTheOtherDevice()
    {
        const QString name = QStringLiteral("blobs_two");
        const DeskEndpoint e = initDesk(name);
        Database a(journal(QStringLiteral("two-a")));
        Database b(journal(QStringLiteral("two-b")));
        const QString key = addTrade(a);
        OutboxStore(a).acknowledge([&] {
            QVector<qint64> seqs;
            for (const OutboxEntry& row : OutboxStore(a).pending(1000))
                seqs.append(row.seq);
            return seqs;
        }()); // only the attachment is of interest here

        QVERIFY(m_server.down());
        const QByteArray image = png();
        const AttachResult attached =
            AttachmentStore(a).attach(key, QStringLiteral("entry.png"), image);
        try {
            DeskConnection desk(e, QStringLiteral("test"));
            QFAIL("connected to a server that is down");
        } catch (const DeskError& error) {
            QCOMPARE(error.kind(), DeskError::Kind::Unreachable);
        }
        QCOMPARE(OutboxStore(a).pendingCount(), 1); // nothing lost
        QVERIFY(m_server.up());

        {
            DeskConnection desk(e, QStringLiteral("test"));
            const PushReport pushed = Replicator(a, desk).push();
            QCOMPARE(pushed.changes, 1);
            QCOMPARE(pushed.itemsApplied, 1);
            QCOMPARE(pushed.blobsUploaded, 1);
            QCOMPARE(pushed.blobsRemoved, 0);
        }
        QCOMPARE(counts(name), QStringLiteral("1 1 0"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT hash || ' ' || size || ' ' || "
                                                      "encode(sha256(bytes), 'hex') FROM "
                                                      "fillbook.blobs")),
                 QStringLiteral("%1 %2 %1").arg(attached.attachment.hash).arg(image.size()));

        DeskConnection desk(e, QStringLiteral("test"));
        const PullReport pulled = Replicator(b, desk).pull();
        QCOMPARE(pulled.attachments, 1);
        QCOMPARE(pulled.attachmentsApplied, 1);
        QCOMPARE(pulled.blobsDownloaded, 1);
        const QVector<Attachment> seen = AttachmentStore(b).list(key);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.at(0).hash, attached.attachment.hash);
        QCOMPARE(seen.at(0).fileName, QStringLiteral("entry.png"));
        QCOMPARE(seen.at(0).mime, QStringLiteral("image/png"));
        QCOMPARE(seen.at(0).size, image.size());
        QCOMPARE(seen.at(0).addedAt, attached.attachment.addedAt);
        const std::optional<QByteArray> bytes = AttachmentStore(b).bytes(attached.attachment.hash);
        QVERIFY(bytes);
        QCOMPARE(*bytes, image);
        QCOMPARE(blobHash(*bytes), attached.attachment.hash);
        QCOMPARE(OutboxStore(b).pendingCount(), 0);          // pulled, not queued again
        QCOMPARE(Replicator(b, desk).pull().attachments, 0); // the cursor moved

        // A removal travels; the blob then has no attachment and the clean-up takes it.
        QVERIFY(AttachmentStore(a).remove(key, attached.attachment.hash));
        QCOMPARE(Replicator(a, desk).push().blobsUploaded, 0);
        QCOMPARE(counts(name), QStringLiteral("1 0 1"));
        const PullReport removal = Replicator(b, desk).pull();
        QCOMPARE(removal.attachments, 1);
        QCOMPARE(removal.attachmentsApplied, 1);
        QVERIFY(AttachmentStore(b).list(key).isEmpty());
        QCOMPARE(DeskBlobs(desk).gc(kDefaultBlobGraceHours), 0); // younger than 24 h
        QCOMPARE(DeskBlobs(desk).gc(0), 1);
        QCOMPARE(counts(name), QStringLiteral("0 0 1"));
    }

    void theSameImageIsOneBlob()
    {
        const QString name = QStringLiteral("blobs_same");
        const DeskEndpoint e = initDesk(name);
        Database a(journal(QStringLiteral("same-a")));
        Database c(journal(QStringLiteral("same-c")));
        const QString first = addTrade(a, 1001);
        const QString second = addTrade(a, 2001);
        AttachmentStore(a).attach(first, QStringLiteral("one.png"), png());
        AttachmentStore(a).attach(first, QStringLiteral("again.png"), png());
        AttachmentStore(a).attach(second, QStringLiteral("two.png"), png());
        // Another device attaches the same bytes to a third trade on its own.
        const QString third = addTrade(c, 3001);
        AttachmentStore(c).attach(third, QStringLiteral("three.png"), png());
        DeskConnection desk(e, QStringLiteral("test"));
        QCOMPARE(Replicator(a, desk).push().blobsUploaded, 1);
        QCOMPARE(Replicator(c, desk).push().blobsUploaded, 0); // the server has it
        QCOMPARE(counts(name), QStringLiteral("1 3 0"));
        QCOMPARE(Replicator(a, desk).push().changes, 0);
        QCOMPARE(counts(name), QStringLiteral("1 3 0"));
        const PullReport pulled = Replicator(c, desk).pull();
        QCOMPARE(pulled.attachments, 2);
        QCOMPARE(pulled.blobsDownloaded, 0); // c has the bytes already
        QCOMPARE(AttachmentStore(c).list(first).size(), 1);
        QCOMPARE(AttachmentStore(c).list(second).size(), 1);
    }

    void aPushThatDiesAfterTheUploadLeavesNoDuplicateAndGcTakesOnlyOrphans()
    {
        const QString name = QStringLiteral("blobs_crash");
        const DeskEndpoint e = initDesk(name);
        Database a(journal(QStringLiteral("crash-a")));
        const QString key = addTrade(a);
        const QString kept =
            AttachmentStore(a).attach(key, QStringLiteral("kept.png"), png('k')).attachment.hash;
        DeskConnection desk(e, QStringLiteral("test"));
        ReplicatorHooks crash;
        crash.afterBlobUpload = [] { throw CrashAfterUpload(); };
        QVERIFY_THROWS_EXCEPTION(CrashAfterUpload, Replicator(a, desk, crash).push());
        QCOMPARE(counts(name), QStringLiteral("1 0 0")); // the blob, not yet its record
        const qint64 pending = OutboxStore(a).pendingCount();
        QVERIFY(pending > 0);
        QCOMPARE(DeskBlobs(desk).gc(kDefaultBlobGraceHours), 0); // inside the grace period

        // The retry: the upload is found there, the record follows; nothing twice.
        const PushReport retry = Replicator(a, desk).push();
        QCOMPARE(retry.blobsUploaded, 0);
        QCOMPARE(retry.changes, pending);
        QCOMPARE(counts(name), QStringLiteral("1 1 0"));

        // An orphan for ever? Crash after uploading a second image, then remove it here before
        // the retry: its record is a removal, nothing names the blob.
        const QString orphan =
            AttachmentStore(a).attach(key, QStringLiteral("gone.png"), png('o')).attachment.hash;
        QVERIFY_THROWS_EXCEPTION(CrashAfterUpload, Replicator(a, desk, crash).push());
        QCOMPARE(counts(name), QStringLiteral("2 1 0"));
        QVERIFY(AttachmentStore(a).remove(key, orphan));
        QCOMPARE(Replicator(a, desk).push().blobsRemoved, 0); // push's own gc: 24 h grace
        QCOMPARE(counts(name), QStringLiteral("2 1 1"));
        QCOMPARE(DeskBlobs(desk).gc(0), 1); // after the grace period: the orphan only
        QCOMPARE(counts(name), QStringLiteral("1 1 1"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT hash FROM fillbook.blobs")), kept);
        QCOMPARE(DeskBlobs(desk).gc(0), 0);
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT hash FROM fillbook.blobs")), kept);
    }

    void aBlobCollectedBetweenUploadAndRecordIsUploadedAgainNeverDangling()
    {
        const QString name = QStringLiteral("blobs_race");
        const DeskEndpoint e = initDesk(name);
        Database a(journal(QStringLiteral("race-a")));
        const QString key = addTrade(a);
        const QString hash =
            AttachmentStore(a).attach(key, QStringLiteral("r.png"), png('r')).attachment.hash;
        DeskConnection desk(e, QStringLiteral("test"));
        DeskConnection other(e, QStringLiteral("gc"));
        ReplicatorHooks gcInBetween;
        int collected = -1;
        gcInBetween.afterBlobUpload = [&] { collected = DeskBlobs(other).gc(0); };
        const PushReport pushed = Replicator(a, desk, gcInBetween).push();
        QCOMPARE(collected, 1); // the fresh upload had no attachment yet
        QCOMPARE(pushed.blobsUploaded, 1);
        QCOMPARE(counts(name), QStringLiteral("1 1 0")); // uploaded again in the transaction
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT count(*) FROM fillbook.attachments "
                                                      "a WHERE NOT EXISTS (SELECT 1 FROM "
                                                      "fillbook.blobs b WHERE b.hash = a.hash)")),
                 QStringLiteral("0"));
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT hash FROM fillbook.blobs")), hash);
    }

    void killDashNineBetweenUploadAndRecord()
    {
        const QString name = QStringLiteral("blobs_kill");
        const QString url = m_server.freshDatabase(name);
        const QString a = journal(QStringLiteral("kill-a"));
        QString key;
        {
            Database db(a);
            key = addTrade(db);
        }
        const QString image = m_dir.filePath(QStringLiteral("shot.png"));
        {
            QFile f(image);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(png('9'));
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_DESK_PASSWORD"), m_server.password());
        env.remove(QStringLiteral("FILLBOOK_DESK_TEST_STOP"));
        auto cli = [&](const QStringList& args, const QProcessEnvironment& environment) {
            QProcess p;
            p.setProcessEnvironment(environment);
            p.start(QStringLiteral(FILLBOOK_CLI_PATH),
                    QStringList{QStringLiteral("--db"), a} + args);
            if (!p.waitForFinished(120'000))
                qFatal("fillbook-cli did not finish");
            const QString output = QString::fromUtf8(p.readAllStandardOutput()) +
                                   QString::fromUtf8(p.readAllStandardError());
            return std::make_pair(p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                                  output);
        };
        QCOMPARE(
            cli({QStringLiteral("desk"), QStringLiteral("init"), QStringLiteral("--url"), url}, env)
                .first,
            0);
        QCOMPARE(cli({QStringLiteral("attach"), key, image}, env).first, 0);

        QProcess push;
        QProcessEnvironment stop = env;
        stop.insert(QStringLiteral("FILLBOOK_DESK_TEST_STOP"), QStringLiteral("after-blob-upload"));
        push.setProcessEnvironment(stop);
        push.start(QStringLiteral(FILLBOOK_CLI_PATH),
                   {QStringLiteral("--db"), a, QStringLiteral("desk"), QStringLiteral("push")});
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(push.readAllStandardError()))
                                     .contains(QStringLiteral("test stop after-blob-upload")),
                                 30'000);
        push.kill(); // SIGKILL
        QVERIFY(push.waitForFinished(10'000));
        QCOMPARE(push.exitStatus(), QProcess::CrashExit);
        QCOMPARE(counts(name), QStringLiteral("1 0 0"));

        const auto retry = cli({QStringLiteral("desk"), QStringLiteral("push")}, env);
        QCOMPARE(retry.first, 0);
        QVERIFY2(!retry.second.contains(QStringLiteral("Uploaded")), qPrintable(retry.second));
        QCOMPARE(counts(name), QStringLiteral("1 1 0"));
        const auto gc = cli({QStringLiteral("desk"), QStringLiteral("gc"),
                             QStringLiteral("--grace-hours"), QStringLiteral("0")},
                            env);
        QCOMPARE(gc.first, 0);
        QCOMPARE(gc.second, QStringLiteral("Removed 0 unattached images older than 0 hours from "
                                           "127.0.0.1:%1/blobs_kill.\n")
                                .arg(m_server.port()));
        QCOMPARE(counts(name), QStringLiteral("1 1 0"));
        QCOMPARE(cli({QStringLiteral("desk"), QStringLiteral("gc"), QStringLiteral("--grace-hours"),
                      QStringLiteral("soon")},
                     env),
                 std::make_pair(2, QStringLiteral("fillbook-cli: --grace-hours must be a whole "
                                                  "number of hours, 0 or more (got 'soon').\n")));
    }
};

QTEST_GUILESS_MAIN(TestShareAttachments)
#include "test_share_attachments.moc"
