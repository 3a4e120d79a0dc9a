#include "sync/demo/demo_exchange.h"

#include "sync/engine/exit_codes.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/settings_store.h"
#include "sync/journal/thread_priority.h"
#include "sync/simulator/demo.h"

#include <QDateTime>

namespace fb {

namespace {
const QString kAnchorKey = QStringLiteral("demo.anchor_ms");
}

DemoExchange::DemoExchange() = default;

DemoExchange::~DemoExchange()
{
    if (!m_context)
        return; // never started
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_simulator;
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

std::optional<qint64> DemoExchange::anchorFor(const QString& journalPath, QString* error,
                                              int* exitCode)
{
    try {
        journal::Database db(journalPath,
                             {journal::OpenMode::ReadWrite, QStringLiteral("demo"), true});
        journal::SettingsStore settings(db);
        bool ok = false;
        qint64 anchor = settings.value(kAnchorKey, QString()).toLongLong(&ok);
        if (!ok || anchor <= 0) {
            anchor = kAnchorMs; // the fixed dataset; older journals keep the anchor they have
            settings.setValue(kAnchorKey, QString::number(anchor));
        }
        return anchor;
    } catch (const journal::JournalError& e) {
        if (error)
            *error = e.message();
        if (exitCode)
            *exitCode = sync::exit_code::exitCodeFor(e);
        return std::nullopt;
    }
}

sim::SimulatorConfig DemoExchange::simulatorConfig(qint64 anchorMs)
{
    sim::SimulatorConfig config;
    config.seed = kSeed;
    config.symbols = kSymbols;
    config.fills = kFills;
    config.days = kDays;
    config.weightLimit = kWeightLimit;
    config.clock = [anchorMs] { return anchorMs; }; // generate as of the anchor
    // The history is fixed in time and served at the real clock: keep it however old it gets.
    config.retentionDays = 100 * 365;
    return config;
}

void DemoExchange::lowerThreadPriority()
{
    if (m_context)
        QMetaObject::invokeMethod(
            m_context, [] { journal::lowerCurrentThreadPriority(); }, Qt::QueuedConnection);
}

bool DemoExchange::start(const QString& journalPath, QString* error, int fills, int latencyMs,
                         int weightLimit)
{
    if (m_context) {
        if (error)
            *error = QStringLiteral("the demo exchange is already running.");
        return false;
    }
    m_failureExitCode = sync::exit_code::Usage;
    const auto anchor = anchorFor(journalPath, error, &m_failureExitCode);
    if (!anchor)
        return false;
    m_anchorMs = *anchor;
    sim::SimulatorConfig config = simulatorConfig(*anchor);
    if (fills > 0)
        config.fills = fills;
    if (latencyMs > 0)
        config.latencyMs = latencyMs;
    if (weightLimit > 0)
        config.weightLimit = weightLimit;
    m_thread.setObjectName(QStringLiteral("fillbook-demo-exchange"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    // Blocking once, at start-up, before the first request: the account is generated here.
    QString failure;
    QMetaObject::invokeMethod(
        m_context,
        [this, config, &failure] {
            m_simulator = new sim::Simulator(config);
            if (!m_simulator->isValid()) {
                failure = m_simulator->errorString();
                return;
            }
            m_simulator->setClock(m_clock ? m_clock
                                          : [] { return QDateTime::currentMSecsSinceEpoch(); });
            if (m_simulator->listen(0, &failure))
                m_url = m_simulator->baseUrl();
        },
        Qt::BlockingQueuedConnection);
    if (!m_url.isValid() && error)
        *error = failure;
    return m_url.isValid();
}

void DemoExchange::configure(sync::EngineConfig& config) const
{
    config.client.baseUrl = m_url;
    config.client.spotBaseUrl = m_url;
    config.client.apiKey = QByteArray(sim::kDemoApiKey);
    config.client.apiSecret = QByteArray(sim::kDemoApiSecret);
    config.client.account = accountName();
    config.baseUrlLabel = QStringLiteral("demo");
    config.rangeReachesBackTo = historyStartMs(m_anchorMs);
}

} // namespace fb
