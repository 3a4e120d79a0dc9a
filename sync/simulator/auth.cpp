#include "sync/simulator/auth.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace fb::sim {

QByteArray hmacSha256Hex(const QByteArray& secret, const QByteArray& message)
{
    return QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha256).toHex();
}

std::optional<QByteArray> signedPayload(const QByteArray& rawQuery)
{
    static const QByteArray kMarker = QByteArrayLiteral("signature=");
    qsizetype at = -1;
    if (rawQuery.startsWith(kMarker))
        at = 0;
    const qsizetype last = rawQuery.lastIndexOf(QByteArray("&" + kMarker));
    if (last >= 0)
        at = last + 1;
    if (at < 0)
        return std::nullopt;
    // Nothing may follow the signature's value.
    if (rawQuery.indexOf('&', at) >= 0)
        return std::nullopt;
    return at == 0 ? QByteArray() : rawQuery.left(at - 1);
}

std::optional<ApiError> checkUserData(const HttpRequest& request, const QueryParams& params,
                                      const Credentials& credentials, const AuthRules& rules,
                                      qint64 serverTime)
{
    // Keys are case-sensitive and compared exactly.
    const QByteArray key = request.header("X-MBX-APIKEY");
    if (key.isEmpty() || key != credentials.apiKey)
        return errors::invalidApiKey();

    if (!params.has("timestamp") || params.value("timestamp").isEmpty())
        return errors::mandatory(QStringLiteral("timestamp"));
    std::optional<qint64> timestamp;
    if (auto error = params.integer("timestamp", &timestamp))
        return error;
    std::optional<qint64> recvWindow;
    if (auto error = params.integer("recvWindow", &recvWindow))
        return error;
    const qint64 window = recvWindow.value_or(rules.defaultRecvWindow);
    if (rules.maxRecvWindow > 0 && window > rules.maxRecvWindow)
        return errors::invalidParam(QStringLiteral("recvWindow"));
    // Accept iff timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
    if (*timestamp >= serverTime + 1000)
        return errors::timestampAhead();
    if (serverTime - *timestamp > window)
        return errors::timestampOutsideWindow();

    if (!params.has("signature") || params.value("signature").isEmpty())
        return errors::mandatory(QStringLiteral("signature"));
    const std::optional<QByteArray> payload = signedPayload(request.query);
    if (!payload)
        return errors::invalidSignature(); // signature not last
    const QByteArray sent = request.query.mid(request.query.lastIndexOf("signature=") + 10);
    // totalParams = query string concatenated with the body (empty for GET).
    const QByteArray expected = hmacSha256Hex(credentials.apiSecret, *payload + request.body);
    if (sent.toLower() != expected)
        return errors::invalidSignature();
    return std::nullopt;
}

} // namespace fb::sim
