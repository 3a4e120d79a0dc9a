#include "ui/app_settings.h"

#include "sync/binance/client_config.h"
#include "sync/engine/engine_config.h"

#include <QSettings>

#include <algorithm>

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

void AppSettings::applyTo(sync::EngineConfig& config, bool demo) const
{
    if (!demo) {
        config.client.account = account;
        config.client.baseUrl = baseUrl();
        // The key-permission check lives on the spot host in production; a custom endpoint (a
        // proxy, the simulator) serves both. The testnet has no such endpoint.
        config.client.spotBaseUrl = endpoint == QLatin1String("custom")
                                        ? baseUrl()
                                        : binance::ClientConfig::spotProductionUrl();
        config.baseUrlLabel = baseUrl().toString(); // as fillbook-cli records it
    }
    config.client.retry.maxAttempts = std::max(1, retryAttempts);
    config.client.retry.initialDelayMs = qint64(std::max(1, retryInitialDelaySec)) * 1000;
    config.client.retry.maxDelayMs =
        qint64(std::max(retryInitialDelaySec, retryMaxDelaySec)) * 1000;
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
    a.retryAttempts = s.value(QStringLiteral("sync/retryAttempts"), a.retryAttempts).toInt();
    a.retryInitialDelaySec =
        s.value(QStringLiteral("sync/retryInitialDelaySec"), a.retryInitialDelaySec).toInt();
    a.retryMaxDelaySec =
        s.value(QStringLiteral("sync/retryMaxDelaySec"), a.retryMaxDelaySec).toInt();
    a.autoResume = s.value(QStringLiteral("sync/autoResume"), a.autoResume).toBool();
    a.periodicMinutes = s.value(QStringLiteral("sync/periodicMinutes"), 0).toInt();
    a.timeZoneId = s.value(QStringLiteral("display/timeZone")).toString();
    a.language = s.value(QStringLiteral("display/language"), a.language).toString();
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
    s.setValue(QStringLiteral("sync/retryAttempts"), retryAttempts);
    s.setValue(QStringLiteral("sync/retryInitialDelaySec"), retryInitialDelaySec);
    s.setValue(QStringLiteral("sync/retryMaxDelaySec"), retryMaxDelaySec);
    s.setValue(QStringLiteral("sync/autoResume"), autoResume);
    s.setValue(QStringLiteral("sync/periodicMinutes"), periodicMinutes);
    s.setValue(QStringLiteral("display/timeZone"), timeZoneId);
    s.setValue(QStringLiteral("display/language"), language);
    s.sync();
}

} // namespace fb::ui
