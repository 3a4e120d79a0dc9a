#include "sync/share/desk_url.h"

#include <QHostAddress>
#include <QUrl>
#include <QUrlQuery>

namespace fb::share {

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

DeskUrl parseDeskUrl(const QString& text, const QString& password)
{
    const auto fail = [](const QString& sentence) { return DeskUrl{std::nullopt, sentence}; };
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")))
        return fail(QStringLiteral("The desk URL must look like "
                                   "postgresql://USER@HOST:PORT/DATABASE."));
    if (!url.password().isEmpty())
        return fail(QStringLiteral("The desk URL must not contain a password; set %1 instead.")
                        .arg(QLatin1String(kDeskPasswordVariable)));
    journal::DeskEndpoint e;
    e.host = url.host();
    e.port = url.port(5432);
    e.user = url.userName();
    e.database = url.path().mid(1);
    e.password = password;
    if (e.host.isEmpty() || e.user.isEmpty() || e.database.isEmpty() ||
        e.database.contains(QLatin1Char('/')))
        return fail(QStringLiteral("The desk URL needs a user, a host and a database: "
                                   "postgresql://USER@HOST:PORT/DATABASE."));
    const bool loopback = isLoopbackHost(e.host);
    e.sslMode = loopback ? QStringLiteral("disable") : QStringLiteral("verify-full");
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            e.sslMode = value;
        } else if (key == QLatin1String("sslrootcert")) {
            e.sslRootCert = value;
        } else {
            return fail(QStringLiteral("The desk URL has an unknown setting '%1' (known: sslmode, "
                                       "sslrootcert).")
                            .arg(key));
        }
    }
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!modes.contains(e.sslMode))
        return fail(QStringLiteral("The desk URL's sslmode '%1' is not one of %2.")
                        .arg(e.sslMode, modes.join(QStringLiteral(", "))));
    if (!loopback && e.sslMode != QLatin1String("verify-full"))
        return fail(QStringLiteral("A desk server on another computer (%1) needs "
                                   "sslmode=verify-full: plain or unverified connections are "
                                   "allowed to this computer only.")
                        .arg(e.host));
    return {e, QString()};
}

} // namespace fb::share
