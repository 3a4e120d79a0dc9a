#include "ui/demo_exchange.h"

#include "app/common/demo_exchange.h"

#include <QDateTime>

namespace fb::ui {

DemoExchange::DemoExchange(const QString& journalPath, int fills)
{
    const auto anchor = fb::DemoExchange::anchorFor(journalPath, &m_error);
    if (!anchor)
        return;
    sim::SimulatorConfig config = fb::DemoExchange::simulatorConfig(*anchor);
    if (fills > 0)
        config.fills = fills;
    m_thread.setObjectName(QStringLiteral("fillbook-demo-exchange"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    // Blocking once, at start-up, before any window shows: the account is generated here.
    QMetaObject::invokeMethod(
        m_context,
        [this, config] {
            m_simulator = new sim::Simulator(config);
            QString error;
            if (!m_simulator->isValid())
                m_error = m_simulator->errorString();
            else if (m_simulator->setClock([] { return QDateTime::currentMSecsSinceEpoch(); }),
                     !m_simulator->listen(0, &error))
                m_error = error;
            else
                m_url = m_simulator->baseUrl();
        },
        Qt::BlockingQueuedConnection);
}

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

} // namespace fb::ui
