#include "sync/simulator/http.h"

namespace fb::sim {
namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray& text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isTargetChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f; // visible ASCII; anything else must be percent-encoded
}

HttpRequestParser::Status fail(HttpRequest* request, int status, const char* reason)
{
    request->errorStatus = status;
    request->errorReason = reason;
    request->keepAlive = false;
    return HttpRequestParser::Status::Error;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray& name) const
{
    for (const auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArray& buffer, HttpRequest* request)
{
    *request = HttpRequest();
    // RFC 9112 §2.2: ignore empty lines before a request line.
    qsizetype pos = 0;
    while (pos < buffer.size() && (buffer[pos] == '\r' || buffer[pos] == '\n'))
        ++pos;
    if (pos > 0)
        buffer.remove(0, pos);
    if (buffer.isEmpty())
        return Status::NeedMore;

    // Collect the head's lines up to the empty line (CRLF, or a bare LF from lax clients).
    QList<QByteArray> lines;
    qsizetype bodyStart = -1;
    for (pos = 0;;) {
        const qsizetype nl = buffer.indexOf('\n', pos);
        if (nl < 0)
            break;
        QByteArray line = buffer.mid(pos, nl - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = nl + 1;
        if (line.isEmpty()) {
            bodyStart = pos;
            break;
        }
        lines.append(line);
    }
    if (bodyStart < 0) {
        if (buffer.size() > kMaxHeadBytes)
            return fail(request, 431, "request head too large");
        // A request line that is already visibly garbage need not wait for more bytes.
        const qsizetype firstNl = buffer.indexOf('\n');
        const QByteArray first = firstNl < 0 ? buffer : buffer.left(firstNl);
        for (char c : first) {
            if (c != '\r' && c != '\t' &&
                (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f))
                return fail(request, 400, "control character in request line");
        }
        return Status::NeedMore;
    }
    if (bodyStart > kMaxHeadBytes)
        return fail(request, 431, "request head too large");

    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty())
        return fail(request, 400, "malformed request line");
    request->method = parts[0];
    request->target = parts[1];
    request->version = parts[2];
    if (request->version != "HTTP/1.1" && request->version != "HTTP/1.0") {
        if (!request->version.startsWith("HTTP/"))
            return fail(request, 400, "malformed request line");
        return fail(request, 505, "HTTP version not supported");
    }
    if (!request->target.startsWith('/'))
        return fail(request, 400, "request target must be an absolute path");
    for (char c : request->target) {
        if (!isTargetChar(c))
            return fail(request, 400, "illegal character in request target");
    }
    const qsizetype q = request->target.indexOf('?');
    request->path = q < 0 ? request->target : request->target.left(q);
    request->query = q < 0 ? QByteArray() : request->target.mid(q + 1);

    qsizetype contentLength = 0;
    bool seenLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(request, 400, "obsolete header folding");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return fail(request, 400, "malformed header line");
        const QByteArray name = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        request->headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = !value.isEmpty();
            for (char c : value)
                ok = ok && c >= '0' && c <= '9';
            const qsizetype n = ok && value.size() <= 12 ? value.toLongLong(&ok) : -1;
            if (!ok || n < 0 || (seenLength && n != contentLength))
                return fail(request, 400, "bad Content-Length");
            contentLength = n;
            seenLength = true;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            return fail(request, 501, "Transfer-Encoding is not supported");
        }
    }
    if (contentLength > kMaxBodyBytes)
        return fail(request, 413, "request body too large");
    if (buffer.size() - bodyStart < contentLength)
        return Status::NeedMore;
    request->body = buffer.mid(bodyStart, contentLength);
    buffer.remove(0, bodyStart + contentLength);

    const QByteArray connection = request->header("Connection").toLower();
    if (request->version == "HTTP/1.0")
        request->keepAlive = connection.contains("keep-alive");
    else
        request->keepAlive = !connection.contains("close");
    return Status::Complete;
}

void HttpResponse::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::head(qsizetype contentLength) const
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (contentLength >= 0) // none: the body ends when the connection closes
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    out += "\r\n";
    return out;
}

const char* reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 418:
        return "I'm a teapot";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

} // namespace fb::sim
