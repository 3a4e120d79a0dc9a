// The demo's dataset is fixed (docs/design.md D64): a new demo journal gets the fixed
// anchor, and two demo exchanges serving at different clocks (days apart, and long after the
// anchor) serve the same fills and the same BNB candles; a demo run's range reaches back to
// the history's start whatever the default range says.
#include "sync/binance/binance_client.h"
#include "sync/binance/klines.h"
#include "sync/demo/demo_exchange.h"

#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using namespace fb::binance;

namespace {

constexpr qint64 kDay = 86'400'000;

// Every fill of `symbol` the exchange serves, by id from the first, as raw JSON.
QList<QByteArray> allFills(const DemoExchange& exchange, const QString& symbol, qint64 clockMs)
{
    sync::EngineConfig config;
    exchange.configure(config);
    config.client.clock = [clockMs] { return clockMs; };
    BinanceClient client(config.client);
    QList<QByteArray> raw;
    qint64 fromId = 0;
    for (int page = 0; page < 50; ++page) {
        std::optional<Result<QList<Fill>>> result;
        client.fetchFillsPage(userTradesFromId(symbol, fromId),
                              [&result](const Result<QList<Fill>>& r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000) || !result->ok())
            return {};
        for (const Fill& f : *result->value)
            raw << f.raw;
        if (result->value->size() < kUserTradesMaxLimit)
            break;
        fromId = result->value->last().id + 1;
    }
    return raw;
}

QList<Kline> candles(const DemoExchange& exchange, qint64 clockMs, qint64 firstMinute)
{
    sync::EngineConfig config;
    exchange.configure(config);
    config.client.clock = [clockMs] { return clockMs; };
    BinanceClient client(config.client);
    std::optional<Result<KlinePage>> result;
    client.fetchKlines(
        klinesRequest(QStringLiteral("BNBUSDT"), firstMinute, firstMinute + 9 * kMinuteMs),
        [&result](const Result<KlinePage>& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000) || !result->ok())
        return {};
    return result->value->klines;
}

} // namespace

class TestDemoDataset : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); }

    void aNewDemoJournalGetsTheFixedAnchor()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        QString error;
        QCOMPARE(DemoExchange::anchorFor(path, &error), std::optional(DemoExchange::kAnchorMs));
        QCOMPARE(DemoExchange::anchorFor(path, &error), std::optional(DemoExchange::kAnchorMs));
        QCOMPARE(DemoExchange::kAnchorMs, Q_INT64_C(1795996800000)); // 2026-11-30 00:00 UTC
    }

    void exchangesAtDifferentClocksServeIdenticalFills()
    {
        QTemporaryDir dir;
        const qint64 soon = DemoExchange::kAnchorMs + 5 * kDay;
        const qint64 muchLater = DemoExchange::kAnchorMs + 400 * kDay; // past any retention
        DemoExchange a;
        DemoExchange b;
        a.setClock([soon] { return soon; });
        b.setClock([muchLater] { return muchLater; });
        QString error;
        QVERIFY2(a.start(dir.filePath(QStringLiteral("a.sqlite")), &error), qPrintable(error));
        QVERIFY2(b.start(dir.filePath(QStringLiteral("b.sqlite")), &error), qPrintable(error));

        int compared = 0;
        for (const QString& symbol : {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}) {
            const QList<QByteArray> fromA = allFills(a, symbol, soon);
            const QList<QByteArray> fromB = allFills(b, symbol, muchLater);
            QVERIFY(!fromA.isEmpty());
            QCOMPARE(fromB, fromA);
            compared += int(fromA.size());
        }
        QVERIFY(compared > 100);

        // The BNB candles that value its fees are the same too.
        const qint64 minute = DemoExchange::historyStartMs(DemoExchange::kAnchorMs) + 40 * kDay;
        const QList<Kline> ka = candles(a, soon, minute);
        QCOMPARE(ka.size(), 10);
        QCOMPARE(candles(b, muchLater, minute), ka);

        // A demo run's range reaches back to the start of the history.
        sync::EngineConfig config;
        a.configure(config);
        QCOMPARE(config.rangeReachesBackTo,
                 std::optional(DemoExchange::historyStartMs(DemoExchange::kAnchorMs)));
    }
};

QTEST_GUILESS_MAIN(TestDemoDataset)
#include "test_demo_dataset.moc"
