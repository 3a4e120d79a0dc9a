// `fillbook-cli candles`: the candle fetch phase (docs/design.md D114), run after a sync.
// Fetches the 1-minute candles of every closed trade's chart that the journal does not hold
// yet, within its share of the weight budget, and stops (resumable) when a sync starts.

#include "app/cli/cli_common.h"
#include "sync/binance/binance_client.h"
#include "sync/demo/demo_exchange.h"
#include "sync/engine/candle_fetch.h"
#include "sync/engine/engine_config.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QEventLoop>

namespace fb::cli {

QList<QCommandLineOption> candlesOptions()
{
    return {QCommandLineOption(QStringLiteral("budget-percent"),
                               QStringLiteral("The share of the exchange's request weight per "
                                              "minute the fetch may use (1-90, default 25)."),
                               QStringLiteral("PERCENT"), QStringLiteral("25")),
            QCommandLineOption(QStringLiteral("max-requests"),
                               QStringLiteral("Stop after this many requests; the next run "
                                              "continues (default: no limit)."),
                               QStringLiteral("N"), QStringLiteral("0"))};
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
    sync::EngineConfig config;
    std::unique_ptr<DemoExchange> demo;
    if (parser.isSet(QStringLiteral("demo"))) {
        demo = std::make_unique<DemoExchange>();
        QString error;
        if (!demo->start(context.journalPath, &error)) {
            context.error(QStringLiteral("the demo exchange could not start: %1").arg(error));
            return demo->failureExitCode();
        }
        demo->configure(config);
    } else if (parser.isSet(QStringLiteral("base-url"))) {
        const QUrl url(parser.value(QStringLiteral("base-url")), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            context.error(QStringLiteral("--base-url '%1' is not a URL (e.g. "
                                         "https://testnet.binancefuture.com).")
                              .arg(parser.value(QStringLiteral("base-url"))));
            return sync::exit_code::Usage;
        }
        config.client.baseUrl = url;
    }
    // Candles are public: the fetch never sends a key.
    config.client.apiKey.clear();
    config.client.apiSecret.clear();
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
        options.sharePercent = share;
        options.maxRequests = maxRequests;
        options.shouldYield = [&db] {
            return sync::syncIsRunning(db, QDateTime::currentMSecsSinceEpoch());
        };
        sync::CandleFetchSummary summary;
        fetcher.start(options, [&](const sync::CandleFetchSummary& s) {
            summary = s;
            loop.quit();
        });
        loop.exec();
        context.out << QStringLiteral("Candles: %1 request(s) of %2 planned (weight %3), %4 new "
                                      "candle(s).\n")
                           .arg(summary.requests)
                           .arg(summary.plannedRequests)
                           .arg(summary.weight)
                           .arg(summary.candlesStored);
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
    } catch (const journal::JournalError& e) {
        return context.journalError(e);
    }
}

} // namespace fb::cli
