// The replicator against a real PostgreSQL server (fixture desk_server): the transactional
// outbox, two devices sharing a note written while the server was down, idempotent batches, a
// lost commit reply, a newer server schema, and the worker's backoff while offline.

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/desk_store.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/transaction.h"
#include "sync/share/replicator.h"
#include "sync/share/replicator_worker.h"
#include "tests/share/desk_test_server.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fb::journal;
using namespace fb::share;

namespace {

Annotation note(const QString& key, const QString& text)
{
    Annotation a;
    a.tradeKey = key;
    a.notes = text;
    a.tags = QStringList{QStringLiteral("breakout"), QStringLiteral("late")};
    a.setup = QStringLiteral("range break");
    a.rating = 4;
    a.mistakes = QStringList{QStringLiteral("moved stop")};
    return a;
}

struct CrashAfterCommit : std::runtime_error
{
    CrashAfterCommit()
        : std::runtime_error("crash between the server commit and the acknowledgement")
    {}
};

} // namespace

class TestShareReplicator : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    QString journal(const char* name) { return m_dir.filePath(QLatin1String(name)); }

    // A database with the Fillbook schema, for one test.
    DeskEndpoint initDesk(const QString& name)
    {
        m_server.freshDatabase(name);
        const DeskEndpoint e = m_server.endpoint(name);
        DeskConnection desk(e, QStringLiteral("test"));
        desk_schema::upgrade(desk);
        return e;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
    }

    void theOutboxRowCommitsAndRollsBackWithTheChange()
    {
        Database db(journal("outbox.sqlite"));
        OutboxStore outbox(db);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                    .match(outbox.deviceId())
                    .hasMatch());
        QCOMPARE(outbox.pendingCount(), 0);
        {
            Transaction tx(db);
            AnnotationStore(db).save(
                note(QStringLiteral("main:BTCUSDT:BOTH:1"), QStringLiteral("x")));
            QCOMPARE(outbox.pendingCount(), 1);
            // not committed: rolled back with the note
        }
        QCOMPARE(outbox.pendingCount(), 0);
        QVERIFY(!AnnotationStore(db).annotation(QStringLiteral("main:BTCUSDT:BOTH:1")));
        AnnotationStore(db).save(note(QStringLiteral("main:BTCUSDT:BOTH:1"), QStringLiteral("y")));
        AnnotationStore(db).remove(QStringLiteral("main:BTCUSDT:BOTH:1"));
        const QVector<OutboxEntry> rows = outbox.pending(10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).kind, QStringLiteral("annotation"));
        QCOMPARE(rows.at(0).ref, QStringLiteral("main:BTCUSDT:BOTH:1"));
        QCOMPARE(rows.at(1).seq, rows.at(0).seq + 1);
        QCOMPARE(OutboxStore::idempotencyKey(outbox.deviceId(), rows.at(0).seq),
                 outbox.deviceId() + QLatin1Char(':') + QString::number(rows.at(0).seq));
    }

    void aNoteWrittenWhileTheServerIsDownReachesTheOtherDevice()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("two_devices"));
        Database a(journal("a.sqlite"));
        Database b(journal("b.sqlite"));
        QVERIFY(OutboxStore(a).deviceId() != OutboxStore(b).deviceId());

        QVERIFY(m_server.down());
        const Annotation written = AnnotationStore(a).save(
            note(QStringLiteral("main:ETHUSDT:BOTH:42"), QStringLiteral("Took profit too early.")));
        try {
            DeskConnection desk(e, QStringLiteral("test"));
            QFAIL("connected to a server that is down");
        } catch (const DeskError& error) {
            QCOMPARE(error.kind(), DeskError::Kind::Unreachable);
            QVERIFY2(error.message().startsWith(
                         QStringLiteral("The desk server at 127.0.0.1:%1/two_devices cannot be "
                                        "reached (")
                             .arg(m_server.port())),
                     qPrintable(error.message()));
        }
        QCOMPARE(OutboxStore(a).pendingCount(), 1); // nothing lost locally
        QVERIFY(m_server.up());

        {
            DeskConnection desk(e, QStringLiteral("test"));
            const PushReport pushed = Replicator(a, desk).push();
            QCOMPARE(pushed.changes, 1);
            QCOMPARE(pushed.itemsApplied, 1);
            QCOMPARE(pushed.itemsSkipped, 0);
            QCOMPARE(OutboxStore(a).pendingCount(), 0);
        }
        DeskConnection desk(e, QStringLiteral("test"));
        const PullReport pulled = Replicator(b, desk).pull();
        QCOMPARE(pulled.notes, 1);
        QCOMPARE(pulled.conflicts, 0);
        const std::optional<Annotation> seen =
            AnnotationStore(b).annotation(QStringLiteral("main:ETHUSDT:BOTH:42"));
        QVERIFY(seen);
        QCOMPARE(*seen, written);                   // every field, the times included
        QCOMPARE(OutboxStore(b).pendingCount(), 0); // a pulled note is not shared back
        QCOMPARE(shareStatus(b).pullCursor, pulled.cursor);
        // A pulls nothing of its own; B pulls nothing twice.
        QCOMPARE(Replicator(a, desk).pull().notes, 0);
        QCOMPARE(Replicator(b, desk).pull().notes, 0);

        // B removes it; A sees it gone.
        QVERIFY(AnnotationStore(b).remove(QStringLiteral("main:ETHUSDT:BOTH:42")));
        QCOMPARE(Replicator(b, desk).push().changes, 1);
        QCOMPARE(Replicator(a, desk).pull().notes, 1);
        QVERIFY(!AnnotationStore(a).annotation(QStringLiteral("main:ETHUSDT:BOTH:42")));
    }

    void theSameBatchAppliedTwiceWritesNothingTwice()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("idempotent"));
        DeskConnection desk(e, QStringLiteral("test"));
        DeskItem item;
        item.kind = QString(kOutboxAnnotation);
        item.ref = QStringLiteral("main:BTCUSDT:BOTH:7");
        item.keys = QStringList{QStringLiteral("dev1:1"), QStringLiteral("dev1:2")};
        item.annotation = note(item.ref, QStringLiteral("first"));
        const DeskApplyResult first = DeskStore(desk).apply(QStringLiteral("dev1"), {item});
        QCOMPARE(first.itemsApplied, 1);
        const QString seq =
            m_server.scalar(QStringLiteral("idempotent"), QStringLiteral("SELECT change_seq FROM "
                                                                         "fillbook.annotations"));
        item.annotation = note(item.ref, QStringLiteral("changed since, same keys"));
        const DeskApplyResult second = DeskStore(desk).apply(QStringLiteral("dev1"), {item});
        QCOMPARE(second.itemsApplied, 0);
        QCOMPARE(second.itemsSkipped, 1);
        QCOMPARE(m_server.scalar(QStringLiteral("idempotent"),
                                 QStringLiteral("SELECT count(*) || ' ' || max(notes) || ' ' || "
                                                "max(change_seq) FROM fillbook.annotations")),
                 QStringLiteral("1 first ") + seq);
        QCOMPARE(DeskStore(desk).appliedKeyCount(QStringLiteral("dev1")), 2);
    }

    void aLostCommitReplyIsNotAppliedAgain()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("lost_reply"));
        Database a(journal("lost.sqlite"));
        for (int i = 1; i <= 3; ++i)
            AnnotationStore(a).save(note(QStringLiteral("main:BTCUSDT:BOTH:%1").arg(i),
                                         QStringLiteral("note %1").arg(i)));
        DeskConnection desk(e, QStringLiteral("test"));
        ReplicatorHooks crash;
        crash.afterServerCommit = [] { throw CrashAfterCommit(); };
        QVERIFY_THROWS_EXCEPTION(CrashAfterCommit, Replicator(a, desk, crash).push());
        QCOMPARE(OutboxStore(a).pendingCount(), 3); // not acknowledged
        const QString before = m_server.scalar(
            QStringLiteral("lost_reply"),
            QStringLiteral("SELECT count(*) || '/' || max(change_seq) FROM fillbook.annotations"));
        QCOMPARE(before.section(QLatin1Char('/'), 0, 0), QStringLiteral("3"));

        const PushReport retry = Replicator(a, desk).push();
        QCOMPARE(retry.changes, 3);
        QCOMPARE(retry.itemsApplied, 0);
        QCOMPARE(retry.itemsSkipped, 3);
        QCOMPARE(OutboxStore(a).pendingCount(), 0);
        QCOMPARE(m_server.scalar(QStringLiteral("lost_reply"),
                                 QStringLiteral("SELECT count(*) || '/' || max(change_seq) FROM "
                                                "fillbook.annotations")),
                 before);
        QCOMPARE(DeskStore(desk).appliedKeyCount(OutboxStore(a).deviceId()), 3);
    }

    void aNewerServerSchemaIsRefusedAndNothingIsLost()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("newer"));
        QCOMPARE(m_server.exec(QStringLiteral("newer"),
                               QStringLiteral("UPDATE fillbook.desk_meta SET value = '4' WHERE "
                                              "key = 'schema_version'")),
                 QString());
        Database a(journal("newer.sqlite"));
        AnnotationStore(a).save(note(QStringLiteral("k"), QStringLiteral("kept")));
        DeskConnection desk(e, QStringLiteral("test"));
        try {
            Replicator(a, desk).push();
            QFAIL("pushed to a newer schema");
        } catch (const DeskError& error) {
            QCOMPARE(error.kind(), DeskError::Kind::TooNew);
            QCOMPARE(error.message(),
                     QStringLiteral("The desk server's schema is version 4, newer than this "
                                    "Fillbook knows (3); update Fillbook to share with it."));
        }
        QVERIFY_THROWS_EXCEPTION(DeskError, desk_schema::upgrade(desk));
        QCOMPARE(OutboxStore(a).pendingCount(), 1);
        QCOMPARE(m_server.scalar(QStringLiteral("newer"),
                                 QStringLiteral("SELECT count(*) FROM fillbook.annotations")),
                 QStringLiteral("0"));
    }

    void theServerStoppingMidBatchLosesNothing()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("mid_batch"));
        Database a(journal("mid.sqlite"));
        for (int i = 1; i <= 3; ++i)
            AnnotationStore(a).save(note(QStringLiteral("main:BTCUSDT:BOTH:%1").arg(i),
                                         QStringLiteral("note %1").arg(i)));
        {
            DeskConnection desk(e, QStringLiteral("test"));
            ReplicatorHooks stopServer;
            stopServer.beforeServerCommit = [this] { QVERIFY(m_server.down()); };
            try {
                Replicator(a, desk, stopServer).push();
                QFAIL("committed on a stopped server");
            } catch (const DeskError& error) {
                QCOMPARE(error.kind(), DeskError::Kind::Unreachable);
            }
        }
        QCOMPARE(OutboxStore(a).pendingCount(), 3);
        QCOMPARE(OutboxStore(a).failedCount(), 0);
        QVERIFY(m_server.up());
        DeskConnection desk(e, QStringLiteral("test"));
        const PushReport retry = Replicator(a, desk).push();
        QCOMPARE(retry.itemsApplied, 3);
        QCOMPARE(retry.itemsSkipped, 0);
        QCOMPARE(OutboxStore(a).pendingCount(), 0);
        QCOMPARE(m_server.scalar(QStringLiteral("mid_batch"),
                                 QStringLiteral("SELECT string_agg(notes, ',' ORDER BY trade_key) "
                                                "FROM fillbook.annotations")),
                 QStringLiteral("note 1,note 2,note 3"));
    }

    void theWorkerBacksOffWhileOfflineThenDrains()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("worker"));
        const QString path = journal("worker.sqlite");
        {
            Database a(path);
            AnnotationStore(a).save(note(QStringLiteral("w"), QStringLiteral("from the worker")));
        }
        QVERIFY(m_server.down());
        ShareConfig config;
        config.journalPath = path;
        config.endpoint = e;
        config.endpoint.connectTimeoutSeconds = 2;
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
        QMetaObject::invokeMethod(worker, &ReplicatorWorker::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 4, 20'000);
        QCOMPARE(retries.at(0), (QVariantList{1, qint64(40)}));
        QCOMPARE(retries.at(1), (QVariantList{2, qint64(80)}));
        QCOMPARE(retries.at(2), (QVariantList{3, qint64(160)}));
        QCOMPARE(retries.at(3), (QVariantList{4, qint64(160)}));
        bool sawOffline = false;
        for (const QVariantList& s : states) {
            if (s.at(0).value<ShareState>() == ShareState::Offline) {
                sawOffline = true;
                QCOMPARE(s.at(1).toLongLong(), 1); // pending, kept
            }
        }
        QVERIFY(sawOffline);

        QVERIFY(m_server.up());
        QTRY_VERIFY_WITH_TIMEOUT(
            !states.isEmpty() && states.constLast().at(0).value<ShareState>() == ShareState::Idle,
            20'000);
        QCOMPARE(states.constLast().at(1).toLongLong(), 0);
        QMetaObject::invokeMethod(worker, &ReplicatorWorker::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        QCOMPARE(m_server.scalar(QStringLiteral("worker"),
                                 QStringLiteral("SELECT notes FROM fillbook.annotations")),
                 QStringLiteral("from the worker"));
    }
};

QTEST_GUILESS_MAIN(TestShareReplicator)
#include "test_share_replicator.moc"
