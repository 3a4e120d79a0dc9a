// Fault injection (--faults): the spec, each fault kind as a client sees it on the wire (raw
// socket and QNetworkAccessManager), determinism per seed, and the fault counters.
#include "simtest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace fb::sim;
using namespace simtest;

namespace {

fbtest::SimulatedExchange makeSim(const QString& faults, quint64 seed = 1,
                                  const FakeClock& clock = FakeClock())
{
    SimulatorConfig config;
    config.seed = seed;
    config.fills = 300;
    config.symbols = 3;
    config.clock = clock.fn();
    config.requestsBeforeBan = 2;
    fbtest::SimulatedExchange sim = fbtest::startExchange(config);
    QString error;
    if (!sim->setFaults(faults, &error))
        qFatal("bad fault spec: %s", qPrintable(error));
    return sim;
}

QByteArray tradesTarget(const Simulator& sim, const char* symbol = "BTCUSDT")
{
    return signedTarget(sim, "/fapi/v1/userTrades",
                        QByteArray("symbol=") + symbol +
                            "&startTime=" + QByteArray::number(kNow - 7 * kDay) +
                            "&endTime=" + QByteArray::number(kNow));
}

} // namespace

class TestSimFaults : public QObject
{
    Q_OBJECT
private slots:
    void specParsing()
    {
        QString error;
        const auto spec = FaultSpec::parse(
            QStringLiteral("http500=0.05,http503=0.02,reset=0.02,hang=0.01,truncate=0.01,"
                           "badjson=0.01,http429=0.01,skew=3000,fail-symbol=XRPUSDT,ban-after=500"),
            &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->http500, 50000u);
        QCOMPARE(spec->http503, 20000u);
        QCOMPARE(spec->hang, 10000u);
        QCOMPARE(spec->skewMs, 3000);
        QCOMPARE(spec->failSymbols, QStringList{QStringLiteral("XRPUSDT")});
        QCOMPARE(spec->banAfter, 500);
        QCOMPARE(FaultSpec::parse(spec->toString()), spec);
        QCOMPARE(FaultSpec::parse(QStringLiteral("skew=-250"))->skewMs, -250);
        QCOMPARE(FaultSpec::parse(QString()), FaultSpec());
        for (const char* bad : {"http500=1.5", "http500=-0.1", "http500=0.6,reset=0.5", "nope=1",
                                "reset", "skew=abc", "ban-after=-1", "http500=1e-3"}) {
            QVERIFY2(!FaultSpec::parse(QLatin1String(bad), &error), bad);
            QVERIFY(!error.isEmpty());
        }
    }

    void http500()
    {
        auto sim = makeSim(QStringLiteral("http500=1"));
        const Response r = plainGet(*sim, tradesTarget(*sim));
        QCOMPARE(r.status, 500);
        QCOMPARE(r.body, QByteArray(R"({"code":-1000,"msg":"Request occur unknown error."})"));
        QVERIFY(!r.header("X-MBX-USED-WEIGHT-1M").isEmpty());
        // Never on /fapi/v1/time, so that clients can always sync their clock.
        QCOMPARE(plainGet(*sim, "/fapi/v1/time").status, 200);
        QCOMPARE(sim->stats()[QStringLiteral("faults")][QStringLiteral("http500")].toInteger(), 1);
    }

    void http503UsesTheThreeDocumentedMessages()
    {
        auto sim = makeSim(QStringLiteral("http503=1"));
        QSet<QString> messages;
        Client c(sim->port());
        QVERIFY(c.connect());
        for (int i = 0; i < 30; ++i) {
            const Response r = c.get("/fapi/v1/exchangeInfo");
            QCOMPARE(r.status, 503);
            messages.insert(r.object()[QStringLiteral("msg")].toString());
        }
        QCOMPARE(messages,
                 (QSet<QString>{
                     QStringLiteral("Unknown error, please check your request or try again later."),
                     QStringLiteral("Service Unavailable."),
                     QStringLiteral("Internal error; unable to process your request. Please try "
                                    "again.")}));
    }

