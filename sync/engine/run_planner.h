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
    // Oldest REALIZED_PNL/COMMISSION income row of this symbol inside the run's range (0 =
    // none): where its first evidenced fill is, to price a first sync's walk (D76).
    qint64 firstTradeIncomeMs = 0;
    // Where the order walk must start at the latest (D77): a stored fill of this symbol in
    // the range references an order that is not stored (a run stopped between its fills and
    // their orders), so the walk resumes after the last order stored below that one. Looked
    // up in resumed runs and when the orders coverage is behind the fills'.
    std::optional<qint64> orderlessFillOrderId;
    // Where this symbol's allAlgoOrders walk starts (RawStore::algoWalkStart, D108); nullopt
    // = none stored: from algoId 1.
    std::optional<qint64> algoWalkStart;
    // Its newest stored fill is later than what the algo orders coverage vouches for (a run
    // stopped after the fills' chunks, before the symbol's commit; a journal from before
    // schema 11): the algo walk runs even when no new fill arrives.
    bool algoBehind = false;
    // COMMISSION income rows of this symbol inside the spans of the range the run will fetch
    // (the whole range for a first sync; after the covered end, re-read margin included, for
    // an incremental one): about one per fill, so the fills the run pages through (for the
    // progress plan and a first sync's cost only; D171).
    qint64 commissionsToFetch = 0;
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
    // Fills are fetched three ways: ≤ 7-day time windows over spans with no cursor (older
    // history than what is covered, or a first sync whose first evidenced fill is close to the
    // range start) until the first fill, then by id; by id from 0 over the whole range when
    // that is estimated cheaper (fills before the range are passed, not kept: D76); and by
    // id after the newest stored fill (cheap: one short page when nothing is new).
    QVector<TimeSpan> fillSpans;
    std::optional<qint64> fillsFromId;
    qint64 expectedFills = 0; // SymbolFacts::commissionsToFetch: sizes the id walk in the plan
    // Orders are fetched after the fills, by orderId cursor from the smallest order id the
    // fetched fills reference, or this one if smaller (SymbolFacts::orderlessFillOrderId); not
    // at all when neither exists (D77).
    std::optional<qint64> ordersFromId;
    // The Algo Service's orders are walked after the orders, whenever the orders are
    // (D108), by algoId from here.
    qint64 algoFromId = 1;
    bool algoNeeded = false; // SymbolFacts::algoBehind
    QString reason;          // why this symbol is in the run (for logs and the runs view)
};

struct PlannerInput
{
    qint64 rangeFromMs = 0;
    qint64 rangeToMs = 0;
    QVector<SymbolFacts> symbols; // every candidate: income ∪ positions ∪ journal ∪ user list
    qint64 rereadMs = 0;          // EngineConfig::coverageRereadMs
    // Where the exchange's fill history starts (exchange now - 90 days; 0 = unknown): fills
    // walked by id from 0 start there (for the cost estimate only).
    qint64 historyStartMs = 0;
};

// Estimated userTrades requests of a first sync over [fromMs, toMs] (D76): by time windows
// from the range start until the first fill, then by id; or by id from 0, which also pages
// through the fills between the history start and the range start (estimated at the range's
// rate). Pure, for planSymbols() and its tests.
struct FirstSyncCost
{
    qint64 windows = 0;
    qint64 fromZero = 0;
};
FirstSyncCost firstSyncCost(qint64 fromMs, qint64 toMs, qint64 historyStartMs,
                            qint64 firstTradeIncomeMs, qint64 commissionsInRange);

struct RunPlan
{
    QVector<SymbolPlan> symbols; // those that need requests, in a stable order
    QStringList upToDate;        // candidates with nothing to fetch
};

RunPlan planSymbols(const PlannerInput& input);

// Splits symbols into batches of `batchSize`, keeping order.
QVector<QStringList> makeBatches(const QStringList& symbols, int batchSize);

} // namespace fb::sync
