#pragma once
// The desktop app's preferences (QSettings). Secrets are not here: see SecretStore.

#include <QString>
#include <QTimeZone>
#include <QUrl>

namespace fb::ui {

struct AppSettings
{
    QString account = QStringLiteral("main");
    QString endpoint = QStringLiteral("production"); // "production", "testnet" or "custom"
    QUrl customBaseUrl;
    int defaultRangeDays = 90; // 0 = everything available
    int batchSize = 4;
    bool autoResume = false;
    int periodicMinutes = 0; // 0 = off
    QString timeZoneId;      // empty = local time

    QUrl baseUrl() const;
    QTimeZone timeZone() const;

    static AppSettings load();
    void save() const;
};

} // namespace fb::ui
