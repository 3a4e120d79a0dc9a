#include "ui/stall_watchdog.h"

#include "ui/app_context.h"

#include <algorithm>

namespace fb::ui {

namespace {
// Stalls longer than this are logged (fillbook.ui debug) to find their cause.
constexpr qint64 kReportMs = 30;
} // namespace

StallWatchdog::StallWatchdog(QObject* parent)
    : QObject(parent)
{
    // A precise timer: a coarse one may legally fire 5% late, which would read as stalls.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::tick);
}

void StallWatchdog::start()
{
    m_longestStallMs = 0;
    m_sinceLastTick.start();
    m_timer.start();
}

void StallWatchdog::stop()
{
    m_timer.stop();
}

void StallWatchdog::tick()
{
    const qint64 gap = m_sinceLastTick.restart();
    if (gap - kIntervalMs > kReportMs)
        qCDebug(lcUi) << "main thread stalled for" << gap - kIntervalMs << "ms";
    m_longestStallMs = std::max(m_longestStallMs, gap - kIntervalMs);
}

} // namespace fb::ui
