#pragma once
// The desktop app's preferences. They live in QSettings (~/.config/fillbook/fillbook.conf):
// they are per-machine and per-user choices about this app, not facts of the journal, and the
// CLI takes the same choices as flags. Secrets are never here: see SecretStore.

#include <QString>
#include <QTimeZone>
#include <QUrl>

namespace fb::sync {
struct EngineConfig;
}

namespace fb::ui {

struct AppSettings
{
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

    QUrl baseUrl() const;
    QTimeZone timeZone() const;
    // The exchange endpoint (unless `demo`, whose exchange is the built-in one) and the retry
    // policy. Keys are not part of the settings and are left as they are.
    void applyTo(sync::EngineConfig& config, bool demo) const;

    static AppSettings load();
    void save() const;

    bool operator==(const AppSettings& other) const = default;
};

} // namespace fb::ui
