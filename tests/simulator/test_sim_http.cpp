// The HTTP/1.1 layer: request parsing (split reads, pipelining, garbage), keep-alive and
// Connection: close, in-order pipelined answers, latency without blocking, and a real client
// (QNetworkAccessManager, keep-alive over at most six connections).
#include "simtest.h"
#include "sync/simulator/http.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <climits>

using namespace fb::sim;
using namespace simtest;

class TestSimHttp : public QObject
{
    Q_OBJECT
private:
    FakeClock m_clock;
    fbtest::SimulatedExchange m_sim;

    static HttpRequestParser::Status parseAll(QByteArray bytes, HttpRequest* request)
    {
        return HttpRequestParser::parse(bytes, request);
    }

private slots:
    void initTestCase()
    {
        SimulatorConfig config;
        config.fills = 3000;
        config.symbols = 5;
        config.clock = m_clock.fn();
        QVERIFY2(m_sim.start(config), qPrintable(m_sim.errorString()));
    }

    void parserHandlesSplitReads()
    {
        const QByteArray request =
            "GET /fapi/v1/income?a=1&b=%2F HTTP/1.1\r\nHost: x\r\nX-MBX-APIKEY: k\r\n\r\n";
        for (qsizetype cut = 0; cut < request.size(); ++cut) {
            QByteArray buffer = request.left(cut);
            HttpRequest r;
            QCOMPARE(HttpRequestParser::parse(buffer, &r), HttpRequestParser::Status::NeedMore);
            buffer += request.mid(cut);
            QCOMPARE(HttpRequestParser::parse(buffer, &r), HttpRequestParser::Status::Complete);
            QCOMPARE(r.path, QByteArray("/fapi/v1/income"));
            QCOMPARE(r.query, QByteArray("a=1&b=%2F"));
            QCOMPARE(r.header("x-mbx-apikey"), QByteArray("k"));
            QVERIFY(r.keepAlive);
            QVERIFY(buffer.isEmpty());
        }
    }

