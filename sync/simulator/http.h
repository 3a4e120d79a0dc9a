#pragma once
// Minimal, strict HTTP/1.1 message handling for the simulator: request parsing that copes with
// requests split across reads and several requests in one read (pipelining), and response
// serialisation with Content-Length. No chunked bodies (clients never send them to Binance).

#include <QByteArray>
#include <QList>
#include <QPair>

namespace fb::sim {

struct HttpRequest
{
    QByteArray method;  // "GET"
    QByteArray target;  // "/fapi/v1/income?symbol=BTCUSDT&..." as received
    QByteArray path;    // "/fapi/v1/income"
    QByteArray query;   // raw query string, not decoded (the signature covers these bytes)
    QByteArray version; // "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool keepAlive = true;
    // Set when the bytes were not a valid request: the status to answer (400, 413, 501, 505)
    // and why. The connection is closed after answering.
    int errorStatus = 0;
    QByteArray errorReason;

    // First header with that name, compared case-insensitively; empty if absent.
    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
};

class HttpRequestParser
{
public:
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

    enum class Status { NeedMore, Complete, Error };
    // Takes one request off the front of `buffer` if a complete one is there. On Error the
    // request carries errorStatus/errorReason and the caller must stop reading the connection.
    static Status parse(QByteArray& buffer, HttpRequest* request);
};

struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Length and Connection
    QByteArray body;
    bool close = false; // send "Connection: close" and close after writing

    void setHeader(const QByteArray& name, const QByteArray& value);
    // Status line and headers; Content-Length is `contentLength` (the truncation fault claims more
    // than it sends); a negative length sends none (the body then ends with the connection).
    QByteArray head(qsizetype contentLength) const;
    QByteArray serialize() const { return head(body.size()) + body; }
};

const char* reasonPhrase(int status);

} // namespace fb::sim
