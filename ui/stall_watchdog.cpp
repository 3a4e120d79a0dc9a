#include "ui/stall_watchdog.h"

#include "ui/app_context.h"

#include <algorithm>

#include <time.h>

namespace fb::ui {

namespace {
// Stalls longer than this are logged (fillbook.ui debug) to find their cause.
constexpr qint64 kReportMs = 30;

qint64 threadCpuNs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
#endif
    return -1;
}
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
    m_longestBusyMs = threadCpuNs() < 0 ? -1 : 0;
    m_busyInLongestMs = m_longestBusyMs;
    m_lastCpuNs = threadCpuNs();
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
    const qint64 cpuNs = threadCpuNs();
    const qint64 busyMs = cpuNs < 0 ? -1 : (cpuNs - m_lastCpuNs) / 1'000'000;
    m_lastCpuNs = cpuNs;
    const qint64 stall = gap - kIntervalMs;
    if (stall > kReportMs)
        qCDebug(lcUi) << "main thread stalled for" << stall << "ms, of which it ran" << busyMs
                      << "ms";
    if (stall > m_longestStallMs) {
        m_longestStallMs = stall;
        m_busyInLongestMs = busyMs;
    }
    m_longestBusyMs = std::max(m_longestBusyMs, busyMs);
}

} // namespace fb::ui
