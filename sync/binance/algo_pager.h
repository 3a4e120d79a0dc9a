#pragma once
// Pagination of GET /fapi/v1/allAlgoOrders for one symbol (API sheet §5.5; docs/design.md
// D108): by algoId only, `algoId` = the start, limit 1000, each next page from the last id + 1,
// until a short page or an algo order created after the range's end (not kept). No time windows:
// like orderId for allOrders (D77), an id walk is assumed not to be bounded to 7 days.
//
// Pure, like every pager: the engine sends next() and hands the page to accept().

#include "models/domain/records.h"
#include "sync/binance/endpoints.h"

#include <QList>

#include <optional>

namespace fb::binance {

class AlgoOrderPager
{
public:
    AlgoOrderPager(const QString& symbol, qint64 fromAlgoId, qint64 toMs,
                   int limit = kAllAlgoOrdersMaxLimit);

    std::optional<Request> next() const;
    // The rows to store: algoId >= the cursor, created at or before the range's end.
    QList<AlgoOrder> accept(const QList<AlgoOrder>& page);
    bool done() const { return m_done; }
    QString error() const { return m_error; }
    std::optional<qint64> lastId() const { return m_lastId; }
    QString symbol() const { return m_symbol; }

private:
    QString m_symbol;
    qint64 m_nextId;
    qint64 m_toMs;
    int m_limit;
    std::optional<qint64> m_lastId;
    bool m_done = false;
    QString m_error;
};

} // namespace fb::binance
