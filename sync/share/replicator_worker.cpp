#include "sync/share/replicator_worker.h"

#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"

#include <QTimer>

#include <optional>

namespace fb::share {

using journal::DeskError;
using journal::JournalError;

QString shareStateName(ShareState state)
{
    switch (state) {
    case ShareState::Idle:
        return QStringLiteral("idle");
    case ShareState::Pushing:
        return QStringLiteral("pushing");
    case ShareState::Pulling:
        return QStringLiteral("pulling");
    case ShareState::Offline:
        return QStringLiteral("offline");
    case ShareState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

ReplicatorWorker::ReplicatorWorker(ShareConfig config, binance::RandomSource random)
    : m_config(std::move(config))
    , m_random(std::move(random))
{
    qRegisterMetaType<CycleReport>();
    qRegisterMetaType<ShareState>();
}

ReplicatorWorker::~ReplicatorWorker() = default;

void ReplicatorWorker::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] { scheduleNext(cycle(Both)); });
    }
    scheduleNext(cycle(Both));
}

void ReplicatorWorker::kick()
{
    // While offline the backoff decides; otherwise a change is shared now.
    if (m_timer && m_state != ShareState::Offline)
        m_timer->start(0);
}

void ReplicatorWorker::runOnce(int direction)
{
    emit cycleFinished(cycle(direction));
}

void ReplicatorWorker::retryHeld()
{
    m_held.clear();
    m_heldReason.clear();
    if (m_timer)
        m_timer->start(0);
}

void ReplicatorWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    m_desk.reset();
    m_db.reset();
}

void ReplicatorWorker::setState(ShareState state, qint64 pending, const QString& message)
{
    m_state = state;
    emit stateChanged(state, pending, message);
}

CycleReport ReplicatorWorker::cycle(int direction)
{
    CycleReport report;
    try {
        if (!m_db)
            m_db = std::make_unique<journal::Database>(
                m_config.journalPath,
                journal::OpenOptions{journal::OpenMode::ReadWrite, QStringLiteral("share")});
        report.pending = journal::OutboxStore(*m_db).pendingCount();
        if (!m_desk)
            m_desk = std::make_unique<journal::DeskConnection>(m_config.endpoint,
                                                               QStringLiteral("share"));
        Replicator replicator(*m_db, *m_desk, m_config.hooks, m_config.batchSize);
        if (m_config.holdRefused) {
            // Rows pushed meanwhile by another process (`desk push`) are held no more.
            m_held = journal::OutboxStore(*m_db).stillQueued(m_held);
            replicator.holdRefused(m_held);
        }
        std::optional<DeskError> refused;
        if (direction & Push) {
            setState(ShareState::Pushing, report.pending, QString());
            try {
                report.push = replicator.push();
                if (!report.push.refusedSeqs.isEmpty()) {
                    m_held.unite(QSet<qint64>(report.push.refusedSeqs.cbegin(),
                                              report.push.refusedSeqs.cend()));
                    m_heldReason = report.push.refusal;
                }
            } catch (const DeskError& error) {
                // A refused batch (kept queued with its reason on its rows) is about those rows,
                // not the server: other devices' notes are still pulled, then the cycle fails.
                if (error.kind() != DeskError::Kind::Rejected || !(direction & Pull))
                    throw;
                refused = error;
            }
        }
        if (direction & Pull) {
            setState(ShareState::Pulling, journal::OutboxStore(*m_db).pendingCount(), QString());
            report.pull = replicator.pull();
        }
        if (refused) {
            report.pending = journal::OutboxStore(*m_db).pendingCount();
            throw *refused;
        }
        report.pending = journal::OutboxStore(*m_db).pendingCount();
        m_failures = 0;
        if (m_config.holdRefused && !m_held.isEmpty()) {
            // The rest was shared; the held rows wait for the trader (Retry) with the reason.
            report.held = m_held.size();
            report.ok = false;
            report.deskError = true;
            report.errorKind = static_cast<int>(DeskError::Kind::Rejected);
            report.message = m_heldReason;
            setState(ShareState::Failed, report.pending, m_heldReason);
            return report;
        }
        setState(ShareState::Idle, report.pending, QString());
    } catch (const DeskError& error) {
        report.ok = false;
        report.deskError = true;
        report.errorKind = static_cast<int>(error.kind());
        report.message = error.message();
        // A lost or refused server connection is not reused: the next cycle connects again.
        m_desk.reset();
        setState(error.kind() == DeskError::Kind::Unreachable ? ShareState::Offline
                                                              : ShareState::Failed,
                 report.pending, error.message());
    } catch (const JournalError& error) {
        report.ok = false;
        report.errorKind = static_cast<int>(error.kind());
        report.message = error.message();
        m_db.reset();
        setState(ShareState::Failed, report.pending, error.message());
    } catch (const std::exception& error) {
        // Nothing else may end the worker's thread: the cycle fails and the next one starts over.
        report.ok = false;
        report.errorKind = static_cast<int>(JournalError::Kind::Other);
        report.message = QStringLiteral("Sharing failed: %1").arg(QString::fromUtf8(error.what()));
        m_desk.reset();
        m_db.reset();
        setState(ShareState::Failed, report.pending, report.message);
    }
    return report;
}

void ReplicatorWorker::scheduleNext(const CycleReport& report)
{
    emit cycleFinished(report);
    if (!m_timer)
        return;
    if (m_state == ShareState::Offline) {
        ++m_failures;
        // Never given up: the outbox waits for the server. The delay stops growing at the cap.
        const qint64 delay =
            binance::backoffDelayMs(m_config.retry, std::min(m_failures, 30), m_random());
        emit retryScheduled(m_failures, delay);
        m_timer->start(std::chrono::milliseconds(delay));
        return;
    }
    m_timer->start(std::chrono::milliseconds(m_config.pollIntervalMs));
}

} // namespace fb::share
