// JournalReaderThread, the lifecycle StatsWorker and ReviewWorker share: requests run in order on
// one thread of its own with one read-only connection opened there on first use; results come
// back queued to the receiver's thread; a journal error is the result's `error`, not an end.

#include "ui/journal_reader_thread.h"

#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/sql_access.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;

namespace {

struct Probe
{
    int index = 0;
    QThread* thread = nullptr;
    const journal::Database* connection = nullptr;
    qint64 value = 0;
    QString error;
};

} // namespace

class TestJournalReaderThread : public QObject
{
    Q_OBJECT

private slots:
    void requestsRunInOrderOnOneThreadWithOneConnection()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        {
            journal::Database created(path); // a new, empty journal
        }
        QVector<Probe> results;
        QVector<QThread*> deliveredOn;
        {
            ui::JournalReaderThread reader(path, QStringLiteral("fillbook-test-reader"),
                                           QStringLiteral("test-reader"), this);
            for (int i = 0; i < 5; ++i) {
                Probe seed;
                seed.index = i;
                reader.request<Probe>(
                    seed,
                    [](journal::Database& db, Probe& probe) {
                        probe.thread = QThread::currentThread();
                        probe.connection = &db;
                        probe.value = journal::sqlOn(db)
                                          .scalar(QStringLiteral("SELECT count(*) FROM trades"))
                                          .toLongLong() +
                                      probe.index;
                    },
                    [&](const Probe& probe) {
                        results << probe;
                        deliveredOn << QThread::currentThread();
                    });
            }
            QTRY_COMPARE(results.size(), 5);
        }
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(results.at(i).index, i);
            QCOMPARE(results.at(i).value, qint64(i));
            QCOMPARE(results.at(i).error, QString());
            QVERIFY(results.at(i).thread != QThread::currentThread());
            QCOMPARE(results.at(i).thread, results.first().thread);
            QCOMPARE(results.at(i).connection, results.first().connection);
            QCOMPARE(deliveredOn.at(i), QThread::currentThread());
        }
    }

    void aJournalErrorIsTheResultsError()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        QString expected;
        try {
            journal::Database db(missing, journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                               QStringLiteral("test"), false});
        } catch (const journal::JournalError& e) {
            expected = e.message();
        }
        QVERIFY(!expected.isEmpty());
        QVector<Probe> results;
        {
            ui::JournalReaderThread reader(missing, QStringLiteral("fillbook-test-reader"),
                                           QStringLiteral("test-reader"), this);
            for (int i = 0; i < 2; ++i) {
                Probe seed;
                seed.index = i;
                reader.request<Probe>(
                    seed, [](journal::Database&, Probe& probe) { probe.value = 1; },
                    [&](const Probe& probe) { results << probe; });
            }
            QTRY_COMPARE(results.size(), 2);
        }
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(results.at(i).index, i);
            QCOMPARE(results.at(i).value, qint64(0)); // the work never ran
            QCOMPARE(results.at(i).error, expected);
        }
        QVERIFY(!QFile::exists(missing)); // read-only: nothing created
    }
};

QTEST_GUILESS_MAIN(TestJournalReaderThread)
#include "test_journal_reader_thread.moc"
