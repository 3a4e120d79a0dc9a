#pragma once
// Pagination of GET /fapi/v1/allOrders for one symbol (API sheet §5.5).
//
// Windows strictly shorter than 7 days (endTime - startTime = 7 d - 2 ms, so the window is
// shorter than 7 days whether the server counts the span inclusively or not). A window that
// returns a full page continues with orderId = last + 1 (the API returns orders with an id >=
// it; not combined with times) until a short page or an order created after the window's end.
//
// Orders have no id cursor across runs: each run walks the windows of its range, and a resumed
// run starts after coveredThrough(). Orders change after creation (NEW -> FILLED); the engine
// re-reads recent windows if it needs fresh statuses.

#include "models/domain/records.h"
#include "sync/binance/pager_core.h"

namespace fb::binance {

inline constexpr qint64 kOrderWindowMs = 7 * kMsPerDay - 1;

class OrderPager
{
public:
    OrderPager(const QString& symbol, qint64 from, qint64 to, qint64 coveredThrough = -1,
               int limit = kAllOrdersMaxLimit, qint64 windowMs = kOrderWindowMs);
    // By id only: orderId = fromId, fromId + ..., limit 1000, until a short page or an order
    // created after `to` (docs/design.md D77). Orders created before `from` are kept: a fill
    // in the range may belong to an order placed before it.
    static OrderPager fromId(const QString& symbol, qint64 from, qint64 to, qint64 fromId,
                             int limit = kAllOrdersMaxLimit);

    std::optional<Request> next() const { return m_core.next(); }
    QList<Order> accept(const QList<Order>& page);
    bool done() const { return m_core.done(); }
    QString error() const { return m_core.error(); }
    QStringList warnings() const { return m_core.warnings(); }

    QString symbol() const { return m_symbol; }
    qint64 coveredThrough() const { return m_core.coveredThrough(); }
    PagerProgress progress() const { return m_core.progress(); }
    qint64 estimatedRemainingRequests() const { return m_core.estimatedRemainingRequests(); }

private:
    OrderPager(const QString& symbol, qint64 from, qint64 to, std::optional<qint64> lastId,
               int limit);
    QString m_symbol;
    IdWindowPager m_core;
};

} // namespace fb::binance
