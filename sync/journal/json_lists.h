#pragma once
// String lists (tags, mistakes, screenshot paths) as the journal and the desk server store them:
// one compact JSON array of strings.

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace fb::journal {

inline QString listJson(const QStringList& list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

// Anything that is not a JSON array reads as an empty list.
inline QStringList readList(const QString& json)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& item : array)
        list.append(item.toString());
    return list;
}

} // namespace fb::journal
