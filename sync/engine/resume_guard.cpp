#include "sync/engine/resume_guard.h"

#include "sync/binance/client_config.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fb::sync {

QString endpointLabel(const QUrl& baseUrl)
{
    // StripTrailingSlash keeps a lone "/": "https://host/" and "https://host" are one endpoint.
    QUrl url = baseUrl.adjusted(QUrl::StripTrailingSlash);
    if (url.path() == QLatin1String("/"))
        url.setPath(QString());
    return url.toString();
}

QString normalizedEndpoint(const QString& label)
{
    if (label.isEmpty() || label == QLatin1String(kDemoEndpoint))
        return label;
    return endpointLabel(QUrl(label));
}

bool isProductionEndpoint(const QString& label)
{
    return normalizedEndpoint(label) == endpointLabel(binance::ClientConfig::productionUrl());
}

RunParams storedParams(const journal::RunRecord& run)
{
    return RunParams::fromJson(QJsonDocument::fromJson(run.paramsJson.toUtf8()).object());
}

std::optional<BanInForce> banInForce(const journal::RunRecord& run, qint64 localNowMs)
{
    if (!run.pausedUntil)
        return std::nullopt;
    const RunSummary last =
        RunSummary::fromJson(QJsonDocument::fromJson(run.summaryJson.toUtf8()).object());
    BanInForce ban;
    ban.untilMs = *run.pausedUntil;
    ban.exchangeTime = last.clockOffsetMs.has_value();
    const qint64 exchangeNow = localNowMs + last.clockOffsetMs.value_or(0);
    if (exchangeNow >= ban.untilMs)
        return std::nullopt;
    return ban;
}

std::optional<RunBan> banOnAccount(journal::Database& db, const QString& account,
                                   const QString& endpoint, qint64 localNowMs)
{
    std::optional<RunBan> found;
    const QString wanted = normalizedEndpoint(endpoint);
    for (const journal::RunRecord& run :
         journal::RunStore(db).runsWithStatus({RunStatus::Paused}, account)) {
        const QString stored = normalizedEndpoint(storedParams(run).endpoint);
        if (!wanted.isEmpty() && !stored.isEmpty() && stored != wanted)
            continue;
        const auto ban = banInForce(run, localNowMs);
        if (ban && (!found || ban->untilMs > found->ban.untilMs))
            found = RunBan{run, *ban};
    }
    return found;
}

} // namespace fb::sync
