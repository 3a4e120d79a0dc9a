#include "ui/app_settings.h"

#include "sync/binance/client_config.h"

#include <QSettings>

namespace fb::ui {

QUrl AppSettings::baseUrl() const
{
    if (endpoint == QLatin1String("testnet"))
        return binance::ClientConfig::testnetUrl();
    if (endpoint == QLatin1String("custom") && customBaseUrl.isValid())
        return customBaseUrl;
    return binance::ClientConfig::productionUrl();
}

QTimeZone AppSettings::timeZone() const
{
    const QTimeZone zone(timeZoneId.toUtf8());
    return timeZoneId.isEmpty() || !zone.isValid() ? QTimeZone::systemTimeZone() : zone;
}

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    a.account = s.value(QStringLiteral("account/name"), a.account).toString();
    a.endpoint = s.value(QStringLiteral("account/endpoint"), a.endpoint).toString();
    a.customBaseUrl = QUrl(s.value(QStringLiteral("account/customBaseUrl")).toString());
    a.defaultRangeDays =
        s.value(QStringLiteral("sync/defaultRangeDays"), a.defaultRangeDays).toInt();
    a.batchSize = s.value(QStringLiteral("sync/batchSize"), a.batchSize).toInt();
    a.autoResume = s.value(QStringLiteral("sync/autoResume"), a.autoResume).toBool();
    a.periodicMinutes = s.value(QStringLiteral("sync/periodicMinutes"), 0).toInt();
    a.timeZoneId = s.value(QStringLiteral("display/timeZone")).toString();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("account/name"), account);
    s.setValue(QStringLiteral("account/endpoint"), endpoint);
    s.setValue(QStringLiteral("account/customBaseUrl"), customBaseUrl.toString());
    s.setValue(QStringLiteral("sync/defaultRangeDays"), defaultRangeDays);
    s.setValue(QStringLiteral("sync/batchSize"), batchSize);
    s.setValue(QStringLiteral("sync/autoResume"), autoResume);
    s.setValue(QStringLiteral("sync/periodicMinutes"), periodicMinutes);
    s.setValue(QStringLiteral("display/timeZone"), timeZoneId);
}

} // namespace fb::ui
