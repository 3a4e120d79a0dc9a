#pragma once
// The desktop app's preferences. They live in QSettings (~/.config/fillbook/fillbook.conf):
// they are per-machine and per-user choices about this app, not facts of the journal, and the
// CLI takes the same choices as flags. Secrets are never here: see SecretStore.

#include <QString>
#include <QTimeZone>
#include <QUrl>
#include <QVector>

#include <optional>

namespace fb::sync {
struct EngineConfig;
}

namespace fb::ui {

// One account of the journal as the desktop syncs it (issue 14): its name in the journal and
// its exchange. Its key is in the SecretStore under the same name.
struct AccountSettings
{
    QString name;
    QString endpoint = QStringLiteral("production"); // "production", "testnet" or "custom"
    QUrl customBaseUrl;

    QUrl baseUrl() const;
    bool operator==(const AccountSettings& other) const = default;
};

struct AppSettings
{
    // The selected account (what Sync now syncs): its name, endpoint and custom URL. It is
    // always in `accounts` too (load() and withAccounts() keep it there).
    QString account = QStringLiteral("main");
    QString endpoint = QStringLiteral("production"); // "production", "testnet" or "custom"
    QUrl customBaseUrl;
    int defaultRangeDays = 90; // 0 = everything available
    int batchSize = 4;
    // Retry policy of transient failures (docs/design.md §3.8 defaults: 5 attempts, 1 s doubling
    // to 60 s).
    int retryAttempts = 5;
    int retryInitialDelaySec = 1;
    int retryMaxDelaySec = 60;
    bool autoResume = false;
    int periodicMinutes = 0;                     // 0 = off
    QString timeZoneId;                          // empty = local time
    QString language = QStringLiteral("system"); // "system", "en" or "id" (ui/language.h)
    // The candle cache's bound (docs/design.md D166, D172): minutes of 1-minute candles kept
    // for the newest closed trades' charts; older trades keep MAE/MFE but show no chart.
    qint64 candleCacheMinutes = kDefaultCandleCacheMinutes;
    static constexpr qint64 kDefaultCandleCacheMinutes = 250'000; // journal's, checked in .cpp
    static constexpr qint64 kMinCandleCacheMinutes = 10'000;
    static constexpr qint64 kMaxCandleCacheMinutes = 10'000'000;
    // Every account Settings lists, in its order; empty in settings saved before issue 14,
    // which load() reads as the one account above (docs/design.md D136).
    QVector<AccountSettings> accounts;

    QUrl baseUrl() const;
    QTimeZone timeZone() const;
    // The list with the selected account in it (added first when missing, updated when listed).
    QVector<AccountSettings> accountList() const;
    AccountSettings selectedAccount() const;
    std::optional<AccountSettings> findAccount(const QString& name) const;
    // Makes `name` (one of accountList()) the selected account.
    void selectAccount(const QString& name);
    // The same settings with `account`'s endpoint (the sync of one account of "sync all").
    AppSettings forAccount(const AccountSettings& account) const;
    // The exchange endpoint (unless `demo`, whose exchange is the built-in one) and the retry
    // policy. Keys are not part of the settings and are left as they are.
    void applyTo(sync::EngineConfig& config, bool demo) const;

    static AppSettings load();
    void save() const;

    bool operator==(const AppSettings& other) const = default;
};

} // namespace fb::ui