    void resetAbortsMidBody()
    {
        auto sim = makeSim(QStringLiteral("reset=1"));
        Client c(sim->port());
        QVERIFY(c.connect());
        const Response r = c.get(tradesTarget(*sim), keyHeader());
        QVERIFY(r.raw.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(!r.complete);
        QVERIFY(r.closedByPeer);
        QCOMPARE(r.error, QAbstractSocket::RemoteHostClosedError);
        QCOMPARE(sim->stats()[QStringLiteral("faults")][QStringLiteral("reset")].toInteger(), 1);
    }

    void hangSendsPartOfTheBodyThenNothing()
    {
        auto sim = makeSim(QStringLiteral("hang=1"));
        Client c(sim->port());
        QVERIFY(c.connect());
        const Response r = c.get(tradesTarget(*sim), keyHeader(), 700);
        QVERIFY(r.raw.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(r.raw.contains("\r\n\r\n["));
        QVERIFY(!r.complete);
        QVERIFY(!r.closedByPeer); // still open, silent
        QCOMPARE(c.socket()->state(), QAbstractSocket::ConnectedState);
    }

    void truncateClaimsMoreThanItSends()
    {
        auto sim = makeSim(QStringLiteral("truncate=1"));
        Client c(sim->port());
        QVERIFY(c.connect());
        const Response r = c.get(tradesTarget(*sim), keyHeader());
        QVERIFY(r.raw.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(r.closedByPeer);
        QVERIFY(!r.complete);
        const qsizetype headEnd = r.raw.indexOf("\r\n\r\n");
        QVERIFY(headEnd > 0);
        QVERIFY(r.contentLength > r.raw.size() - headEnd - 4);
        QVERIFY(r.raw.size() - headEnd - 4 > 0);
    }

    void badJsonIsCompleteButUnparseable()
    {
        auto sim = makeSim(QStringLiteral("badjson=1"));
        Client c(sim->port());
        QVERIFY(c.connect());
        const Response r = c.get(tradesTarget(*sim), keyHeader());
        QCOMPARE(r.status, 200);
        QVERIFY(r.complete);
        QJsonParseError error;
        QJsonDocument::fromJson(r.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
    }

    void spurious429NeverLeadsToABan()
    {
        auto sim = makeSim(QStringLiteral("http429=1"));
        Client c(sim->port());
        QVERIFY(c.connect());
        for (int i = 0; i < 10; ++i) {
            const Response r = c.get("/fapi/v1/exchangeInfo");
            QCOMPARE(r.status, 429);
            QCOMPARE(r.code(), -1003);
            QVERIFY(r.header("Retry-After").toInt() >= 1);
        }
        QCOMPARE(sim->stats()[QStringLiteral("banned418")].toInteger(), 0);
    }

    void skewShiftsTheServerClock()
    {
        FakeClock clock;
        auto sim = makeSim(QStringLiteral("skew=3000"), 1, clock);
        QCOMPARE(plainGet(*sim, "/fapi/v1/time").object()[QStringLiteral("serverTime")].toInteger(),
                 kNow + 3000);
        sim->setFaults(*FaultSpec::parse(QStringLiteral("skew=-3000")));
        // A client that signs with its own (unsynced) clock is now 3 s ahead: -1021.
        const QByteArray payload = "timestamp=" + QByteArray::number(kNow);
        const Response r = plainGet(*sim, "/fapi/v1/income?" + payload + "&signature=" +
                                              Simulator::sign(payload, kDemoApiSecret));
        QCOMPARE(r.status, 401); // no key header: the key check comes first
        Client c(sim->port());
        QVERIFY(c.connect());
        const Response ahead = c.get("/fapi/v1/income?" + payload +
                                         "&signature=" + Simulator::sign(payload, kDemoApiSecret),
                                     keyHeader());
        QCOMPARE(ahead.code(), -1021);
    }

    void failSymbolFailsOnlyThatSymbol()
    {
        auto sim = makeSim(QStringLiteral("fail-symbol=ETHUSDT"));
        QCOMPARE(plainGet(*sim, tradesTarget(*sim, "ETHUSDT")).status, 500);
        QCOMPARE(signedGet(*sim, "/fapi/v1/allOrders", "symbol=ETHUSDT").status, 500);
        QCOMPARE(plainGet(*sim, tradesTarget(*sim, "BTCUSDT")).status, 401); // no key: not faulty
        QCOMPARE(signedGet(*sim, "/fapi/v1/userTrades", "symbol=BTCUSDT").status, 200);
        QCOMPARE(signedGet(*sim, "/fapi/v1/income").status, 200);
        QCOMPARE(sim->stats()[QStringLiteral("faults")][QStringLiteral("fail-symbol")].toInteger(),
                 2);
    }

    void banAfterNRequests()
    {
        auto sim = makeSim(QStringLiteral("ban-after=3"));
        Client c(sim->port());
        QVERIFY(c.connect());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.get("/fapi/v1/exchangeInfo").status, 200);
        const Response r = c.get("/fapi/v1/exchangeInfo");
        QCOMPARE(r.status, 418);
        QCOMPARE(r.header("Retry-After"), QByteArray("120"));
        QCOMPARE(sim->stats()[QStringLiteral("faults")][QStringLiteral("ban-after")].toInteger(),
                 1);
    }

    void sameSeedSameFaults()
    {
        auto statuses = [](quint64 seed) {
            auto sim = makeSim(QStringLiteral("http500=0.3,http503=0.2"), seed);
            Client c(sim->port());
            c.connect();
            QList<int> out;
            for (int i = 0; i < 40; ++i)
                out.append(c.get("/fapi/v1/exchangeInfo").status);
            return out;
        };
        const QList<int> a = statuses(7);
        QCOMPARE(statuses(7), a);
        QVERIFY(statuses(8) != a);
        QVERIFY(a.contains(200) && a.contains(500) && a.contains(503));
    }

    void aRealClientSeesTheFaults()
    {
        auto sim = makeSim(QStringLiteral("truncate=1"));
        QNetworkAccessManager nam;
        auto fetch = [&](const QByteArray& target) {
            QNetworkRequest request(QUrl(sim->baseUrl().toString() + QString::fromLatin1(target)));
            request.setRawHeader("X-MBX-APIKEY", kDemoApiKey);
            std::unique_ptr<QNetworkReply> reply(nam.get(request));
            [[maybe_unused]] const bool done =
                QTest::qWaitFor([&] { return reply->isFinished(); }, 5000);
            return std::pair{reply->error(), reply->readAll()};
        };
        QCOMPARE(fetch(tradesTarget(*sim)).first, QNetworkReply::RemoteHostClosedError);
        sim->setFaults(*FaultSpec::parse(QStringLiteral("reset=1")));
        QCOMPARE(fetch(tradesTarget(*sim)).first, QNetworkReply::RemoteHostClosedError);
        sim->setFaults(*FaultSpec::parse(QStringLiteral("badjson=1")));
        const auto [error, body] = fetch(tradesTarget(*sim));
        QCOMPARE(error, QNetworkReply::NoError);
        QVERIFY(QJsonDocument::fromJson(body).isNull());
        sim->setFaults(FaultSpec());
        QCOMPARE(fetch(tradesTarget(*sim)).first, QNetworkReply::NoError);
    }
};

QTEST_GUILESS_MAIN(TestSimFaults)
#include "test_sim_faults.moc"
