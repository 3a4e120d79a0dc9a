#pragma once
// BinanceClient: the asynchronous REST client the sync engine drives.
//
// One client per sync, created on the engine's worker thread; it owns its
// QNetworkAccessManager (no global state). Every call goes through one queue:
//
//   send() -> queue --(weight budget allows, < maxConcurrent in flight)--> sign + GET
//                ^                                                            |
//                |  transient: backoff timer   429/403: pause all, requeue    v
//                +---- -1021: re-sync clock once ------------------- classify(failure)
//                                                                             |
//                       done(Response) <-- success / final error -------------+
//
// Callbacks always run later from the event loop, never inside send(). Requests are signed at
// the moment they go out (so a request that waited for the budget never carries a stale
// timestamp). The engine's loop is one pager + one typed fetch per page:
//
//   if (auto request = pager.next())
//       client.fetchIncomePage(*request, [&](const Result<QList<Income>>& page) {
//           if (!page.ok()) { /* act on page.error.category */ return; }
//           store(pager.accept(*page.value), pager.coveredThrough());
//       });

#include "sync/binance/client_config.h"
#include "sync/binance/endpoints.h"
#include "sync/binance/klines.h"
#include "sync/binance/request_limits.h"
#include "sync/binance/responses.h"
#include "sync/binance/retry.h"
#include "sync/binance/signer.h"
#include "sync/binance/weight_budget.h"

#include <QObject>
#include <QTimer>

#include <optional>

#include <deque>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace fb::binance {

// The outcome of one send(): the final attempt's status and body, or the classified error.
struct Response
{
    Request request;
    int httpStatus = 0;
    QByteArray body;
    qint64 sentAtMs = 0;     // local clock, last attempt
    qint64 receivedAtMs = 0; // local clock, last attempt
    int attempts = 0;
    ApiError error; // category None on success

    bool ok() const { return !error.isError(); }
};

template <class T> struct Result
{
    std::optional<T> value; // set on success
    ApiError error;         // category None on success
    // Record pages only: the elements that could not be read, kept verbatim with the reason
    // (docs/design.md §2.11). The page still succeeds with the other records.
    QList<UnreadableRecord> unreadable;
    // Requests put on the wire for this call, retries included: an attempt whose answer was
    // lost (timed out, reset) was still served and weighed by the exchange.
    int attempts = 0;

    bool ok() const { return value.has_value(); }
};

struct ClientCounters
{
    qint64 requestsSent = 0;   // HTTP requests put on the wire, retries included
    qint64 weightSent = 0;     // sum of the declared weights of those requests
    qint64 retries = 0;        // requests re-sent (backoff, rate-limit pause, clock re-sync)
    qint64 rateLimitHits = 0;  // 429 / -1003 / 403 answers
    qint64 lastUsedWeight = 0; // the last used-weight header of the budget's window seen
    qint64 timeouts = 0;       // attempts given up for taking longer than their time bound
    qint64 peakBodyBytes = 0;  // the most bytes of one answer ever held (<= maxResponseBytes)
};

class BinanceClient : public QObject
{
    Q_OBJECT
public:
    // Checks a 2xx body; returns an empty string when it is usable, else why not (the body is
    // then "malformed": retried, then reported).
    using Validator = std::function<QString(const QByteArray& body)>;
    using ResponseHandler = std::function<void(const Response&)>;
    template <class T> using Handler = std::function<void(const Result<T>&)>;

    explicit BinanceClient(ClientConfig config, QObject* parent = nullptr);
    ~BinanceClient() override;

    // Non-empty when the configuration cannot work (e.g. http:// to a remote host); every
    // call then fails with ErrorCategory::Config and nothing is sent.
    QString configError() const { return m_configError; }
    const ClientConfig& config() const { return m_config; }

    void send(const Request& request, ResponseHandler done, Validator validate = {});

    // GET /fapi/v1/time and adopt the measured offset for signing and the budget's minute.
    void syncClock(Handler<ServerTime> done);
    void fetchServerTime(Handler<ServerTime> done);
    // Also applies the REQUEST_WEIGHT limit to the budget.
    void fetchExchangeInfo(Handler<ExchangeInfo> done);
    void fetchIncomePage(const Request& request, Handler<QList<Income>> done);
    void fetchFillsPage(const Request& request, Handler<QList<Fill>> done);
    void fetchOrdersPage(const Request& request, Handler<QList<Order>> done);
    void fetchForceOrders(const Request& request, Handler<QList<Order>> done);
    void fetchAlgoOrdersPage(const Request& request, Handler<QList<AlgoOrder>> done);
    void fetchPositions(Handler<QList<Position>> done);
    void fetchPositionMode(Handler<bool> done); // true = hedge mode
    void fetchAccount(Handler<AccountSummary> done);
    void fetchApiRestrictions(Handler<ApiRestrictions> done);
    // One klines request (klinesRequest()); unreadable candles are set aside in the page.
    void fetchKlines(const Request& request, Handler<KlinePage> done);

