#pragma once
// Configuration of a BinanceClient, and the transport-security rule for its URLs.

#include "sync/binance/clock.h"
#include "sync/binance/request_limits.h"
#include "sync/binance/retry.h"
#include "sync/binance/weight_budget.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace fb::binance {

struct ClientConfig
{
    static QUrl productionUrl() { return QUrl(QStringLiteral("https://fapi.binance.com")); }
    static QUrl testnetUrl() { return QUrl(QStringLiteral("https://testnet.binancefuture.com")); }
    static QUrl spotProductionUrl() { return QUrl(QStringLiteral("https://api.binance.com")); }

    QUrl baseUrl = productionUrl();
    QUrl spotBaseUrl = spotProductionUrl(); // only for the API-key permission check
    QString account;                        // the journal's account label put on records
    // Held in memory only; never logged, never part of a message. Keys and secrets are ASCII.
    QByteArray apiKey;
    QByteArray apiSecret;
    // Clients in the wild settle on 10000: 5000 (the server default) times out on slow links.
    qint64 recvWindowMs = 10'000;
    // One attempt's total time (not only silence) is bounded adaptively (request_limits.h):
    // requestTimeoutMs is the ceiling, minRequestTimeoutMs the floor.
    qint64 requestTimeoutMs = 30'000;
    qint64 minRequestTimeoutMs = 2'000; // docs/design.md D95
    // On a link far faster than the real exchange's usual 100-300 ms the floor falls with the
    // median answer time, down to this (D176); set it to minRequestTimeoutMs for a fixed floor.
    qint64 lowestRequestTimeoutMs = 250;
    int requestTimeoutFactor = AdaptiveTimeout::kDefaultFactor;
    // Answers larger than this are not read to the end: the attempt fails (request_limits.h).
    qint64 maxResponseBytes = kDefaultMaxResponseBytes;
    int maxConcurrentRequests = 4;
    RetryPolicy retry;
    int defaultWeightLimit = WeightBudget::kDefaultLimit; // until exchangeInfo says otherwise
    int weightTargetPercent = WeightBudget::kDefaultTargetPercent;
    NowMs clock;         // local wall clock; systemClock() when empty
    RandomSource random; // jitter; systemRandom() when empty
};

// True for 127.0.0.0/8, ::1 and "localhost" (the simulator and test servers).
bool isLoopbackHost(const QString& host);

// Empty when `url` may carry API traffic; otherwise why not. https is required except for
// loopback hosts, where plain http is accepted (nothing leaves the machine).
QString checkBaseUrl(const QUrl& url);

} // namespace fb::binance
