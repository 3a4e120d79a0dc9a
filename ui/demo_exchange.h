#pragma once
// The built-in simulated exchange of demo mode: a Simulator with a deterministic account,
// served from a thread of its own so that answering the engine never stalls the UI.

#include "sync/simulator/simulator.h"

#include <QThread>
#include <QUrl>

namespace fb::ui {

class DemoExchange
{
public:
    // The shared demo account (app/common/demo_exchange.h), generated as of the anchor the demo
    // journal remembers, so that a relaunch does not present every record as changed. The
    // simulator runs on a thread of its own so that serving never stalls the window.
    // fills > 0 replaces the demo's 6000 fills (the stall measurement uses ~20,000); use it
    // with a journal of its own, or every record would read as changed.
    explicit DemoExchange(const QString& journalPath, int fills = 0);
    ~DemoExchange();
    DemoExchange(const DemoExchange&) = delete;
    DemoExchange& operator=(const DemoExchange&) = delete;

    bool isRunning() const { return m_url.isValid(); }
    QString errorString() const { return m_error; }
    QUrl baseUrl() const { return m_url; }

private:
    QThread m_thread;
    QObject* m_context = nullptr; // lives in m_thread
    sim::Simulator* m_simulator = nullptr;
    QUrl m_url;
    QString m_error;
};

} // namespace fb::ui
