#include "fake_exchange.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QTcpSocket>

#include <sys/socket.h>

QString RecordedRequest::param(const QString& name) const
{
    for (const QByteArray& part : query.split('&')) {
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            continue;
        if (QString::fromUtf8(QByteArray::fromPercentEncoding(part.left(eq))) == name)
            return QString::fromUtf8(QByteArray::fromPercentEncoding(part.mid(eq + 1)));
    }
    return {};
}

bool RecordedRequest::signatureValid(const QByteArray& secret) const
{
    const qsizetype at = query.lastIndexOf("&signature=");
    if (at < 0)
        return false;
    const QByteArray signedPart = query.left(at);
    const QByteArray given = query.mid(at + 11);
    return QMessageAuthenticationCode::hash(signedPart, secret, QCryptographicHash::Sha256)
               .toHex() == given.toLower();
}

ScriptedReply ScriptedReply::json(int status, const QByteArray& body,
                                  QList<std::pair<QByteArray, QByteArray>> headers)
{
    return {Kind::Respond, status, std::move(headers), body};
}

ScriptedReply ScriptedReply::error(int status, int code, const QByteArray& msg,
                                   QList<std::pair<QByteArray, QByteArray>> headers)
{
    return json(status, "{\"code\":" + QByteArray::number(code) + ",\"msg\":\"" + msg + "\"}",
                std::move(headers));
}

FakeExchange::FakeExchange(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeExchange::onConnection);
}

FakeExchange::~FakeExchange()
{
    // The sockets belong to m_server, which outlives the containers their handlers touch.
    for (QTcpSocket* socket : m_server.findChildren<QTcpSocket*>()) {
        socket->disconnect(this);
        socket->abort();
    }
}

bool FakeExchange::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeExchange::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void FakeExchange::script(const QByteArray& path, const QList<ScriptedReply>& replies)
{
    m_scripts[path] += replies;
}

int FakeExchange::count(const QByteArray& path) const
{
    int n = 0;
    for (const RecordedRequest& r : m_requests)
        n += r.path == path ? 1 : 0;
    return n;
}

void FakeExchange::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] {
            m_buffers.remove(socket);
            m_hanging.removeOne(socket);
        });
    }
}

void FakeExchange::onReadyRead(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.remove(0, end + 4); // GET requests have no body
    RecordedRequest request;
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    const qsizetype q = target.indexOf('?');
    request.path = q < 0 ? target : target.left(q);
    request.query = q < 0 ? QByteArray() : target.mid(q + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    m_requests.append(request);

    ScriptedReply reply;
    QList<ScriptedReply>& queue = m_scripts[request.path];
    if (!queue.isEmpty())
        reply = queue.takeFirst();
    else if (m_fallback)
        reply = m_fallback(request);
    else
        reply = ScriptedReply::error(404, -1, "unscripted path");

    switch (reply.kind) {
    case ScriptedReply::Kind::Hang:
        m_hanging.append(socket);
        return;
    case ScriptedReply::Kind::ResetMidBody:
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 1000\r\n\r\n[{\"symbol\":");
        socket->flush();
        socket->waitForBytesWritten(1000);
        [[fallthrough]];
    case ScriptedReply::Kind::Reset: {
        // SO_LINGER 0 turns the close into a TCP RST: a real "connection reset by peer".
        struct linger lingerOption
        {
            1, 0
        };
        ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER,
                     &lingerOption, sizeof lingerOption);
        socket->abort();
        return;
    }
    case ScriptedReply::Kind::Respond:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    out += "Connection: close\r\n";
    for (const auto& [name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n" + reply.body;
    socket->write(out);
    socket->disconnectFromHost();
}
