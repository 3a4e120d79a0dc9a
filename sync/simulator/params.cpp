#include "sync/simulator/params.h"

#include <QJsonObject>
#include <QUrl>

#include "sync/simulator/jsonwriter.h"

namespace fb::sim {

QByteArray ApiError::body() const
{
    return compactJson(QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("msg"), msg}});
}

namespace errors {

ApiError unknown()
{
    return {500, -1000, QStringLiteral("Request occur unknown error.")};
}

ApiError invalidApiKey()
{
    return {401, -2015, QStringLiteral("Invalid API-key, IP, or permissions for action.")};
}

ApiError invalidSignature()
{
    return {400, -1022, QStringLiteral("Signature for this request is not valid.")};
}

ApiError timestampAhead()
{
    return {400, -1021,
            QStringLiteral("Timestamp for this request was 1000ms ahead of the server's time.")};
}

ApiError timestampOutsideWindow()
{
    return {400, -1021, QStringLiteral("Timestamp for this request is outside of the recvWindow.")};
}

ApiError illegalChars(const QString& param)
{
    return {400, -1100,
            QStringLiteral("Illegal characters found in parameter '%1'; legal range is "
                           "'^[0-9]{1,20}$'.")
                .arg(param)};
}

ApiError duplicateParam(const QString& param)
{
    return {400, -1101, QStringLiteral("Duplicate values for parameter '%1'.").arg(param)};
}

ApiError mandatory(const QString& param)
{
    return {400, -1102,
            QStringLiteral("Mandatory parameter '%1' was not sent, was empty/null, or malformed.")
                .arg(param)};
}

ApiError unreadParams(int read, int sent)
{
    return {400, -1104,
            QStringLiteral("Not all sent parameters were read; read '%1' parameter(s) but was "
                           "sent '%2'.")
                .arg(read)
                .arg(sent)};
}

ApiError invalidSymbol()
{
    return {400, -1121, QStringLiteral("Invalid symbol.")};
}

ApiError startAfterEnd()
{
    return {400, -1023, QStringLiteral("Start time is greater than end time.")};
}

ApiError windowTooLong(int hours)
{
    return {400, -1127,
            QStringLiteral("More than %1 hours between startTime and endTime.").arg(hours)};
}

ApiError badCombination()
{
    return {400, -1128, QStringLiteral("Combination of optional parameters invalid.")};
}

ApiError invalidParam(const QString& param)
{
    return {400, -1130, QStringLiteral("Data sent for parameter '%1' is not valid.").arg(param)};
}

ApiError notFound(const QByteArray& method, const QByteArray& path)
{
    return {404, -5000,
            QStringLiteral("Path %1, Method %2 is invalid")
                .arg(QString::fromLatin1(path), QString::fromLatin1(method))};
}

} // namespace errors

QueryParams QueryParams::parse(const QByteArray& rawQuery)
{
    QueryParams params;
    if (rawQuery.isEmpty())
        return params;
    for (const QByteArray& pair : rawQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        params.m_items.append({QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value)});
    }
    return params;
}

bool QueryParams::has(const char* name) const
{
    for (const auto& item : m_items) {
        if (item.first == QLatin1String(name))
            return true;
    }
    return false;
}

QString QueryParams::value(const char* name) const
{
    for (const auto& item : m_items) {
        if (item.first == QLatin1String(name))
            return item.second;
    }
    return {};
}

std::optional<QString> QueryParams::duplicate() const
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        for (qsizetype j = i + 1; j < m_items.size(); ++j) {
            if (m_items[i].first == m_items[j].first)
                return m_items[i].first;
        }
    }
    return std::nullopt;
}

std::optional<ApiError> QueryParams::integer(const char* name, std::optional<qint64>* out) const
{
    *out = std::nullopt;
    if (!has(name))
        return std::nullopt;
    const QString text = value(name);
    bool ok = !text.isEmpty() && text.size() <= 20;
    for (QChar c : text)
        ok = ok && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const qint64 n = ok ? text.toLongLong(&ok) : 0;
    if (!ok)
        return errors::illegalChars(QLatin1String(name));
    *out = n;
    return std::nullopt;
}

} // namespace fb::sim
