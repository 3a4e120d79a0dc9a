#pragma once
// Encodes a list's items on a helper thread, in order, while the caller takes them in order and
// writes them (binds and steps SQLite statements). So on two cores the encoding (formatting,
// JSON, digests: pure CPU) overlaps the writes instead of adding to them (issue 12, target 3):
// the journal encodes trades with it (docs/design.md D174), the engine builds a batch's new
// symbols with it (D178).
//
// The helper touches values only: no connection, no Qt object, nothing of the caller's but the
// const items it reads. A short list is encoded on the caller's thread, on demand: starting a
// thread costs more than it saves there.

#include <QVector>

#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace fb::journal {

// Lists shorter than this are encoded inline (a thread start is ~20-50 µs; a trade's encoding
// ~2-5 µs).
inline constexpr qsizetype kEncodeAheadThreshold = 8;

template <typename In, typename Out> class EncodeAhead
{
public:
    using Encode = std::function<Out(const In&)>;

    // `items` must outlive this object and stay unchanged while it lives. The helper encodes
    // at most `maxAhead` items beyond the one last asked for (what it holds stays bounded).
    EncodeAhead(const QVector<In>& items, Encode encode,
                qsizetype threshold = kEncodeAheadThreshold,
                qsizetype maxAhead = std::numeric_limits<qsizetype>::max() / 2)
        : m_items(items)
        , m_encode(std::move(encode))
        , m_inline(items.size() < threshold)
        , m_maxAhead(maxAhead)
    {
        if (m_inline)
            return;
        m_out.resize(size_t(items.size()));
        m_thread = std::thread([this] { produce(); });
    }

    EncodeAhead(const EncodeAhead&) = delete;
    EncodeAhead& operator=(const EncodeAhead&) = delete;

    // Stops the helper early when the caller gave up (a write failed and threw).
    ~EncodeAhead()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wanted.notify_one();
        m_thread.join();
    }

    // Item i encoded; waits for the helper when it is behind. Items are taken in order, each
    // once (the encoded value is moved out). Rethrows what the encoder threw for an item up to i.
    Out take(qsizetype i)
    {
        if (m_inline)
            return m_encode(m_items.at(i));
        std::unique_lock lock(m_mutex);
        if (i > m_asked) {
            m_asked = i;
            m_wanted.notify_one();
        }
        m_ready.wait(lock, [&] { return m_done > i || m_error; });
        if (m_done <= i)
            std::rethrow_exception(m_error);
        lock.unlock();
        return std::move(m_out[size_t(i)]);
    }

private:
    void produce()
    {
        for (qsizetype i = 0; i < m_items.size(); ++i) {
            {
                std::unique_lock lock(m_mutex);
                m_wanted.wait(lock, [&] { return i <= m_asked + m_maxAhead || m_stop; });
                if (m_stop)
                    return;
            }
            try {
                m_out[size_t(i)] = m_encode(m_items.at(i));
            } catch (...) {
                std::lock_guard lock(m_mutex);
                m_error = std::current_exception();
                m_ready.notify_one();
                return;
            }
            std::lock_guard lock(m_mutex);
            ++m_done;
            m_ready.notify_one();
            if (m_stop)
                return;
        }
    }

    const QVector<In>& m_items;
    const Encode m_encode;
    const bool m_inline;
    const qsizetype m_maxAhead;
    std::vector<Out> m_out;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_wanted;
    qsizetype m_done = 0;  // items encoded, under m_mutex
    qsizetype m_asked = 0; // the largest index asked for, under m_mutex
    std::exception_ptr m_error;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace fb::journal
