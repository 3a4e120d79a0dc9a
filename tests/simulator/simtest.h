#pragma once
// Helpers for the simulator tests: a raw HTTP/1.1 client over QTcpSocket (so that tests see the
// exact bytes, partial bodies and resets) that waits by spinning the event loop, because the
// simulator serves from the same thread; a settable fake clock; request signing. The simulators
// themselves are tests/support's SimulatedExchange.

#include "sync/simulator/simulator.h"
#include "tests/support/sim_fixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

namespace simtest {

// 2026-01-15T12:00:00.123Z: a fixed "now" for deterministic tests.
inline constexpr qint64 kNow = 1768478400123LL;
inline constexpr qint64 kDay = 86400000LL;

struct Response
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray raw;            // everything received
    bool complete = false;     // head and Content-Length bytes of body received
    bool closedByPeer = false; // the server closed (FIN or RST)
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
    qint64 contentLength = -1;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonArray array() const { return json().array(); }
    QJsonObject object() const { return json().object(); }
    int code() const { return object().value(QStringLiteral("code")).toInt(); }
};

// Spins the event loop until `done()` or the timeout. Unlike QTest::qWaitFor it sleeps in the
// event dispatcher, so it wakes as soon as a socket has news (no 10 ms naps per round).
template <typename Predicate> bool spinUntil(Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0)
            return done();
        QEventLoop loop;
        QTimer::singleShot(std::min<qint64>(left, 20), &loop, &QEventLoop::quit);
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Parses whatever of one response is in `data`; returns bytes consumed once complete.
inline qsizetype parseResponse(const QByteArray& data, Response* r)
{
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QList<QByteArray> lines = data.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    r->status = statusLine.size() > 1 ? statusLine[1].toInt() : 0;
    r->headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r->headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    r->contentLength = r->header("Content-Length").toLongLong();
    r->body = data.mid(headEnd + 4, r->contentLength);
    if (r->body.size() < r->contentLength)
        return 0;
    r->complete = true;
    return headEnd + 4 + r->contentLength;
}

// A client connection kept open across requests (keep-alive).
class Client
{
public:
    explicit Client(quint16 port)
        : m_port(port)
    {}

    bool connect()
    {
        m_socket = std::make_unique<QTcpSocket>();
        m_closed = false;
        m_error = QAbstractSocket::UnknownSocketError;
        QObject::connect(m_socket.get(), &QTcpSocket::disconnected, [this] { m_closed = true; });
        QObject::connect(m_socket.get(), &QTcpSocket::errorOccurred,
                         [this](QAbstractSocket::SocketError e) {
                             m_error = e;
                             if (e == QAbstractSocket::RemoteHostClosedError)
                                 m_closed = true;
                         });
        m_socket->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        return spinUntil([this] { return m_socket->state() == QAbstractSocket::ConnectedState; },
                         5000);
    }

    void sendRaw(const QByteArray& bytes)
    {
        if (!m_socket)
            connect();
        m_socket->write(bytes);
        m_socket->flush();
    }

    void sendGet(const QByteArray& target, const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto& [k, v] : headers)
            request += k + ": " + v + "\r\n";
        sendRaw(request + "\r\n");
    }

    // Waits for one complete response (or the peer closing, or the timeout).
    Response read(int timeoutMs = 5000)
    {
        Response r;
        static_cast<void>(spinUntil(
            [&] {
                m_buffer += m_socket->readAll();
                return parseResponse(m_buffer, &r) > 0 || m_closed;
            },
            timeoutMs));
        m_buffer += m_socket->readAll();
        const qsizetype used = parseResponse(m_buffer, &r);
        r.raw = used > 0 ? m_buffer.left(used) : m_buffer;
        m_buffer.remove(0, used > 0 ? used : m_buffer.size());
        r.closedByPeer = m_closed;
        r.error = m_error;
        return r;
    }

    Response get(const QByteArray& target, const QList<QPair<QByteArray, QByteArray>>& headers = {},
                 int timeoutMs = 5000)
    {
        sendGet(target, headers);
        return read(timeoutMs);
    }

    bool isClosed() const { return m_closed; }
    QTcpSocket* socket() const { return m_socket.get(); }

private:
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
    QAbstractSocket::SocketError m_error = QAbstractSocket::UnknownSocketError;
};

// A clock the test moves by hand.
struct FakeClock
{
    std::shared_ptr<qint64> now = std::make_shared<qint64>(kNow);
    std::function<qint64()> fn() const
    {
        auto n = now;
        return [n] { return *n; };
    }
    void advance(qint64 ms) const { *now += ms; }
};

inline QList<QPair<QByteArray, QByteArray>> keyHeader(const QByteArray& key = fb::sim::kDemoApiKey)
{
    return {{"X-MBX-APIKEY", key}};
}

// "path?query&timestamp=T&signature=S" signed with the simulator's secret at its server time.
inline QByteArray signedTarget(const fb::sim::Simulator& sim, const QByteArray& path,
                               const QByteArray& query = {})
{
    return path + '?' + sim.signQuery(query);
}

// One signed request on a fresh connection.
inline Response signedGet(const fb::sim::Simulator& sim, const QByteArray& path,
                          const QByteArray& query = {})
{
    Client c(sim.port());
    c.connect();
    return c.get(signedTarget(sim, path, query), keyHeader());
}

inline Response plainGet(const fb::sim::Simulator& sim, const QByteArray& target)
{
    Client c(sim.port());
    c.connect();
    return c.get(target);
}

} // namespace simtest
