// EncodeAhead (D174, D178): items encoded on a helper thread, taken in order by the writer.
// In order and complete, on another thread (inline below the threshold), an encoder's exception
// rethrown at its item and not before, a writer that gives up early stops the helper, and a
// helper given a window runs no further ahead than it (also when the writer skips items).
#include "sync/journal/encode_ahead.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>
#include <thread>

using fb::journal::EncodeAhead;

class TestEncodeAhead : public QObject
{
    Q_OBJECT

private slots:
    void encodesEveryItemInOrderOnAHelperThread()
    {
        QVector<int> items;
        for (int i = 0; i < 5000; ++i)
            items.append(i);
        const std::thread::id caller = std::this_thread::get_id();
        std::atomic<int> onCaller{0};
        EncodeAhead<int, QString> encoder(items, [&](const int& i) {
            onCaller += std::this_thread::get_id() == caller ? 1 : 0;
            return QString::number(i * 3);
        });
        for (qsizetype i = 0; i < items.size(); ++i)
            QCOMPARE(encoder.take(i), QString::number(i * 3));
        QCOMPARE(onCaller.load(), 0);
    }

    void aShortListIsEncodedInline()
    {
        const QVector<int> items{1, 2, 3};
        const std::thread::id caller = std::this_thread::get_id();
        int onCaller = 0;
        EncodeAhead<int, int> encoder(
            items,
            [&](const int& i) {
                onCaller += std::this_thread::get_id() == caller ? 1 : 0;
                return i * 10;
            },
            8);
        QCOMPARE(encoder.take(0), 10);
        QCOMPARE(encoder.take(1), 20);
        QCOMPARE(encoder.take(2), 30);
        QCOMPARE(onCaller, 3);
    }

    void anEncoderErrorIsRethrownAtItsItem()
    {
        QVector<int> items;
        for (int i = 0; i < 100; ++i)
            items.append(i);
        EncodeAhead<int, int> encoder(items, [](const int& i) {
            if (i == 42)
                throw std::runtime_error("item 42 cannot be encoded");
            return i;
        });
        for (qsizetype i = 0; i < 42; ++i)
            QCOMPARE(encoder.take(i), int(i));
        try {
            encoder.take(42);
            QFAIL("no exception at item 42");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QByteArray(e.what()), QByteArray("item 42 cannot be encoded"));
        }
    }

    void theHelperStaysWithinItsWindow()
    {
        QVector<int> items;
        for (int i = 0; i < 40; ++i)
            items.append(i);
        std::atomic<qsizetype> asked{0};
        std::atomic<qsizetype> widestGap{0};
        EncodeAhead<int, int> encoder(
            items,
            [&](const int& i) {
                const qsizetype gap = i - asked.load();
                qsizetype widest = widestGap.load();
                while (gap > widest && !widestGap.compare_exchange_weak(widest, gap)) {
                }
                return i * 2;
            },
            1, 1);
        for (qsizetype i = 0; i < items.size(); ++i) {
            // Items 10 to 19 are never asked for (a failed symbol's build is not taken).
            if (i >= 10 && i < 20)
                continue;
            asked = i;
            QCOMPARE(encoder.take(i), int(i * 2));
            QThread::usleep(500); // time for the helper to run ahead, were it allowed to
        }
        // Never more than one item beyond the one asked for (without the window the pauses let
        // the helper finish all 40 while the first is written).
        QVERIFY2(widestGap.load() <= 1, qPrintable(QString::number(widestGap.load())));
    }

    void aWriterThatGivesUpStopsTheHelper()
    {
        QVector<int> items(200'000, 1);
        std::atomic<int> encoded{0};
        {
            EncodeAhead<int, int> encoder(items, [&](const int& i) {
                ++encoded;
                QThread::usleep(5); // slower than the writer gives up
                return i;
            });
            QCOMPARE(encoder.take(0), 1);
        } // destroyed: stops and joins the helper
        const int atStop = encoded.load();
        QVERIFY2(atStop < items.size(),
                 qPrintable(QStringLiteral("%1 of %2 encoded").arg(atStop).arg(items.size())));
        QTest::qWait(20);
        QCOMPARE(encoded.load(), atStop); // and nothing runs after the join
    }
};

QTEST_GUILESS_MAIN(TestEncodeAhead)
#include "test_encode_ahead.moc"
