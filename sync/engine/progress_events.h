#pragma once
// What the progress bar shows, and what a run is waiting for (docs/design.md §3.11).
//
// MonotonicProgress turns the engine's work counts (request weight done ÷ planned, a plan that
// grows while pagers find more pages) into a fraction that never goes backwards within a run,
// resume included: when the plan grows, the part not yet shown is spread over the new remainder
// instead of pulling the bar back. Until the plan is complete (preflight and income, before the
// symbols are sized) the fraction stays inside a small provisional share, so that 7 of 7
// preflight units do not read as 100 %. Pure: the counts are passed in.
//
// WaitNotice is the engine's report of a wait that the user would otherwise see as a freeze: a
// rate-limit pause, the weight budget holding requests to the next window, a retry's backoff, a
// request that has not been answered yet. A value type sent through queued signals; each front
// end words it (with a countdown where the end is known).

#include <QMetaType>
#include <QString>

namespace fb::sync {

class MonotonicProgress
{
public:
    // The share of the bar the work before the plan is complete may use.
    static constexpr double kProvisionalShare = 0.1;

    // A new run starts at 0; a resumed one at the fraction its earlier attempts reached.
    void begin(double startFraction, qint64 unitsDone);
    // The symbols are planned: from here the plan is complete (it may still grow).
    void planComplete(qint64 unitsDone);
    // The fraction to show for these counts: never less than the last one.
    double update(qint64 unitsDone, qint64 unitsPlanned);
    // All the work is done (the run completed, with or without failed symbols).
    void finish() { m_shown = 1.0; }
    double value() const { return m_shown; }

private:
    double m_anchorFraction = 0.0;
    qint64 m_anchorUnits = 0;
    double m_shown = 0.0;
    bool m_planComplete = false;
};

struct WaitNotice
{
    enum class Kind {
        None,         // the wait is over
        RateLimit,    // Binance said to slow down (429, -1003): every request waits
        WeightBudget, // our own budget holds requests until the next weight window
        Retry,        // a failed request is sent again after a backoff
        SlowAnswer,   // a request has been waiting for its answer
    };
    Kind kind = Kind::None;
    qint64 sinceMs = 0; // when the wait began, on the engine's clock
    qint64 untilMs = 0; // when it ends, on the engine's clock; 0 = not known (a slow answer)
    QString what;       // the request: "/fapi/v1/userTrades BTCUSDT"
    QString reason;     // a retry's cause: "connection reset"
    int attempt = 0;    // a retry: the number of the coming attempt

    bool operator==(const WaitNotice& other) const = default;
};

} // namespace fb::sync

Q_DECLARE_METATYPE(fb::sync::WaitNotice)
