// The transport half of BinanceClient: the queue, signing at send time, the weight budget, and
// acting on classify()'s verdicts. The typed calls are in binance_client_calls.cpp.
#include "sync/binance/binance_client.h"

#include "sync/binance/diagnostics.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <climits>

#ifndef FILLBOOK_CLIENT_VERSION
#define FILLBOOK_CLIENT_VERSION "0"
#endif

namespace fb::binance {

namespace {
// A deadline timer this much later than its bound fired after the thread was busy; the grace
// lets the events queued meanwhile (an answer) run first.
constexpr qint64 kLateDeadlineMs = 25;
constexpr int kLateDeadlineGraceMs = 50;
// Qt's silence timeout, the backstop, is at least this much later than the deadline.
constexpr qint64 kBackstopExtraMs = 5'000;
} // namespace

struct BinanceClient::Job
{
    Request request;
    Validator validate;
    ResponseHandler done;
    int attempts = 0;
    int rateLimitPauses = 0;
    bool clockResynced = false;
    bool cancelled = false;
    QNetworkReply* reply = nullptr;
    QTimer* retryTimer = nullptr;
    qint64 sentAtMs = 0;
    qint64 sentAtServerMs = 0; // the same instant on the server's clock (the budget's)
    qint64 receivedAtMs = 0;
    // The attempt's latency for the adaptive timeout, on a steady clock: the wall clock (or a
    // test's) may step while a request is out, and one stepped sample stretches or shrinks
    // every bound for the next 32 answers.
    QElapsedTimer attemptTimer;
    int httpStatus = 0;
    QByteArray body;        // read as it arrives, never more than maxResponseBytes
    qint64 timeoutMs = 0;   // this attempt's total-time bound
    bool timedOut = false;  // the bound struck: the reply was aborted
    bool oversized = false; // the answer passed maxResponseBytes: the reply was aborted
};

BinanceClient::BinanceClient(ClientConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_signer(m_config.apiKey, m_config.apiSecret)
    , m_clock(m_config.clock)
    , m_budget(m_clock.serverNow(), m_config.defaultWeightLimit, m_config.weightTargetPercent)
    , m_timeout(m_config.minRequestTimeoutMs, m_config.requestTimeoutMs,
                m_config.requestTimeoutFactor, AdaptiveTimeout::kDefaultWindow,
                m_config.lowestRequestTimeoutMs)
    , m_random(m_config.random ? m_config.random : systemRandom())
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<fb::binance::ClientCounters>();
    m_configError = checkBaseUrl(m_config.baseUrl);
    // Traffic to this computer's own simulator must not detour through a system proxy.
    if (m_configError.isEmpty() && isLoopbackHost(m_config.baseUrl.host()))
        m_network->setProxy(QNetworkProxy::NoProxy);
    m_config.maxConcurrentRequests = std::max(1, m_config.maxConcurrentRequests);
    m_config.retry.maxAttempts = std::max(1, m_config.retry.maxAttempts);
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire early, then re-arm
    connect(&m_pumpTimer, &QTimer::timeout, this, &BinanceClient::pump);
}

BinanceClient::~BinanceClient()
{
    // Callbacks may point into an engine that is being destroyed too: none is called now.
    for (const JobPtr& job : std::as_const(m_inFlight)) {
        if (job->reply) {
            job->reply->disconnect(this);
            job->reply->abort();
        }
    }
}

std::optional<BinanceClient::OldestRequest> BinanceClient::oldestInFlight() const
{
    std::optional<OldestRequest> oldest;
    for (const JobPtr& job : std::as_const(m_inFlight)) {
        if (!oldest || job->sentAtMs < oldest->sentAtLocalMs)
            oldest = OldestRequest{job->request.name(), job->sentAtMs};
    }
    return oldest;
}

int BinanceClient::pendingCalls() const
{
    return static_cast<int>(m_queue.size()) + m_inFlight.size() + m_waiting.size() +
           m_clockWaiters.size();
}

void BinanceClient::send(const Request& request, ResponseHandler done, Validator validate)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    job->done = std::move(done);
    job->validate = std::move(validate);
    enqueue(job, false);
}

