// Images attached to trades (sync/journal/attachment_store, blob_files): content-addressed files
// beside the journal, the row and its outbox row in one transaction, idempotence, the checks of
// the bytes, removal shared through the outbox, and the clean-up of files nobody names.

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;

namespace {

// The smallest valid PNG: a 1×1 pixel; `tag` changes one byte after the end so that two images
// differ (the bytes are still a PNG by their magic).
QByteArray png(char tag = 0)
{
    QByteArray bytes = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5Er"
        "kJggg==");
    if (tag)
        bytes.append(tag);
    return bytes;
}

QString tradeKey(Database& db)
{
    const fb::JournalTrade trade =
        fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'700'000'000'000, true);
    fbtest::addTrades(db, {trade});
    return trade.key;
}

QString usageError(const std::function<void()>& f)
{
    try {
        f();
    } catch (const JournalError& e) {
        return e.kind() == JournalError::Kind::Usage ? e.message() : QStringLiteral("not usage");
    }
    return QString();
}

} // namespace

class TestJournalAttachments : public QObject
{
    Q_OBJECT
private slots:
    void imageTypesAreReadFromTheBytes()
    {
        QCOMPARE(sniffImageType(png()), QLatin1String("image/png"));
        QCOMPARE(sniffImageType(QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF", 10)),
                 QLatin1String("image/jpeg"));
        QCOMPARE(sniffImageType(QByteArray("RIFF\x24\x00\x00\x00WEBPVP8 ", 16)),
                 QLatin1String("image/webp"));
        QCOMPARE(sniffImageType(QByteArray("GIF89a\x01\x00")), QLatin1String("image/gif"));
        QCOMPARE(sniffImageType(QByteArray("GIF87a")), QLatin1String("image/gif"));
        QVERIFY(sniffImageType(QByteArray("RIFF\x24\x00\x00\x00WAVEfmt ", 16)).isEmpty());
        QVERIFY(sniffImageType(QByteArray("%PDF-1.7")).isEmpty());
        QVERIFY(sniffImageType(QByteArray()).isEmpty());
        QCOMPARE(
            blobHash(QByteArray("abc")),
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QVERIFY(isBlobHash(blobHash(png())));
        QVERIFY(!isBlobHash(blobHash(png()).toUpper()));
    }

    void attachingWritesTheFileThenTheRowAndItsOutboxRow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        Database db(path);
        const QString key = tradeKey(db);
        const qint64 queued = OutboxStore(db).pendingCount();
        AttachmentStore store(db);
        const AttachResult r =
            store.attach(key, QStringLiteral("/home/me/Pictures/entry.png"), png());
        QVERIFY(r.added);
        const QString hash = blobHash(png());
        QCOMPARE(r.attachment.hash, hash);
        QCOMPARE(r.attachment.fileName, QStringLiteral("entry.png"));
        QCOMPARE(r.attachment.mime, QStringLiteral("image/png"));
        QCOMPARE(r.attachment.size, png().size());
        const QString file =
            path + QStringLiteral(".blobs/") + hash.left(2) + QLatin1Char('/') + hash;
        QCOMPARE(BlobFolder(path).filePath(hash), file);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), png());
        QCOMPARE(QFileInfo(file).permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFileDevice::Permissions());
        QCOMPARE(store.list(key), QVector<Attachment>{r.attachment});
        QCOMPARE(*store.bytes(hash), png());
        const QVector<OutboxEntry> rows = OutboxStore(db).pending(1000);
        QCOMPARE(rows.size(), queued + 1);
        QCOMPARE(rows.constLast().kind, QStringLiteral("attachment"));
        QCOMPARE(rows.constLast().ref, hash + QLatin1Char(':') + key);
        QCOMPARE(splitAttachmentRef(rows.constLast().ref),
                 std::make_optional(std::make_pair(key, hash)));

