#pragma once
// What the simulator served: requests and weight per endpoint, responses by status, 429s and
// 418s, and injected faults by kind. Served by GET /sim/stats and printed on exit.

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace fb::sim {

class Stats
{
public:
    void recordRequest(const QString& endpoint, qint64 weight, int status);
    void recordFault(const QString& kind);
    void recordRateLimited() { ++m_rateLimited; }
    void recordBanned() { ++m_banned; }
    void recordMalformed() { ++m_malformed; }
    void reset() { *this = Stats(); }

    qint64 requests() const { return m_requests; }
    qint64 weight() const { return m_weight; }
    qint64 rateLimited() const { return m_rateLimited; }
    qint64 banned() const { return m_banned; }
    qint64 faults(const QString& kind) const { return m_faults.value(kind); }

    // {"requests", "weight", "rateLimited429", "banned418", "malformed", "byStatus": {"200": n},
    //  "faults": {"reset": n}, "endpoints": {"/fapi/v1/income": {"requests", "weight",
    //  "byStatus"}}}
    QJsonObject toJson() const;
    // A few aligned lines for a terminal.
    QString toText() const;

private:
    struct Endpoint
    {
        qint64 requests = 0;
        qint64 weight = 0;
        QMap<int, qint64> byStatus;
    };
    qint64 m_requests = 0;
    qint64 m_weight = 0;
    qint64 m_rateLimited = 0;
    qint64 m_banned = 0;
    qint64 m_malformed = 0;
    QMap<int, qint64> m_byStatus;
    QMap<QString, qint64> m_faults;
    QMap<QString, Endpoint> m_endpoints;
};

} // namespace fb::sim
