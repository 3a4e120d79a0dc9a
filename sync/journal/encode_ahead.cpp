#include "sync/journal/encode_ahead.h"

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

QThreadPool& encodeAheadPool()
{
    static Pool pool;
    return pool.threads;
}

} // namespace fb::journal
