#pragma once
// The candle fetch phase (docs/design.md D114): after a sync, the closed 1-minute candles
// of every closed trade's chart window (journal::chartWindow: entry minute - 10 .. exit minute
// + 10) that the journal has not asked for yet are fetched from GET /fapi/v1/klines (public, API
// sheet §5.12), grouped per symbol into the cheapest requests (binance::planKlineRequests), one
// request at a time. Each answer is stored with the span it covered in its own transaction, so
// an interrupted fetch keeps what it got and the next one asks only for the rest.
//
// It stays within its own share of the weight budget (by default a quarter of the window's
// limit, counted by itself, on top of the client's own 90 % hold) and yields to the sync: before
// each request it asks `shouldYield` (the CLI: is a sync holding the journal's lock?) and stops
// at once, resumable, when the answer is yes. A symbol the exchange does not know (-1121,
// delisted) is stored as unavailable with the exchange's sentence; its trades have no chart.
// Any other failure stops the fetch; what was stored stays.
//
// Lives on the thread of `db` (one connection, one thread); the client must live there too.

#include "sync/binance/binance_client.h"
#include "sync/binance/klines.h"
#include "sync/journal/candle_store.h"

#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

namespace fb::journal {
class Database;
}

namespace fb::sync {

struct CandleFetchOptions
{
    int sharePercent = 25; // of the weight limit per window the fetch may use
    int maxRequests = 0;   // stop (resumable) after this many answers; 0 = no limit
    // The closed trades of these accounts only (the desktop fetches each account's candles from
    // its own exchange endpoint, D148); empty: every account's.
    QStringList accounts;
    // The endpoint whose cache the answers go to and whose cache the accounts' trades are read
    // from (docs/design.md D165): the base URL without a trailing slash, or "demo";
    // empty: the client's base URL (endpointLabel).
    QString endpoint;
    // The cache's cap (docs/design.md D166): the windows of the newest closed trades of
    // every account up to this many minutes are kept; of older trades only the minutes MAE/MFE
    // need are fetched, once, and kept as extremes when the fetch ends (D112); their candles are
    // not kept (evicted when the fetch starts and ends).
    qint64 maxCachedMinutes = journal::kDefaultCandleCacheMinutes;
    std::function<bool()> shouldYield; // true: a sync wants the exchange; stop now
    // After each answer is stored (or its symbol found unavailable): the symbol and the span
    // of minutes it settled, in the order sent (per symbol, oldest minutes first). The desktop
    // counts the trades whose candles are complete with it.
    std::function<void(const QString& symbol, qint64 firstMinute, qint64 lastMinute,
                       bool unavailable)>
        onAnswer;
};

enum class CandleFetchEnd { Done, Yielded, Stopped, Failed };

struct CandleFetchSummary
{
    CandleFetchEnd end = CandleFetchEnd::Done;
    int requests = 0;          // answered requests
    qint64 weight = 0;         // their declared weight, once per attempt sent (retries too)
    int candlesStored = 0;     // new candles cached
    int plannedRequests = 0;   // what the fetch set out to do
    qint64 candlesEvicted = 0; // dropped by the cap (when the fetch starts and ends)
    QStringList unavailable;   // symbols found unavailable in this fetch
    QString error;             // Failed: one sentence
};

// True while a live sync holds the journal's lock (the candle fetch then yields to it).
bool syncIsRunning(journal::Database& db, qint64 nowMs);

class CandleFetcher : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const CandleFetchSummary&)>;

    CandleFetcher(binance::BinanceClient& client, journal::Database& db, QObject* parent = nullptr);
    ~CandleFetcher() override;

    // Plans from the journal and fetches; `done` runs once (never synchronously).
    void start(const CandleFetchOptions& options, Done done);

private:
    struct Job
    {
        QString symbol;
        binance::KlineSpan span;
        // The symbol's wanted minutes: only they are stored and marked asked for, so the cache
        // does not depend on how the requests were planned (a span also covers gaps between
        // wanted minutes when that is cheaper).
        std::shared_ptr<const QSet<qint64>> wanted;
    };
    void sendNext();
    void finish(CandleFetchEnd end, const QString& error = QString());
    qint64 weightWaitMs(int weight);

    binance::BinanceClient& m_client;
    journal::Database& m_db;
    CandleFetchOptions m_options;
    Done m_done;
    QList<Job> m_queue;
    CandleFetchSummary m_summary;
    QString m_endpoint;                   // the running fetch's
    QVector<journal::CandleWindow> m_all; // every closed trade's window, for the cap
    std::optional<qint64> m_keptFrom;     // the cap's line (nullopt: every window kept)
    qint64 m_windowStart = -1;
    qint64 m_windowWeight = 0;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fb::sync
