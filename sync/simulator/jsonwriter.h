#pragma once
// Response bodies are written element by element: a record loaded from a dataset is served as
// the exact JSON it was loaded from (its `raw`); a generated fill, income row or order is written
// straight to bytes in the API's field order (a QJsonObject per element would cost ten times as
// much, and a 1,000-row page is the common case). The fields are exactly those of the record's
// toJson(); a test keeps the two in step.

#include "models/domain/records.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fb::sim {

inline QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Appends a decimal keeping its scale ("0.00000000"), a JSON string, a JSON number.
void appendDecimal(QByteArray& out, const Decimal& value);
void appendString(QByteArray& out, const QString& value);

QByteArray recordJson(const Fill& fill);
QByteArray recordJson(const Income& income);
QByteArray recordJson(const Order& order);
QByteArray recordJson(const Position& position);

class JsonArrayWriter
{
public:
    void add(const QByteArray& element)
    {
        m_out.append(m_out.isEmpty() ? '[' : ',');
        m_out.append(element);
    }
    template <typename Record> void addRecord(const Record& record) { add(recordJson(record)); }
    QByteArray finish() const { return m_out.isEmpty() ? QByteArrayLiteral("[]") : m_out + ']'; }

private:
    QByteArray m_out;
};

} // namespace fb::sim
