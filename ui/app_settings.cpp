#include "ui/app_settings.h"

#include "sync/binance/client_config.h"
#include "sync/engine/engine_config.h"
#include "sync/journal/candle_store.h"

#include <QSettings>

#include <algorithm>

static_assert(fb::ui::AppSettings::kDefaultCandleCacheMinutes ==
                  fb::journal::kDefaultCandleCacheMinutes,
              "the desktop's default cap is the journal's (and the CLI's)");

namespace fb::ui {

QUrl AccountSettings::baseUrl() const
{
    if (endpoint == QLatin1String("testnet"))
        return binance::ClientConfig::testnetUrl();
    if (endpoint == QLatin1String("custom") && customBaseUrl.isValid())
        return customBaseUrl;
    return binance::ClientConfig::productionUrl();
}

QUrl AppSettings::baseUrl() const
{
    return selectedAccount().baseUrl();
}

AccountSettings AppSettings::selectedAccount() const
{
    return AccountSettings{account, endpoint, customBaseUrl};
}

QVector<AccountSettings> AppSettings::accountList() const
{
    QVector<AccountSettings> list = accounts;
    const auto it = std::find_if(list.begin(), list.end(),
                                 [this](const AccountSettings& a) { return a.name == account; });
    if (it != list.end())
        *it = selectedAccount();
    else if (!account.isEmpty())
        list.prepend(selectedAccount());
    return list;
}

std::optional<AccountSettings> AppSettings::findAccount(const QString& name) const
{
    for (const AccountSettings& a : accountList())
        if (a.name == name)
            return a;
    return std::nullopt;
}

void AppSettings::selectAccount(const QString& name)
{
    accounts = accountList();
    if (const auto found = findAccount(name)) {
        account = found->name;
        endpoint = found->endpoint;
        customBaseUrl = found->customBaseUrl;
    }
}

AppSettings AppSettings::forAccount(const AccountSettings& a) const
{
    AppSettings copy = *this;
    copy.accounts = accountList();
    copy.account = a.name;
    copy.endpoint = a.endpoint;
    copy.customBaseUrl = a.customBaseUrl;
    return copy;
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
    // A value out of the dialog's range (edited by hand, or not a number) reads as the default.
    bool capOk = false;
    const qint64 cap = s.value(QStringLiteral("charts/candleCacheMinutes"), a.candleCacheMinutes)
                           .toLongLong(&capOk);
    if (capOk && cap >= kMinCandleCacheMinutes && cap <= kMaxCandleCacheMinutes)
        a.candleCacheMinutes = cap;
    // Settings saved before issue 14 have no list: the one account above is the list.
    const int count = s.beginReadArray(QStringLiteral("accounts"));
    for (int i = 0; i < count; ++i) {
        s.setArrayIndex(i);
        AccountSettings account;
        account.name = s.value(QStringLiteral("name")).toString().trimmed();
        account.endpoint = s.value(QStringLiteral("endpoint"), account.endpoint).toString();
        account.customBaseUrl = QUrl(s.value(QStringLiteral("customBaseUrl")).toString());
        if (!account.name.isEmpty())
            a.accounts.append(account);
    }
    s.endArray();
    a.accounts = a.accountList();
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
    s.setValue(QStringLiteral("charts/candleCacheMinutes"), candleCacheMinutes);
    const QVector<AccountSettings> list = accountList();
    s.remove(QStringLiteral("accounts"));
    s.beginWriteArray(QStringLiteral("accounts"), int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("name"), list.at(i).name);
        s.setValue(QStringLiteral("endpoint"), list.at(i).endpoint);
        s.setValue(QStringLiteral("customBaseUrl"), list.at(i).customBaseUrl.toString());
    }
    s.endArray();
    s.sync();
}

} // namespace fb::ui
