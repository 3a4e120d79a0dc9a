#include "sync/binance/algo_pager.h"

namespace fb::binance {

AlgoOrderPager::AlgoOrderPager(const QString& symbol, qint64 fromAlgoId, qint64 toMs, int limit)
    : m_symbol(symbol)
    , m_nextId(std::max<qint64>(1, fromAlgoId))
    , m_toMs(toMs)
    , m_limit(limit)
{}

std::optional<Request> AlgoOrderPager::next() const
{
    if (m_done)
        return std::nullopt;
    return allAlgoOrdersFromId(m_symbol, m_nextId, m_limit);
}

QList<AlgoOrder> AlgoOrderPager::accept(const QList<AlgoOrder>& page)
{
    QList<AlgoOrder> kept;
    if (m_done)
        return kept;
    qint64 previous = m_nextId - 1;
    bool beyondRange = false;
    for (const AlgoOrder& algo : page) {
        if (algo.algoId <= previous) {
            // Ids must ascend from the cursor: anything else would loop or skip orders.
            m_error = QStringLiteral("The exchange returned algo order %1 after %2 for an "
                                     "algoId walk from %3; the walk stopped.")
                          .arg(algo.algoId)
                          .arg(previous)
                          .arg(m_nextId);
            m_done = true;
            return {};
        }
        previous = algo.algoId;
        if (algo.createTime > m_toMs) {
            beyondRange = true; // ids grow with creation: the rest is later still
            continue;
        }
        kept.append(algo);
        m_lastId = algo.algoId;
    }
    if (page.size() < m_limit || beyondRange)
        m_done = true;
    else
        m_nextId = previous + 1;
    return kept;
}

} // namespace fb::binance
