#include "sync/engine/progress_events.h"

#include <algorithm>

namespace fb::sync {

void MonotonicProgress::begin(double startFraction, qint64 unitsDone)
{
    m_shown = m_anchorFraction = std::clamp(startFraction, 0.0, 1.0);
    m_anchorUnits = unitsDone;
    m_planComplete = false;
}

void MonotonicProgress::planComplete(qint64 unitsDone)
{
    m_anchorFraction = m_shown;
    m_anchorUnits = unitsDone;
    m_planComplete = true;
}

double MonotonicProgress::update(qint64 unitsDone, qint64 unitsPlanned)
{
    const double share = m_planComplete ? 1.0 : kProvisionalShare;
    double fraction = m_anchorFraction;
    if (unitsPlanned > m_anchorUnits) {
        const double part = std::clamp(static_cast<double>(unitsDone - m_anchorUnits) /
                                           static_cast<double>(unitsPlanned - m_anchorUnits),
                                       0.0, 1.0);
        fraction = m_anchorFraction + (1.0 - m_anchorFraction) * share * part;
    }
    if (fraction < m_shown) {
        // The plan grew: what is left of the bar now covers the larger remainder.
        m_anchorFraction = m_shown;
        m_anchorUnits = unitsDone;
        fraction = m_shown;
    }
    m_shown = std::min(fraction, 1.0);
    return m_shown;
}

} // namespace fb::sync
