#include "sync/journal/version_vector.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace fb::journal {

VersionVector VersionVector::fromJson(const QString& json)
{
    VersionVector v;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const double value = it.value().toDouble(0);
        if (value < 1 || value != double(qint64(value)))
            return VersionVector{};
        v.m_counters.insert(it.key(), qint64(value));
    }
    return v;
}

QString VersionVector::toJson() const
{
    QJsonObject object;
    for (auto it = m_counters.constBegin(); it != m_counters.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void VersionVector::set(const QString& device, qint64 counter)
{
    if (counter <= 0)
        m_counters.remove(device);
    else
        m_counters.insert(device, counter);
}

VersionVector VersionVector::merged(const VersionVector& a, const VersionVector& b)
{
    VersionVector m = a;
    for (auto it = b.m_counters.constBegin(); it != b.m_counters.constEnd(); ++it)
        m.m_counters[it.key()] = std::max(m.counter(it.key()), it.value());
    return m;
}

VersionVector::Order VersionVector::compare(const VersionVector& other) const
{
    bool ahead = false;  // this has a counter the other has not reached
    bool behind = false; // the other has a counter this has not reached
    for (auto it = m_counters.constBegin(); it != m_counters.constEnd(); ++it)
        ahead = ahead || it.value() > other.counter(it.key());
    for (auto it = other.m_counters.constBegin(); it != other.m_counters.constEnd(); ++it)
        behind = behind || it.value() > counter(it.key());
    if (ahead && behind)
        return Order::Concurrent;
    if (ahead)
        return Order::Dominates;
    if (behind)
        return Order::DominatedBy;
    return Order::Equal;
}

QString VersionVector::text() const
{
    if (m_counters.isEmpty())
        return QStringLiteral("none");
    QStringList parts;
    for (auto it = m_counters.constBegin(); it != m_counters.constEnd(); ++it)
        parts.append(QStringLiteral("%1…:%2").arg(it.key().left(4)).arg(it.value()));
    return parts.join(QStringLiteral(", "));
}

} // namespace fb::journal
