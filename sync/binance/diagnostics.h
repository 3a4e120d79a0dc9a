#pragma once
// Logging and the rules that keep credentials out of every message the client produces.
//
// The API secret and key must never reach a log, an error message or QDebug output. Three
// helpers enforce that at the points where text leaves the client: redact() for URLs (the
// signature is derived from the secret and, with the query, would let anyone replay the request
// inside its recvWindow), scrub() for any text that might echo a credential back (an error body
// from a proxy, say), and excerpt() which bounds how much of a response body is quoted.

#include <QByteArray>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace fb::binance {

Q_DECLARE_LOGGING_CATEGORY(lcBinance)

// The URL without its `signature` parameter (the rest of the query is harmless and useful when
// reading logs: symbol, times, fromId).
QString redact(const QUrl& url);
// The query string without its `signature` parameter.
QByteArray redactQuery(const QByteArray& query);

// Replaces every occurrence of the given secrets (empty ones are ignored) with "***".
QString scrub(QString text, const QList<QByteArray>& secrets);
QByteArray scrub(QByteArray text, const QList<QByteArray>& secrets);

// At most `maxChars` characters of a body, on one line, for error messages.
QString excerpt(const QByteArray& body, int maxChars = 120);

// Our own words for a transport failure: Qt's errorString() embeds the full URL, signature
// included, so it is never used in a message.
QString transportText(QNetworkReply::NetworkError error);

} // namespace fb::binance
