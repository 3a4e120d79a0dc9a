#include "sync/binance/weight_budget.h"

#include <algorithm>

namespace fb::binance {

WeightBudget::WeightBudget(NowMs clock, int limitPerMinute, int targetPercent)
    : m_clock(clock ? std::move(clock) : systemClock())
    , m_limit(limitPerMinute > 0 ? limitPerMinute : kDefaultLimit)
    , m_targetPercent(std::clamp(targetPercent, 1, 100))
{}

void WeightBudget::setLimit(int limitPerMinute)
{
    if (limitPerMinute > 0)
        m_limit = limitPerMinute;
}

int WeightBudget::threshold() const
{
    return static_cast<int>(static_cast<qint64>(m_limit) * m_targetPercent / 100);
}

void WeightBudget::roll() const
{
    const qint64 now = m_clock();
    const qint64 start = now - now % kWindowMs;
    if (start != m_windowStart) {
        m_windowStart = start;
        m_used = 0;
    }
}

qint64 WeightBudget::windowEnd() const
{
    roll();
    return m_windowStart + kWindowMs;
}

qint64 WeightBudget::usedInCurrentWindow() const
{
    roll();
    return m_used;
}

qint64 WeightBudget::delayBefore(int weight) const
{
    const qint64 now = m_clock();
    if (now < m_pausedUntil)
        return m_pausedUntil - now;
    roll();
    // A request heavier than the whole threshold still goes, alone, at the start of a minute.
    if (m_used + weight <= threshold() || m_used == 0)
        return 0;
    return m_windowStart + kWindowMs - now;
}

void WeightBudget::onSent(int weight)
{
    roll();
    m_used += weight;
}

void WeightBudget::onUsedWeight(qint64 usedWeight)
{
    roll();
    m_used = std::max(m_used, usedWeight);
}

qint64 WeightBudget::pauseUntil(qint64 untilMs)
{
    m_pausedUntil = std::max(m_pausedUntil, untilMs);
    return m_pausedUntil;
}

} // namespace fb::binance