void BinanceClient::enqueue(const JobPtr& job, bool front)
{
    if (front)
        m_queue.push_front(job);
    else
        m_queue.push_back(job);
    schedulePump(0); // never deliver from inside send(): the caller's state may be mid-update
}

void BinanceClient::schedulePump(qint64 delayMs)
{
    const int delay = static_cast<int>(std::clamp<qint64>(delayMs, 0, 24 * 3600 * 1000));
    if (m_pumpTimer.isActive() && m_pumpTimer.remainingTime() <= delay)
        return;
    m_pumpTimer.start(delay);
}

QString BinanceClient::checkJob(const Request& request) const
{
    if (!m_configError.isEmpty())
        return m_configError;
    const EndpointInfo& info = endpointInfo(request.endpoint);
    if (info.host == Host::Spot) {
        const QString spotError = checkBaseUrl(m_config.spotBaseUrl);
        if (!spotError.isEmpty())
            return spotError;
    }
    if (info.isSigned && !m_signer.hasCredentials())
        return QStringLiteral("No API key and secret are configured; %1 needs them.")
            .arg(request.name());
    return {};
}

void BinanceClient::pump()
{
    while (!m_queue.empty()) {
        const JobPtr job = m_queue.front();
        const QString problem = checkJob(job->request);
        if (!problem.isEmpty()) {
            m_queue.pop_front();
            ApiError error;
            error.category = ErrorCategory::Config;
            error.message = problem;
            failWith(job, error);
            continue;
        }
        if (m_clock.now() < m_bannedUntil) {
            // Knocking during a ban lengthens it: fail fast instead of sending.
            m_queue.pop_front();
            fail(job, ErrorCategory::Banned, Failure{}, {}, m_bannedUntil);
            continue;
        }
        if (m_inFlight.size() >= m_config.maxConcurrentRequests)
            return; // onFinished() pumps again
        // The spot host's sapi pool is separate from the futures weight (API sheet §3.1).
        if (endpointInfo(job->request.endpoint).host == Host::Futures) {
            const qint64 delay = m_budget.delayBefore(job->request.weight());
            if (delay > 0) {
                qCDebug(lcBinance)
                    << "holding" << job->request.name() << "for" << delay << "ms (weight budget)";
                // pump() runs again for the same hold: announce each hold once.
                const qint64 holdEnd = m_clock.localNow() + delay;
                if (holdEnd > m_budgetHoldUntilLocal + 500) {
                    m_budgetHoldUntilLocal = holdEnd;
                    emit heldByBudget(delay);
                }
                schedulePump(delay);
                return;
            }
        }
        m_queue.pop_front();
        start(job);
    }
}

void BinanceClient::sendQueuedNow()
{
    while (!m_queue.empty() && m_inFlight.size() < m_config.maxConcurrentRequests) {
        const JobPtr job = m_queue.front();
        if (!checkJob(job->request).isEmpty() || m_clock.now() < m_bannedUntil)
            return; // pump() delivers those failures from the event loop
        if (endpointInfo(job->request.endpoint).host == Host::Futures &&
            m_budget.delayBefore(job->request.weight()) > 0)
            return; // pump() holds it for the budget
        m_queue.pop_front();
        start(job);
    }
}

