#include "app/common/demo_exchange.h"

#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/settings_store.h"
#include "sync/simulator/demo.h"
#include "sync/simulator/simulator.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace fb {

namespace {
const QString kAnchorKey = QStringLiteral("demo.anchor_ms");
}

QString defaultDemoJournalPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/demo.sqlite");
}

DemoExchange::DemoExchange() = default;
DemoExchange::~DemoExchange() = default;

std::optional<qint64> DemoExchange::anchorFor(const QString& journalPath, QString* error)
{
    try {
        QDir().mkpath(QFileInfo(journalPath).absolutePath());
        journal::Database db(journalPath,
                             {journal::OpenMode::ReadWrite, QStringLiteral("demo"), true});
        journal::SettingsStore settings(db);
        bool ok = false;
        qint64 anchor = settings.value(kAnchorKey, QString()).toLongLong(&ok);
        if (!ok || anchor <= 0) {
            // Whole seconds: the generated times then read naturally.
            anchor = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
            settings.setValue(kAnchorKey, QString::number(anchor));
        }
        return anchor;
    } catch (const journal::JournalError& e) {
        if (error)
            *error = e.message();
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
    return config;
}

bool DemoExchange::start(const QString& journalPath, QString* error)
{
    const auto anchor = anchorFor(journalPath, error);
    if (!anchor)
        return false;
    m_simulator = std::make_unique<sim::Simulator>(simulatorConfig(*anchor));
    if (!m_simulator->isValid()) {
        if (error)
            *error = m_simulator->errorString();
        return false;
    }
    m_simulator->setClock([] { return QDateTime::currentMSecsSinceEpoch(); }); // serve now
    return m_simulator->listen(0, error);
}

QString DemoExchange::baseUrl() const
{
    return m_simulator ? m_simulator->baseUrl().toString() : QString();
}

void DemoExchange::configure(sync::EngineConfig& config) const
{
    config.client.baseUrl = m_simulator->baseUrl();
    config.client.spotBaseUrl = m_simulator->baseUrl();
    config.client.apiKey = QByteArray(sim::kDemoApiKey);
    config.client.apiSecret = QByteArray(sim::kDemoApiSecret);
    config.client.account = accountName();
    config.baseUrlLabel = QStringLiteral("demo");
}

} // namespace fb