    void parserHandlesPipelinedRequestsAndBodies()
    {
        QByteArray buffer = "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\n"
                            "hello\nGET /c HTTP/1.0\nConnection: keep-alive\n\n";
        HttpRequest r;
        QCOMPARE(HttpRequestParser::parse(buffer, &r), HttpRequestParser::Status::Complete);
        QCOMPARE(r.path, QByteArray("/a"));
        QCOMPARE(HttpRequestParser::parse(buffer, &r), HttpRequestParser::Status::Complete);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.body, QByteArray("hello"));
        QCOMPARE(HttpRequestParser::parse(buffer, &r), HttpRequestParser::Status::Complete);
        QCOMPARE(r.path, QByteArray("/c")); // bare LF line ends are tolerated
        QVERIFY(r.keepAlive);
        QCOMPARE(HttpRequestParser::parse(buffer, &r), HttpRequestParser::Status::NeedMore);
        QByteArray closing = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
        QCOMPARE(HttpRequestParser::parse(closing, &r), HttpRequestParser::Status::Complete);
        QVERIFY(!r.keepAlive);
        QByteArray old = "GET / HTTP/1.0\r\n\r\n";
        QCOMPARE(HttpRequestParser::parse(old, &r), HttpRequestParser::Status::Complete);
        QVERIFY(!r.keepAlive);
    }

    void parserRejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("not http") << QByteArray("hello world\r\n\r\n") << 400;
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01", 6) << 400;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("absolute form") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nNope\r\n\r\n") << 400;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
        QTest::newRow("bad length")
            << QByteArray("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n") << 400;
        QTest::newRow("two lengths")
            << QByteArray("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400;
        QTest::newRow("chunked") << QByteArray(
                                        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << 501;
        QTest::newRow("huge body")
            << QByteArray("GET / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n") << 413;
        QTest::newRow("huge head")
            << QByteArray("GET / HTTP/1.1\r\nA: " + QByteArray(20000, 'a')) << 431;
    }

    void parserRejectsGarbage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        HttpRequest r;
        QCOMPARE(parseAll(bytes, &r), HttpRequestParser::Status::Error);
        QCOMPARE(r.errorStatus, status);
        QVERIFY(!r.keepAlive);
    }

    void garbageOnTheWireGets400AndClose()
    {
        Client c(m_sim->port());
        QVERIFY(c.connect());
        c.sendRaw("\x01\x02 definitely not HTTP\r\n\r\n");
        const Response r = c.read();
        QCOMPARE(r.status, 400);
        QCOMPARE(r.header("Connection"), QByteArray("close"));
        QVERIFY(QTest::qWaitFor([&] { return c.isClosed(); }, 3000));
    }

    void pipelinedAnswersKeepRequestOrder()
    {
        Client c(m_sim->port());
        QVERIFY(c.connect());
        // Three requests in one write; the second is slow to build (exchangeInfo), the others fast.
        c.sendRaw("GET /fapi/v1/time HTTP/1.1\r\nHost: a\r\n\r\n"
                  "GET /fapi/v1/exchangeInfo HTTP/1.1\r\nHost: a\r\n\r\n"
                  "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n");
        const Response a = c.read();
        const Response b = c.read();
        const Response d = c.read();
        QVERIFY(a.object().contains(QStringLiteral("serverTime")));
        QVERIFY(!a.object().contains(QStringLiteral("symbols")));
        QVERIFY(b.object().contains(QStringLiteral("symbols")));
        QCOMPARE(d.status, 404);
        QVERIFY(!c.isClosed()); // keep-alive
        // A request trickling in byte by byte.
        const QByteArray slow = "GET /fapi/v1/time HTTP/1.1\r\nHost: a\r\n\r\n";
        for (char ch : slow) {
            c.sendRaw(QByteArray(1, ch));
            QTest::qWait(1);
        }
        QCOMPARE(c.read().status, 200);
    }

    void connectionCloseIsHonoured()
    {
        Client c(m_sim->port());
        QVERIFY(c.connect());
        const Response r = c.get("/fapi/v1/time", {{"Connection", "close"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Connection"), QByteArray("close"));
        QVERIFY(QTest::qWaitFor([&] { return c.isClosed(); }, 3000));
        Client old(m_sim->port());
        QVERIFY(old.connect());
        old.sendRaw("GET /fapi/v1/time HTTP/1.0\r\n\r\n");
        QCOMPARE(old.read().status, 200);
        QVERIFY(QTest::qWaitFor([&] { return old.isClosed(); }, 3000));
    }

    void latencyDelaysWithoutBlocking()
    {
        m_sim->setLatencyMs(300);
        Client a(m_sim->port());
        Client b(m_sim->port());
        QVERIFY(a.connect());
        QVERIFY(b.connect());
        QElapsedTimer timer;
        timer.start();
        a.sendGet("/fapi/v1/time");
        b.sendGet("/fapi/v1/time");
        const Response ra = a.read();
        const Response rb = b.read();
        const qint64 elapsed = timer.elapsed();
        m_sim->setLatencyMs(0);
        QCOMPARE(ra.status, 200);
        QCOMPARE(rb.status, 200);
        QVERIFY2(elapsed >= 290, qPrintable(QString::number(elapsed)));
        QVERIFY2(elapsed < 590, qPrintable(QString::number(elapsed))); // concurrent, not serial
    }

    // --latency-jitter-ms: each answer waits latency ± jitter, spread, never outside it.
    void latencyJitterSpreadsTheDelays()
    {
        m_sim->setLatencyMs(200);
        m_sim->setLatencyJitterMs(100);
        Client c(m_sim->port());
        QVERIFY(c.connect());
        qint64 shortest = LLONG_MAX;
        qint64 longest = 0;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer timer;
            timer.start();
            QCOMPARE(c.get("/fapi/v1/time").status, 200);
            shortest = std::min(shortest, timer.elapsed());
            longest = std::max(longest, timer.elapsed());
        }
        m_sim->setLatencyMs(0);
        m_sim->setLatencyJitterMs(0);
        // 100 ms at least, less the 5 % a coarse Qt timer may fire early; 300 ms at most plus
        // what a busy machine adds; and spread, not one fixed delay.
        QVERIFY2(shortest >= 95, qPrintable(QString::number(shortest)));
        QVERIFY2(longest < 1'000, qPrintable(QString::number(longest)));
        QVERIFY2(longest - shortest >= 50,
                 qPrintable(QStringLiteral("%1..%2 ms").arg(shortest).arg(longest)));
    }

    void realClientKeepsAliveOverFewConnections()
    {
        const qint64 before = m_sim->stats()[QStringLiteral("connectionsAccepted")].toInteger();
        QNetworkAccessManager nam;
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        for (int i = 0; i < 40; ++i) {
            const QByteArray target =
                i % 2
                    ? QByteArray("/fapi/v1/time")
                    : signedTarget(*m_sim, "/fapi/v1/income",
                                   "limit=1000&startTime=" + QByteArray::number(kNow - 30 * kDay));
            QNetworkRequest request(
                QUrl(m_sim->baseUrl().toString() + QString::fromLatin1(target)));
            request.setRawHeader("X-MBX-APIKEY", kDemoApiKey);
            replies.emplace_back(nam.get(request));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(replies.begin(), replies.end(),
                                   [](const auto& r) { return r->isFinished(); });
            },
            20000));
        for (size_t i = 0; i < replies.size(); ++i) {
            QNetworkReply& r = *replies[i];
            QCOMPARE(r.error(), QNetworkReply::NoError);
            QCOMPARE(r.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QVERIFY(!r.rawHeader("x-mbx-used-weight-1m").isEmpty());
            const QJsonDocument doc = QJsonDocument::fromJson(r.readAll());
            QVERIFY(i % 2 ? doc.isObject() : doc.array().size() == 1000);
        }
        const qint64 accepted =
            m_sim->stats()[QStringLiteral("connectionsAccepted")].toInteger() - before;
        QVERIFY2(accepted <= 6, qPrintable(QString::number(accepted)));
    }
};

QTEST_GUILESS_MAIN(TestSimHttp)
#include "test_sim_http.moc"
