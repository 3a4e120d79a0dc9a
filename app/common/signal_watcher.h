#pragma once
// Turns SIGINT/SIGTERM/SIGHUP into a Qt signal: the handler only writes a byte to a pipe (the one
// async-signal-safe thing worth doing), and a QSocketNotifier on the pipe's read end delivers
// it to the event loop.

#include <QObject>

class QSocketNotifier;

namespace fb {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;
    bool isValid() const { return m_notifier != nullptr; }

signals:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace fb
