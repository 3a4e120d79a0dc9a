#pragma once
// Remaining-time estimate for a sync run (docs/design.md §3.11, "Progress and ETA").
//
// Pure and clock-free: every call takes the current time in ms, so tests drive it with a fake
// clock and the engine feeds it from its injected clock. Work is measured in planned units
// (request weight), the same units the rate limit is expressed in, which gives a natural floor:
// the ETA is never shorter than the remaining weight at the allowed weight rate.
//
//   begin()            start or resume: the rate is measured from here only, so a resumed
//                      run is not flattered (or slandered) by the previous attempt's speed
//   batchFinished()    one rate sample per committed batch, smoothed (EWMA)
//   pausedUntil()      a rate-limit pause adds its remaining wait on top of the estimate
//   estimateMs()       nullopt until enough batches and time have passed to be trustworthy

#include <QtGlobal>

#include <optional>

namespace fb::sync {

class EtaEstimator
{
public:
    struct Config
    {
        int minBatches = 2;         // batches since begin() before an ETA is shown
        qint64 minElapsedMs = 3000; // and this much time, so one lucky batch does not decide
        double smoothing = 0.3;     // EWMA weight of the newest batch's rate
        double maxUnitsPerMs = 0.0; // allowed weight rate (0 = no ceiling known)
        // While work remains the ETA is never below this: counting down between batches can
        // overrun a slow batch, and front ends round to whole seconds, so anything shorter
        // would read "0 s" with work still to do.
        qint64 minRemainingMs = 1000;
    };

    EtaEstimator() = default;
    explicit EtaEstimator(const Config& config)
        : m_config(config)
    {}

    void setMaxUnitsPerMs(double rate) { m_config.maxUnitsPerMs = rate; }

    void begin(qint64 nowMs, qint64 unitsDone, qint64 unitsPlanned);
    void setPlanned(qint64 unitsPlanned) { m_planned = unitsPlanned; }
    void batchFinished(qint64 nowMs, qint64 unitsDone);
    void pausedUntil(qint64 untilMs) { m_pausedUntil = untilMs; }

    // Remaining time in ms, or nullopt while there is not enough data yet.
    std::optional<qint64> estimateMs(qint64 nowMs) const;
    // The smoothed rate in units per ms (0 before the first sample), for reports.
    double unitsPerMs() const { return m_smoothedRate; }
    int batchesSinceBegin() const { return m_batches; }

private:
    Config m_config;
    qint64 m_beginMs = 0;
    qint64 m_beginUnits = 0;
    qint64 m_lastMs = 0;
    qint64 m_lastUnits = 0;
    qint64 m_planned = 0;
    qint64 m_pausedUntil = 0;
    int m_batches = 0;
    double m_smoothedRate = 0.0;
};

} // namespace fb::sync
