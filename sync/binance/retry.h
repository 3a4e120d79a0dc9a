#pragma once
// What a failed request means and what to do about it: the one place that decides
// (docs/design.md §3.8's table), plus the backoff schedule. Pure functions, no clock, no
// randomness of their own: the random value for jitter is passed in, so tests know every delay
// exactly.

#include "sync/binance/endpoints.h"

#include <QNetworkReply>
#include <QString>

#include <functional>
#include <iterator>
#include <optional>

namespace fb::binance {

// The outcome of a failure. What the engine does about each: kErrorMeanings, below classify().
enum class ErrorCategory {
    None,        // success
    Transient,   // a hiccup (5xx, timeout, reset); the client retried it with backoff
    RateLimited, // 429 / -1003 / 403: the client paused and continued; delivered only if the
                 // pause repeats too often
    Banned,      // 418: the IP is banned until ApiError::untilMs
    ClockSkew,   // -1021 again after a clock re-sync: the computer's clock is wrong
    Auth,        // 401, -2014, -2015, -1022, -1099: key, secret, IP or permission
    BadSymbol,   // -1121: the symbol is delisted or unknown
    Offline,     // host not found, connection refused, network down
    Rejected,    // any other 4xx: the request itself is wrong; never retried
    Config,      // unusable configuration (plain http to a remote host, missing key, TLS failure)
    Cancelled,   // cancelAll() or the client shutting down
};

QString categoryName(ErrorCategory category);

// An error delivered to the caller. Every text field is free of the API key and secret.
struct ApiError
{
    ErrorCategory category = ErrorCategory::None;
    QString message;     // one plain sentence for the user and the logs
    QString endpoint;    // "GET /fapi/v1/income"
    QString symbol;      // empty when the request is not about one symbol
    int httpStatus = 0;  // 0 when no HTTP response arrived
    int apiCode = 0;     // the exchange's code (e.g. -2015); 0 when none
    qint64 untilMs = 0;  // Banned / RateLimited: server time when requests may resume
    QString bodyExcerpt; // at most 120 characters of the response body
    int attempts = 0;    // requests made for this call, retries included

