#include "sync/binance/retry.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace fb::binance {

QString categoryName(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::None:
        return QStringLiteral("none");
    case ErrorCategory::Transient:
        return QStringLiteral("transient");
    case ErrorCategory::RateLimited:
        return QStringLiteral("rate-limited");
    case ErrorCategory::Banned:
        return QStringLiteral("banned");
    case ErrorCategory::ClockSkew:
        return QStringLiteral("clock-skew");
    case ErrorCategory::Auth:
        return QStringLiteral("auth");
    case ErrorCategory::BadSymbol:
        return QStringLiteral("bad-symbol");
    case ErrorCategory::Offline:
        return QStringLiteral("offline");
    case ErrorCategory::Rejected:
        return QStringLiteral("rejected");
    case ErrorCategory::Config:
        return QStringLiteral("config");
    case ErrorCategory::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

RandomSource systemRandom()
{
    return [] { return QRandomGenerator::global()->generate(); };
}

qint64 backoffDelayMs(const RetryPolicy& policy, int retry, quint32 random)
{
    qint64 base = std::max<qint64>(policy.initialDelayMs, 0);
    for (int i = 1; i < retry && base < policy.maxDelayMs; ++i)
        base *= std::max(policy.multiplier, 1);
    base = std::min(base, policy.maxDelayMs);
    // Integer jitter: (2r - 2^32) / 2^32 is in [-1, 1); no floating point, so tests are exact.
    const qint64 spread = base * std::clamp(policy.jitterPercent, 0, 100) / 100;
    const qint64 unit = 2 * static_cast<qint64>(random) - (Q_INT64_C(1) << 32);
    const qint64 offset = unit * spread / (Q_INT64_C(1) << 32);
    return std::clamp<qint64>(base + offset, 0, policy.maxDelayMs);
}

namespace {

Verdict verdictForTransport(QNetworkReply::NetworkError error, const QString& detail)
{
    using E = QNetworkReply::NetworkError;
    switch (error) {
    // The server or the path is slow: the request may well succeed a moment later.
    case E::TimeoutError:
    case E::OperationCanceledError: // what Qt 6.4 reports when setTransferTimeout() fires
        return {ErrorCategory::Transient, QStringLiteral("timeout")};
    // The connection dropped mid-request (load balancer restart, flaky Wi-Fi): retry.
    case E::RemoteHostClosedError:
    case E::ProxyConnectionClosedError:
        return {ErrorCategory::Transient, QStringLiteral("connection reset")};
    // Nothing answers at all: the machine is offline (or DNS is down). Retrying in a loop is
    // pointless; the run pauses as offline and resumes when the network is back.
    case E::HostNotFoundError:
    case E::ConnectionRefusedError:
    case E::TemporaryNetworkFailureError:
    case E::NetworkSessionFailedError:
    case E::UnknownNetworkError: // Qt's mapping of ENETUNREACH / ENETDOWN
    case E::ProxyNotFoundError:
    case E::ProxyConnectionRefusedError:
        return {ErrorCategory::Offline, QStringLiteral("network unreachable")};
    // A certificate that does not verify is never "retried" and never ignored.
    case E::SslHandshakeFailedError:
    case E::InsecureRedirectError:
    case E::TooManyRedirectsError:
        return {ErrorCategory::Config, QStringLiteral("secure connection failed")};
    default:
        // Protocol hiccups (ProtocolFailure, UnknownServerError without a status...): transient.
        return {ErrorCategory::Transient,
                detail.isEmpty() ? QStringLiteral("network error") : detail};
    }
}

QString httpReason(const Failure& f)
{
    QString reason = QStringLiteral("HTTP %1").arg(f.httpStatus);
    if (f.apiCode)
        reason += QStringLiteral(", code %1").arg(*f.apiCode);
    return reason;
}

} // namespace

Verdict classify(const Failure& f)
{
    if (f.httpStatus == 0)
        return verdictForTransport(f.transport, f.detail);
    const QString reason = httpReason(f);
    // 418: the IP is banned. Never retried: bans grow from 2 minutes to 3 days for clients
    // that keep knocking. The run stops as paused until the ban ends.
    if (f.httpStatus == 418)
        return {ErrorCategory::Banned, reason};
    if (f.apiCode) {
        switch (*f.apiCode) {
        // -1003 is both "too many requests" and "IP banned until ..." (the ban text decides).
        case -1003:
            if (parseBanUntil(f.apiMessage))
                return {ErrorCategory::Banned, reason};
            return {ErrorCategory::RateLimited, reason};
        // -1021: timestamp outside recvWindow. Our clock drifted: re-measure it, retry once.
        case -1021:
            return {ErrorCategory::ClockSkew, reason};
        // -2014 bad key format, -2015 key/IP/permission refused, -1022 bad signature (wrong
        // secret), -1099 "unauthenticated or unauthorized": the user must fix the key.
        case -2014:
        case -2015:
        case -1022:
        case -1099:
            return {ErrorCategory::Auth, reason};
        // -1121: invalid symbol (delisted or unknown): skip it, the rest of the run goes on.
        case -1121:
            return {ErrorCategory::BadSymbol, reason};
        // -1000 unknown, -1001 disconnected, -1006 unexpected response, -1007 backend timeout:
        // Binance-side trouble; reads are safe to repeat.
        case -1000:
        case -1001:
        case -1006:
        case -1007:
            return {ErrorCategory::Transient, reason};
        default:
            break;
        }
    }
    // 401 without a known code: still a credentials problem.
    if (f.httpStatus == 401)
        return {ErrorCategory::Auth, reason};
    // 429: the weight limit broke; 403: the WAF limit. Both mean "slow down", not "go away".
    if (f.httpStatus == 429 || f.httpStatus == 403)
        return {ErrorCategory::RateLimited, reason};
    // 408: the gateway timed out waiting for the backend; 5xx: Binance-side errors.
    if (f.httpStatus == 408 || f.httpStatus >= 500)
        return {ErrorCategory::Transient, reason};
    // A 2xx whose body did not parse: truncated or garbled in transit, or a proxy page.
    if (f.malformedBody)
        return {ErrorCategory::Transient, QStringLiteral("malformed response")};
    // Any other 4xx (-1100, -1102, -1127, -1130...) means our request is wrong; repeating it
    // unchanged cannot help. Redirects (3xx) land here too: they are not followed, because the
    // API key header would travel with them.
    return {ErrorCategory::Rejected, reason};
}

std::optional<qint64> parseBanUntil(const QString& message)
{
    static const QRegularExpression pattern(QStringLiteral("banned until (\\d{10,16})"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(message);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 until = match.captured(1).toLongLong(&ok);
    return ok ? std::optional<qint64>(until) : std::nullopt;
}

std::optional<qint64> parseRetryAfterMs(const QByteArray& value, qint64 nowMs)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds > 0 && seconds < 7 * 86'400 ? std::optional<qint64>(seconds * 1000)
                                                   : std::nullopt;
    // HTTP dates end in "GMT", which Qt's RFC 2822 parser wants as a numeric offset.
    QString httpDate = QString::fromLatin1(text);
    if (httpDate.endsWith(QLatin1String(" GMT")))
        httpDate = httpDate.chopped(4) + QLatin1String(" +0000");
    const QDateTime date = QDateTime::fromString(httpDate, Qt::RFC2822Date);
    if (!date.isValid())
        return std::nullopt;
    const qint64 delay = date.toMSecsSinceEpoch() - nowMs;
    return delay > 0 ? std::optional<qint64>(delay) : std::nullopt;
}

namespace {

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString exchangeSaid(const Failure& f)
{
    if (!f.apiCode)
        return f.httpStatus ? QStringLiteral(" (HTTP %1)").arg(f.httpStatus) : QString();
    QString text = QStringLiteral(" (HTTP %1, code %2").arg(f.httpStatus).arg(*f.apiCode);
    if (!f.apiMessage.isEmpty())
        text += QStringLiteral(": \"%1\"").arg(f.apiMessage.left(120));
    return text + QLatin1Char(')');
}

} // namespace

QString plainMessage(ErrorCategory category, const Failure& f, const Request& request, int attempts,
                     qint64 untilMs)
{
    const QString endpoint = request.name();
    switch (category) {
    case ErrorCategory::None:
        return {};
    case ErrorCategory::Transient: {
        QString detail;
        if (!f.detail.isEmpty())
            detail = QStringLiteral(": ") + f.detail;
        else if (!f.apiMessage.isEmpty())
            detail = QStringLiteral(": \"%1\"").arg(f.apiMessage.left(120));
        return QStringLiteral("%1 failed after %2 attempt(s): %3%4.")
            .arg(endpoint)
            .arg(attempts)
            .arg(classify(f).reason, detail);
    }
    case ErrorCategory::RateLimited:
        return QStringLiteral("Binance kept refusing %1 for exceeding its rate limit%2; "
                              "requests are paused until %3.")
            .arg(endpoint, exchangeSaid(f), utc(untilMs));
    case ErrorCategory::Banned:
        return QStringLiteral("Binance has banned this IP address for too many requests%1 until "
                              "%2. The sync is paused until then.")
            .arg(exchangeSaid(f), utc(untilMs));
    case ErrorCategory::ClockSkew:
        return QStringLiteral("Binance rejected the request time even after re-synchronising "
                              "the clock%1. Check that this computer's clock is set "
                              "automatically.")
            .arg(exchangeSaid(f));
    case ErrorCategory::Auth:
        return QStringLiteral("Binance refused the API key%1. Check the API key and secret, the "
                              "key's IP whitelist, and that the key is allowed to read futures "
                              "data.")
            .arg(exchangeSaid(f));
    case ErrorCategory::BadSymbol:
        return QStringLiteral("Binance does not know the symbol %1%2; it is skipped.")
            .arg(request.symbol.isEmpty() ? QStringLiteral("requested") : request.symbol,
                 exchangeSaid(f));
    case ErrorCategory::Offline:
        return QStringLiteral("Binance cannot be reached (%1). Check the network connection; "
                              "the sync can continue when it is back.")
            .arg(f.detail.isEmpty() ? classify(f).reason : f.detail);
    case ErrorCategory::Rejected:
        return QStringLiteral("Binance rejected %1%2.").arg(endpoint, exchangeSaid(f));
    case ErrorCategory::Config:
        return QStringLiteral("The secure connection for %1 failed (%2). Certificates are "
                              "always verified.")
            .arg(endpoint, f.detail.isEmpty() ? classify(f).reason : f.detail);
    case ErrorCategory::Cancelled:
        return QStringLiteral("%1 was cancelled.").arg(endpoint);
    }
    return {};
}

} // namespace fb::binance
