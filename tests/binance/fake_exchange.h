#pragma once
// A tiny scripted HTTP/1.1 server on 127.0.0.1 for the client's integration tests: each path has
// a queue of scripted replies (status + headers + body, a connection reset, or silence), and
// every request is recorded with its raw query so tests can verify signatures and count calls.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

struct RecordedRequest
{
    QByteArray method;
    QByteArray path;
    QByteArray query;                     // raw, as received
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    qint64 receivedAtMs = 0;              // system clock

    QString param(const QString& name) const; // percent-decoded; null when absent
    bool hasParam(const QString& name) const { return !param(name).isNull(); }
    // HMAC-SHA256 over the query without its trailing "&signature=...", as Binance checks it.
    bool signatureValid(const QByteArray& secret) const;
};

struct ScriptedReply
{
    enum class Kind { Respond, Reset, ResetMidBody, Hang };
    Kind kind = Kind::Respond;
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static ScriptedReply json(int status, const QByteArray& body,
                              QList<std::pair<QByteArray, QByteArray>> headers = {});
    static ScriptedReply error(int status, int code, const QByteArray& msg,
                               QList<std::pair<QByteArray, QByteArray>> headers = {});
    static ScriptedReply reset() { return {Kind::Reset, 0, {}, {}}; }
    // Headers and part of the body, then a reset: Qt cannot silently re-send this one.
    static ScriptedReply resetMidBody() { return {Kind::ResetMidBody, 200, {}, {}}; }
    static ScriptedReply hang() { return {Kind::Hang, 0, {}, {}}; }
};

class FakeExchange : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ScriptedReply(const RecordedRequest&)>;

    explicit FakeExchange(QObject* parent = nullptr);
    ~FakeExchange() override;

    bool listen();
    void close() { m_server.close(); }
    QUrl url() const;

    // Replies for `path`, used in order; after they run out the fallback answers.
    void script(const QByteArray& path, const QList<ScriptedReply>& replies);
    void setFallback(Handler handler) { m_fallback = std::move(handler); }

    const QList<RecordedRequest>& requests() const { return m_requests; }
    int count(const QByteArray& path) const;

private:
    void onConnection();
    void onReadyRead(QTcpSocket* socket);

    QTcpServer m_server;
    QHash<QByteArray, QList<ScriptedReply>> m_scripts;
    Handler m_fallback;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<QTcpSocket*> m_hanging;
};
