// A dropped connection on the desk server's side (docs/sharing.md, "Tests"): a second connection
// ends the replicator's backend with pg_terminate_backend — in the middle of a push batch (after
// its images are uploaded, inside its transaction before the commit, after the commit before the
// local acknowledgement) and while the worker is idle between cycles. The worker goes offline,
// retries with its backoff, connects again and drains; the server ends with every row once
// (rows and idempotency keys counted).

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/share/replicator_worker.h"
#include "tests/share/desk_test_server.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace fb::journal;
using namespace fb::share;

namespace {

void writeNotes(const QString& path, int from, int to)
{
    Database db(path);
    for (int i = from; i <= to; ++i) {
        Annotation a;
        a.tradeKey = QStringLiteral("main:BTCUSDT:BOTH:%1").arg(i);
        a.notes = QStringLiteral("note %1").arg(i);
        AnnotationStore(db).save(a);
    }
}

// A worker on its own thread, as the desktop runs it; stop() ends both.
struct RunningWorker
{
    QThread thread;
    ReplicatorWorker* worker = nullptr;
    std::unique_ptr<QSignalSpy> states;
    std::unique_ptr<QSignalSpy> retries;

    explicit RunningWorker(const ShareConfig& config)
    {
        worker = new ReplicatorWorker(config, [] { return quint32(1) << 31; }); // no jitter
        worker->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        states = std::make_unique<QSignalSpy>(worker, &ReplicatorWorker::stateChanged);
        retries = std::make_unique<QSignalSpy>(worker, &ReplicatorWorker::retryScheduled);
        thread.start();
        QMetaObject::invokeMethod(worker, &ReplicatorWorker::start, Qt::QueuedConnection);
    }
    ~RunningWorker() { stop(); }
    void stop()
    {
        if (!thread.isRunning())
            return;
        QMetaObject::invokeMethod(worker, &ReplicatorWorker::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    bool idleWithNothingPending() const
    {
        return !states->isEmpty() &&
               states->constLast().at(0).value<ShareState>() == ShareState::Idle &&
               states->constLast().at(1).toLongLong() == 0;
    }
    // The messages of the offline states, in order.
    QStringList offlineMessages() const
    {
        QStringList messages;
        for (const QVariantList& s : *states) {
            if (s.at(0).value<ShareState>() == ShareState::Offline)
                messages.append(s.at(2).toString());
        }
        return messages;
    }
};

} // namespace

class TestShareDeskDropped : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    DeskEndpoint initDesk(const QString& name)
    {
        m_server.freshDatabase(name);
        const DeskEndpoint e = m_server.endpoint(name);
        DeskConnection desk(e, QStringLiteral("test"));
        desk_schema::upgrade(desk);
        return e;
    }

    static ShareConfig configFor(const QString& journal, const DeskEndpoint& e)
    {
        ShareConfig config;
        config.journalPath = journal;
        config.endpoint = e;
        config.retry.initialDelayMs = 40;
        config.retry.maxDelayMs = 160;
        config.retry.multiplier = 2;
        config.retry.jitterPercent = 30;
        config.pollIntervalMs = 60'000;
        config.batchSize = 2;
        return config;
    }

    // rows, distinct notes, applied keys, distinct keys, distinct change_seq
    QString serverCounts(const QString& database)
    {
        return m_server.scalar(
            database,
            QStringLiteral("SELECT (SELECT count(*) || ' notes (' || count(DISTINCT trade_key) || "
                           "' distinct, ' || count(DISTINCT change_seq) || ' changes), ' FROM "
                           "fillbook.annotations) || (SELECT count(*) || ' keys (' || "
                           "count(DISTINCT idem_key) || ' distinct)' FROM "
                           "fillbook.applied_keys)"));
    }

    QString allNotes(const QString& database)
    {
        return m_server.scalar(database, QStringLiteral("SELECT string_agg(notes, ',' ORDER BY "
                                                        "notes) FROM fillbook.annotations"));
    }

    QString unreachable(const QString& database) const
    {
        return QStringLiteral("The desk server at 127.0.0.1:%1/%2 cannot be reached (")
            .arg(m_server.port())
            .arg(database);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
    }

