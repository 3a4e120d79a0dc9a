#include "app/desktop/single_instance.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLocalSocket>

namespace fb::desktop {

namespace {
constexpr int kConnectTimeoutMs = 500;
const QByteArray kRaise = QByteArrayLiteral("raise\n");
} // namespace

SingleInstance::SingleInstance(const QString& journalPath, QObject* parent)
    : QObject(parent)
    , m_name(serverName(journalPath))
{
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (socket->readAll().startsWith(kRaise.trimmed()))
                    emit raiseRequested();
                socket->disconnectFromServer();
            });
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

QString SingleInstance::serverName(const QString& journalPath)
{
    const QFileInfo info(journalPath);
    const QString canonical = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    const QByteArray hash =
        QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("fillbook-") + QString::fromLatin1(hash);
}

bool SingleInstance::notifyRunningInstance()
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(kConnectTimeoutMs))
        return false;
    socket.write(kRaise);
    socket.waitForBytesWritten(kConnectTimeoutMs);
    socket.disconnectFromServer();
    return true;
}

bool SingleInstance::listen(QString* error)
{
    if (m_server.listen(m_name))
        return true;
    // Nobody answered, so a socket file left by a crashed instance is stale.
    QLocalServer::removeServer(m_name);
    if (m_server.listen(m_name))
        return true;
    if (error)
        *error = m_server.errorString();
    return false;
}

} // namespace fb::desktop