        // Rolled back with the caller's transaction: no row, no outbox row; the file stays
        // (harmless, reused by the next attach of the same image).
        const QByteArray other = png('x');
        {
            Transaction tx(db);
            store.attach(key, QStringLiteral("other.png"), other);
            QCOMPARE(store.list(key).size(), 2);
        }
        QCOMPARE(store.list(key).size(), 1);
        QCOMPARE(OutboxStore(db).pendingCount(), queued + 1);
        QVERIFY(BlobFolder(path).contains(blobHash(other)));
    }

    void theSameImageTwiceIsOneRowAndOneFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        Database db(path);
        const QString key = tradeKey(db);
        AttachmentStore store(db);
        QVERIFY(store.attach(key, QStringLiteral("a.png"), png()).added);
        const qint64 queued = OutboxStore(db).pendingCount();
        const AttachResult again = store.attach(key, QStringLiteral("b.png"), png());
        QVERIFY(!again.added);
        QCOMPARE(again.attachment.fileName, QStringLiteral("a.png"));
        QCOMPARE(store.list(key).size(), 1);
        QCOMPARE(OutboxStore(db).pendingCount(), queued);
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("SELECT count(*) FROM attachments")).toInt(), 1);
        int files = 0;
        for (const QFileInfo& sub :
             QDir(path + QStringLiteral(".blobs")).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
            files += QDir(sub.filePath()).entryList(QDir::Files).size();
        QCOMPARE(files, 1);
    }

    void badInputIsRefusedWithOneSentenceAndNothingWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        Database db(path);
        const QString key = tradeKey(db);
        const qint64 queued = OutboxStore(db).pendingCount();
        AttachmentStore store(db);
        QCOMPARE(usageError([&] {
                     store.attach(QStringLiteral("main:NOPE:BOTH:1"), QStringLiteral("a.png"),
                                  png());
                 }),
                 QStringLiteral("There is no trade main:NOPE:BOTH:1 in this journal."));
        QCOMPARE(usageError([&] { store.attach(key, QStringLiteral("notes.txt"), "hello"); }),
                 QStringLiteral("notes.txt is not a PNG, JPEG, WebP or GIF image."));
        QByteArray huge = png();
        huge.append(QByteArray(kMaxAttachmentBytes, '\0'));
        QCOMPARE(usageError([&] { store.attach(key, QStringLiteral("huge.png"), huge); }),
                 QStringLiteral("huge.png is 20.0 MB, larger than the 20.0 MB an attachment may "
                                "be."));
        QCOMPARE(OutboxStore(db).pendingCount(), queued);
        QVERIFY(store.list(key).isEmpty());
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".blobs")));
    }

    void aRemovalIsQueuedAndTheFileCleanedOnceNoRowNamesIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        Database db(path);
        const QString key = tradeKey(db);
        const fb::JournalTrade second =
            fbtest::makeTrade(QStringLiteral("ETHUSDT"), 2001, 1'700'000'100'000, true);
        fbtest::addTrades(db, {second});
        AttachmentStore store(db);
        const QString hash = store.attach(key, QStringLiteral("a.png"), png()).attachment.hash;
        store.attach(second.key, QStringLiteral("same.png"), png());
        const qint64 queued = OutboxStore(db).pendingCount();
        QVERIFY(store.remove(key, hash));
        QVERIFY(!store.remove(key, hash)); // once
        QCOMPARE(OutboxStore(db).pendingCount(), queued + 1);
        QVERIFY(store.list(key).isEmpty());
        QVERIFY(store.find(key, hash)->removed);
        QCOMPARE(store.cleanFiles(0), 0); // the other trade still shows it
        QVERIFY(BlobFolder(path).contains(hash));
        QVERIFY(store.remove(second.key, hash));
        QCOMPARE(store.cleanFiles(3600'000), 0); // younger than the grace period
        QCOMPARE(store.cleanFiles(0), 1);
        QVERIFY(!BlobFolder(path).contains(hash));
        // Attached again later: the file comes back, the row is attached again and queued.
        QVERIFY(store.attach(key, QStringLiteral("a.png"), png()).added);
        QCOMPARE(store.list(key).size(), 1);
        QCOMPARE(*store.bytes(hash), png());
        QCOMPARE(OutboxStore(db).pendingCount(), queued + 3);
    }

    void aDamagedFileIsNotServed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        Database db(path);
        const QString key = tradeKey(db);
        const QString hash =
            AttachmentStore(db).attach(key, QStringLiteral("a.png"), png()).attachment.hash;
        QFile file(BlobFolder(path).filePath(hash));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("broken");
        file.close();
        QVERIFY(!AttachmentStore(db).bytes(hash));
    }
};

QTEST_GUILESS_MAIN(TestJournalAttachments)
#include "test_journal_attachments.moc"