void BinanceClient::start(const JobPtr& job)
{
    const EndpointInfo& info = endpointInfo(job->request.endpoint);
    QUrl url = info.host == Host::Spot ? m_config.spotBaseUrl : m_config.baseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1String(info.path));
    QByteArray query = encodeQuery(job->request.params);
    if (info.isSigned) // timestamp read now: a request held by the budget is never stale
        query = m_signer.signedQuery(query, m_clock.now(), m_config.recvWindowMs);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);

    QNetworkRequest request(url);
    // The total time is bounded by the deadline timer below (silence included): a server that
    // trickles a byte now and then must not hold a request (and its symbol) for ever. Qt's own
    // silence timeout stays as a backstop, later, so the deadline's clearer words win — and
    // seconds later, not only twice a bound of a few hundred ms: it runs on this thread too,
    // and after a long commit it would strike before the answer queued meanwhile is read.
    job->timeoutMs =
        m_timeout.currentMs(static_cast<int>(job->request.endpoint), job->attempts + 1);
    request.setTransferTimeout(static_cast<int>(std::clamp<qint64>(
        std::max(2 * job->timeoutMs, job->timeoutMs + kBackstopExtraMs), 1, INT_MAX)));
    // Redirects are not followed: the API key header would travel to wherever they point.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", QByteArray("Fillbook/" FILLBOOK_CLIENT_VERSION));
    if (info.isSigned)
        request.setRawHeader("X-MBX-APIKEY", m_signer.apiKey());

    ++job->attempts;
    job->sentAtMs = m_clock.localNow();
    job->sentAtServerMs = m_clock.now();
    job->attemptTimer.start();
    job->httpStatus = 0;
    job->body.clear();
    job->timedOut = false;
    job->oversized = false;
    if (info.host == Host::Futures)
        m_budget.onSent(job->request.weight());
    ++m_counters.requestsSent;
    m_counters.weightSent += job->request.weight();
    qCDebug(lcBinance).noquote() << "GET" << redact(url) << "attempt" << job->attempts;

    QNetworkReply* reply = m_network->get(request);
    job->reply = reply;
    m_inFlight.append(job);
    // Qt buffers at most this much beyond what readAvailable() takes, so an endless body is
    // throttled at the socket instead of filling memory.
    reply->setReadBufferSize(256 * 1024);
    connect(reply, &QNetworkReply::readyRead, this, [this, job] { readAvailable(job); });
    auto* deadline = new QTimer(reply); // dies with the reply
    deadline->setSingleShot(true);
    // A deadline that fires late fired after this thread was busy (a commit, a rebuild): an
    // answer that arrived meanwhile may still be queued behind it. It is given one short grace
    // to be read, instead of being thrown away and asked again (with its weight) — the bound
    // can be a few hundred milliseconds on a fast link (D176).
    connect(deadline, &QTimer::timeout, this, [job, reply, deadline, graced = false]() mutable {
        if (job->reply != reply)
            return; // an earlier attempt's timer
        if (!graced && job->attemptTimer.elapsed() > job->timeoutMs + kLateDeadlineMs) {
            graced = true;
            deadline->start(kLateDeadlineGraceMs);
            return;
        }
        job->timedOut = true;
        job->reply->abort(); // finishes the reply; onFinished() reports the timeout
    });
    deadline->start(static_cast<int>(std::clamp<qint64>(job->timeoutMs, 1, INT_MAX)));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    emit countersChanged(m_counters);
}

void BinanceClient::readAvailable(const JobPtr& job)
{
    QNetworkReply* reply = job->reply;
    if (!reply || job->oversized || !reply->isOpen())
        return;
    const qint64 limit = std::max<qint64>(1, m_config.maxResponseBytes);
    // A declared length over the limit is refused before its body is read at all.
    const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
    bool tooLarge = declared.isValid() && declared.toLongLong() > limit;
    if (!tooLarge) {
        // One byte past the limit is enough to know: never hold more than limit + 1.
        job->body += reply->read(limit + 1 - job->body.size());
        tooLarge = job->body.size() > limit;
        if (tooLarge)
            job->body.truncate(limit);
    }
    m_counters.peakBodyBytes = std::max<qint64>(m_counters.peakBodyBytes, job->body.size());
    if (tooLarge) {
        job->oversized = true;
        reply->abort();
    }
}

