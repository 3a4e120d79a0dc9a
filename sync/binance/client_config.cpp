#include "sync/binance/client_config.h"

#include <QHostAddress>

namespace fb::binance {

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

QString checkBaseUrl(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("The exchange URL \"%1\" is not a valid URL.")
            .arg(url.toString(QUrl::RemoveUserInfo));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return QStringLiteral("Refusing plain http:// for %1: API keys and account data may "
                              "only travel over https (http is accepted for this computer's "
                              "own simulator on 127.0.0.1, ::1 or localhost).")
            .arg(url.host());
    }
    return QStringLiteral("Unsupported URL scheme \"%1\" for the exchange (use https).")
        .arg(url.scheme());
}

} // namespace fb::binance
