// fillbook-sim: serves a simulated Binance USD-M Futures account on 127.0.0.1 until SIGINT or
// SIGTERM, then prints what it served. The first line on stdout is always
// "listening on http://127.0.0.1:PORT", so scripts can start it on port 0 and read the port.

#include "app/common/signal_watcher.h"
#include "sync/simulator/dataset.h"
#include "sync/simulator/simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <limits>

namespace {

int usageError(const QString& message)
{
    std::fprintf(stderr, "fillbook-sim: %s\n", qPrintable(message));
    return 2;
}

bool readInt(const QCommandLineParser& parser, const QString& name, qint64 min, qint64 max,
             qint64* out, QString* error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        *error =
            QStringLiteral("--%1 must be an integer between %2 and %3").arg(name).arg(min).arg(max);
        return false;
    }
    *out = value;
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fillbook-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A simulated Binance USD-M Futures exchange on 127.0.0.1 (see "
                       "docs/simulator.md). API key and secret may also come from "
                       "FILLBOOK_SIM_API_KEY / FILLBOOK_SIM_API_SECRET."));
    parser.addHelpOption();
    parser.addVersionOption();
    auto option = [&](const char* name, const char* description, const char* valueName,
                      const char* defaultValue = nullptr) {
        QCommandLineOption o{QString(QLatin1String(name)), QString(QLatin1String(description))};
        if (valueName)
            o.setValueName(QLatin1String(valueName));
        if (defaultValue)
            o.setDefaultValue(QLatin1String(defaultValue));
        parser.addOption(o);
    };
    option("port", "TCP port on 127.0.0.1 (0 = any free port).", "N", "0");
    option("seed", "Seed of the generated account and of the faults.", "N", "1");
    option("symbols", "Symbols in the generated account.", "N", "30");
    option("fills", "Fills in the generated account.", "N", "20000");
    option("days", "Days of history, ending now.", "N", "90");
    option("hedge", "Generate a hedge-mode account (LONG/SHORT books).", nullptr);
    option("dataset", "Serve the account in this JSON file instead of generating one.", "FILE");
    option("dump-dataset", "Write the account as a dataset file and exit.", "FILE");
    option("api-key", "API key clients must send (default: the demo key).", "KEY");
    option("api-secret", "Secret clients sign with (default: the demo secret).", "SECRET");
    option("weight-limit", "Request weight allowed per IP per minute.", "N", "2400");
    option("time-scale", "Divide the rate-limit minute and ban lengths by X.", "X", "1");
    option("latency-ms", "Delay every response by N ms.", "N", "0");
    option("latency-jitter-ms", "Spread each response's delay over the latency +/- N ms.", "N",
           "0");
    option("faults", "Faults to inject, e.g. http500=0.05,reset=0.02,skew=3000.", "SPEC");
    option("ban-threshold", "Requests tolerated while rate limited before a 418 ban.", "N", "10");
    option("retention-days", "Income and fills older than this are not served.", "N", "90");
    option("freeze-retention",
           "Judge retention and order purges at start-up, not at each request (long tests).",
           nullptr);
    parser.process(app);

    fb::sim::SimulatorConfig config;
    QString error;
    qint64 port = 0, seed = 1, symbols = 30, fills = 20000, days = 90, weightLimit = 2400;
    qint64 latency = 0, jitter = 0, banThreshold = 10, retention = 90;
    if (!readInt(parser, QStringLiteral("port"), 0, 65535, &port, &error) ||
        !readInt(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed,
                 &error) ||
        !readInt(parser, QStringLiteral("symbols"), 1, 1000, &symbols, &error) ||
        !readInt(parser, QStringLiteral("fills"), 0, 50000000, &fills, &error) ||
        !readInt(parser, QStringLiteral("days"), 1, 3650, &days, &error) ||
        !readInt(parser, QStringLiteral("weight-limit"), 1, 1000000000, &weightLimit, &error) ||
        !readInt(parser, QStringLiteral("latency-ms"), 0, 600000, &latency, &error) ||
        !readInt(parser, QStringLiteral("latency-jitter-ms"), 0, 600000, &jitter, &error) ||
        !readInt(parser, QStringLiteral("ban-threshold"), 0, 1000000, &banThreshold, &error) ||
        !readInt(parser, QStringLiteral("retention-days"), 1, 3650, &retention, &error))
        return usageError(error);
    config.seed = static_cast<quint64>(seed);
    config.symbols = static_cast<int>(symbols);
    config.fills = static_cast<int>(fills);
    config.days = static_cast<int>(days);
    config.hedge = parser.isSet(QStringLiteral("hedge"));
    config.datasetPath = parser.value(QStringLiteral("dataset"));
    config.weightLimit = weightLimit;
    config.latencyMs = static_cast<int>(latency);
    config.latencyJitterMs = static_cast<int>(jitter);
    config.requestsBeforeBan = static_cast<int>(banThreshold);
    config.retentionDays = static_cast<int>(retention);
    config.freezeRetention = parser.isSet(QStringLiteral("freeze-retention"));

    const auto scale = fb::Decimal::parse(parser.value(QStringLiteral("time-scale")));
    if (!scale || !scale->isPositive())
        return usageError(QStringLiteral("--time-scale must be a positive decimal number"));
    config.timeScale = *scale;
    if (parser.isSet(QStringLiteral("faults"))) {
        const auto faults =
            fb::sim::FaultSpec::parse(parser.value(QStringLiteral("faults")), &error);
        if (!faults)
            return usageError(error);
        config.faults = *faults;
    }
    const QByteArray envKey = qgetenv("FILLBOOK_SIM_API_KEY");
    const QByteArray envSecret = qgetenv("FILLBOOK_SIM_API_SECRET");
    if (!envKey.isEmpty())
        config.apiKey = envKey;
    if (!envSecret.isEmpty())
        config.apiSecret = envSecret;
    if (parser.isSet(QStringLiteral("api-key")))
        config.apiKey = parser.value(QStringLiteral("api-key")).toUtf8();
    if (parser.isSet(QStringLiteral("api-secret")))
        config.apiSecret = parser.value(QStringLiteral("api-secret")).toUtf8();
    if (config.apiKey.isEmpty() || config.apiSecret.isEmpty())
        return usageError(QStringLiteral("the API key and secret must not be empty"));

    QElapsedTimer timer;
    timer.start();
    fb::sim::Simulator simulator(config);
    if (!simulator.isValid())
        return usageError(simulator.errorString());
    const qint64 buildMs = timer.elapsed();

    if (parser.isSet(QStringLiteral("dump-dataset"))) {
        if (!fb::sim::saveDataset(simulator.account(), parser.value(QStringLiteral("dump-dataset")),
                                  &error))
            return usageError(error);
        return 0;
    }

    fb::SignalWatcher watcher;
    if (!watcher.isValid())
        return usageError(QStringLiteral("cannot install signal handlers"));
    QObject::connect(&watcher, &fb::SignalWatcher::terminationRequested, &app,
                     [&app](int) { app.quit(); });
    if (!simulator.listen(static_cast<quint16>(port), &error))
        return usageError(QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(error));

    std::printf("listening on %s\n", qPrintable(simulator.baseUrl().toString()));
    std::fflush(stdout);
    const fb::sim::Account& account = simulator.account();
    std::fprintf(stderr,
                 "fillbook-sim: %lld fills, %lld income rows, %lld orders, %lld open positions "
                 "over %lld symbols (%s mode) ready in %lld ms%s\n",
                 static_cast<long long>(account.fillCount()),
                 static_cast<long long>(account.income().size()),
                 static_cast<long long>(account.orderCount()),
                 static_cast<long long>(account.positions().size()),
                 static_cast<long long>(account.symbols().size()),
                 account.hedgeMode ? "hedge" : "one-way", static_cast<long long>(buildMs),
                 config.faults == fb::sim::FaultSpec()
                     ? ""
                     : qPrintable(QStringLiteral("; faults: ") + config.faults.toString()));

    const int rc = app.exec();
    simulator.close();
    std::printf("%s", qPrintable(simulator.statsText()));
    std::fflush(stdout);
    return rc;
}
