#pragma once
// Measures how long the main thread's event loop goes without running a 10 ms timer: the
// longest gap minus the interval is the longest stall the user could have felt.
//
// Each gap is also split by what the UI thread itself did in it: the thread's own CPU time
// (CLOCK_THREAD_CPUTIME_ID). A 60 ms gap with 3 ms of CPU is the scheduler running other
// threads and processes; a 60 ms gap with 55 ms of CPU is our own work to remove.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace fb::ui {

class StallWatchdog : public QObject
{
    Q_OBJECT
public:
    explicit StallWatchdog(QObject* parent = nullptr);
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    qint64 longestStallMs() const { return m_longestStallMs; }
    // The most CPU the UI thread spent inside one gap (-1 where the platform cannot tell).
    qint64 longestBusyMs() const { return m_longestBusyMs; }
    // CPU the UI thread used during the longest stall.
    qint64 busyInLongestStallMs() const { return m_busyInLongestMs; }

private:
    void tick();

    static constexpr int kIntervalMs = 10;
    QTimer m_timer;
    QElapsedTimer m_sinceLastTick;
    qint64 m_lastCpuNs = 0;
    qint64 m_longestStallMs = 0;
    qint64 m_longestBusyMs = 0;
    qint64 m_busyInLongestMs = 0;
};

} // namespace fb::ui
