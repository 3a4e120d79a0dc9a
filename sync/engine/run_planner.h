#pragma once
// What a run fetches (docs/design.md §3.1, "Coverage is the checkpoint").
//
// The journal stores, per (account, stream, symbol), a gap-free covered time range and for fills
// the last fill id. The planner compares that with the run's range and decides, per stream and
// symbol, the spans still missing. Fresh syncs, incremental syncs, resumed runs and re-runs after
// a crash are therefore one mechanism: whatever is covered is never fetched again.
//
// Pure: facts in, plan out. The engine gathers the facts from the journal and the exchange.

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::sync {

// A gap-free covered range [fromMs, toMs] (inclusive) plus, for fills, the newest id stored.
struct Coverage
{
    qint64 fromMs = 0;
    qint64 toMs = -1; // toMs < fromMs: nothing covered yet
    std::optional<qint64> lastId;

    bool isEmpty() const { return toMs < fromMs; }
};

struct TimeSpan
{
    qint64 fromMs = 0; // inclusive
    qint64 toMs = 0;   // inclusive
    bool operator==(const TimeSpan&) const = default;
};

// What must be fetched so that `covered` extended to include [from, to] stays gap-free: at most
// one span before and one after the covered range, each touching it. The span after starts
// `rereadMs` before the covered end (never before its start): the last minutes of a coverage are
// read again, for records the exchange makes visible late (docs/design.md §3.1).
QVector<TimeSpan> missingSpans(const Coverage& covered, qint64 fromMs, qint64 toMs,
                               qint64 rereadMs = 0);

// Coverage after the spans of a run were all fetched and committed.
Coverage extendCoverage(const Coverage& covered, qint64 fromMs, qint64 toMs,
                        std::optional<qint64> newestId);

// `covered` grown by [fromMs, toMs] when that span touches or overlaps it (or nothing is
// covered yet); unchanged otherwise, since the union would have a hole. For partial progress.
Coverage extendAdjacentCoverage(const Coverage& covered, qint64 fromMs, qint64 toMs);

struct SymbolFacts
{
    QString symbol;
    Coverage fills;
    Coverage orders;
    // Newest REALIZED_PNL/COMMISSION income row of this symbol in the journal (0 = none): every
    // fill is charged a commission, so income newer than the fill coverage means new fills.
    qint64 newestTradeIncomeMs = 0;
    bool hasIncomeInRange = false;
    // COMMISSION income rows of this symbol inside the run's range: about one per fill, so the
    // expected number of fills a first sync pages through (for the progress plan only).
    qint64 commissionsInRange = 0;
    bool hasOpenPosition = false;
    bool hasOpenTrade = false;
    bool requestedByUser = false;
    // Pending, in progress or failed in the run being resumed: it may have committed chunks
    // (fills and orders coverage then need not be in step), so it is no "incremental check".
    bool resumedInProgress = false;
    // Stored fills pay commission in another asset at a minute whose price is not cached (a
    // fetch that failed, a journal from before schema v8): the symbol is checked again (by id,
    // one short page when nothing is new) so that its trades are rebuilt and valued
    // (docs/design.md §2.5).
    bool feesToValue = false;
};

struct SymbolPlan
{
    QString symbol;
    // Fills are fetched two ways: ≤ 7-day time windows over spans with no cursor (a first sync,
    // or older history than what is covered) until the first fill, then by id; and by id after
    // the newest stored fill (cheap: one short page when nothing is new).
    QVector<TimeSpan> fillSpans;
    std::optional<qint64> fillsFromId;
    qint64 expectedFills = 0;     // SymbolFacts::commissionsInRange: sizes the id walk in the plan
    QVector<TimeSpan> orderSpans; // fetched only when fills are fetched
    // An incremental check (continue by id, nothing else): orders matter only for new fills,
    // so they are fetched after the fills, and only if there are any.
    bool ordersAfterFills = false;
    QString reason; // why this symbol is in the run (for logs and the runs view)
};

struct PlannerInput
{
    qint64 rangeFromMs = 0;
    qint64 rangeToMs = 0;
    QVector<SymbolFacts> symbols; // every candidate: income ∪ positions ∪ journal ∪ user list
    qint64 rereadMs = 0;          // EngineConfig::coverageRereadMs
};

struct RunPlan
{
    QVector<SymbolPlan> symbols; // those that need requests, in a stable order
    QStringList upToDate;        // candidates with nothing to fetch
};

RunPlan planSymbols(const PlannerInput& input);

// Splits symbols into batches of `batchSize`, keeping order.
QVector<QStringList> makeBatches(const QStringList& symbols, int batchSize);

} // namespace fb::sync
