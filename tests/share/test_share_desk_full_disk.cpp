// A real full disk on the desk server's side (docs/sharing.md, "Tests"): the desk's tables live
// in a tablespace on a small tmpfs that the fixture's script mounts (root or CAP_SYS_ADMIN: if it
// cannot, this test fails and says why — it is never skipped), and a filler file takes every
// byte left on it. Only the desk's tables are there (the database's default tablespace for new
// tables): the catalogs and the server's own files, which it may delete at any time (a relation
// cache file), stay on the main disk, so nothing frees space on the small disk behind the test. A
// push then fails with one sentence, nothing is lost locally and the outbox still holds every row,
// not marked refused; the background worker stays offline and retries; once the filler is removed
// everything arrives exactly once.

#include "sync/journal/annotation_store.h"
#include "sync/journal/attachment_store.h"
#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/transaction.h"
#include "sync/share/replicator_worker.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fb::journal;
using namespace fb::share;

namespace {

const QString kDatabase = QStringLiteral("desk_full");
const QString kTablespace = QStringLiteral("desk_small_disk");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestShareDeskFullDisk : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;
    QString m_tradeKey;

    QString journal() { return m_dir.filePath(QStringLiteral("full.sqlite")); }
    QString where() const
    {
        return QStringLiteral("127.0.0.1:%1/%2").arg(m_server.port()).arg(kDatabase);
    }

