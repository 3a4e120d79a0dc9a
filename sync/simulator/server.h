#pragma once
// A small HTTP/1.1 server on QTcpServer: keep-alive, pipelining (answers leave in request order),
// optional response latency (timers, never blocking the event loop), and the delivery faults the
// simulator injects (reset, hang, truncate) or a test asks for (trickle, endless). The request
// handler runs synchronously on arrival.

#include "sync/simulator/http.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <functional>

class QTcpServer;

namespace fb::sim {

// How a response leaves the server.
enum class Delivery {
    Normal,
    Reset,    // head and part of the body, then the connection is reset (RST)
    Hang,     // head and part of the body, then silence; the connection stays open
    Truncate, // Content-Length of the whole body, part of it sent, then a clean close
    Trickle,  // head, then the body one byte every trickleMs (never silent for long)
    Endless,  // head without a length, then filler for ever, as fast as the peer reads
};

struct HttpOutcome
{
    HttpResponse response;
    Delivery delivery = Delivery::Normal;
    int trickleMs = 1000; // Delivery::Trickle's pace
};

// Called for every request, including malformed ones (request.errorStatus != 0).
using HttpHandler =
    std::function<HttpOutcome(const HttpRequest& request, const QHostAddress& peer)>;

class HttpConnection;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(HttpHandler handler, QObject* parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress& address, quint16 port, QString* error = nullptr);
    void close(); // stops listening and drops every connection
    bool isListening() const;
    quint16 port() const;

    void setLatencyMs(int ms) { m_latencyMs = ms < 0 ? 0 : ms; }
    int latencyMs() const { return m_latencyMs; }
    // Each response's delay is spread uniformly over latency ± jitter (never below 0), by a
    // fixed sequence: the same requests get the same delays in every run.
    void setLatencyJitterMs(int ms) { m_jitterMs = ms < 0 ? 0 : ms; }
    int latencyJitterMs() const { return m_jitterMs; }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    qint64 connectionsAccepted() const { return m_accepted; }

private:
    friend class HttpConnection;
    void onNewConnection();

    HttpHandler m_handler;
    QTcpServer* m_server = nullptr;
    QSet<HttpConnection*> m_connections;
    int nextDelayMs(); // latency ± jitter for the next response
    int m_latencyMs = 0;
    int m_jitterMs = 0;
    quint64 m_delays = 0; // responses delayed so far (the jitter sequence's position)
    qint64 m_accepted = 0;
};

} // namespace fb::sim