    void aBackendTerminatedMidPushIsRetriedAndNothingDoubles_data()
    {
        QTest::addColumn<QString>("point");
        QTest::newRow("after the images' upload") << QStringLiteral("after-blob-upload");
        QTest::newRow("inside the transaction") << QStringLiteral("before-server-commit");
        QTest::newRow("after the commit, before the ack") << QStringLiteral("after-server-commit");
    }

    void aBackendTerminatedMidPushIsRetriedAndNothingDoubles()
    {
        QFETCH(QString, point);
        const QString name =
            QStringLiteral("dropped_") + QString(point).replace(QLatin1Char('-'), QLatin1Char('_'));
        const DeskEndpoint e = initDesk(name);
        const QString path = m_dir.filePath(name + QStringLiteral(".sqlite"));
        writeNotes(path, 1, 5); // three batches of at most two

        // The second batch's hook (on the worker's thread) ends the worker's backend from
        // another connection, once.
        auto calls = std::make_shared<std::atomic<int>>(0);
        auto terminated = std::make_shared<std::atomic<int>>(-1);
        const std::function<void()> dropOnSecondBatch = [this, calls, terminated, name] {
            if (++*calls == 2)
                *terminated = m_server.terminateFillbookBackends(name);
        };
        ShareConfig config = configFor(path, e);
        if (point == QLatin1String("after-blob-upload"))
            config.hooks.afterBlobUpload = dropOnSecondBatch;
        else if (point == QLatin1String("before-server-commit"))
            config.hooks.beforeServerCommit = dropOnSecondBatch;
        else
            config.hooks.afterServerCommit = dropOnSecondBatch;

        RunningWorker running(config);
        QTRY_VERIFY_WITH_TIMEOUT(running.idleWithNothingPending(), 20'000);
        running.stop();

        QCOMPARE(terminated->load(), 1); // the worker's one backend
        const QStringList offline = running.offlineMessages();
        QCOMPARE(offline.size(), 1);
        QVERIFY2(offline.at(0).startsWith(unreachable(name)), qPrintable(offline.at(0)));
        QCOMPARE(running.retries->size(), 1);
        QCOMPARE(running.retries->at(0), (QVariantList{1, qint64(40)}));

        // Every note once, every outbox row's key once, each write its own change.
        QCOMPARE(serverCounts(name), QStringLiteral("5 notes (5 distinct, 5 changes), 5 keys (5 "
                                                    "distinct)"));
        QCOMPARE(allNotes(name), QStringLiteral("note 1,note 2,note 3,note 4,note 5"));
        Database db(path, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        QCOMPARE(OutboxStore(db).pendingCount(), 0);
        QCOMPARE(OutboxStore(db).failedCount(), 0);
    }

    void aBackendTerminatedWhileIdleIsReconnected()
    {
        const QString name = QStringLiteral("dropped_idle");
        const DeskEndpoint e = initDesk(name);
        const QString path = m_dir.filePath(name + QStringLiteral(".sqlite"));
        writeNotes(path, 1, 1);

        RunningWorker running(configFor(path, e));
        QTRY_VERIFY_WITH_TIMEOUT(running.idleWithNothingPending(), 20'000);
        QCOMPARE(running.offlineMessages().size(), 0);
        QCOMPARE(serverCounts(name), QStringLiteral("1 notes (1 distinct, 1 changes), 1 keys (1 "
                                                    "distinct)"));

        // Between cycles: the worker holds its connection, idle, and the server ends it.
        QCOMPARE(m_server.terminateFillbookBackends(name), 1);
        const qsizetype before = running.states->size();
        writeNotes(path, 2, 3);
        QMetaObject::invokeMethod(running.worker, &ReplicatorWorker::kick, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(
            running.states->size() > before && running.idleWithNothingPending(), 20'000);
        running.stop();

        const QStringList offline = running.offlineMessages();
        QCOMPARE(offline.size(), 1);
        QVERIFY2(offline.at(0).startsWith(unreachable(name)), qPrintable(offline.at(0)));
        QCOMPARE(running.retries->size(), 1);
        QCOMPARE(serverCounts(name), QStringLiteral("3 notes (3 distinct, 3 changes), 3 keys (3 "
                                                    "distinct)"));
        QCOMPARE(allNotes(name), QStringLiteral("note 1,note 2,note 3"));
    }
};

QTEST_GUILESS_MAIN(TestShareDeskDropped)
#include "test_share_desk_dropped.moc"
