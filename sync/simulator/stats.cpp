#include "sync/simulator/stats.h"

#include <QTextStream>

namespace fb::sim {
namespace {

QJsonObject statusObject(const QMap<int, qint64>& byStatus)
{
    QJsonObject o;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        o.insert(QString::number(it.key()), it.value());
    return o;
}

QString statusText(const QMap<int, qint64>& byStatus)
{
    QStringList parts;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        parts.append(QStringLiteral("%1:%2").arg(it.key()).arg(it.value()));
    return parts.join(QLatin1Char(' '));
}

} // namespace

void Stats::recordRequest(const QString& endpoint, qint64 weight, int status)
{
    ++m_requests;
    m_weight += weight;
    ++m_byStatus[status];
    Endpoint& e = m_endpoints[endpoint];
    ++e.requests;
    e.weight += weight;
    ++e.byStatus[status];
}

void Stats::recordFault(const QString& kind)
{
    ++m_faults[kind];
}

QJsonObject Stats::toJson() const
{
    QJsonObject faults;
    for (auto it = m_faults.cbegin(); it != m_faults.cend(); ++it)
        faults.insert(it.key(), it.value());
    QJsonObject endpoints;
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it)
        endpoints.insert(it.key(),
                         QJsonObject{{QStringLiteral("requests"), it->requests},
                                     {QStringLiteral("weight"), it->weight},
                                     {QStringLiteral("byStatus"), statusObject(it->byStatus)}});
    return QJsonObject{{QStringLiteral("requests"), m_requests},
                       {QStringLiteral("weight"), m_weight},
                       {QStringLiteral("rateLimited429"), m_rateLimited},
                       {QStringLiteral("banned418"), m_banned},
                       {QStringLiteral("malformed"), m_malformed},
                       {QStringLiteral("byStatus"), statusObject(m_byStatus)},
                       {QStringLiteral("faults"), faults},
                       {QStringLiteral("endpoints"), endpoints}};
}

QString Stats::toText() const
{
    QString text;
    QTextStream out(&text);
    out << "requests " << m_requests << ", weight " << m_weight << ", 429s " << m_rateLimited
        << ", 418s " << m_banned << ", malformed " << m_malformed << "\n";
    out << "by status: " << statusText(m_byStatus) << "\n";
    if (!m_faults.isEmpty()) {
        QStringList parts;
        for (auto it = m_faults.cbegin(); it != m_faults.cend(); ++it)
            parts.append(QStringLiteral("%1:%2").arg(it.key()).arg(it.value()));
        out << "faults: " << parts.join(QLatin1Char(' ')) << "\n";
    }
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it) {
        out << "  " << qSetFieldWidth(34) << Qt::left << it.key() << qSetFieldWidth(0)
            << " requests " << qSetFieldWidth(7) << Qt::right << it->requests << qSetFieldWidth(0)
            << "  weight " << qSetFieldWidth(8) << it->weight << qSetFieldWidth(0) << Qt::left
            << "  " << statusText(it->byStatus) << "\n";
    }
    out.flush();
    return text;
}

} // namespace fb::sim
