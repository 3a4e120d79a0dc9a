// `fillbook-cli attach` (docs/sharing.md, "Screenshots"): attach, the same image again, list,
// remove by a start of the hash; bad input — a missing file, a file that is not an image, an
// unknown trade, an unknown or ambiguous hash, wrong arguments — is one sentence and exit code 2
// with nothing written.

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QFile>
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

// A 1×1 PNG (the bytes are what matters, not the pixels).
QByteArray png()
{
    return QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5Er"
        "kJggg==");
}

} // namespace

class TestAttachCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Run cli(const QStringList& arguments)
    {
        QProcess p;
        p.start(QStringLiteral(FILLBOOK_CLI_PATH), arguments);
        if (!p.waitForFinished(60'000))
            qFatal("fillbook-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString file(const char* name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write a test file");
        f.write(bytes);
        return path;
    }

private slots:
    void attachListRemoveAndBadInput()
    {
        QVERIFY(m_dir.isValid());
        const QString journal = m_dir.filePath(QStringLiteral("j.sqlite"));
        QString key;
        qint64 queued = 0;
        {
            Database db(journal);
            const fb::JournalTrade trade =
                fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'700'000'000'000, true);
            fbtest::addTrades(db, {trade});
            key = trade.key;
            queued = OutboxStore(db).pendingCount();
        }
        const QString db = QStringLiteral("--db");
        const QString attach = QStringLiteral("attach");
        const QString image = file("entry.png", png());
        const QString hash = blobHash(png());

        Run r = cli({db, journal, attach, key, image});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("Attached entry.png to %1 (image/png, %2 B, sha256 %3).\n")
                            .arg(key)
                            .arg(png().size())
                            .arg(hash));
        r = cli({db, journal, attach, key, image});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("entry.png is attached to %1 already (image/png, %2 B, "
                                       "sha256 %3).\n")
                            .arg(key)
                            .arg(png().size())
                            .arg(hash));

        const QString text = file("notes.txt", "not a picture");
        const QVector<std::pair<QStringList, QString>> bad{
            {{db, journal, attach, key, m_dir.filePath(QStringLiteral("missing.png"))},
             QStringLiteral("fillbook-cli: cannot read the file %1.\n")
                 .arg(m_dir.filePath(QStringLiteral("missing.png")))},
            {{db, journal, attach, key, text},
             QStringLiteral("fillbook-cli: notes.txt is not a PNG, JPEG, WebP or GIF image.\n")},
            {{db, journal, attach, QStringLiteral("main:NOPE:BOTH:1"), image},
             QStringLiteral("fillbook-cli: there is no trade main:NOPE:BOTH:1 in the journal at "
                            "%1.\n")
                 .arg(journal)},
            {{db, journal, attach, QStringLiteral("--remove"), key, QStringLiteral("ffff")},
             QStringLiteral("fillbook-cli: %1 has no attachment ffff (see 'fillbook-cli attach "
                            "--list %1').\n")
                 .arg(key)},
            {{db, journal, attach, key},
             QStringLiteral("fillbook-cli: attach needs TRADE_KEY FILE, --list TRADE_KEY, or "
                            "--remove TRADE_KEY HASH.\n")},
        };
        for (const auto& [args, sentence] : bad) {
            r = cli(args);
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.err, sentence);
            QCOMPARE(r.out, QString());
        }

        r = cli({db, journal, attach, QStringLiteral("--list"), key});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(
                     hash + QStringLiteral("  image/png  %1 B  entry.png  ").arg(png().size())),
                 qPrintable(r.out));
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1);

        r = cli({db, journal, attach, QStringLiteral("--remove"), key, hash.left(10)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("Removed the attachment %1 from %2.\n").arg(hash, key));
        r = cli({db, journal, attach, QStringLiteral("--list"), key});
        QCOMPARE(r.out, QStringLiteral("No attachments on %1.\n").arg(key));

        Database check(journal, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        QCOMPARE(OutboxStore(check).pendingCount(), queued + 2); // the attach and the removal
        QVERIFY(AttachmentStore(check).find(key, hash)->removed);
    }
};

QTEST_GUILESS_MAIN(TestAttachCli)
#include "test_attach_cli.moc"
