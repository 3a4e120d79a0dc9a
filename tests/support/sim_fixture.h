#pragma once
// The simulated exchange of every test that talks to one: fillbook-sim's Simulator started
// in-process on 127.0.0.1 (any free port), and the client settings that reach it.
//
//     fbtest::SimulatedExchange exchange;
//     QVERIFY2(exchange.start(fbtest::smallAccount()), qPrintable(exchange.errorString()));
//     binance::ClientConfig config = exchange.clientConfig();   // its URL, key and secret
//     exchange->resetRateLimits();                              // the Simulator itself
//
// The simulator serves from the thread that started it, inside that thread's event loop.

#include "sync/binance/client_config.h"
#include "sync/simulator/account.h"
#include "sync/simulator/simulator.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace fbtest {

// A weight limit no test run reaches: the budget is tested in tests/binance and
// tests/simulator, and it would only make the other runs slow.
inline constexpr qint64 kAmpleWeightLimit = 1'000'000;

// A generated account: `fills` fills over `symbols` symbols and `days` days; the rest of the
// configuration is SimulatorConfig's defaults.
fb::sim::SimulatorConfig simAccount(quint64 seed, int symbols, int fills, int days);
// The account of the sync tests: 6 symbols, 1,500 fills over 30 days, an ample weight limit.
fb::sim::SimulatorConfig smallAccount(quint64 seed = 7);

// A client configuration pointed at `simulator`: base URL (futures and spot alike), the
// simulator's key and secret, and the account label; everything else at ClientConfig's defaults.
fb::binance::ClientConfig clientConfig(const fb::sim::Simulator& simulator,
                                       const QString& account = QStringLiteral("main"));

class SimulatedExchange
{
public:
    SimulatedExchange();
    ~SimulatedExchange();
    SimulatedExchange(SimulatedExchange&&) noexcept;
    SimulatedExchange& operator=(SimulatedExchange&&) noexcept;

    // Generates the account (or loads config.datasetPath), or serves `account`, and listens.
    // False when the dataset cannot be loaded or no port is free; errorString() says which.
    // A running exchange is stopped first.
    bool start(const fb::sim::SimulatorConfig& config);
    bool start(fb::sim::Account account, const fb::sim::SimulatorConfig& config);
    void stop();
    bool isRunning() const { return m_sim != nullptr; }
    QString errorString() const { return m_error; }

    // The running Simulator (account, clock, faults, stats); only while isRunning().
    fb::sim::Simulator& simulator() const;
    fb::sim::Simulator& operator*() const { return simulator(); }
    fb::sim::Simulator* operator->() const { return &simulator(); }

    QUrl baseUrl() const { return simulator().baseUrl(); }
    fb::binance::ClientConfig clientConfig(const QString& account = QStringLiteral("main")) const
    {
        return fbtest::clientConfig(simulator(), account);
    }

private:
    bool listen();

    std::unique_ptr<fb::sim::Simulator> m_sim;
    QString m_error;
};

// For helpers that cannot QVERIFY: a started exchange, or the program stops with the reason.
SimulatedExchange startExchange(const fb::sim::SimulatorConfig& config);

// Issue 12's lower bound of a sync of [from, to], without its preflight: per symbol with fills
// in the range ceil(fills/1000) userTrades + ceil(orders/1000) allOrders pages at weight 5, and
// ceil(income rows/1000) income pages at 30 (docs/design.md D78).
struct SyncWeightBound
{
    qint64 weight = 0;
    qint64 ordersOfFilledSymbols = 0;     // the orders in the range of the symbols with fills
    qint64 algoOrdersOfFilledSymbols = 0; // what the allAlgoOrders walk passes (D108)
};
SyncWeightBound syncWeightBound(const fb::sim::Account& account, qint64 from, qint64 to);

} // namespace fbtest
