// Reading the Algo Service's orders and the stops of both histories (schema v12,
// docs/design.md D103 and D108).

#include "sync/journal/raw_rows.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QSet>

namespace fb::journal {

using detail::RawTraits;

namespace {

QVector<AlgoOrder> selectAlgo(Database& db, const QString& where, const QVariantList& values)
{
    QSqlQuery query = sqlOn(db).run(RawTraits<AlgoOrder>::table().selectRowSql() + where, values,
                                    QStringLiteral("read algo order records"));
    QVector<AlgoOrder> out;
    while (query.next())
        out.append(RawTraits<AlgoOrder>::read(query));
    return out;
}

} // namespace

std::optional<AlgoOrder> RawStore::algoOrder(const QString& account, qint64 algoId)
{
    const QVector<AlgoOrder> found =
        selectAlgo(m_db, QStringLiteral("WHERE account = ? AND algo_id = ?"), {account, algoId});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QVector<AlgoOrder> RawStore::algoOrders(const QString& account, const QString& symbol)
{
    return selectAlgo(m_db, QStringLiteral("WHERE account = ? AND symbol = ? ORDER BY algo_id"),
                      {account, symbol});
}

std::optional<qint64> RawStore::algoWalkStart(const QString& account, const QString& symbol)
{
    const QVariant live = sqlOn(m_db).scalar(
        // The partial index of the live ones (schema v18): the symbol's algo orders by id would
        // be walked to the end whenever none is live, every plan (D156).
        QStringLiteral("SELECT min(algo_id) FROM algo_orders INDEXED BY algo_orders_live WHERE "
                       "account = ? AND symbol = ? AND algo_status IN ('NEW', 'TRIGGERING')"),
        {account, symbol}, QStringLiteral("read algo orders"));
    if (live.isValid() && !live.isNull())
        return live.toLongLong();
    const QVariant newest = sqlOn(m_db).scalar(
        QStringLiteral("SELECT max(algo_id) FROM algo_orders WHERE account = ? AND symbol = ?"),
        {account, symbol}, QStringLiteral("read algo orders"));
    if (newest.isValid() && !newest.isNull())
        return newest.toLongLong() + 1;
    return std::nullopt;
}

std::optional<qint64> RawStore::newestFillTime(const QString& account, const QString& symbol)
{
    const QVariant time = sqlOn(m_db).scalar(
        QStringLiteral("SELECT time FROM fills WHERE account = ? AND symbol = ? ORDER BY id DESC "
                       "LIMIT 1"),
        {account, symbol}, QStringLiteral("read fills"));
    if (!time.isValid() || time.isNull())
        return std::nullopt;
    return time.toLongLong();
}

QVector<StopOrder> RawStore::stopOrders(const QString& account, const QString& symbol,
                                        std::optional<qint64> endedFromMs)
{
    std::optional<Transaction> snapshot;
    if (!m_db.inTransaction())
        snapshot.emplace(m_db, Transaction::Mode::Deferred);
    QVector<StopOrder> stops;
    // Regular orders: before 2025-12-09 stops lived here; after, a triggered algo order's
    // order can too (the rule then keeps the algo order).
    const QString isStop = QStringLiteral("(orig_type IN ('STOP', 'STOP_MARKET') OR type IN "
                                          "('STOP', 'STOP_MARKET'))");
    const QString what = QStringLiteral("read stop orders");
    auto readOrders = [&](const QString& where, const QVariantList& values, QSet<qint64>* seen) {
        QSqlQuery orders =
            sqlOn(m_db).run(RawTraits<Order>::table().selectRowSql() + where, values, what);
        while (orders.next()) {
            const Order order = RawTraits<Order>::read(orders);
            if (seen && seen->contains(order.orderId))
                continue;
            if (seen)
                seen->insert(order.orderId);
            stops.append(StopOrder::fromOrder(order));
        }
    };
    if (!endedFromMs) {
        readOrders(QStringLiteral("WHERE account = ? AND symbol = ? AND ") + isStop,
                   {account, symbol}, nullptr);
    } else {
        // A stop ends at its update time, or its creation time without one (StopOrder::
        // fromOrder); live ones have not ended. Each read uses a partial index (schema v13).
        QSet<qint64> seen;
        readOrders(QStringLiteral("WHERE account = ? AND symbol = ? AND ") + isStop +
                       QStringLiteral(" AND update_time >= ?"),
                   {account, symbol, *endedFromMs}, &seen);
        readOrders(QStringLiteral("WHERE account = ? AND symbol = ? AND ") + isStop +
                       QStringLiteral(" AND update_time = 0 AND time >= ?"),
                   {account, symbol, *endedFromMs}, &seen);
        readOrders(QStringLiteral("WHERE account = ? AND symbol = ? AND ") + isStop +
                       QStringLiteral(" AND status IN ('NEW', 'PARTIALLY_FILLED')"),
                   {account, symbol}, &seen);
    }
    for (const AlgoOrder& algo :
         selectAlgo(m_db,
                    QStringLiteral("WHERE account = ? AND symbol = ? AND order_type IN ('STOP', "
                                   "'STOP_MARKET')"),
                    {account, symbol}))
        stops.append(StopOrder::fromAlgo(algo));
    if (snapshot)
        snapshot->commit();
    return stops;
}

} // namespace fb::journal
