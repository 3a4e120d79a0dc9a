#include "sync/journal/encode_ahead.h"

#include "sync/journal/thread_priority.h"

namespace fb::journal {

namespace {

// Its own pool, not Qt's global one: the global pool's threads may be busy with anything, and
// these must be free within microseconds (a caller that finds none free encodes everything
// itself, which is correct but loses the overlap). Idle threads end after QThreadPool's
// expiry time (30 s).
struct Pool
{
    Pool()
    {
        threads.setObjectName(QStringLiteral("fillbook-encode-ahead"));
        threads.setMaxThreadCount(4);
    }
    QThreadPool threads;
};

} // namespace

namespace detail {

void enterHelperThread()
{
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    lowerCurrentThreadPriority();
}

} // namespace detail

QThreadPool& encodeAheadPool()
{
    static Pool pool;
    return pool.threads;
}

} // namespace fb::journal
