// EncodeAhead (D174, D178, D179): items encoded on a pooled helper thread, taken in order by the
// writer. In order, each item encoded once (by the helper or, where the helper has not reached
// it, by the caller), inline below the threshold, an encoder's exception rethrown at its item
// and not before, a writer that gives up early stops the helper, a helper given a window runs
// no further ahead than it (also when the writer skips items), a caller never waits for a
// helper that has not started, and an item the helper is encoding is waited for (costly items)
// or encoded again by the caller (cheap ones).
#include "sync/journal/encode_ahead.h"
#include "sync/journal/thread_priority.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>
#include <thread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using fb::journal::EncodeAhead;
using fb::journal::EncodeAheadOptions;
using fb::journal::WhenBusy;

namespace {

QVector<int> numbers(int count)
{
    QVector<int> items;
    for (int i = 0; i < count; ++i)
        items.append(i);
    return items;
}

// Polls `done` for up to 10 s (a loaded CI machine may take a while to schedule a thread).
template <typename F> bool eventually(F done)
{
    for (int i = 0; i < 10'000 && !done(); ++i)
        QThread::msleep(1);
    return done();
}

// A pool whose only thread is held until release(): anything started on it after the blocker
// stays queued.
class BlockedPool
{
public:
    BlockedPool()
    {
        pool.setMaxThreadCount(1);
        pool.start([this] {
            running = true;
            while (!released)
                QThread::msleep(1);
        });
    }
    ~BlockedPool() { release(); }
    void release() { released = true; }

    QThreadPool pool;
    std::atomic<bool> running{false};
    std::atomic<bool> released{false};
};

#ifdef Q_OS_LINUX
// The calling thread's nice value (per thread on Linux).
int threadNice()
{
    return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
}
#endif

} // namespace

class TestEncodeAhead : public QObject
{
    Q_OBJECT

private slots:
    void encodesEveryItemOnceInOrderAndTheHelperTakesPart()
    {
        const QVector<int> items = numbers(5000);
        const std::thread::id caller = std::this_thread::get_id();
        std::vector<std::atomic<int>> times(size_t(items.size()));
        std::atomic<int> onHelper{0};
        EncodeAhead<int, QString> encoder(items, [&](const int& i) {
            ++times[size_t(i)];
            onHelper += std::this_thread::get_id() == caller ? 0 : 1;
            return QString::number(i * 3);
        });
        // The first item is taken only once the helper has started, so that it takes part.
        QVERIFY(eventually([&] { return onHelper.load() > 0; }));
        for (qsizetype i = 0; i < items.size(); ++i)
            QCOMPARE(encoder.take(i), QString::number(i * 3));
        for (qsizetype i = 0; i < items.size(); ++i)
            QCOMPARE(times[size_t(i)].load(), 1);
        QVERIFY(onHelper.load() > 0);
    }

    void aShortListIsEncodedInline()
    {
        const QVector<int> items{1, 2, 3};
        const std::thread::id caller = std::this_thread::get_id();
        int onCaller = 0;
        EncodeAheadOptions options;
        options.threshold = 8;
        EncodeAhead<int, int> encoder(
            items,
            [&](const int& i) {
                onCaller += std::this_thread::get_id() == caller ? 1 : 0;
                return i * 10;
            },
            options);
        QCOMPARE(encoder.take(0), 10);
        QCOMPARE(encoder.take(1), 20);
        QCOMPARE(encoder.take(2), 30);
        QCOMPARE(onCaller, 3);
    }

    void anEncoderErrorIsRethrownAtItsItem()
    {
        const QVector<int> items = numbers(100);
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
        const QVector<int> items = numbers(40);
        std::atomic<qsizetype> asked{0};
        std::atomic<qsizetype> widestGap{0};
        EncodeAheadOptions options;
        options.threshold = 1;
        options.maxAhead = 1;
        EncodeAhead<int, int> encoder(
            items,
            [&](const int& i) {
                const qsizetype gap = i - asked.load();
                qsizetype widest = widestGap.load();
                while (gap > widest && !widestGap.compare_exchange_weak(widest, gap)) {
                }
                return i * 2;
            },
            options);
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
        } // destroyed: stops the helper and waits until it no longer reads the items
        const int atStop = encoded.load();
        QVERIFY2(atStop < items.size(),
                 qPrintable(QStringLiteral("%1 of %2 encoded").arg(atStop).arg(items.size())));
        QTest::qWait(20);
        QCOMPARE(encoded.load(), atStop); // and nothing runs after that
    }