    // Fails every queued, waiting and in-flight call with ErrorCategory::Cancelled.
    void cancelAll();
    // Sends queued calls now, as far as the weight budget and the concurrency limit allow,
    // instead of at the next turn of the event loop. For a caller about to block this thread
    // (a journal commit): the requests are then on QNetworkAccessManager's own thread and
    // progress meanwhile. Never delivers a callback: a call that would fail at once (a ban, a
    // bad configuration) stays queued for the event loop's turn.
    void sendQueuedNow();

    qint64 serverNow() const { return m_clock.now(); }
    qint64 clockOffsetMs() const { return m_clock.offsetMs(); }
    void setClockOffsetMs(qint64 offset) { m_clock.setOffsetMs(offset); }
    const WeightBudget& budget() const { return m_budget; }
    // The request that has waited longest for its answer, and when it was sent (this computer's
    // clock): what a front end names when nothing has moved for a while. nullopt: none in flight.
    struct OldestRequest
    {
        QString name;
        qint64 sentAtLocalMs = 0;
    };
    std::optional<OldestRequest> oldestInFlight() const;
    ClientCounters counters() const { return m_counters; }
    qint64 bannedUntil() const { return m_bannedUntil; }
    int pendingCalls() const; // queued + waiting to retry + in flight
    // The total time the first attempt of a request to `endpoint` may take now
    // (request_limits.h: each endpoint is its own lane).
    qint64 currentTimeoutMs(Endpoint endpoint = Endpoint::ServerTime) const
    {
        return m_timeout.currentMs(static_cast<int>(endpoint));
    }

signals:
    // A request is about to be re-sent: `attempt` is the number of the coming attempt (2 for the
    // first retry), after `delayMs`.
    void retrying(const QString& endpoint, int attempt, qint64 delayMs, const QString& reason);
    // All requests are held until `untilMs` (server time) after a 429/-1003/403.
    void rateLimited(qint64 untilMs);
    // The IP is banned until `untilMs` (server time); every call fails with Banned until then.
    void banned(qint64 untilMs);
    void clockSynced(qint64 offsetMs);
    // Requests are held by the weight budget (90 % of the limit is used) for `delayMs`, until
    // the next window. Emitted once per hold, so the wait can be shown with a countdown.
    void heldByBudget(qint64 delayMs);
    void countersChanged(const fb::binance::ClientCounters& counters);

private:
    struct Job;
    using JobPtr = std::shared_ptr<Job>;

    template <class T>
    void fetch(const Request& request, const QString& expectedName,
               std::function<std::optional<T>(const QByteArray&, QString*)> parse, Handler<T> done);
    void enqueue(const JobPtr& job, bool front);
    void schedulePump(qint64 delayMs);
    void pump();
    void start(const JobPtr& job);
    void onFinished(QNetworkReply* reply);
    // Reads what has arrived into the job, up to maxResponseBytes; past it, aborts the reply.
    void readAvailable(const JobPtr& job);
    void handleFailure(const JobPtr& job, const Failure& failure,
                       std::optional<qint64> retryAfterMs, const QByteArray& body);
    void retryLater(const JobPtr& job, qint64 delayMs, const QString& reason);
    void resyncClockThenRetry(const JobPtr& job, const Failure& failure, const QByteArray& body);
    void fail(const JobPtr& job, ErrorCategory category, const Failure& failure,
              const QByteArray& body, qint64 untilMs = 0);
    void failWith(const JobPtr& job, ApiError error);
    void deliver(const JobPtr& job, Response response);
    QString checkJob(const Request& request) const;

    ClientConfig m_config;
    QString m_configError;
    Signer m_signer;
    ServerClock m_clock;
    qint64 m_budgetHoldUntilLocal = 0; // the hold heldByBudget() last announced
    WeightBudget m_budget;
    AdaptiveTimeout m_timeout;
    RandomSource m_random;
    QNetworkAccessManager* m_network = nullptr;
    QTimer m_pumpTimer;
    std::deque<JobPtr> m_queue;
    QList<JobPtr> m_inFlight;
    QList<JobPtr> m_waiting; // backoff timers running
    QList<JobPtr> m_clockWaiters;
    ClientCounters m_counters;
    qint64 m_bannedUntil = 0;
};

} // namespace fb::binance

Q_DECLARE_METATYPE(fb::binance::ClientCounters)
