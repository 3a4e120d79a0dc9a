#pragma once
// Query parameters as Binance reads them, and the API's error answers.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace fb::sim {

// {"code": <negative>, "msg": "..."} with its HTTP status.
struct ApiError
{
    int httpStatus = 400;
    int code = 0;
    QString msg;

    QByteArray body() const;
};

namespace errors {
ApiError unknown();                            // 500 -1000 "Request occur unknown error."
ApiError invalidApiKey();                      // 401 -2015
ApiError invalidSignature();                   // 400 -1022
ApiError timestampAhead();                     // 400 -1021 (1000 ms ahead)
ApiError timestampOutsideWindow();             // 400 -1021 (older than recvWindow)
ApiError illegalChars(const QString& param);   // 400 -1100
ApiError duplicateParam(const QString& param); // 400 -1101
ApiError mandatory(const QString& param);      // 400 -1102
ApiError unreadParams(int read, int sent);     // 400 -1104
ApiError invalidSymbol();                      // 400 -1121
ApiError startAfterEnd();                      // 400 -1023
ApiError windowTooLong(int hours);             // 400 -1127
ApiError badCombination();                     // 400 -1128
ApiError invalidParam(const QString& param);   // 400 -1130
ApiError notFound(const QByteArray& method, const QByteArray& path); // 404
} // namespace errors

class QueryParams
{
public:
    // Splits the raw query on '&' and percent-decodes names and values ('+' is a space, as in
    // HTML forms). Keeps order and duplicates.
    static QueryParams parse(const QByteArray& rawQuery);

    qsizetype count() const { return m_items.size(); }
    const QList<QPair<QString, QString>>& items() const { return m_items; }
    bool has(const char* name) const;
    QString value(const char* name) const;
    // The first parameter that appears twice, if any.
    std::optional<QString> duplicate() const;

    // An integer parameter: absent -> nullopt in *out; present but not a plain non-negative
    // integer that fits in 64 bits -> -1100 (e.g. "1656633600000.0", "-5", "12a").
    std::optional<ApiError> integer(const char* name, std::optional<qint64>* out) const;

private:
    QList<QPair<QString, QString>> m_items;
};

} // namespace fb::sim
