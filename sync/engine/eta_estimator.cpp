#include "sync/engine/eta_estimator.h"

#include <algorithm>
#include <cmath>

namespace fb::sync {

void EtaEstimator::begin(qint64 nowMs, qint64 unitsDone, qint64 unitsPlanned)
{
    m_beginMs = m_lastMs = nowMs;
    m_beginUnits = m_lastUnits = unitsDone;
    m_planned = unitsPlanned;
    m_batches = 0;
    m_smoothedRate = 0.0;
    m_pausedUntil = 0;
}

void EtaEstimator::batchFinished(qint64 nowMs, qint64 unitsDone)
{
    ++m_batches;
    const qint64 elapsed = nowMs - m_lastMs;
    const qint64 units = unitsDone - m_lastUnits;
    if (elapsed > 0 && units >= 0) {
        const double sample = static_cast<double>(units) / static_cast<double>(elapsed);
        if (m_smoothedRate <= 0.0) {
            // First sample: the average since begin() is the best single guess.
            const qint64 total = nowMs - m_beginMs;
            m_smoothedRate = total > 0 ? static_cast<double>(unitsDone - m_beginUnits) /
                                             static_cast<double>(total)
                                       : sample;
        } else {
            m_smoothedRate =
                m_config.smoothing * sample + (1.0 - m_config.smoothing) * m_smoothedRate;
        }
    }
    m_lastMs = nowMs;
    m_lastUnits = unitsDone;
}

std::optional<qint64> EtaEstimator::estimateMs(qint64 nowMs) const
{
    if (m_batches < m_config.minBatches || nowMs - m_beginMs < m_config.minElapsedMs)
        return std::nullopt;
    if (m_smoothedRate <= 0.0)
        return std::nullopt;
    const qint64 remainingUnits = std::max<qint64>(0, m_planned - m_lastUnits);
    double rate = m_smoothedRate;
    if (m_config.maxUnitsPerMs > 0.0)
        rate = std::min(rate, m_config.maxUnitsPerMs); // never faster than the limit allows
    // Counting down between batches keeps the display moving, but never to zero while work
    // remains: the next batch has not committed yet, so the run is not about to end.
    const double sinceLast = static_cast<double>(nowMs - m_lastMs);
    qint64 work =
        std::llround(std::max(0.0, static_cast<double>(remainingUnits) / rate - sinceLast));
    if (remainingUnits > 0)
        work = std::max(work, m_config.minRemainingMs);
    const qint64 pause = std::max<qint64>(0, m_pausedUntil - nowMs);
    return work + pause;
}

} // namespace fb::sync
