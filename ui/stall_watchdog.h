#pragma once
// Measures how long the main thread's event loop goes without running a 10 ms timer: the
// longest gap minus the interval is the longest stall the user could have felt.

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

private:
    void tick();

    static constexpr int kIntervalMs = 10;
    QTimer m_timer;
    QElapsedTimer m_sinceLastTick;
    qint64 m_longestStallMs = 0;
};

} // namespace fb::ui