void BinanceClient::onFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    JobPtr job;
    for (qsizetype i = 0; i < m_inFlight.size(); ++i) {
        if (m_inFlight[i]->reply == reply) {
            job = m_inFlight.takeAt(i);
            break;
        }
    }
    if (!job)
        return;
    job->reply = nullptr;
    job->receivedAtMs = m_clock.localNow();
    const bool futures = endpointInfo(job->request.endpoint).host == Host::Futures;

    std::optional<qint64> retryAfterMs;
    // Header names arrive lower-cased on the wire (x-mbx-used-weight-1m); compare without case.
    // Only the header that counts the budget's window is its authority: one for another window
    // (a second pool, or -1m before exchangeInfo told us the simulator's window) counts other
    // weight.
    for (const auto& [name, value] : reply->rawHeaderPairs()) {
        const QByteArray lower = name.toLower();
        if (futures && usedWeightHeaderWindowMs(lower) == m_budget.windowMs()) {
            bool ok = false;
            const qint64 used = value.trimmed().toLongLong(&ok);
            if (ok && used >= 0) {
                m_budget.onUsedWeight(used, job->sentAtServerMs);
                m_counters.lastUsedWeight = used;
            }
        } else if (lower == "retry-after") {
            retryAfterMs = parseRetryAfterMs(value, m_clock.now());
        }
    }
    job->reply = reply; // readAvailable() takes the rest (finished may come before readyRead)
    readAvailable(job);
    job->reply = nullptr;
    const QByteArray body = std::exchange(job->body, {});
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    job->httpStatus = status.isValid() ? status.toInt() : 0;

    if (job->cancelled) {
        ApiError error;
        error.category = ErrorCategory::Cancelled;
        error.message = plainMessage(ErrorCategory::Cancelled, {}, job->request, job->attempts, 0);
        failWith(job, error);
        pump();
        return;
    }

    Failure failure;
    // Qt's codes below 200 are connection-level (refused, reset, timeout, proxy): they win even
    // when a status line already arrived, since the body is then incomplete.
    const QNetworkReply::NetworkError transport = reply->error();
    if (transport != QNetworkReply::NoError && static_cast<int>(transport) < 200 && !job->oversized)
        job->httpStatus = 0;
    if (job->timedOut) {
        // Our own deadline aborted it: a timeout, however much had trickled in.
        ++m_counters.timeouts;
        job->httpStatus = 0;
        failure.transport = QNetworkReply::TimeoutError;
        failure.detail = QStringLiteral("no complete answer within %1 ms").arg(job->timeoutMs);
    } else if (job->oversized) {
        // Whatever the status said, the answer cannot be used: reading stopped at the limit.
        failure.malformedBody = true;
        failure.detail = QStringLiteral("the answer is larger than %1 bytes; reading stopped")
                             .arg(m_config.maxResponseBytes);
    } else if (job->httpStatus == 0) {
        failure.transport = transport;
        failure.detail = transportText(transport);
    } else if (job->httpStatus >= 200 && job->httpStatus < 300) {
        const QString problem = job->validate ? job->validate(body) : QString();
        if (problem.isEmpty()) {
            m_timeout.observe(job->attemptTimer.elapsed(), static_cast<int>(job->request.endpoint));
            Response response;
            response.httpStatus = job->httpStatus;
            response.body = body;
            emit countersChanged(m_counters);
            deliver(job, std::move(response));
            pump();
            return;
        }
        failure.malformedBody = true;
        failure.detail = problem;
    }
    failure.httpStatus = job->httpStatus;
    // An error object can come with any status (even 200 on some gateways): its code decides.
    if (const auto errorBody = parseErrorBody(body)) {
        failure.apiCode = errorBody->code;
        failure.apiMessage = errorBody->msg;
    }
    // Remove echoed credentials before anything quotes or truncates the text: a secret cut in
    // half by an excerpt would no longer be recognised.
    const QList<QByteArray> secrets{m_config.apiKey, m_config.apiSecret};
    failure.apiMessage = scrub(failure.apiMessage, secrets);
    handleFailure(job, failure, retryAfterMs, scrub(body, secrets));
    emit countersChanged(m_counters);
    pump();
}

