#pragma once
// fillbook-sim as a library: a simulated Binance USD-M Futures exchange serving one account over
// real HTTP/1.1 on 127.0.0.1. Tests and the demo mode start it in-process:
//
//     fb::sim::Simulator sim({.seed = 7, .fills = 2000});
//     sim.listen();                        // port 0 = any free port
//     client.setBaseUrl(sim.baseUrl());    // http://127.0.0.1:PORT
//     sim.account().trade({...});          // new trading between two syncs
//
// Everything runs on the thread that owns the Simulator, inside its event loop.

#include "sync/simulator/account.h"
#include "sync/simulator/demo.h"
#include "sync/simulator/faults.h"
#include "sync/simulator/market_prices.h"
#include "sync/simulator/ratelimiter.h"
#include "sync/simulator/stats.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace fb::sim {

class HttpServer;
struct HttpOutcome;
struct HttpRequest;

struct SimulatorConfig
{
    // The generated account (ignored when datasetPath is set).
    quint64 seed = 1;
    int symbols = 30;
    int fills = 20000;
    int days = 90;
    bool hedge = false;
    QString datasetPath; // serve this JSON account instead (docs/simulator.md)

    QByteArray apiKey = kDemoApiKey;
    QByteArray apiSecret = kDemoApiSecret;
    qint64 weightLimit = 2400;
    // Weight window and ban lengths are divided by this (60 -> a one-second "minute").
    Decimal timeScale = Decimal::fromInt(1);
    int latencyMs = 0;
    int latencyJitterMs = 0; // each response: latencyMs ± this, uniformly (HttpServer)
    FaultSpec faults;

    int retentionDays = 90;     // income and fills older than this are not served
    int requestsBeforeBan = 10; // requests tolerated while limited (429) before a 418 ban
    // Judge retention and the order purges (3 days for cancelled orders) at the instant the
    // simulator started instead of at each request: a long test comparing a resumed sync with
    // a reference taken minutes earlier then sees the same history throughout.
    bool freezeRetention = false;
    qint64 maxRecvWindow = 60000;
    QJsonObject apiRestrictions; // fields override the default read-only key's answer
    // The pairs GET /fapi/v1/klines serves (prices of BNB for fees paid in BNB); any other
    // answers -1121. Their candles are a pure function of `seed` (market_prices.h).
    QStringList klinePairs = defaultKlinePairs();
    // Symbols of the account whose candles GET /fapi/v1/klines refuses with -1121, as for a
    // delisted symbol; every other account symbol has candles that follow its fills.
    QStringList candlelessSymbols;
    // Milliseconds since the epoch; empty = the wall clock. The generated history ends at its
    // value when the Simulator is constructed.
    std::function<qint64()> clock;
};

class Simulator : public QObject
{
    Q_OBJECT
public:
    // Generates the account from the config (or loads config.datasetPath).
    explicit Simulator(const SimulatorConfig& config = {}, QObject* parent = nullptr);
    // Serves the given account.
    Simulator(Account account, const SimulatorConfig& config, QObject* parent = nullptr);
    ~Simulator() override;

    // False if the dataset could not be loaded; errorString() says why.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // Listens on 127.0.0.1:port (0 = any free port).
    bool listen(quint16 port = 0, QString* error = nullptr);
    void close();
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT

    const Account& account() const { return m_account; }
    Account& account() { return m_account; } // mutate between requests
    const SimulatorConfig& config() const { return m_config; }

    void setClock(std::function<qint64()> nowMs);
    qint64 now() const;        // the clock
    qint64 serverTime() const; // the clock plus the skew fault

    bool setFaults(const QString& spec, QString* error = nullptr);
    void setFaults(const FaultSpec& faults);
    const FaultSpec& faults() const { return m_faults.spec(); }
    void setLatencyMs(int ms);
    void setLatencyJitterMs(int ms); // each response: latency ± this, uniformly
    void setWeightLimit(qint64 limit);
    // The pairs GET /fapi/v1/klines serves from now on (SimulatorConfig::klinePairs).
    void setKlinePairs(const QStringList& pairs) { m_config.klinePairs = pairs; }
    void setCandlelessSymbols(const QStringList& symbols) { m_config.candlelessSymbols = symbols; }

    // Stats::toJson() plus "connectionsAccepted" and "openConnections".
    QJsonObject stats() const;
    QString statsText() const;
    void resetStats() { m_stats.reset(); }
    void resetRateLimits() { m_limiter.reset(); }

    // Test hook: sees every answer before it leaves and may rewrite it or how it is delivered
    // (the hostile-answer tests serve floats, huge or endless bodies through it).
    using ResponseHook = std::function<void(const HttpRequest& request, HttpOutcome& outcome)>;
    void setResponseHook(ResponseHook hook) { m_responseHook = std::move(hook); }

    // HMAC-SHA256 hex of `payload`, as a client signs it.
    static QByteArray sign(const QByteArray& payload, const QByteArray& secret);
    // "query&timestamp=<serverTime>&signature=<hex>" signed with this simulator's secret.
    QByteArray signQuery(const QByteArray& query) const;

signals:
    void requestServed(const QString& path, int status);

private:
    void init();
    HttpOutcome handle(const HttpRequest& request, const QString& ip);
    RateLimits rateLimits() const;

    SimulatorConfig m_config;
    Account m_account;
    QString m_error;
    std::unique_ptr<HttpServer> m_server;
    RateLimiter m_limiter;
    ReportedWindow m_reportedWindow; // of the limiter's window: exchangeInfo and the header
    FaultInjector m_faults;
    Stats m_stats;
    qint64 m_startedAt = 0;     // now() when the simulator was built (or its clock was set)
    quint64 m_requestCount = 0; // requests to exchange endpoints, for ban-after
    quint64 m_faultIndex = 0;   // fault-eligible requests, the PRNG's index
    bool m_banAfterFired = false;
    ResponseHook m_responseHook;
};

} // namespace fb::sim