    Run cli(const QStringList& arguments)
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("FILLBOOK_DESK_PASSWORD"), m_server.password());
        e.remove(QStringLiteral("FILLBOOK_DESK_TEST_STOP"));
        QProcess p;
        p.setProcessEnvironment(e);
        p.start(QStringLiteral(FILLBOOK_CLI_PATH),
                QStringList{QStringLiteral("--db"), journal(), QStringLiteral("desk")} + arguments);
        if (!p.waitForStarted(30'000))
            qFatal("fillbook-cli did not start");
        if (!p.waitForFinished(120'000))
            qFatal("fillbook-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    // What the server holds, as its superuser sees it.
    QString serverCounts()
    {
        return m_server.scalar(
            kDatabase,
            QStringLiteral("SELECT (SELECT count(*) FROM fillbook.applied_keys) || ' keys, ' || "
                           "(SELECT count(DISTINCT idem_key) FROM fillbook.applied_keys) || "
                           "' distinct, ' || (SELECT count(*) FROM fillbook.annotations) || "
                           "' notes, ' || (SELECT count(*) FROM fillbook.trades) || ' trades, ' "
                           "|| (SELECT count(*) FROM fillbook.attachments) || ' attachments, ' "
                           "|| (SELECT count(*) FROM fillbook.blobs) || ' images'"));
    }

    void expectNothingLostLocally()
    {
        Database db(journal(), OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        QCOMPARE(AnnotationStore(db).annotation(m_tradeKey)->notes,
                 QStringLiteral("Sized down before the news."));
        QCOMPARE(AttachmentStore(db).list(m_tradeKey).size(), 1);
        OutboxStore outbox(db);
        QCOMPARE(outbox.pendingCount(), 3);
        QCOMPARE(outbox.failedCount(), 0); // a full disk is not a refusal of these rows
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
        const QString folder = m_server.mountSmallDisk(8);
        QVERIFY2(!folder.isEmpty(),
                 "FAILED, NOT SKIPPED: the full-disk test needs the fixture to mount a small tmpfs "
                 "for the desk server (root or CAP_SYS_ADMIN); the script's reason is above.");
        m_server.exec(QStringLiteral("postgres"),
                      QStringLiteral("DROP DATABASE IF EXISTS %1").arg(kDatabase));
        m_server.exec(QStringLiteral("postgres"),
                      QStringLiteral("DROP TABLESPACE IF EXISTS %1").arg(kTablespace));
        QCOMPARE(m_server.exec(
                     QStringLiteral("postgres"),
                     QStringLiteral("CREATE TABLESPACE %1 LOCATION '%2'").arg(kTablespace, folder)),
                 QString());
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("CREATE DATABASE %1").arg(kDatabase)),
                 QString());
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("ALTER DATABASE %1 SET default_tablespace = %2")
                                   .arg(kDatabase, kTablespace)),
                 QString());

        // A journal with a trade, its records queued, a note and an image: three outbox rows.
        Database db(journal());
        const fb::JournalTrade trade =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'700'000'000'000, true);
        fbtest::addTrades(db, {trade});
        m_tradeKey = trade.key;
        {
            Transaction tx(db);
            OutboxStore outbox(db);
            QVector<qint64> queued;
            for (const OutboxEntry& row : outbox.pending(1000))
                queued.append(row.seq);
            outbox.acknowledge(queued);
            outbox.add(kOutboxRecords, QStringLiteral("main"), QStringLiteral("BTCUSDT"));
            tx.commit();
        }
        Annotation a;
        a.tradeKey = trade.key;
        a.notes = QStringLiteral("Sized down before the news.");
        AnnotationStore(db).save(a);
        AttachmentStore(db).attach(
            trade.key, QStringLiteral("chart.png"),
            QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42m"
                                   "Nk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        QCOMPARE(OutboxStore(db).pendingCount(), 3);
    }

    void cleanupTestCase()
    {
        m_server.freeSmallDisk();
        m_server.exec(QStringLiteral("postgres"),
                      QStringLiteral("DROP DATABASE IF EXISTS %1").arg(kDatabase));
        m_server.exec(QStringLiteral("postgres"),
                      QStringLiteral("DROP TABLESPACE IF EXISTS %1").arg(kTablespace));
        m_server.unmountSmallDisk();
    }

    void aPushToAFullDiskFailsWithOneSentenceAndLosesNothing()
    {
        Run r = cli({QStringLiteral("init"), QStringLiteral("--url"),
                     QStringLiteral("postgresql://fillbook_admin@%1").arg(where())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(m_server.fillSmallDisk());

        r = cli({QStringLiteral("push")});
        QCOMPARE(r.exitCode, 6); // offline: try again later
        QCOMPARE(r.out, QString());
        const QRegularExpression sentence(
            QStringLiteral("^fillbook-cli: The desk server at %1 is out of disk space \\(could "
                           "not extend file \"pg_tblspc/[0-9]+/PG_15_[0-9]+/[0-9]+/[0-9]+\": No "
                           "space left on device\\); the changes stay queued until its admin "
                           "frees space\\.\\n$")
                .arg(QRegularExpression::escape(where())));
        QVERIFY2(sentence.match(r.err).hasMatch(), qPrintable(r.err));
        expectNothingLostLocally();
        QCOMPARE(serverCounts(),
                 QStringLiteral("0 keys, 0 distinct, 0 notes, 0 trades, 0 attachments, 0 images"));
        r = cli({QStringLiteral("status")});
        QVERIFY2(r.out.contains(QStringLiteral("Pending:     3\nFailed:      0\n")),
                 qPrintable(r.out));
    }

    void theWorkerWaitsOfflineAndDeliversOnceWhenSpaceIsFreed()
    {
        ShareConfig config;
        config.journalPath = journal();
        config.endpoint = m_server.endpoint(kDatabase);
        config.retry.initialDelayMs = 40;
        config.retry.maxDelayMs = 160;
        config.retry.multiplier = 2;
        config.retry.jitterPercent = 30;
        config.pollIntervalMs = 60'000;
        QThread thread;
        auto* worker = new ReplicatorWorker(config, [] { return quint32(1) << 31; }); // no jitter
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy retries(worker, &ReplicatorWorker::retryScheduled);
        QSignalSpy states(worker, &ReplicatorWorker::stateChanged);
        thread.start();
        // A failed check returns early: the worker and its thread end all the same.
        auto stopWorker = qScopeGuard([&] {
            QMetaObject::invokeMethod(worker, &ReplicatorWorker::stop,
                                      Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
        });
        QMetaObject::invokeMethod(worker, &ReplicatorWorker::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 3, 20'000);
        QCOMPARE(retries.at(0), (QVariantList{1, qint64(40)}));
        QCOMPARE(retries.at(1), (QVariantList{2, qint64(80)}));
        int offline = 0;
        for (const QVariantList& s : states) {
            if (s.at(0).value<ShareState>() != ShareState::Offline)
                continue;
            ++offline;
            QCOMPARE(s.at(1).toLongLong(), 3); // pending, kept
            QVERIFY2(s.at(2).toString().startsWith(
                         QStringLiteral("The desk server at %1 is out of disk space (could not "
                                        "extend file ")
                             .arg(where())),
                     qPrintable(s.at(2).toString()));
        }
        QVERIFY(offline >= 3);
        expectNothingLostLocally();
        QCOMPARE(serverCounts(),
                 QStringLiteral("0 keys, 0 distinct, 0 notes, 0 trades, 0 attachments, 0 images"));

        QVERIFY(m_server.freeSmallDisk());
        QTRY_VERIFY_WITH_TIMEOUT(
            !states.isEmpty() && states.constLast().at(0).value<ShareState>() == ShareState::Idle,
            20'000);
        QCOMPARE(states.constLast().at(1).toLongLong(), 0);
        stopWorker.dismiss();
        QMetaObject::invokeMethod(worker, &ReplicatorWorker::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();

        // Exactly once: three keys, one note, one trade, one attachment, one image.
        QCOMPARE(serverCounts(),
                 QStringLiteral("3 keys, 3 distinct, 1 notes, 1 trades, 1 attachments, 1 images"));
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT notes FROM "
                                                           "fillbook.annotations")),
                 QStringLiteral("Sized down before the news."));
        const Run r = cli({QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Pushed 0 changes to %1 (0 items written, 0 already "
                                       "there); 0 pending.\n")
                            .arg(where()));
        QCOMPARE(serverCounts(),
                 QStringLiteral("3 keys, 3 distinct, 1 notes, 1 trades, 1 attachments, 1 images"));
    }
};

QTEST_GUILESS_MAIN(TestShareDeskFullDisk)
#include "test_share_desk_full_disk.moc"
