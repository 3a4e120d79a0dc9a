#pragma once
// Encodes a list's items on a helper thread, in order, while the caller takes them in order and
// writes them (binds and steps SQLite statements). So on two cores the encoding (formatting,
// JSON, digests: pure CPU) overlaps the writes instead of adding to them (issue 12, target 3):
// the journal encodes trades with it (docs/design.md D174), the engine builds a batch's new
// symbols with it (D178).
//
// The caller never waits for a helper that has not reached an item: it encodes that item
// itself and the helper goes on after it (D179). Waiting cost more than encoding: a helper
// still being woken, or sharing a core with a third thread, held the writer for a few hundred
// microseconds a list. For cheap items (a trade) the caller does not wait for an item the
// helper is encoding either (WhenBusy::EncodeHere): encoding it again takes a few
// microseconds, a wake-up more. The helpers are pooled threads (encodeAheadPool()), so a
// list's helper is a wake-up, not a thread start; when none is free the caller encodes
// everything, which is correct, only not overlapped.
//
// The helper touches values only: no connection, no Qt object, nothing of the caller's but the
// const items it reads. A short list is encoded on the caller's thread: handing it over costs
// more than it saves there.

#include <QRunnable>
#include <QThreadPool>
#include <QVector>

#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

namespace fb::journal {

// Lists shorter than this are encoded inline (a hand-over is a few µs plus a wake-up; a
// trade's encoding ~2-5 µs).
inline constexpr qsizetype kEncodeAheadThreshold = 8;

// The helpers' threads, shared by every EncodeAhead of the process and kept between lists
// (encode_ahead.cpp). A few at most: a commit's first builds and a symbol's trade encoding
// run at once.
QThreadPool& encodeAheadPool();

namespace detail {
// Called by each helper as it starts: the first time on a pool thread, lowers the thread's
// scheduling priority below the writer's and the UI's (thread_priority.h).
void enterHelperThread();
} // namespace detail

// What EncodeAhead::take() does when the helper is encoding the very item asked for.
enum class WhenBusy {
    Wait,       // costly items (a symbol's build): wait for the helper's result
    EncodeHere, // cheap items (a trade): encode it again rather than wait for a wake-up
};

struct EncodeAheadOptions
{
    qsizetype threshold = kEncodeAheadThreshold; // shorter lists are encoded inline
    // The helper encodes at most this many items beyond the one last asked for (what it holds
    // stays bounded).
    qsizetype maxAhead = std::numeric_limits<qsizetype>::max() / 2;
    WhenBusy whenBusy = WhenBusy::Wait;
    QThreadPool* pool = nullptr; // tests: replaces encodeAheadPool()
};

template <typename In, typename Out> class EncodeAhead
{
public:
    using Encode = std::function<Out(const In&)>;

    // `items` must outlive this object and stay unchanged while it lives.
    EncodeAhead(const QVector<In>& items, Encode encode, EncodeAheadOptions options = {})
        : m_items(items)
        , m_encode(std::move(encode))
        , m_options(options)
        , m_pool(options.pool ? options.pool : &encodeAheadPool())
    {
        if (items.size() < options.threshold)
            return; // inline
        m_out.resize(size_t(items.size()));
        m_helper = std::make_unique<Helper>(*this);
        m_pool->start(m_helper.get());
    }

    EncodeAhead(const EncodeAhead&) = delete;
    EncodeAhead& operator=(const EncodeAhead&) = delete;

    // Stops the helper early when the caller gave up (a write failed and threw), and returns
    // once it no longer reads the items.
    ~EncodeAhead()
    {
        if (!m_helper)
            return;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wanted.notify_one();
        if (m_pool->tryTake(m_helper.get()))
            return; // still queued: it never ran
        std::unique_lock lock(m_mutex);
        m_finishedCondition.wait(lock, [&] { return m_finished; });
    }

    // Item i encoded, by the helper or here (see the top of this file). Items are taken in
    // order, each once (an encoded value is moved out). Throws what the encoder threw for i.
    Out take(qsizetype i)
    {
        if (!m_helper)
            return m_encode(m_items.at(i));
        std::unique_lock lock(m_mutex);
        const bool notReached = i >= m_claimed;
        if (notReached)
            m_claimed = i + 1; // the helper goes on after it
        if (i > m_asked) {
            m_asked = i;
            m_wanted.notify_one();
        }
        const bool encodeHere = notReached || (m_options.whenBusy == WhenBusy::EncodeHere &&
                                               m_doneUpTo <= i && m_failedAt > i);
        if (encodeHere) {
            lock.unlock();
            return m_encode(m_items.at(i));
        }
        m_ready.wait(lock, [&] { return m_doneUpTo > i || m_failedAt <= i; });
        if (m_doneUpTo <= i)
            std::rethrow_exception(m_error);
        lock.unlock();
        return std::move(m_out[size_t(i)]);
    }

private:
    class Helper : public QRunnable
    {
    public:
        explicit Helper(EncodeAhead& owner)
            : m_owner(owner)
        {
            setAutoDelete(false); // the EncodeAhead owns it (tryTake, then its destructor)
        }
        void run() override
        {
            detail::enterHelperThread();
            m_owner.produce();
        }

    private:
        EncodeAhead& m_owner;
    };

    void produce()
    {
        const qsizetype count = m_items.size();
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wanted.wait(lock, [&] {
                return m_stop || m_claimed >= count || m_claimed <= m_asked + m_options.maxAhead;
            });
            if (m_stop || m_claimed >= count)
                break;
            const qsizetype i = m_claimed++;
            lock.unlock();
            // m_out[i] is this thread's alone until m_doneUpTo passes i (under the mutex).
            std::exception_ptr error;
            try {
                m_out[size_t(i)] = m_encode(m_items.at(i));
            } catch (...) {
                error = std::current_exception();
            }
            lock.lock();
            if (error) {
                m_error = error;
                m_failedAt = i;
                m_ready.notify_one();
                break;
            }
            m_doneUpTo = i + 1; // the helper's items come in order
            m_ready.notify_one();
        }
        m_finished = true;
        m_finishedCondition.notify_all(); // under the mutex: the owner may be destroyed next
    }

    const QVector<In>& m_items;
    const Encode m_encode;
    const EncodeAheadOptions m_options;
    QThreadPool* const m_pool;
    std::vector<Out> m_out;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_wanted;
    std::condition_variable m_finishedCondition;
    // Under m_mutex:
    qsizetype m_claimed = 0;  // items before this are the helper's or the caller's
    qsizetype m_doneUpTo = 0; // the helper's items before this are encoded
    qsizetype m_asked = 0;    // the largest index asked for
    qsizetype m_failedAt = std::numeric_limits<qsizetype>::max();
    std::exception_ptr m_error;
    bool m_stop = false;
    bool m_finished = false;
    std::unique_ptr<Helper> m_helper;
};

} // namespace fb::journal
