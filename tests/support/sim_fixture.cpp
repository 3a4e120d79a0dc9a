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

} // namespace fbtest
