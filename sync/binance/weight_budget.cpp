#include "sync/binance/weight_budget.h"

#include <algorithm>

namespace fb::binance {

std::optional<qint64> usedWeightHeaderWindowMs(const QByteArray& name)
{
    static const QByteArray prefix = QByteArrayLiteral("x-mbx-used-weight-");
    const QByteArray lower = name.toLower();
    if (!lower.startsWith(prefix) || lower.size() < prefix.size() + 2)
        return std::nullopt;
    const QByteArray count = lower.mid(prefix.size(), lower.size() - prefix.size() - 1);
    for (const char c : count) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 n = count.toLongLong(&ok);
    if (!ok || n <= 0 || n > 1'000'000)
        return std::nullopt;
    switch (lower.back()) {
    case 's':
        return n * 1000;
    case 'm':
        return n * 60'000;
    case 'h':
        return n * 3'600'000;
    case 'd':
        return n * 86'400'000;
    default:
        return std::nullopt;
    }
}

WeightBudget::WeightBudget(NowMs clock, int limitPerWindow, int targetPercent)
    : m_clock(clock ? std::move(clock) : systemClock())
    , m_limit(limitPerWindow > 0 ? limitPerWindow : kDefaultLimit)
    , m_targetPercent(std::clamp(targetPercent, 1, 100))
{}

void WeightBudget::setLimit(int limitPerWindow)
{
    if (limitPerWindow > 0)
        m_limit = limitPerWindow;
}

void WeightBudget::setWindow(qint64 windowMs)
{
    if (windowMs <= 0 || windowMs == m_windowMs)
        return;
    roll();
    const qint64 used = m_used;
    m_windowMs = windowMs;
    roll();
    m_used = used;
}

int WeightBudget::threshold() const
{
    return static_cast<int>(static_cast<qint64>(m_limit) * m_targetPercent / 100);
}

void WeightBudget::roll() const
{
    const qint64 now = m_clock();
    const qint64 start = now - now % m_windowMs;
    if (start != m_windowStart) {
        m_windowStart = start;
        m_used = 0;
    }
}

qint64 WeightBudget::windowEnd() const
{
    roll();
    return m_windowStart + m_windowMs;
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
    // A request heavier than the whole threshold still goes, alone, at the start of a window.
    if (m_used + weight <= threshold() || m_used == 0)
        return 0;
    return m_windowStart + m_windowMs - now;
}

void WeightBudget::onSent(int weight)
{
    roll();
    m_used += weight;
}

void WeightBudget::onUsedWeight(qint64 usedWeight, std::optional<qint64> sentAtMs)
{
    roll();
    if (sentAtMs && *sentAtMs < m_windowStart)
        return;
    m_used = std::max(m_used, usedWeight);
}

qint64 WeightBudget::pauseUntil(qint64 untilMs)
{
    m_pausedUntil = std::max(m_pausedUntil, untilMs);
    return m_pausedUntil;
}

} // namespace fb::binance
