#include "sync/engine/batch_fetcher.h"

#include "sync/binance/algo_pager.h"
#include "sync/binance/fill_pager.h"
#include "sync/binance/order_pager.h"

#include <QLoggingCategory>

#include <climits>

#include <utility>

Q_LOGGING_CATEGORY(lcFetch, "fillbook.sync.fetch")

namespace fb::sync {

using binance::ApiError;
using binance::ErrorCategory;

struct BatchFetcher::SymbolState
{
    SymbolPlan plan;
    SymbolFetch result;
    // The chains of pagers still to run, front first, with the span each one walks.
    std::vector<binance::FillPager> fillPagers;
    std::vector<binance::OrderPager> orderPagers;
    QVector<TimeSpan> fillSpans;
    QVector<TimeSpan> orderSpans;
    // Spans of the pagers that finished cleanly, in order (for chunk coverage).
    QVector<TimeSpan> fillsDone;
    QVector<TimeSpan> ordersDone;
    int openStreams = 0;
    bool stopped = false; // failed, skipped or cancelled: no more requests for this symbol
    // Orders are walked after the fills, from the smallest order id a fetched fill (or the
    // plan's ordersFromId) references (D77).
    bool ordersAfterFills = true;
    bool ordersWalkDone = false;
    std::optional<qint64> minOrderRef;
    std::optional<binance::AlgoOrderPager> algoPager; // set once the orders are walked
    int batch = 0;                                    // the batch it was started with
    bool finished() const { return openStreams == 0; }
};

BatchFetcher::BatchFetcher(binance::BinanceClient& client, qint64 rangeFromMs, qint64 rangeToMs,
                           QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_rangeFromMs(rangeFromMs)
    , m_rangeToMs(rangeToMs)
{
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &BatchFetcher::onGraceExpired);
}

void BatchFetcher::setStragglers(qint64 graceMs, int maxCarried)
{
    m_graceMs = graceMs;
    m_maxCarried = maxCarried;
}

int BatchFetcher::carriedCount() const
{
    int carried = 0;
    for (const auto& state : std::as_const(m_states))
        carried += state->batch != m_openBatch && !state->finished() ? 1 : 0;
    return carried;
}

BatchFetcher::~BatchFetcher()
{
    *m_alive = false;
}

qint64 BatchFetcher::estimateWeight(const SymbolPlan& plan)
{
    constexpr int kPageWeight = 5; // userTrades and allOrders
    constexpr qint64 kPage = binance::kUserTradesMaxLimit;
    qint64 requests = 0;
    qint64 fillWindows = 0;
    for (const TimeSpan& span : plan.fillSpans)
        fillWindows += binance::windowCount(span.fromMs, span.toMs, binance::kFillWindowMs);
    if (fillWindows > 0) {
        // A fill pager walks windows only until the first fill, then pages by id (fill_pager.h):
        // with fills expected, one page per 1000 of them plus the last short one (the empty
        // windows before the first fill are unknown: counted as none); without, every window.
        requests += plan.expectedFills > 0 ? plan.expectedFills / binance::kUserTradesMaxLimit + 1
                                           : fillWindows;
    }
    if (plan.fillsFromId)
        requests += *plan.fillsFromId == 0 ? plan.expectedFills / kPage + 1 : 1;
    // Orders by id from the fills' smallest order: about one order per fill or fewer; then
    // one algo order page (D108).
    if (plan.expectedFills > 0 || plan.ordersFromId)
        requests += plan.expectedFills / kPage + 2;
    return requests * kPageWeight;
}

void BatchFetcher::setChunking(int recordCap, ChunkSink sink)
{
    m_recordCap = recordCap;
    m_chunkSink = std::move(sink);
}

void BatchFetcher::commitChunkIfFull(const std::shared_ptr<SymbolState>& state)
{
    SymbolFetch& r = state->result;
    if (m_recordCap <= 0 || !m_chunkSink || m_runStop || state->stopped ||
        r.fills.size() + r.orders.size() <= m_recordCap)
        return;
    SymbolChunk chunk;
    chunk.symbol = r.symbol;
    chunk.fills = std::exchange(r.fills, {});
    chunk.orders = std::exchange(r.orders, {});
    chunk.implausibleFills = std::exchange(r.implausibleFills, {});
    chunk.recordsFetched = std::exchange(r.recordsFetched, 0);
    chunk.newestFillId = r.newestFillId;
    // Exactly what the pagers vouch for: finished spans whole, the running one up to its
    // coveredThrough (rows of a later millisecond may be stored too; they are fetched again
    // after a resume and the upsert finds them duplicated).
    chunk.fillsCovered = state->fillsDone;
    if (!state->fillPagers.empty()) {
        const qint64 through = state->fillPagers.front().coveredThrough();
        if (through >= state->fillSpans.first().fromMs)
            chunk.fillsCovered.append(TimeSpan{state->fillSpans.first().fromMs, through});
    }
    chunk.ordersWalkDone = state->ordersWalkDone;
    chunk.ordersCovered = state->ordersDone;
    if (!state->orderPagers.empty() && r.ordersFetched) {
        const qint64 through = state->orderPagers.front().coveredThrough();
        if (through >= state->orderSpans.first().fromMs)
            chunk.ordersCovered.append(TimeSpan{state->orderSpans.first().fromMs, through});
    }
    qCDebug(lcFetch) << r.symbol << "commits a chunk of" << chunk.fills.size() << "fills and"
                     << chunk.orders.size() << "orders";
    if (!m_chunkSink(chunk) && !m_runStop) {
        // The run stopped (journal error, interrupt): no more requests; what is in flight
        // comes back cancelled.
        ApiError stop;
        stop.category = ErrorCategory::Cancelled;
        stop.message = QStringLiteral("The run stopped.");
        m_runStop = stop;
    }
}

void BatchFetcher::start(const QVector<SymbolPlan>& plans, bool mayCarry)
{
    // Carried symbols of earlier batches stay: they are reported with this batch or a later one.
    // A run stop is never reset: one a carried symbol met between reports ends this batch too.
    m_openBatch = m_nextBatch++;
    m_openMayCarry = mayCarry;
    m_graceTimer.stop();
    QVector<std::shared_ptr<SymbolState>> started;
    // Exchange time (the measured offset applied): no fill can be later than this.
    m_latestPlausibleMs = m_client.serverNow() + binance::kFutureTimeToleranceMs;
    for (const SymbolPlan& plan : plans) {
        auto state = std::make_shared<SymbolState>();
        state->batch = m_openBatch;
        state->plan = plan;
        state->result.symbol = plan.symbol;
        state->result.ok = true;
        for (const TimeSpan& span : plan.fillSpans) {
            state->fillPagers.emplace_back(plan.symbol, span.fromMs, span.toMs);
            state->fillPagers.back().setLatestPlausibleTime(m_latestPlausibleMs);
            state->fillSpans.append(span);
        }
        if (plan.fillsFromId) {
            binance::FillCursor cursor;
            cursor.lastId = *plan.fillsFromId - 1;
            state->fillPagers.emplace_back(plan.symbol, m_rangeFromMs, m_rangeToMs, cursor);
            state->fillPagers.back().setLatestPlausibleTime(m_latestPlausibleMs);
            // A first sync by id from 0 meets the fills before the range first (D76).
            if (*plan.fillsFromId == 0)
                state->fillPagers.back().setKeepFrom(m_rangeFromMs);
            // Everything before the run's range start is covered (the older spans run first);
            // the id walk covers from the stored coverage's end on.
            state->fillSpans.append(TimeSpan{m_rangeFromMs, m_rangeToMs});
        }
        state->minOrderRef = plan.ordersFromId;
        m_states.append(state);
        started.append(state);
    }
    for (const auto& state : std::as_const(started)) {
        state->openStreams = 2;
        startFills(state);
    }
    finishIfIdle(); // a batch with nothing to fetch finishes at once
}

void BatchFetcher::startFills(const std::shared_ptr<SymbolState>& state)
{
    nextFillPage(state);
}

void BatchFetcher::startOrders(const std::shared_ptr<SymbolState>& state)
{
    nextOrderPage(state);
}

void BatchFetcher::nextFillPage(const std::shared_ptr<SymbolState>& state)
{
    while (!state->stopped && !state->fillPagers.empty() && state->fillPagers.front().done()) {
        const binance::FillPager& finished = state->fillPagers.front();
        if (!finished.error().isEmpty()) {
            state->stopped = true;
            state->result.ok = false;
            state->result.error = finished.error();
        } else {
            state->fillsDone.append(state->fillSpans.first());
        }
        state->fillPagers.erase(state->fillPagers.begin());
        state->fillSpans.removeFirst();
    }
    if (state->stopped || m_runStop || state->fillPagers.empty())
        return fillsDone(state);
    const auto request = state->fillPagers.front().next();
    if (!request)
        return fillsDone(state);
    std::weak_ptr<bool> alive = m_alive;
    m_client.fetchFillsPage(*request, [this, alive, state, weight = request->weight()](
                                          const binance::Result<QList<Fill>>& page) {
        if (alive.expired())
            return;
        if (!page.ok()) {
            if (handleError(state, page.error))
                return fillsDone(state);
            return nextFillPage(state);
        }
        emit pageFetched(weight);
        if (stopForUnreadable(state, page.unreadable, QStringLiteral("fill")))
            return fillsDone(state);
        binance::FillPager& pager = state->fillPagers.front();
        const qsizetype warningsBefore = pager.warnings().size();
        const QList<Fill> rows = pager.accept(*page.value);
        collectWarnings(state, pager.warnings().mid(warningsBefore));
        state->result.recordsFetched += page.value->size();
        for (const Fill& f : rows) {
            state->result.fills.append(f);
            const QString implausible = binance::implausibleTimeReason(f.time, m_latestPlausibleMs);
            if (!implausible.isEmpty())
                state->result.implausibleFills.insert(f.id, implausible);
            if (!state->result.newestFillId || f.id > *state->result.newestFillId)
                state->result.newestFillId = f.id;
            if (!state->minOrderRef || f.orderId < *state->minOrderRef)
                state->minOrderRef = f.orderId;
        }
        commitChunkIfFull(state);
        nextFillPage(state);
    });
}

void BatchFetcher::nextOrderPage(const std::shared_ptr<SymbolState>& state)
{
    while (!state->stopped && !state->orderPagers.empty() && state->orderPagers.front().done()) {
        const binance::OrderPager& finished = state->orderPagers.front();
        if (!finished.error().isEmpty()) {
            state->stopped = true;
            state->result.ok = false;
            state->result.error = finished.error();
        } else {
            state->ordersDone.append(state->orderSpans.first());
        }
        state->orderPagers.erase(state->orderPagers.begin());
        state->orderSpans.removeFirst();
    }
    if (state->stopped || m_runStop || state->orderPagers.empty())
        return ordersDone(state);
    const auto request = state->orderPagers.front().next();
    if (!request)
        return ordersDone(state);
    std::weak_ptr<bool> alive = m_alive;
    m_client.fetchOrdersPage(*request, [this, alive, state, weight = request->weight()](
                                           const binance::Result<QList<Order>>& page) {
        if (alive.expired())
            return;
        if (!page.ok()) {
            if (handleError(state, page.error))
                return ordersDone(state);
            return nextOrderPage(state);
        }
        emit pageFetched(weight);
        if (stopForUnreadable(state, page.unreadable, QStringLiteral("order")))
            return ordersDone(state);
        binance::OrderPager& pager = state->orderPagers.front();
        const qsizetype warningsBefore = pager.warnings().size();
        const QList<Order> rows = pager.accept(*page.value);
        collectWarnings(state, pager.warnings().mid(warningsBefore));
        state->result.recordsFetched += page.value->size();
        for (const Order& o : rows)
            state->result.orders.append(o);
        commitChunkIfFull(state);
        nextOrderPage(state);
    });
}

bool BatchFetcher::stopForUnreadable(const std::shared_ptr<SymbolState>& state,
                                     const QList<UnreadableRecord>& unreadable, const QString& what)
{
    if (unreadable.isEmpty())
        return false;
    state->result.unreadable += QVector<UnreadableRecord>(unreadable.begin(), unreadable.end());
    // The symbol fails alone (docs/design.md §2.11): its trades would be built without the
    // record. Its coverage stays, so the next sync asks again (and sees a correction).
    if (!state->stopped) {
        state->stopped = true;
        state->result.ok = false;
        state->result.error =
            QStringLiteral("A %1 of %2 could not be read (%3); it is kept as received and listed "
                           "under Conflicts, and %2 is fetched again by the next sync.")
                .arg(what, state->plan.symbol, unreadable.first().reason);
        qCWarning(lcFetch).noquote() << state->result.error;
    }
    return true;
}

void BatchFetcher::collectWarnings(const std::shared_ptr<SymbolState>& state,
                                   const QStringList& warnings)
{
    for (const QString& warning : warnings) {
        const QString text = state->plan.symbol + QStringLiteral(": ") + warning;
        qCWarning(lcFetch).noquote() << text;
        state->result.warnings.append(text);
    }
}

bool BatchFetcher::handleError(const std::shared_ptr<SymbolState>& state, const ApiError& error)
{
    state->result.retries += std::max(0, error.attempts - 1);
    const binance::ErrorMeaning& meaning = binance::meaningOf(error.category);
    switch (meaning.reach) {
    case binance::ErrorReach::None:
        return false;
    case binance::ErrorReach::Symbol:
        // Delisted or unknown to the exchange: nothing to fetch, not an error of the run.
        if (meaning.skipsSymbol)
            state->result.skipped = true;
        if (!state->stopped) {
            state->stopped = true;
            state->result.ok = false;
            state->result.error = error.message;
            qCInfo(lcFetch).noquote() << state->plan.symbol << "stopped:" << error.message;
        }
        return true;
    case binance::ErrorReach::Run:
        // The whole run stops. Keep the first reason; cancel everything still queued so the
        // batch winds down quickly (their callbacks arrive as Cancelled).
        state->stopped = true;
        state->result.ok = false;
        state->result.error = error.message;
        if (!m_runStop) {
            m_runStop = error;
            m_client.cancelAll();
        }
        return true;
    }
    return false;
}

void BatchFetcher::fillsDone(const std::shared_ptr<SymbolState>& state)
{
    if (state->ordersAfterFills) {
        state->ordersAfterFills = false;
        // Every order a fill references has an id >= the smallest referenced one, and order
        // ids grow with creation time: one orderId walk from there to the range's end finds
        // them all. No fill, no order needed: the orders are complete as they are.
        state->result.ordersFetched = true;
        if (!state->stopped && !m_runStop && state->minOrderRef) {
            state->orderPagers.push_back(binance::OrderPager::fromId(
                state->plan.symbol, m_rangeFromMs, m_rangeToMs, *state->minOrderRef));
            state->orderSpans.append(TimeSpan{m_rangeFromMs, m_rangeToMs});
            startOrders(state);
        } else {
            ordersDone(state); // the orders stream never started
        }
    }
    streamDone(state);
}

void BatchFetcher::ordersDone(const std::shared_ptr<SymbolState>& state)
{
    // Orders were walked (fills arrived), or the stops are behind the stored fills: the stops
    // of the Algo Service next (D108).
    if (!state->algoPager && (state->minOrderRef || state->plan.algoNeeded) && !state->stopped &&
        !m_runStop) {
        state->algoPager.emplace(state->plan.symbol, state->plan.algoFromId, m_rangeToMs);
        return nextAlgoPage(state);
    }
    state->ordersWalkDone = true;
    streamDone(state);
}

void BatchFetcher::algoDone(const std::shared_ptr<SymbolState>& state)
{
    const binance::AlgoOrderPager& pager = *state->algoPager;
    if (!pager.error().isEmpty() && !state->stopped) {
        state->stopped = true;
        state->result.ok = false;
        state->result.error = pager.error();
    }
    state->result.algoFetched = pager.done() && pager.error().isEmpty() && !state->stopped;
    state->ordersWalkDone = true;
    streamDone(state);
}

void BatchFetcher::nextAlgoPage(const std::shared_ptr<SymbolState>& state)
{
    const auto request = state->algoPager->next();
    if (state->stopped || m_runStop || !request)
        return algoDone(state);
    std::weak_ptr<bool> alive = m_alive;
    m_client.fetchAlgoOrdersPage(*request, [this, alive, state, weight = request->weight()](
                                               const binance::Result<QList<AlgoOrder>>& page) {
        if (alive.expired())
            return;
        if (!page.ok()) {
            if (handleError(state, page.error))
                return algoDone(state);
            return nextAlgoPage(state);
        }
        emit pageFetched(weight);
        state->result.recordsFetched += page.value->size();
        for (const AlgoOrder& algo : state->algoPager->accept(*page.value)) {
            state->result.algoOrders.append(algo);
            if (!state->result.newestAlgoId || algo.algoId > *state->result.newestAlgoId)
                state->result.newestAlgoId = algo.algoId;
        }
        nextAlgoPage(state);
    });
}

void BatchFetcher::streamDone(const std::shared_ptr<SymbolState>& state)
{
    if (state->openStreams > 0)
        --state->openStreams;
    finishIfIdle();
}

void BatchFetcher::finishIfIdle()
{
    if (m_openBatch < 0)
        return; // a carried symbol finished between batches: the next report takes it
    // When the run stops, every stream winds down (cancelled) before the report, so nothing of
    // this fetch is left running behind the engine's back.
    const bool waitForAll = !m_openMayCarry || m_runStop;
    int finished = 0;
    int unfinished = 0;
    for (const auto& state : std::as_const(m_states)) {
        if (state->batch != m_openBatch) {
            if (waitForAll && !state->finished())
                return;
            continue;
        }
        (state->finished() ? finished : unfinished) += 1;
    }
    if (unfinished == 0)
        return reportOpenBatch();
    // Some symbols are done and others still fetching: give the stragglers a grace period,
    // then report without them (onGraceExpired).
    if (finished > 0 && !waitForAll && m_graceMs > 0 && !m_graceTimer.isActive() &&
        carriedCount() + unfinished <= m_maxCarried)
        m_graceTimer.start(static_cast<int>(std::clamp<qint64>(m_graceMs, 1, INT_MAX)));
}

void BatchFetcher::onGraceExpired()
{
    if (m_openBatch < 0 || m_runStop || !m_openMayCarry)
        return;
    int unfinished = 0;
    for (const auto& state : std::as_const(m_states))
        unfinished += state->batch == m_openBatch && !state->finished() ? 1 : 0;
    if (unfinished == 0 || carriedCount() + unfinished > m_maxCarried)
        return; // all done meanwhile (already reported), or too many would be carried
    for (const auto& state : std::as_const(m_states)) {
        if (state->batch == m_openBatch && !state->finished())
            qCInfo(lcFetch) << state->plan.symbol << "is carried into the next batch";
    }
    reportOpenBatch();
}

void BatchFetcher::reportOpenBatch()
{
    m_graceTimer.stop();
    m_openBatch = -1;
    QVector<SymbolFetch> results;
    QVector<std::shared_ptr<SymbolState>> still;
    for (const auto& state : std::as_const(m_states)) {
        if (state->finished())
            results.append(state->result);
        else
            still.append(state);
    }
    m_states = still;
    emit finished(results, m_runStop);
}

} // namespace fb::sync
