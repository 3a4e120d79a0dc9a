#include "sync/binance/order_pager.h"

namespace fb::binance {

OrderPager::OrderPager(const QString& symbol, qint64 from, qint64 to, qint64 coveredThrough,
                       int limit, qint64 windowMs)
    : m_symbol(symbol)
    , m_core(
          from, to, windowMs, limit,
          [symbol](qint64 start, qint64 end, int n) {
              return allOrdersByTime(symbol, start, end, n);
          },
          [symbol](qint64 orderId, int n) { return allOrdersFromId(symbol, orderId, n); },
          std::nullopt, coveredThrough)
{}

OrderPager::OrderPager(const QString& symbol, qint64 from, qint64 to, std::optional<qint64> lastId,
                       int limit)
    : m_symbol(symbol)
    , m_core(
          from, to, kOrderWindowMs, limit,
          [symbol](qint64 start, qint64 end, int n) {
              return allOrdersByTime(symbol, start, end, n);
          },
          [symbol](qint64 orderId, int n) { return allOrdersFromId(symbol, orderId, n); }, lastId,
          -1)
{}

OrderPager OrderPager::fromId(const QString& symbol, qint64 from, qint64 to, qint64 fromId,
                              int limit)
{
    return OrderPager(symbol, from, to, std::optional<qint64>(fromId - 1), limit);
}

QList<Order> OrderPager::accept(const QList<Order>& page)
{
    QList<IdWindowPager::Row> rows;
    rows.reserve(page.size());
    for (const Order& order : page)
        rows.append({order.orderId, order.time});
    QList<Order> kept;
    for (qsizetype i : m_core.accept(rows))
        kept.append(page[i]);
    return kept;
}

} // namespace fb::binance
