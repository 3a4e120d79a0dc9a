#include "ui/ban_wait.h"

#include "ui/models/money_format.h"

#include "sync/engine/run_types.h"

#include <QDateTime>

namespace fb::ui {

BanWait::BanWait(Clock localClock, QObject* parent)
    : QObject(parent)
    , m_clock(localClock ? std::move(localClock)
                         : [] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_timer(this)
{
    m_timer.setInterval(1000); // the countdown shows seconds
    connect(&m_timer, &QTimer::timeout, this, &BanWait::refresh);
}

void BanWait::start(const QString& runId, qint64 untilMs, std::optional<qint64> clockOffsetMs,
                    bool autoResume)
{
    m_runId = runId;
    m_untilMs = untilMs;
    m_offsetMs = clockOffsetMs.value_or(0);
    m_autoResume = autoResume;
    m_timer.start();
    refresh();
}

void BanWait::stop()
{
    m_timer.stop();
    m_runId.clear();
}

qint64 BanWait::remainingMs() const
{
    return isWaiting() ? std::max<qint64>(0, m_untilMs - (m_clock() + m_offsetMs)) : 0;
}

QString BanWait::text() const
{
    if (!isWaiting())
        return {};
    // The end on this computer's clock, which is what the person reads next to it.
    const QTime atTime =
        QDateTime::fromMSecsSinceEpoch(m_untilMs - m_offsetMs).toLocalTime().time();
    const QString at = timeText(atTime);
    const QString in = durationText(remainingMs());
    return m_autoResume
               ? tr("Binance asked us to pause — resuming at %1 (in %2)").arg(at, in)
               : tr("Binance asked us to pause — you can resume at %1 (in %2)").arg(at, in);
}

void BanWait::refresh()
{
    if (!isWaiting())
        return;
    if (remainingMs() > 0) {
        emit changed(text());
        return;
    }
    const QString runId = m_runId;
    const bool autoResume = m_autoResume;
    stop();
    emit changed(QString());
    emit ended(runId, autoResume);
}

} // namespace fb::ui
