// End to end against the in-process simulator (sync/simulator), when it is part of the build:
// every typed call parses the simulator's answers, and the pagers driven through the client
// fetch exactly the simulated account's records.
#include "sync/binance/binance_client.h"
#include "sync/binance/fill_pager.h"
#include "sync/binance/income_pager.h"
#include "sync/binance/order_pager.h"
#include "sync/simulator/simulator.h"
#include "tests/support/sim_fixture.h"

#include <QNetworkProxy>
#include <QSet>
#include <QTest>

using namespace fb;
using namespace fb::binance;

namespace {

template <class T>
std::optional<Result<T>> wait(const std::function<void(BinanceClient::Handler<T>)>& call)
{
    std::optional<Result<T>> result;
    call([&result](const Result<T>& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

// Drives one pager to its end through `fetch`, page by page as the engine does.
template <class Pager, class Record>
QList<Record>
drive(Pager& pager,
      const std::function<void(const Request&, BinanceClient::Handler<QList<Record>>)>& fetch,
      QString* error)
{
    QList<Record> stored;
    while (auto request = pager.next()) {
        std::optional<Result<QList<Record>>> page;
        fetch(*request, [&page](const Result<QList<Record>>& r) { page = r; });
        if (!QTest::qWaitFor([&] { return page.has_value(); }, 10000)) {
            *error = QStringLiteral("timeout");
            return stored;
        }
        if (!page->ok()) {
            *error = page->error.message;
            return stored;
        }
        stored += pager.accept(*page->value);
    }
    return stored;
}

} // namespace

class TestWithSimulator : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); }

    void fullSyncMatchesTheSimulatedAccount()
    {
        fbtest::SimulatedExchange exchange;
        QVERIFY2(exchange.start(fbtest::simAccount(11, 3, 2500, 40)),
                 qPrintable(exchange.errorString()));
        const sim::Simulator& simulator = *exchange;

        BinanceClient client(exchange.clientConfig(QStringLiteral("demo")));

        const auto time = wait<ServerTime>([&](auto done) { client.syncClock(done); });
        QVERIFY(time && time->ok());
        const auto info = wait<ExchangeInfo>([&](auto done) { client.fetchExchangeInfo(done); });
        QVERIFY2(info && info->ok(), info ? qPrintable(info->error.message) : "timeout");
        QCOMPARE(info->value->symbols.size(), simulator.account().symbols().size());
        const auto restrictions =
            wait<ApiRestrictions>([&](auto done) { client.fetchApiRestrictions(done); });
        QVERIFY(restrictions && restrictions->ok());
        QVERIFY(restrictions->value->dangerousPermissions().isEmpty()); // read-only demo key
        const auto account = wait<AccountSummary>([&](auto done) { client.fetchAccount(done); });
        QVERIFY2(account && account->ok(), account ? qPrintable(account->error.message) : "");
        const auto mode = wait<bool>([&](auto done) { client.fetchPositionMode(done); });
        QVERIFY(mode && mode->ok());
        QCOMPARE(*mode->value, simulator.account().hedgeMode);
        const auto positions =
            wait<QList<Position>>([&](auto done) { client.fetchPositions(done); });
        QVERIFY2(positions && positions->ok(),
                 positions ? qPrintable(positions->error.message) : "");

        const qint64 to = client.serverNow();
        const qint64 from = to - 60 * kMsPerDay;
        QString error;
        IncomePager incomePager(from, to);
        const QList<Income> income = drive<IncomePager, Income>(
            incomePager,
            [&](const Request& r, BinanceClient::Handler<QList<Income>> done) {
                client.fetchIncomePage(r, done);
            },
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<std::pair<QString, qint64>> expectedIncome, gotIncome;
        for (const Income& row : simulator.account().income())
            expectedIncome.insert({row.incomeType, row.tranId});
        for (const Income& row : income) {
            gotIncome.insert({row.incomeType, row.tranId});
            QVERIFY(row.raw.startsWith('{') && row.raw.endsWith('}'));
        }
        QCOMPARE(gotIncome.size(), income.size()); // no duplicates
        QCOMPARE(gotIncome, expectedIncome);

        for (const QString& symbol : simulator.account().symbolNames()) {
            FillPager fillPager(symbol, from, to);
            const QList<Fill> fills = drive<FillPager, Fill>(
                fillPager,
                [&](const Request& r, BinanceClient::Handler<QList<Fill>> done) {
                    client.fetchFillsPage(r, done);
                },
                &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(fills.size(), simulator.account().fills(symbol).size());
            for (qsizetype i = 0; i < fills.size(); ++i)
                QCOMPARE(fills[i].id, simulator.account().fills(symbol)[i].id);

            OrderPager orderPager(symbol, from, to);
            const QList<Order> orders = drive<OrderPager, Order>(
                orderPager,
                [&](const Request& r, BinanceClient::Handler<QList<Order>> done) {
                    client.fetchOrdersPage(r, done);
                },
                &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(!orders.isEmpty());

            // Incremental: nothing new costs one request.
            const qint64 sentBefore = client.counters().requestsSent;
            FillPager incremental(symbol, from, client.serverNow(),
                                  FillCursor{fillPager.lastId(), fillPager.coveredThrough()});
            const QList<Fill> none = drive<FillPager, Fill>(
                incremental,
                [&](const Request& r, BinanceClient::Handler<QList<Fill>> done) {
                    client.fetchFillsPage(r, done);
                },
                &error);
            QVERIFY(none.isEmpty());
            QCOMPARE(client.counters().requestsSent - sentBefore, qint64(1));
        }
        QCOMPARE(client.counters().retries, qint64(0));
        QCOMPARE(client.counters().rateLimitHits, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestWithSimulator)
#include "test_with_simulator.moc"
