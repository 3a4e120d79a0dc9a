#include "sync/binance/signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

namespace fb::binance {

QByteArray encodeQuery(const QueryParams& params)
{
    QByteArray out;
    for (const auto& [name, value] : params) {
        if (!out.isEmpty())
            out += '&';
        // toPercentEncoding() encodes UTF-8 and leaves exactly ALPHA / DIGIT / "-._~" as is.
        out += QUrl::toPercentEncoding(name);
        out += '=';
        out += QUrl::toPercentEncoding(value);
    }
    return out;
}

QByteArray Signer::hmacSha256Hex(const QByteArray& key, const QByteArray& message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256).toHex();
}

QByteArray Signer::signature(const QByteArray& message) const
{
    return hmacSha256Hex(m_secret, message);
}

QByteArray Signer::signedQuery(const QByteArray& query, qint64 timestampMs,
                               qint64 recvWindowMs) const
{
    QByteArray total = query;
    if (recvWindowMs > 0) {
        if (!total.isEmpty())
            total += '&';
        total += "recvWindow=" + QByteArray::number(recvWindowMs);
    }
    if (!total.isEmpty())
        total += '&';
    total += "timestamp=" + QByteArray::number(timestampMs);
    return total + "&signature=" + signature(total);
}

} // namespace fb::binance