void BinanceClient::handleFailure(const JobPtr& job, const Failure& failure,
                                  std::optional<qint64> retryAfterMs, const QByteArray& body)
{
    const Verdict verdict = classify(failure);
    const QString endpoint = job->request.name();
    qCInfo(lcBinance).noquote() << endpoint << job->request.symbol << "failed:" << verdict.reason
                                << "->" << categoryName(verdict.category);
    switch (verdict.category) {
    case ErrorCategory::Transient:
        if (job->attempts < m_config.retry.maxAttempts) {
            // A timeout has already waited its bound: the hung attempt is abandoned and the
            // request goes again at once (with twice the bound), not after a backoff too.
            retryLater(
                job, job->timedOut ? 0 : backoffDelayMs(m_config.retry, job->attempts, m_random()),
                verdict.reason);
            return;
        }
        fail(job, verdict.category, failure, body);
        return;
    case ErrorCategory::RateLimited: {
        ++m_counters.rateLimitHits;
        const qint64 until = m_budget.pauseUntil(retryAfterMs ? m_clock.now() + *retryAfterMs
                                                              : m_budget.windowEnd());
        emit rateLimited(until);
        if (++job->rateLimitPauses > m_config.retry.maxRateLimitPauses) {
            fail(job, verdict.category, failure, body, until);
            return;
        }
        ++m_counters.retries;
        emit retrying(endpoint, job->attempts + 1, until - m_clock.now(), verdict.reason);
        enqueue(job, true); // the budget holds the whole queue until the pause ends
        return;
    }
    case ErrorCategory::Banned: {
        const qint64 until =
            parseBanUntil(failure.apiMessage)
                .value_or(m_clock.now() + retryAfterMs.value_or(m_config.retry.defaultBanMs));
        m_bannedUntil = std::max(m_bannedUntil, until);
        m_budget.pauseUntil(m_bannedUntil);
        emit banned(m_bannedUntil);
        fail(job, verdict.category, failure, body, m_bannedUntil);
        return;
    }
    case ErrorCategory::ClockSkew:
        if (!job->clockResynced) {
            resyncClockThenRetry(job, failure, body);
            return;
        }
        fail(job, verdict.category, failure, body);
        return;
    default:
        // Auth, BadSymbol, Offline, Rejected, Config: retrying cannot help.
        fail(job, verdict.category, failure, body);
        return;
    }
}

void BinanceClient::retryLater(const JobPtr& job, qint64 delayMs, const QString& reason)
{
    ++m_counters.retries;
    emit retrying(job->request.name(), job->attempts + 1, delayMs, reason);
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    job->retryTimer = timer;
    m_waiting.append(job);
    connect(timer, &QTimer::timeout, this, [this, job, timer] {
        timer->deleteLater();
        job->retryTimer = nullptr;
        m_waiting.removeOne(job);
        enqueue(job, true);
    });
    timer->start(static_cast<int>(std::clamp<qint64>(delayMs, 0, INT_MAX)));
}

void BinanceClient::resyncClockThenRetry(const JobPtr& job, const Failure& failure,
                                         const QByteArray& body)
{
    job->clockResynced = true;
    m_clockWaiters.append(job);
    if (m_clockWaiters.size() > 1)
        return; // a re-sync is already on its way; this job rides along
    // Jobs are resumed (or failed) together when the one time request answers.
    syncClock([this, failure, body](const Result<ServerTime>& time) {
        const QList<JobPtr> waiters = std::exchange(m_clockWaiters, {});
        for (const JobPtr& waiter : waiters) {
            if (time.ok()) {
                ++m_counters.retries;
                emit retrying(waiter->request.name(), waiter->attempts + 1, 0,
                              QStringLiteral("clock re-synchronised"));
                enqueue(waiter, true);
            } else {
                // Without a clock the request cannot be signed correctly: report the -1021
                // itself, with the re-sync's failure appended.
                ApiError error;
                error.category = time.error.category == ErrorCategory::Offline
                                     ? ErrorCategory::Offline
                                     : ErrorCategory::ClockSkew;
                error.message = plainMessage(ErrorCategory::ClockSkew, failure, waiter->request,
                                             waiter->attempts, 0) +
                                QStringLiteral(" The clock re-sync failed: ") + time.error.message;
                error.apiCode = failure.apiCode.value_or(0);
                error.httpStatus = failure.httpStatus;
                error.bodyExcerpt = excerpt(body);
                failWith(waiter, error);
            }
        }
    });
}

