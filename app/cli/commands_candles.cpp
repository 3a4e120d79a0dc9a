// `fillbook-cli candles`: the candle fetch phase (docs/design.md D114), run after a sync.
// Fetches the 1-minute candles of every closed trade's chart that the journal does not hold
// yet, within its share of the weight budget, and stops (resumable) when a sync starts. Each
// account's from the endpoint its syncs used (D167), one endpoint after the other.

#include "app/cli/cli_common.h"
#include "sync/binance/binance_client.h"
#include "sync/demo/demo_exchange.h"
#include "sync/engine/candle_fetch.h"
#include "sync/engine/engine_config.h"
#include "sync/engine/resume_guard.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/trade_queries.h"

#include <QDateTime>
#include <QEventLoop>
#include <QMap>

namespace fb::cli {

namespace {

// The accounts whose candles come from one endpoint (docs/design.md D167).
struct CandleSourceGroup
{
    QString endpoint;
    QStringList accounts;
};

struct FetchLimits
{
    int share = 25;
    int maxRequests = 0;
    qint64 keepMinutes = journal::kDefaultCandleCacheMinutes;
};

// Each account of the journal's trades with the endpoint its latest sync recorded, else the one
// its candles came from before, else `fallback`; grouped per endpoint, `fallback`'s first. A
// journal without trades: one group of `fallback` and no account.
QVector<CandleSourceGroup> candleSourceGroups(journal::Database& db, const QString& fallback)
{
    const QHash<QString, QString> synced = journal::syncedEndpoints(db);
    QMap<QString, QStringList> byEndpoint;
    for (const QString& account : journal::tradeAccounts(db)) {
        QString endpoint = synced.value(account);
        if (endpoint.isEmpty())
            endpoint = journal::candleEndpoint(db, account).value_or(fallback);
        byEndpoint[sync::normalizedEndpoint(endpoint)] << account;
    }
    QVector<CandleSourceGroup> groups;
    if (byEndpoint.contains(fallback) || byEndpoint.isEmpty())
        groups.append({fallback, byEndpoint.take(fallback)});
    for (auto it = byEndpoint.cbegin(); it != byEndpoint.cend(); ++it)
        groups.append({it.key(), it.value()});
    return groups;
}

// One endpoint's fetch: its clock, then its accounts' missing candles. Prints its line
// (prefixed with the endpoint when there are several) and returns the exit code.
int fetchGroup(Context& context, journal::Database& db, const sync::EngineConfig& config,
               const CandleSourceGroup& group, bool named, const FetchLimits& limits)
{
    binance::BinanceClient client(config.client);
    if (!client.configError().isEmpty()) {
        context.error(client.configError());
        return sync::exit_code::Usage;
    }
    QEventLoop loop;
    std::optional<binance::Result<binance::ServerTime>> clock;
    client.syncClock([&](const auto& r) {
        clock = r;
        loop.quit();
    });
    loop.exec();
    if (!clock->ok()) {
        context.error(
            QStringLiteral("the exchange could not be reached: %1").arg(clock->error.message));
        return sync::exit_code::Offline;
    }
    sync::CandleFetcher fetcher(client, db);
    sync::CandleFetchOptions options;
    options.sharePercent = limits.share;
    options.maxRequests = limits.maxRequests;
    options.maxCachedMinutes = limits.keepMinutes;
    options.accounts = group.accounts;
    options.endpoint = group.endpoint;
    options.shouldYield = [&db] {
        return sync::syncIsRunning(db, QDateTime::currentMSecsSinceEpoch());
    };
    sync::CandleFetchSummary summary;
    fetcher.start(options, [&](const sync::CandleFetchSummary& s) {
        summary = s;
        loop.quit();
    });
    loop.exec();
    if (named)
        context.out << QStringLiteral("%1 (%2): ")
                           .arg(group.endpoint, group.accounts.join(QStringLiteral(", ")));
    context.out << QStringLiteral("Candles: %1 request(s) of %2 planned (weight %3), %4 new "
                                  "candle(s).\n")
                       .arg(summary.requests)
                       .arg(summary.plannedRequests)
                       .arg(summary.weight)
                       .arg(summary.candlesStored);
    if (summary.candlesEvicted > 0)
        context.out << QStringLiteral("Dropped %1 candle(s) of trades older than the newest "
                                      "%2 minutes of charts (--keep-minutes).\n")
                           .arg(summary.candlesEvicted)
                           .arg(limits.keepMinutes);
    for (const QString& symbol : std::as_const(summary.unavailable))
        context.out << QStringLiteral("%1: the exchange has no candles (delisted?); its "
                                      "trades have no chart.\n")
                           .arg(symbol);
    switch (summary.end) {
    case sync::CandleFetchEnd::Done:
        return sync::exit_code::Ok;
    case sync::CandleFetchEnd::Yielded:
        context.out << QStringLiteral("A sync started: stopped; run candles again after it.\n");
        return sync::exit_code::Paused;
    case sync::CandleFetchEnd::Stopped:
        context.out << QStringLiteral("Stopped at --max-requests; run candles again to "
                                      "continue.\n");
        return sync::exit_code::Paused;
    case sync::CandleFetchEnd::Failed:
        context.error(QStringLiteral("candles could not be fetched: %1 What was fetched is "
                                     "kept; run candles again to continue.")
                          .arg(summary.error));
        return sync::exit_code::Failed;
    }
    return sync::exit_code::Failed;
}

} // namespace

QList<QCommandLineOption> candlesOptions()
{
    return {QCommandLineOption(QStringLiteral("budget-percent"),
                               QStringLiteral("The share of the exchange's request weight per "
                                              "minute the fetch may use (1-90, default 25)."),
                               QStringLiteral("PERCENT"), QStringLiteral("25")),
            QCommandLineOption(QStringLiteral("max-requests"),
                               QStringLiteral("Stop after this many requests; the next run "
                                              "continues (default: no limit)."),
                               QStringLiteral("N"), QStringLiteral("0")),
            QCommandLineOption(QStringLiteral("keep-minutes"),
                               QStringLiteral("Keep the candles of the newest closed trades up "
                                              "to this many minutes; older trades' candles are "
                                              "dropped (default 250000, about 17 MB)."),
                               QStringLiteral("N"),
                               QString::number(journal::kDefaultCandleCacheMinutes))};
}

int runCandles(const QCommandLineParser& parser, Context& context)
{
    bool ok = false;
    const int share = parser.value(QStringLiteral("budget-percent")).toInt(&ok);
    if (!ok || share < 1 || share > 90) {
        context.error(QStringLiteral("--budget-percent must be a whole number from 1 to 90, not "
                                     "'%1'.")
                          .arg(parser.value(QStringLiteral("budget-percent"))));
        return sync::exit_code::Usage;
    }
    const int maxRequests = parser.value(QStringLiteral("max-requests")).toInt(&ok);
    if (!ok || maxRequests < 0) {
        context.error(QStringLiteral("--max-requests must be a whole number, not '%1'.")
                          .arg(parser.value(QStringLiteral("max-requests"))));
        return sync::exit_code::Usage;
    }
    const qint64 keepMinutes = parser.value(QStringLiteral("keep-minutes")).toLongLong(&ok);
    if (!ok || keepMinutes < 1) {
        context.error(QStringLiteral("--keep-minutes must be a whole number of at least 1, not "
                                     "'%1'.")
                          .arg(parser.value(QStringLiteral("keep-minutes"))));
        return sync::exit_code::Usage;
    }
    // The endpoint of the accounts whose syncs recorded none (--demo, --base-url or production),
    // as a sync of them would use.
    QString fallback = sync::endpointLabel(binance::ClientConfig::productionUrl());
    if (parser.isSet(QStringLiteral("demo"))) {
        fallback = QString::fromLatin1(sync::kDemoEndpoint);
    } else if (parser.isSet(QStringLiteral("base-url"))) {
        const QUrl url(parser.value(QStringLiteral("base-url")), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            context.error(QStringLiteral("--base-url '%1' is not a URL (e.g. "
                                         "https://testnet.binancefuture.com).")
                              .arg(parser.value(QStringLiteral("base-url"))));
            return sync::exit_code::Usage;
        }
        fallback = sync::endpointLabel(url);
    }
    if (!openJournalForReading(context))
        return context.openFailure;
    try {
        journal::Database db(context.journalPath,
                             {journal::OpenMode::ReadWrite, QStringLiteral("cli-candles"), true});
        if (sync::syncIsRunning(db, QDateTime::currentMSecsSinceEpoch())) {
            context.error(QStringLiteral("a sync is running on this journal; fetch candles when "
                                         "it has finished."));
            return sync::exit_code::Busy;
        }
        const QVector<CandleSourceGroup> groups = candleSourceGroups(db, fallback);
        std::unique_ptr<DemoExchange> demo;
        for (const CandleSourceGroup& group : groups) {
            sync::EngineConfig config;
            if (group.endpoint == QLatin1String(sync::kDemoEndpoint)) {
                if (!demo) {
                    demo = std::make_unique<DemoExchange>();
                    QString error;
                    if (!demo->start(context.journalPath, &error)) {
                        context.error(
                            QStringLiteral("the demo exchange could not start: %1").arg(error));
                        return demo->failureExitCode();
                    }
                }
                demo->configure(config);
            } else {
                config.client.baseUrl = QUrl(group.endpoint);
            }
            // Candles are public: the fetch never sends a key.
            config.client.apiKey.clear();
            config.client.apiSecret.clear();
            const int code = fetchGroup(context, db, config, group, groups.size() > 1,
                                        {share, maxRequests, keepMinutes});
            if (code != sync::exit_code::Ok)
                return code;
        }
        return sync::exit_code::Ok;
    } catch (const journal::JournalError& e) {
        return context.journalError(e);
    }
}

} // namespace fb::cli
