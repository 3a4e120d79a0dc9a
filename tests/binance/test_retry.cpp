// The failure classifier (one row per kind of failure), the backoff schedule with a fixed
// random source, ban/Retry-After parsing, messages, and the http:// rule.
#include "sync/binance/client_config.h"
#include "sync/binance/retry.h"

#include <QTest>

using namespace fb::binance;
using E = QNetworkReply::NetworkError;

Q_DECLARE_METATYPE(fb::binance::ErrorCategory)
Q_DECLARE_METATYPE(fb::binance::ErrorReach)
Q_DECLARE_METATYPE(fb::binance::RunEnd)

class TestRetry : public QObject
{
    Q_OBJECT
private slots:
    void classifierTable_data()
    {
        QTest::addColumn<E>("transport");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code"); // 0 = no error body
        QTest::addColumn<QString>("msg");
        QTest::addColumn<bool>("malformed");
        QTest::addColumn<ErrorCategory>("expected");
        const auto T = ErrorCategory::Transient;
        auto row = [](const char* name, E transport, int status, int code, const char* msg,
                      bool malformed, ErrorCategory expected) {
            QTest::newRow(name) << transport << status << code << QString::fromUtf8(msg)
                                << malformed << expected;
        };
        // Retried with backoff, then the symbol fails.
        row("timeout", E::TimeoutError, 0, 0, "", false, T);
        row("transfer timeout", E::OperationCanceledError, 0, 0, "", false, T);
        row("connection reset", E::RemoteHostClosedError, 0, 0, "", false, T);
        row("500", E::NoError, 500, 0, "", false, T);
        row("502 html", E::NoError, 502, 0, "", false, T);
        row("503 -1001", E::NoError, 503, -1001, "Internal error", false, T);
        row("-1000", E::NoError, 400, -1000, "unknown", false, T);
        row("-1006", E::NoError, 400, -1006, "unexpected", false, T);
        row("-1007", E::NoError, 400, -1007, "timeout", false, T);
        row("408", E::NoError, 408, 0, "", false, T);
        row("malformed 200", E::NoError, 200, 0, "", true, T);
        // Pause everything, then continue.
        row("429", E::NoError, 429, -1003, "Too many requests; current limit is 2400", false,
            ErrorCategory::RateLimited);
        row("429 no body", E::NoError, 429, 0, "", false, ErrorCategory::RateLimited);
        row("-1003 in a 400", E::NoError, 400, -1003, "Too many requests", false,
            ErrorCategory::RateLimited);
        row("403 WAF", E::NoError, 403, 0, "", false, ErrorCategory::RateLimited);
        // Stop the run as paused.
        row("418", E::NoError, 418, -1003, "Way too many requests; IP banned until 1700000123456.",
            false, ErrorCategory::Banned);
        row("ban text in 429", E::NoError, 429, -1003, "IP banned until 1700000123456", false,
            ErrorCategory::Banned);
        row("-1021", E::NoError, 400, -1021,
            "Timestamp for this request is outside of the "
            "recvWindow.",
            false, ErrorCategory::ClockSkew);
        // Fatal for the run.
        row("401 -2015", E::NoError, 401, -2015, "Invalid API-key, IP, or permissions for action.",
            false, ErrorCategory::Auth);
        row("401 bare", E::NoError, 401, 0, "", false, ErrorCategory::Auth);
        row("-2014", E::NoError, 400, -2014, "API-key format invalid.", false, ErrorCategory::Auth);
        row("-1022", E::NoError, 400, -1022, "Signature for this request is not valid.", false,
            ErrorCategory::Auth);
        row("-1099", E::NoError, 400, -1099, "Not found, unauthenticated, or unauthorized.", false,
            ErrorCategory::Auth);
        // Skip the symbol.
        row("-1121", E::NoError, 400, -1121, "Invalid symbol.", false, ErrorCategory::BadSymbol);
        // Paused offline.
        row("host not found", E::HostNotFoundError, 0, 0, "", false, ErrorCategory::Offline);
        row("connection refused", E::ConnectionRefusedError, 0, 0, "", false,
            ErrorCategory::Offline);
        row("network down", E::TemporaryNetworkFailureError, 0, 0, "", false,
            ErrorCategory::Offline);
        row("unreachable", E::UnknownNetworkError, 0, 0, "", false, ErrorCategory::Offline);
        // Never retried, never ignored.
        row("tls", E::SslHandshakeFailedError, 0, 0, "", false, ErrorCategory::Config);
        // The request itself is wrong.
        row("-1100", E::NoError, 400, -1100, "Illegal characters found in parameter", false,
            ErrorCategory::Rejected);
        row("-1127", E::NoError, 400, -1127, "More than 168 hours", false, ErrorCategory::Rejected);
        row("404", E::NoError, 404, 0, "", false, ErrorCategory::Rejected);
        row("302", E::NoError, 302, 0, "", false, ErrorCategory::Rejected);
    }