    void theCallerNeverWaitsForAHelperThatHasNotStarted()
    {
        BlockedPool blocked;
        QVERIFY(eventually([&] { return blocked.running.load(); }));
        const QVector<int> items = numbers(1000);
        const std::thread::id caller = std::this_thread::get_id();
        std::atomic<int> onCaller{0};
        {
            EncodeAheadOptions options;
            options.pool = &blocked.pool;
            EncodeAhead<int, int> encoder(
                items,
                [&](const int& i) {
                    onCaller += std::this_thread::get_id() == caller ? 1 : 0;
                    return i + 7;
                },
                options);
            for (qsizetype i = 0; i < items.size(); ++i)
                QCOMPARE(encoder.take(i), int(i + 7));
        } // the helper, still queued, is taken back unrun
        QCOMPARE(onCaller.load(), 1000);
        blocked.release();
        QVERIFY(blocked.pool.waitForDone(10'000));
    }

    void aCostlyItemTheHelperIsEncodingIsWaitedFor()
    {
        const QVector<int> items = numbers(3);
        std::atomic<bool> helperOnFirst{false};
        std::atomic<int> firstEncodings{0};
        EncodeAheadOptions options;
        options.threshold = 1;
        options.whenBusy = WhenBusy::Wait;
        EncodeAhead<int, int> encoder(
            items,
            [&](const int& i) {
                if (i == 0) {
                    ++firstEncodings;
                    helperOnFirst = true;
                    QThread::msleep(50); // a build that takes a while
                }
                return i * 100;
            },
            options);
        QVERIFY(eventually([&] { return helperOnFirst.load(); }));
        QCOMPARE(encoder.take(0), 0);
        QCOMPARE(firstEncodings.load(), 1); // the helper's result, not a second build
        QCOMPARE(encoder.take(1), 100);
        QCOMPARE(encoder.take(2), 200);
    }

    void aCheapItemTheHelperIsEncodingIsEncodedAgainHere()
    {
        const QVector<int> items = numbers(3);
        const std::thread::id caller = std::this_thread::get_id();
        std::atomic<bool> helperOnFirst{false};
        std::atomic<bool> callerHasFirst{false};
        std::atomic<bool> heldUntilTheCallerHadIt{false};
        EncodeAheadOptions options;
        options.threshold = 1;
        options.whenBusy = WhenBusy::EncodeHere;
        {
            EncodeAhead<int, int> encoder(
                items,
                [&](const int& i) {
                    if (i == 0 && std::this_thread::get_id() != caller) {
                        helperOnFirst = true;
                        // Held until the caller has its own copy: had the caller waited for this
                        // one, it would have it only after the 10 s the hold gives up at.
                        heldUntilTheCallerHadIt = eventually([&] { return callerHasFirst.load(); });
                    }
                    return i * 100;
                },
                options);
            QVERIFY(eventually([&] { return helperOnFirst.load(); }));
            QCOMPARE(encoder.take(0), 0);
            callerHasFirst = true;
            QCOMPARE(encoder.take(1), 100);
            QCOMPARE(encoder.take(2), 200);
        } // waits for the helper to finish item 0
        QVERIFY(heldUntilTheCallerHadIt.load());
    }

#ifdef Q_OS_LINUX
    // D180: a thread that lowers itself runs 10 nice levels below where it was (at most 19),
    // and the helpers run below the writer that started them.
    void aLoweredThreadRunsTenNiceLevelsBelow()
    {
        int before = 0;
        int after = 0;
        std::thread([&] {
            before = threadNice();
            fb::journal::lowerCurrentThreadPriority();
            after = threadNice();
        }).join();
        QCOMPARE(after, std::min(before + 10, 19));
        QCOMPARE(threadNice(), before); // the caller's own priority is untouched
    }

    void theHelpersRunBelowTheWriter()
    {
        const QVector<int> items = numbers(2000);
        const std::thread::id caller = std::this_thread::get_id();
        std::atomic<int> helperNice{-100};
        EncodeAhead<int, int> encoder(items, [&](const int& i) {
            if (std::this_thread::get_id() != caller)
                helperNice = threadNice();
            return i;
        });
        QVERIFY(eventually([&] { return helperNice.load() != -100; }));
        for (qsizetype i = 0; i < items.size(); ++i)
            QCOMPARE(encoder.take(i), int(i));
        QCOMPARE(helperNice.load(), std::min(threadNice() + 10, 19));
    }
#endif
};

QTEST_GUILESS_MAIN(TestEncodeAhead)
#include "test_encode_ahead.moc"
