#pragma once
// Shared pieces of the client's integration tests: configuration with fast retry constants, a
// result catcher, a fixture-less log capture, and the "no credential anywhere" check.
#include "fake_exchange.h"

#include "sync/binance/binance_client.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QTest>

namespace clienttest {

using namespace fb;
using namespace fb::binance;

inline const QByteArray kKey = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
inline const QByteArray kSecret =
    "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
inline const QByteArray kIncome = "/fapi/v1/income";

// Every log line the process writes while a test runs, to check that no secret is in any.
inline QStringList g_log;
inline QtMessageHandler g_previousHandler = nullptr;
inline void captureLog(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_log.append(message);
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

// Call from initTestCase(): no proxy for loopback, the client's debug log on and captured.
inline void setUpProcess()
{
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QLoggingCategory::setFilterRules(QStringLiteral("fillbook.binance.debug=true"));
    g_previousHandler = qInstallMessageHandler(captureLog);
}

inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

inline ClientConfig config(const QUrl& url)
{
    ClientConfig c;
    c.baseUrl = url;
    c.spotBaseUrl = url;
    c.account = QStringLiteral("main");
    c.apiKey = kKey;
    c.apiSecret = kSecret;
    c.requestTimeoutMs = 2000;
    c.retry.initialDelayMs = 10; // small constants keep the real-socket tests fast
    c.retry.maxDelayMs = 100;
    c.random = [] { return 1u << 31; }; // no jitter: delays are exact
    return c;
}

inline QByteArray incomeRow(qint64 time, const char* type, qint64 tranId)
{
    return "{\"symbol\":\"BTCUSDT\",\"incomeType\":\"" + QByteArray(type) +
           "\",\"income\":\"-0.01000000\",\"asset\":\"USDT\",\"info\":\"\",\"time\":" +
           QByteArray::number(time) + ",\"tranId\":" + QByteArray::number(tranId) +
           ",\"tradeId\":\"\"}";
}

template <class T> struct Catch
{
    std::optional<Result<T>> result;
    typename BinanceClient::Handler<T> handler()
    {
        return [this](const Result<T>& r) { result = r; };
    }
};

// No credential, nor any 12-character piece of one (a truncated excerpt would leak that), nor a
// signature.
inline void checkClean(const QString& text)
{
    for (const QByteArray& secret : {kKey, kSecret}) {
        for (qsizetype i = 0; i + 12 <= secret.size(); ++i)
            QVERIFY2(!text.contains(QString::fromLatin1(secret.mid(i, 12))), qPrintable(text));
    }
    QVERIFY2(!text.contains(QLatin1String("signature=")), qPrintable(text));
}

// Call from cleanup(): every line logged during the test function is clean.
inline void checkLogClean()
{
    const QStringList lines = std::exchange(g_log, {});
    for (const QString& line : lines)
        checkClean(line);
}

} // namespace clienttest
