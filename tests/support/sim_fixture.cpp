#include "tests/support/sim_fixture.h"

#include <QtGlobal>

#include <utility>

using namespace fb;

namespace fbtest {

sim::SimulatorConfig simAccount(quint64 seed, int symbols, int fills, int days)
{
    sim::SimulatorConfig c;
    c.seed = seed;
    c.symbols = symbols;
    c.fills = fills;
    c.days = days;
    return c;
}

sim::SimulatorConfig smallAccount(quint64 seed)
{
    sim::SimulatorConfig c = simAccount(seed, 6, 1500, 30);
    c.weightLimit = kAmpleWeightLimit;
    return c;
}

binance::ClientConfig clientConfig(const sim::Simulator& simulator, const QString& account)
{
    binance::ClientConfig c;
    c.baseUrl = simulator.baseUrl();
    c.spotBaseUrl = simulator.baseUrl();
    c.account = account;
    c.apiKey = simulator.config().apiKey;
    c.apiSecret = simulator.config().apiSecret;
    return c;
}

SimulatedExchange::SimulatedExchange() = default;
SimulatedExchange::~SimulatedExchange() = default;
SimulatedExchange::SimulatedExchange(SimulatedExchange&&) noexcept = default;
SimulatedExchange& SimulatedExchange::operator=(SimulatedExchange&&) noexcept = default;

bool SimulatedExchange::start(const sim::SimulatorConfig& config)
{
    stop();
    m_sim = std::make_unique<sim::Simulator>(config);
    return listen();
}

bool SimulatedExchange::start(sim::Account account, const sim::SimulatorConfig& config)
{
    stop();
    m_sim = std::make_unique<sim::Simulator>(std::move(account), config);
    return listen();
}

bool SimulatedExchange::listen()
{
    if (!m_sim->isValid()) {
        m_error = QStringLiteral("simulator: ") + m_sim->errorString();
        m_sim.reset();
        return false;
    }
    QString error;
    if (!m_sim->listen(0, &error)) {
        m_error = QStringLiteral("simulator cannot listen: ") + error;
        m_sim.reset();
        return false;
    }
    return true;
}

void SimulatedExchange::stop()
{
    m_sim.reset();
    m_error.clear();
}

sim::Simulator& SimulatedExchange::simulator() const
{
    if (!m_sim)
        qFatal("the simulated exchange is not running%s",
               m_error.isEmpty() ? "" : qPrintable(QStringLiteral(": ") + m_error));
    return *m_sim;
}

SimulatedExchange startExchange(const sim::SimulatorConfig& config)
{
    SimulatedExchange exchange;
    if (!exchange.start(config))
        qFatal("%s", qPrintable(exchange.errorString()));
    return exchange;
}

SyncWeightBound syncWeightBound(const fb::sim::Account& account, qint64 from, qint64 to)
{
    constexpr qint64 kPage = 1000;
    const auto pages = [](qint64 rows) { return (rows + kPage - 1) / kPage; };
    const auto inRange = [&](qint64 time) { return time >= from && time <= to; };
    SyncWeightBound bound;
    qint64 incomeRows = 0;
    for (const fb::Income& i : account.income())
        incomeRows += inRange(i.time) ? 1 : 0;
    bound.weight = pages(incomeRows) * 30;
    for (const QString& symbol : account.symbolNames()) {
        qint64 fills = 0;
        for (const fb::Fill& f : account.fills(symbol))
            fills += inRange(f.time) ? 1 : 0;
        if (fills == 0)
            continue;
        qint64 orders = 0;
        for (const fb::Order& o : account.orders(symbol))
            orders += inRange(o.time) ? 1 : 0;
        bound.ordersOfFilledSymbols += orders;
        // The Algo Service's stops (docs/design.md D108): one algoId walk over what the
        // exchange keeps (90 days; cancelled ones 3 days), at least the one page that says so.
        qint64 algos = 0;
        for (const fb::AlgoOrder& a : account.algoOrders(symbol)) {
            const bool cancelled = a.algoStatus == QLatin1String("CANCELED") ||
                                   a.algoStatus == QLatin1String("EXPIRED");
            const qint64 keptFrom = to - (cancelled ? 3 : 90) * 86'400'000LL;
            algos += a.createTime >= keptFrom && a.createTime <= to ? 1 : 0;
        }
        bound.algoOrdersOfFilledSymbols += algos;
        bound.weight += (pages(fills) + pages(orders) + std::max<qint64>(1, pages(algos))) * 5;
    }
    return bound;
}

} // namespace fbtest
