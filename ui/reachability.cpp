#include "ui/reachability.h"

#include "ui/app_context.h"

#include <QNetworkInformation>

namespace fb::ui {

namespace {

Reachability fromQt(QNetworkInformation::Reachability r)
{
    switch (r) {
    case QNetworkInformation::Reachability::Disconnected:
        return Reachability::Offline;
    case QNetworkInformation::Reachability::Local:
    case QNetworkInformation::Reachability::Site:
    case QNetworkInformation::Reachability::Online:
        // Local or site reachability still lets a proxy or the testnet on the LAN answer;
        // the engine finds out for itself and pauses as offline if it cannot connect.
        return Reachability::Online;
    case QNetworkInformation::Reachability::Unknown:
        break;
    }
    return Reachability::Unknown;
}

} // namespace

SystemReachability::SystemReachability(QObject* parent)
    : ReachabilitySource(parent)
{
    if (!QNetworkInformation::loadDefaultBackend())
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    QNetworkInformation* info = QNetworkInformation::instance();
    if (!info) {
        qCInfo(lcUi) << "no network information backend: reachability unknown";
        return;
    }
    m_backend = info->backendName();
    m_state = fromQt(info->reachability());
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) {
                const Reachability state = fromQt(r);
                if (state == m_state)
                    return;
                m_state = state;
                emit reachabilityChanged(state);
            });
}

void ManualReachability::set(Reachability state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit reachabilityChanged(state);
}

OfflineResumer::Action OfflineResumer::networkChanged(Reachability now, bool syncing)
{
    const Reachability before = m_reachability;
    m_reachability = now;
    if (now == Reachability::Offline) {
        // The engine would find out at its next request and pause as offline anyway; asking
        // now stops it at the batch boundary instead of after a round of failed retries.
        if (syncing && !m_pausedForNetwork) {
            m_pausedForNetwork = true;
            return Action::PauseRun;
        }
        return Action::None;
    }
    // Back (or unknown again). A run still winding down from our pause is resumed by
    // runFinished; one already paused is resumed now.
    if (before == Reachability::Offline && !syncing && !m_waitingRunId.isEmpty())
        return Action::ResumeRun;
    return Action::None;
}

void OfflineResumer::runStarted(const QString& runId)
{
    // m_pausedForNetwork stays: the network may have gone between Sync and this signal.
    m_runningId = runId;
    if (m_waitingRunId == runId)
        m_waitingRunId.clear();
}

OfflineResumer::Action OfflineResumer::runFinished(const sync::RunSummary& summary)
{
    const bool pausedByUs = m_pausedForNetwork && sync::isResumable(summary.status);
    const bool networkStop = pausedByUs || (summary.exitCode == sync::exit_code::Offline &&
                                            sync::isResumable(summary.status));
    m_pausedForNetwork = false;
    m_runningId.clear();
    if (!networkStop) {
        m_waitingRunId.clear();
        return Action::None;
    }
    m_waitingRunId = summary.runId;
    // The network came back while our pause was winding down. A run the engine itself found
    // offline is not resumed while the source says "online": the source may be wrong (Unknown
    // counts as online), and resuming at once would loop. It waits for the next change, or
    // for the user's Resume.
    if (pausedByUs && m_reachability != Reachability::Offline)
        return Action::ResumeRun;
    return Action::None;
}

void OfflineResumer::forget(const QString& runId)
{
    if (m_waitingRunId == runId)
        m_waitingRunId.clear();
}

} // namespace fb::ui
