#include "sync/binance/diagnostics.h"

namespace fb::binance {

Q_LOGGING_CATEGORY(lcBinance, "fillbook.binance")

QByteArray redactQuery(const QByteArray& query)
{
    QList<QByteArray> kept;
    for (const QByteArray& part : query.split('&')) {
        if (!part.startsWith("signature="))
            kept.append(part);
    }
    return kept.join('&');
}

QString redact(const QUrl& url)
{
    QUrl copy = url;
    if (copy.hasQuery()) {
        const QByteArray query = redactQuery(copy.query(QUrl::FullyEncoded).toLatin1());
        copy.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    }
    copy.setUserInfo(QString()); // never print credentials embedded in a URL either
    return copy.toString(QUrl::FullyEncoded);
}

QString scrub(QString text, const QList<QByteArray>& secrets)
{
    for (const QByteArray& secret : secrets) {
        // Very short strings would turn ordinary words into stars; real keys are 64 characters.
        if (secret.size() >= 8)
            text.replace(QString::fromUtf8(secret), QStringLiteral("***"));
    }
    return text;
}

QByteArray scrub(QByteArray text, const QList<QByteArray>& secrets)
{
    for (const QByteArray& secret : secrets) {
        if (secret.size() >= 8)
            text.replace(secret, "***");
    }
    return text;
}

QString excerpt(const QByteArray& body, int maxChars)
{
    QString text = QString::fromUtf8(body.left(maxChars * 4)).simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026); // "…"
    return text;
}

QString transportText(QNetworkReply::NetworkError error)
{
    using E = QNetworkReply::NetworkError;
    switch (error) {
    case E::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case E::RemoteHostClosedError:
        return QStringLiteral("connection closed by the server");
    case E::HostNotFoundError:
        return QStringLiteral("host not found");
    case E::TimeoutError:
    case E::OperationCanceledError:
        return QStringLiteral("no answer in time");
    case E::SslHandshakeFailedError:
        return QStringLiteral("TLS certificate or handshake failure");
    case E::TemporaryNetworkFailureError:
    case E::NetworkSessionFailedError:
    case E::UnknownNetworkError:
        return QStringLiteral("network down or unreachable");
    case E::ProxyConnectionRefusedError:
    case E::ProxyConnectionClosedError:
    case E::ProxyNotFoundError:
    case E::ProxyTimeoutError:
        return QStringLiteral("proxy failure");
    default:
        return QStringLiteral("network error %1").arg(static_cast<int>(error));
    }
}

} // namespace fb::binance
