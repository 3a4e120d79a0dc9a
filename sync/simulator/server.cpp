#include "sync/simulator/server.h"

#include "sync/simulator/logging.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#include <deque>
#include <memory>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace fb::sim {

// One client connection. Requests are parsed as bytes arrive; each gets a slot in a queue, and
// slots are written strictly in order once ready (after the latency), so pipelined answers never
// overtake each other.
class HttpConnection : public QObject
{
public:
    HttpConnection(QTcpSocket* socket, HttpServer* server)
        : QObject(server)
        , m_socket(socket)
        , m_server(server)
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
        connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                qCDebug(lcSim) << "socket error" << m_socket->errorString();
        });
    }

    void abort()
    {
        m_dead = true;
        m_socket->abort();
    }

private:
    struct Slot
    {
        HttpOutcome outcome;
        bool ready = false;
    };

    // Stop reading after a request that closes the connection, after a parse error, or while
    // too many answers are pending (a client that pipelines without reading).
    static constexpr size_t kMaxPending = 64;

    void onReadyRead()
    {
        if (m_dead || m_closing) {
            m_socket->readAll(); // discard: nothing more will be answered on this connection
            return;
        }
        m_buffer.append(m_socket->readAll());
        parseAvailable();
    }

    void parseAvailable()
    {
        while (!m_closing && !m_dead && m_queue.size() < kMaxPending) {
            HttpRequest request;
            const auto status = HttpRequestParser::parse(m_buffer, &request);
            if (status == HttpRequestParser::Status::NeedMore)
                break;
            if (status == HttpRequestParser::Status::Error) {
                m_buffer.clear();
                m_closing = true;
            } else if (!request.keepAlive) {
                m_closing = true;
            }
            auto slot = std::make_shared<Slot>();
            slot->outcome = m_server->m_handler(request, m_socket->peerAddress());
            if (m_closing)
                slot->outcome.response.close = true;
            m_queue.push_back(slot);
            if (const int delayMs = m_server->nextDelayMs(); delayMs > 0) {
                QTimer::singleShot(delayMs, this, [this, slot] {
                    slot->ready = true;
                    flush();
                });
            } else {
                slot->ready = true;
            }
        }
        flush();
    }

    void flush()
    {
        while (!m_dead && !m_queue.empty() && m_queue.front()->ready) {
            const std::shared_ptr<Slot> slot = m_queue.front();
            m_queue.pop_front();
            deliver(slot->outcome);
        }
        // Room again in the queue: look at bytes that were left waiting.
        if (!m_dead && !m_closing && !m_buffer.isEmpty() && m_queue.size() < kMaxPending)
            QTimer::singleShot(0, this, &HttpConnection::parseAvailable);
    }

    void deliver(const HttpOutcome& outcome)
    {
        const HttpResponse& r = outcome.response;
        // At least one byte of the body goes out before a fault strikes (two for short bodies).
        const qsizetype part = std::max<qsizetype>(1, r.body.size() / 2);
        switch (outcome.delivery) {
        case Delivery::Normal:
            m_socket->write(r.serialize());
            if (r.close) {
                m_dead = true;
                m_socket->disconnectFromHost();
            }
            return;
        case Delivery::Hang:
            m_socket->write(r.head(r.body.size()) + r.body.left(part));
            m_dead = true; // keep the socket open and never say another word
            return;
        case Delivery::Truncate:
            m_socket->write(r.head(r.body.size()) + r.body.left(part));
            m_dead = true;
            m_socket->disconnectFromHost();
            return;
        case Delivery::Trickle: {
            m_socket->write(r.head(r.body.size()));
            m_dead = true; // this connection answers nothing else
            auto* timer = new QTimer(this);
            connect(timer, &QTimer::timeout, this,
                    [this, timer, body = r.body, sent = qsizetype(0)]() mutable {
                        if (sent >= body.size()) {
                            timer->stop();
                            return;
                        }
                        m_socket->write(body.mid(sent++, 1));
                    });
            timer->start(std::max(1, outcome.trickleMs));
            return;
        }
        case Delivery::Endless: {
            HttpResponse unbounded = r;
            unbounded.close = true; // without a length, the body ends only with the connection
            m_socket->write(unbounded.head(-1) + "[");
            m_dead = true;
            // Top the socket up whenever it drained: the server never holds more than a block
            // or two, however long the client keeps reading.
            const QByteArray block = QByteArray("{\"id\":1},").repeated(8192);
            auto topUp = [this, block] {
                if (m_socket->state() == QAbstractSocket::ConnectedState &&
                    m_socket->bytesToWrite() < block.size())
                    m_socket->write(block);
            };
            connect(m_socket, &QTcpSocket::bytesWritten, this, topUp);
            topUp();
            return;
        }
        case Delivery::Reset: {
            m_socket->write(r.head(r.body.size()) + r.body.left(part));
            m_socket->flush();
            m_dead = true;
            // Give the partial answer time to reach the peer, then reset: SO_LINGER 0 makes
            // close() send RST instead of FIN.
            QPointer<QTcpSocket> socket = m_socket;
            QTimer::singleShot(30, this, [socket] {
                if (!socket)
                    return;
#ifdef Q_OS_UNIX
                const qintptr fd = socket->socketDescriptor();
                if (fd >= 0) {
                    linger l{};
                    l.l_onoff = 1;
                    l.l_linger = 0;
                    ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &l, sizeof l);
                }
#endif
                socket->abort();
            });
            return;
        }
        }
    }

    void finish()
    {
        m_dead = true;
        m_queue.clear();
        m_server->m_connections.remove(this);
        deleteLater();
    }

    QTcpSocket* m_socket;
    HttpServer* m_server;
    QByteArray m_buffer;
    std::deque<std::shared_ptr<Slot>> m_queue;
    bool m_closing = false; // no more requests are read
    bool m_dead = false;    // nothing more is written
};

HttpServer::HttpServer(HttpHandler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{}

HttpServer::~HttpServer()
{
    close();
}

int HttpServer::nextDelayMs()
{
    if (m_jitterMs == 0)
        return m_latencyMs;
    // splitmix64 of the response's number: uniform enough, and the same in every run.
    quint64 z = ++m_delays * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    const qint64 spread = static_cast<qint64>(z % (2 * static_cast<quint64>(m_jitterMs) + 1));
    return static_cast<int>(std::max<qint64>(0, m_latencyMs + spread - m_jitterMs));
}

bool HttpServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    if (!m_server) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    }
    if (!m_server->listen(address, port)) {
        if (error)
            *error = m_server->errorString();
        return false;
    }
    return true;
}

void HttpServer::close()
{
    if (m_server)
        m_server->close();
    const QSet<HttpConnection*> connections = m_connections;
    m_connections.clear();
    for (HttpConnection* c : connections) {
        c->abort();
        delete c;
    }
}

bool HttpServer::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        m_connections.insert(new HttpConnection(socket, this));
    }
}

} // namespace fb::sim
