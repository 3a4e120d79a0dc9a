#pragma once
// HMAC-SHA256 request signing (API sheet §2.2).
//
// The signature covers the exact bytes of the query string that goes on the wire, so the query
// is encoded once (encodeQuery) and that same byte string is both signed and sent; nothing
// re-encodes or re-orders it afterwards. `signature` is appended last, as the exchange requires.

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace fb::binance {

// Query parameters in the order they are sent.
using QueryParams = QList<std::pair<QString, QString>>;

// name=value pairs joined with '&', each name and value percent-encoded as UTF-8 with only the
// RFC 3986 unreserved characters left as they are. A symbol such as "币安人生USDT" therefore goes
// out as %E5%B8%81..., and the signature is computed over that encoded text.
QByteArray encodeQuery(const QueryParams& params);

class Signer
{
public:
    Signer() = default;
    Signer(QByteArray apiKey, QByteArray secret)
        : m_apiKey(std::move(apiKey))
        , m_secret(std::move(secret))
    {}

    bool hasCredentials() const { return !m_apiKey.isEmpty() && !m_secret.isEmpty(); }
    const QByteArray& apiKey() const { return m_apiKey; }

    // Lower-case hex HMAC-SHA256 of `message` keyed with the secret.
    QByteArray signature(const QByteArray& message) const;

    // `query` + "&recvWindow=..&timestamp=..&signature=..": the complete signed query string.
    // recvWindowMs <= 0 leaves recvWindow out (the exchange then uses its default of 5000).
    QByteArray signedQuery(const QByteArray& query, qint64 timestampMs, qint64 recvWindowMs) const;

    static QByteArray hmacSha256Hex(const QByteArray& key, const QByteArray& message);

private:
    QByteArray m_apiKey;
    QByteArray m_secret;
};

} // namespace fb::binance