    bool isError() const { return category != ErrorCategory::None; }
};

// The retry schedule for Transient failures (docs/design.md §3.8 defaults).
struct RetryPolicy
{
    int maxAttempts = 5;          // requests in total, the first one included
    qint64 initialDelayMs = 1000; // before the first retry
    int multiplier = 2;
    qint64 maxDelayMs = 60'000;
    int jitterPercent = 30; // each delay is spread uniformly over ±30 %
    // Consecutive 429/403 pauses tolerated for one request before it is given up as RateLimited
    // (a proxy that always answers 429 must not keep the run alive forever).
    int maxRateLimitPauses = 20;
    // Where a 418 names no end: the shortest documented ban.
    qint64 defaultBanMs = 2 * 60'000;
};

// A uniformly distributed 32-bit value.
using RandomSource = std::function<quint32()>;
RandomSource systemRandom();

// The delay before retry number `retry` (1 = the first retry): initial × multiplier^(retry-1),
// capped, then spread by ±jitter% using `random` (0 → -jitter, 2^31 → 0, 2^32-1 → +jitter), and
// capped again so no wait exceeds maxDelayMs.
qint64 backoffDelayMs(const RetryPolicy& policy, int retry, quint32 random);

// What is known about one failed attempt.
struct Failure
{
    QNetworkReply::NetworkError transport = QNetworkReply::NoError; // when httpStatus == 0
    int httpStatus = 0;
    std::optional<int> apiCode;
    QString apiMessage;
    bool malformedBody = false; // a 2xx whose body did not parse
    QString detail;             // the parse error or Qt's error text (never contains secrets)
};

struct Verdict
{
    ErrorCategory category = ErrorCategory::None;
    QString reason; // short, for logs and the retrying() signal: "HTTP 503", "timeout"
};

Verdict classify(const Failure& failure);

// What a delivered error means for a sync run (docs/design.md §3.8, its "engine" column): the
// one copy the engine consults, wherever in the pipeline the error arrives. What the client
// does before it delivers one (back off, pause, re-sync the clock) is binance_client.cpp's.

// How far an error reaches.
enum class ErrorReach {
    None,   // not an error
    Symbol, // ends the symbol it concerns; the batch's other symbols go on. Where no symbol is
            // being fetched (preflight, income) the run stops instead, as `runEnd` says
    Run,    // ends the whole run, as `runEnd` says
};

// How a run ends when it stops on an error. The engine turns each into a run status and a
// process exit code (SyncEngine::stopForApiError), so those stay in the engine's vocabulary.
enum class RunEnd {
    Pause,        // paused, resumable: "try again later" (exit code Paused)
    PauseUntil,   // paused until ApiError::untilMs, when the ban ends (exit code Paused)
    PauseOffline, // paused because the network is unreachable (exit code Offline)
    FailAuth,     // failed: key, secret, IP whitelist, permission or the clock (exit code Auth)
    FailConfig,   // failed: the configuration cannot work (exit code Usage)
    Interrupt,    // interrupted: the calls were cancelled (exit code Interrupted)
};

struct ErrorMeaning
{
    ErrorCategory category;
    ErrorReach reach;
    bool skipsSymbol; // the symbol is marked skipped (delisted), not failed
    RunEnd runEnd;    // when the run stops on this error
};

// Indexed by ErrorCategory, one row each.
inline constexpr ErrorMeaning kErrorMeanings[] = {
    // None is never delivered; were a run stopped on it, it would be a plain pause.
    {ErrorCategory::None, ErrorReach::None, false, RunEnd::Pause},
    {ErrorCategory::Transient, ErrorReach::Symbol, false, RunEnd::Pause},
    {ErrorCategory::RateLimited, ErrorReach::Symbol, false, RunEnd::Pause},
    {ErrorCategory::Banned, ErrorReach::Run, false, RunEnd::PauseUntil},
    {ErrorCategory::ClockSkew, ErrorReach::Run, false, RunEnd::FailAuth},
    {ErrorCategory::Auth, ErrorReach::Run, false, RunEnd::FailAuth},
    {ErrorCategory::BadSymbol, ErrorReach::Symbol, true, RunEnd::Pause},
    {ErrorCategory::Offline, ErrorReach::Run, false, RunEnd::PauseOffline},
    {ErrorCategory::Rejected, ErrorReach::Symbol, false, RunEnd::Pause},
    {ErrorCategory::Config, ErrorReach::Run, false, RunEnd::FailConfig},
    {ErrorCategory::Cancelled, ErrorReach::Run, false, RunEnd::Interrupt},
};

constexpr const ErrorMeaning& meaningOf(ErrorCategory category)
{
    return kErrorMeanings[static_cast<int>(category)];
}

// Every category has its row, in enum order (so meaningOf() is an index).
static_assert(std::size(kErrorMeanings) == static_cast<size_t>(ErrorCategory::Cancelled) + 1);
static_assert([] {
    for (size_t i = 0; i < std::size(kErrorMeanings); ++i) {
        if (static_cast<size_t>(kErrorMeanings[i].category) != i)
            return false;
    }
    return true;
}());

// "Way too many requests; IP banned until 1700000000000." → 1700000000000.
std::optional<qint64> parseBanUntil(const QString& message);
// Retry-After as a delay in ms (delta-seconds or an HTTP date); nullopt when absent, zero or
// unreadable (Rotki reports it is always 0 on Binance, so 0 means "not given").
std::optional<qint64> parseRetryAfterMs(const QByteArray& value, qint64 nowMs);

// The user-facing sentence for a final error.
QString plainMessage(ErrorCategory category, const Failure& failure, const Request& request,
                     int attempts, qint64 untilMs);

} // namespace fb::binance