void BinanceClient::fail(const JobPtr& job, ErrorCategory category, const Failure& failure,
                         const QByteArray& body, qint64 untilMs)
{
    ApiError error;
    error.category = category;
    error.message = plainMessage(category, failure, job->request, job->attempts, untilMs);
    error.httpStatus = failure.httpStatus;
    error.apiCode = failure.apiCode.value_or(0);
    error.untilMs = untilMs;
    error.bodyExcerpt = excerpt(body);
    // Quote the body where it explains the failure: a parse error or a refused request.
    if (!error.bodyExcerpt.isEmpty() &&
        (failure.malformedBody || category == ErrorCategory::Rejected))
        error.message += QStringLiteral(" Response began: \"%1\"").arg(error.bodyExcerpt);
    failWith(job, error);
}

void BinanceClient::failWith(const JobPtr& job, ApiError error)
{
    Response response;
    response.httpStatus = job->httpStatus;
    response.error = std::move(error);
    deliver(job, std::move(response));
}

void BinanceClient::deliver(const JobPtr& job, Response response)
{
    response.request = job->request;
    response.attempts = job->attempts;
    response.sentAtMs = job->sentAtMs;
    response.receivedAtMs = job->receivedAtMs;
    if (response.error.isError()) {
        ApiError& e = response.error;
        e.endpoint = job->request.name();
        e.symbol = job->request.symbol;
        e.attempts = job->attempts;
        // Last line of defence: nothing the client says may contain a credential, whatever the
        // server echoed back.
        const QList<QByteArray> secrets{m_config.apiKey, m_config.apiSecret};
        e.message = scrub(e.message, secrets);
        e.bodyExcerpt = scrub(e.bodyExcerpt, secrets);
        // A ban is an expected state (the run pauses until it ends, and every call until then
        // fails the same way): one line per call at warning level would bury real problems.
        if (e.category == ErrorCategory::Banned || e.category == ErrorCategory::Cancelled)
            qCInfo(lcBinance).noquote() << e.message;
        else
            qCWarning(lcBinance).noquote() << e.message;
    }
    if (job->done)
        job->done(response);
}

void BinanceClient::cancelAll()
{
    ApiError error;
    error.category = ErrorCategory::Cancelled;
    auto cancel = [&](const JobPtr& job) {
        error.message = plainMessage(ErrorCategory::Cancelled, {}, job->request, job->attempts, 0);
        failWith(job, error);
    };
    std::deque<JobPtr> queued = std::exchange(m_queue, {});
    const QList<JobPtr> waiting = std::exchange(m_waiting, {});
    const QList<JobPtr> clockWaiters = std::exchange(m_clockWaiters, {});
    for (const JobPtr& job : waiting) {
        if (job->retryTimer) {
            job->retryTimer->stop();
            job->retryTimer->deleteLater();
        }
        job->retryTimer = nullptr;
    }
    for (const JobPtr& job : queued)
        cancel(job);
    for (const JobPtr& job : waiting)
        cancel(job);
    for (const JobPtr& job : clockWaiters)
        cancel(job);
    // Aborting makes each reply finish; onFinished() then delivers Cancelled.
    const QList<JobPtr> inFlight = m_inFlight;
    for (const JobPtr& job : inFlight) {
        job->cancelled = true;
        if (job->reply)
            job->reply->abort();
    }
}

} // namespace fb::binance