    void classifierTable()
    {
        QFETCH(E, transport);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, msg);
        QFETCH(bool, malformed);
        QFETCH(ErrorCategory, expected);
        Failure f;
        f.transport = transport;
        f.httpStatus = status;
        if (code != 0)
            f.apiCode = code;
        f.apiMessage = msg;
        f.malformedBody = malformed;
        const Verdict verdict = classify(f);
        QCOMPARE(categoryName(verdict.category), categoryName(expected));
        QVERIFY(!verdict.reason.isEmpty());
    }

    // What each category means for a sync run (docs/design.md §3.8, its "engine" column), written
    // out here once more on purpose: a change to the engine's table must be a deliberate one.
    void errorMeaningTable_data()
    {
        QTest::addColumn<ErrorCategory>("category");
        QTest::addColumn<ErrorReach>("reach");
        QTest::addColumn<bool>("skipsSymbol");
        QTest::addColumn<RunEnd>("runEnd");
        auto row = [](ErrorCategory category, ErrorReach reach, bool skips, RunEnd end) {
            QTest::newRow(qPrintable(categoryName(category))) << category << reach << skips << end;
        };
        using C = ErrorCategory;
        using R = ErrorReach;
        row(C::None, R::None, false, RunEnd::Pause);
        // Retries exhausted, a pause that kept coming back, a refused request: that symbol
        // fails, the batch goes on; in preflight or income the run pauses.
        row(C::Transient, R::Symbol, false, RunEnd::Pause);
        row(C::RateLimited, R::Symbol, false, RunEnd::Pause);
        row(C::Rejected, R::Symbol, false, RunEnd::Pause);
        // -1121: the symbol is skipped, not failed.
        row(C::BadSymbol, R::Symbol, true, RunEnd::Pause);
        // The whole run stops.
        row(C::Banned, R::Run, false, RunEnd::PauseUntil);
        row(C::Offline, R::Run, false, RunEnd::PauseOffline);
        row(C::Auth, R::Run, false, RunEnd::FailAuth);
        row(C::ClockSkew, R::Run, false, RunEnd::FailAuth);
        row(C::Config, R::Run, false, RunEnd::FailConfig);
        row(C::Cancelled, R::Run, false, RunEnd::Interrupt);
    }

    void errorMeaningTable()
    {
        QFETCH(ErrorCategory, category);
        QFETCH(ErrorReach, reach);
        QFETCH(bool, skipsSymbol);
        QFETCH(RunEnd, runEnd);
        const ErrorMeaning& meaning = meaningOf(category);
        QCOMPARE(categoryName(meaning.category), categoryName(category));
        QCOMPARE(int(meaning.reach), int(reach));
        QCOMPARE(meaning.skipsSymbol, skipsSymbol);
        QCOMPARE(int(meaning.runEnd), int(runEnd));
    }

    void backoffWithFixedRandom()
    {
        const RetryPolicy policy; // 1 s, ×2, 60 s cap, 30 % jitter
        const quint32 middle = 1u << 31, low = 0, high = 0xFFFFFFFFu;
        QList<qint64> plain, lows, highs;
        for (int retry = 1; retry <= 8; ++retry) {
            plain.append(backoffDelayMs(policy, retry, middle));
            lows.append(backoffDelayMs(policy, retry, low));
            highs.append(backoffDelayMs(policy, retry, high));
        }
        QCOMPARE(plain, QList<qint64>({1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000}));
        QCOMPARE(lows, QList<qint64>({700, 1400, 2800, 5600, 11200, 22400, 42000, 42000}));
        QCOMPARE(highs, QList<qint64>({1299, 2599, 5199, 10399, 20799, 41599, 60000, 60000}));
        RetryPolicy fast;
        fast.initialDelayMs = 10;
        fast.jitterPercent = 0;
        QCOMPARE(backoffDelayMs(fast, 3, high), qint64(40));
        QCOMPARE(backoffDelayMs(fast, 100, high), qint64(60000)); // no overflow
    }

    void banAndRetryAfterParsing()
    {
        QCOMPARE(parseBanUntil(QStringLiteral("Way too many requests; IP banned until "
                                              "1700000123456. Please use the websocket.")),
                 std::optional<qint64>(1700000123456));
        QVERIFY(!parseBanUntil(QStringLiteral("Too many requests; current limit is 2400")));
        QCOMPARE(parseRetryAfterMs("17", 0), std::optional<qint64>(17000));
        QVERIFY(!parseRetryAfterMs("0", 0)); // Binance sends 0: means "not given"
        QVERIFY(!parseRetryAfterMs("", 0));
        QVERIFY(!parseRetryAfterMs("soon", 0));
        const qint64 now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now),
                 std::optional<qint64>(30000));
    }

    void messagesArePlain()
    {
        Failure f;
        f.httpStatus = 401;
        f.apiCode = -2015;
        f.apiMessage = QStringLiteral("Invalid API-key, IP, or permissions for action.");
        const Request request = incomeRequest(1, 2);
        const QString auth = plainMessage(ErrorCategory::Auth, f, request, 1, 0);
        QVERIFY2(auth.contains(QLatin1String("API key and secret")), qPrintable(auth));
        QVERIFY(auth.contains(QLatin1String("IP whitelist")));
        QVERIFY(auth.contains(QLatin1String("-2015")));
        Failure ban;
        ban.httpStatus = 418;
        const QString banned = plainMessage(ErrorCategory::Banned, ban, request, 1, 1700000123456);
        QVERIFY2(banned.contains(QLatin1String("2023-11-14T22:15:23")), qPrintable(banned));
        Failure bad;
        bad.httpStatus = 400;
        bad.apiCode = -1121;
        const QString skipped = plainMessage(ErrorCategory::BadSymbol, bad,
                                             userTradesFromId(QStringLiteral("OLDUSDT"), 1), 1, 0);
        QVERIFY2(skipped.contains(QLatin1String("OLDUSDT")), qPrintable(skipped));
    }

    void plainHttpOnlyForLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("production") << "https://fapi.binance.com" << true;
        QTest::newRow("testnet") << "https://testnet.binancefuture.com" << true;
        QTest::newRow("http remote") << "http://fapi.binance.com" << false;
        QTest::newRow("http lan") << "http://10.0.0.1:8080" << false;
        QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:8080" << true;
        QTest::newRow("http 127.5.6.7") << "http://127.5.6.7" << true;
        QTest::newRow("http localhost") << "http://localhost:9000" << true;
        QTest::newRow("http LOCALHOST") << "http://LOCALHOST" << true;
        QTest::newRow("http ::1") << "http://[::1]:9000" << true;
        QTest::newRow("lookalike") << "http://localhost.example.com" << false;
        QTest::newRow("lookalike ip") << "http://127.0.0.1.nip.io" << false;
        QTest::newRow("ftp") << "ftp://127.0.0.1" << false;
        QTest::newRow("empty") << "" << false;
    }

    void plainHttpOnlyForLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        const QString error = checkBaseUrl(QUrl(url));
        QCOMPARE(error.isEmpty(), accepted);
    }
};

QTEST_GUILESS_MAIN(TestRetry)
#include "test_retry.moc"
