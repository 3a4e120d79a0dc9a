#pragma once
// One window per journal: a QLocalServer named from a hash of the journal's canonical path.
// A second launch on the same journal asks the first to raise its window and exits.

#include <QLocalServer>
#include <QObject>

namespace fb::desktop {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString& journalPath, QObject* parent = nullptr);

    static QString serverName(const QString& journalPath);
    // True if another instance answered (and was asked to raise its window).
    bool notifyRunningInstance();
    // Starts listening; false (with the reason) if that is impossible.
    bool listen(QString* error);

signals:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer m_server;
};

} // namespace fb::desktop
