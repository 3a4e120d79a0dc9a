// GET /fapi/v1/income, /fapi/v1/userTrades, /fapi/v1/allOrders, /fapi/v1/forceOrders: the
// windowing, pagination and retention rules of API sheet §5.3-5.6 (choices in docs/simulator.md).
#include "sync/simulator/endpoints.h"

#include "sync/simulator/jsonwriter.h"

#include <algorithm>
#include <limits>

namespace fb::sim {
namespace {

constexpr qint64 kDay = 86400000;
constexpr qint64 kWeek = 7 * kDay;
constexpr qint64 kOrderRetention = 90 * kDay;   // any order older than this is purged
constexpr qint64 kUnfilledRetention = 3 * kDay; // CANCELED/EXPIRED orders without fills

// The [from, to] span a request covers, both ends inclusive. Without startTime and endTime the
// answer is the most recent `limit` rows of the default span; otherwise the oldest `limit` rows.
struct Window
{
    qint64 from = 0;
    qint64 to = 0;
    bool mostRecent = false;
};

struct TimeParams
{
    std::optional<qint64> start;
    std::optional<qint64> end;
};

std::optional<ApiError> readTimes(const EndpointContext& ctx, TimeParams* times)
{
    if (auto e = ctx.params.integer("startTime", &times->start))
        return e;
    if (auto e = ctx.params.integer("endTime", &times->end))
        return e;
    if (times->start && times->end && *times->start > *times->end)
        return errors::startAfterEnd();
    return std::nullopt;
}

// `span` is the default and (if maxSpan) the largest allowed window; `exclusive` makes the
// window half-open at the width limit (allOrders: "< 7 days").
std::optional<ApiError> makeWindow(const EndpointContext& ctx, const TimeParams& t, qint64 span,
                                   bool enforceMax, bool exclusive, bool openEndedStart, Window* w)
{
    const qint64 width = exclusive ? span - 1 : span;
    if (t.start && t.end) {
        if (enforceMax && *t.end - *t.start > width)
            return errors::windowTooLong(static_cast<int>(span / 3600000));
        *w = {*t.start, *t.end, false};
    } else if (t.start) {
        // userTrades/allOrders evaluate [startTime, startTime + 7d]; income runs to now.
        *w = {*t.start, openEndedStart ? ctx.serverTime : *t.start + width, false};
    } else if (t.end) {
        *w = {*t.end - width, *t.end, false};
    } else {
        *w = {ctx.serverTime - width, ctx.serverTime, true};
    }
    return std::nullopt;
}

// First position in [0, n) whose key is not less than `value` (keys ascending).
template <typename Key> qsizetype lowerBound(qsizetype n, qint64 value, Key key)
{
    qsizetype lo = 0;
    qsizetype hi = n;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (key(mid) < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

// Positions in [lo, hi) that match, the oldest `limit` or (mostRecent) the newest `limit`,
// returned ascending.
template <typename Match>
QVector<qsizetype> pick(qsizetype lo, qsizetype hi, int limit, bool mostRecent, Match match)
{
    QVector<qsizetype> out;
    if (!mostRecent) {
        for (qsizetype i = lo; i < hi && out.size() < limit; ++i) {
            if (match(i))
                out.append(i);
        }
        return out;
    }
    for (qsizetype i = hi - 1; i >= lo && out.size() < limit; --i) {
        if (match(i))
            out.append(i);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

bool purged(const Order& o, qint64 now, qint64 retentionMs)
{
    // A simulator configured to keep history longer (the demo's fixed dataset) keeps orders too.
    if (o.time < now - std::max(kOrderRetention, retentionMs))
        return true;
    const bool unfilled =
        (o.status == QLatin1String("CANCELED") || o.status == QLatin1String("EXPIRED")) &&
        o.executedQty.isZero();
    return unfilled && o.time < now - kUnfilledRetention;
}

} // namespace

EndpointResult incomeEndpoint(const EndpointContext& ctx)
{
    // `page` was removed in Oct 2026; this server answers it the way Binance answers any
    // parameter an endpoint does not read.
    if (ctx.params.has("page"))
        return EndpointResult::fail(errors::unreadParams(static_cast<int>(ctx.params.count()) - 1,
                                                         static_cast<int>(ctx.params.count())));
    QString symbol;
    int limit = 0;
    TimeParams times;
    Window w;
    if (auto e = readSymbol(ctx, false, &symbol))
        return EndpointResult::fail(*e);
    if (auto e = readLimit(ctx, 100, 1000, &limit))
        return EndpointResult::fail(*e);
    if (auto e = readTimes(ctx, &times))
        return EndpointResult::fail(*e);
    // The real maximum span is undocumented (API sheet §5.3); the income-max-days fault
    // answers a longer one as Binance answers such spans elsewhere (§4.3, -1127).
    if (auto e = makeWindow(ctx, times, ctx.incomeMaxSpanMs > 0 ? ctx.incomeMaxSpanMs : kWeek,
                            ctx.incomeMaxSpanMs > 0, false, true, &w))
        return EndpointResult::fail(*e);
    const QString type = ctx.params.value("incomeType");
    const qint64 from = std::max(w.from, ctx.retentionTime - ctx.retentionMs);

    const QVector<Income>& rows = ctx.account.income();
    JsonArrayWriter out;
    auto writeRows = [&](const QVector<qsizetype>& picked, auto rowAt) {
        for (qsizetype i : picked)
            out.addRecord(rowAt(i));
    };
    auto matches = [&](const Income& r) {
        return r.time >= from && r.time <= w.to && (type.isEmpty() || r.incomeType == type);
    };
    if (symbol.isEmpty()) {
        auto rowAt = [&](qsizetype i) -> const Income& { return rows[i]; };
        const auto key = [&](qsizetype i) { return rowAt(i).time; };
        const qsizetype lo = lowerBound(rows.size(), from, key);
        const qsizetype hi = lowerBound(rows.size(), w.to + 1, key);
        writeRows(pick(lo, hi, limit, w.mostRecent, [&](qsizetype i) { return matches(rowAt(i)); }),
                  rowAt);
    } else {
        const QVector<qsizetype>& index = ctx.account.incomeIndexOf(symbol);
        auto rowAt = [&](qsizetype i) -> const Income& { return rows[index[i]]; };
        const auto key = [&](qsizetype i) { return rowAt(i).time; };
        const qsizetype lo = lowerBound(index.size(), from, key);
        const qsizetype hi = lowerBound(index.size(), w.to + 1, key);
        writeRows(pick(lo, hi, limit, w.mostRecent, [&](qsizetype i) { return matches(rowAt(i)); }),
                  rowAt);
    }
    return EndpointResult::ok(out.finish());
}

EndpointResult userTradesEndpoint(const EndpointContext& ctx)
{
    QString symbol;
    int limit = 0;
    TimeParams times;
    std::optional<qint64> fromId;
    std::optional<qint64> orderId;
    if (auto e = readSymbol(ctx, true, &symbol))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("fromId", &fromId))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("orderId", &orderId))
        return EndpointResult::fail(*e);
    if (auto e = readLimit(ctx, 500, 1000, &limit))
        return EndpointResult::fail(*e);
    if (auto e = readTimes(ctx, &times))
        return EndpointResult::fail(*e);
    if (fromId && (times.start || times.end))
        return EndpointResult::fail(errors::badCombination());
    Window w;
    if (auto e = makeWindow(ctx, times, kWeek, true, false, false, &w))
        return EndpointResult::fail(*e);
    const qint64 cutoff = ctx.retentionTime - ctx.retentionMs;
    if (fromId || (orderId && !times.start && !times.end)) {
        // By id (or one order's fills): no time window, only retention; oldest first.
        w = {cutoff, std::numeric_limits<qint64>::max() - 1, false};
    }
    const qint64 from = std::max(w.from, cutoff);
    const QVector<Fill>& fills = ctx.account.fills(symbol);
    const auto key = [&](qsizetype i) { return fills[i].time; };
    const qsizetype lo = lowerBound(fills.size(), from, key);
    const qsizetype hi = lowerBound(fills.size(), w.to + 1, key);
    JsonArrayWriter out;
    if (fromId) {
        // "Trade id to fetch from": the `limit` smallest ids >= fromId, ascending by id (a
        // dataset need not number its fills in time order).
        QVector<qsizetype> found;
        for (qsizetype k = lo; k < hi; ++k) {
            if (fills[k].id >= *fromId && (!orderId || fills[k].orderId == *orderId))
                found.append(k);
        }
        const qsizetype n = std::min<qsizetype>(found.size(), limit);
        std::partial_sort(found.begin(), found.begin() + n, found.end(),
                          [&](qsizetype a, qsizetype b) { return fills[a].id < fills[b].id; });
        for (qsizetype i : found.first(n))
            out.addRecord(fills[i]);
        return EndpointResult::ok(out.finish());
    }
    for (qsizetype i : pick(lo, hi, limit, w.mostRecent, [&](qsizetype k) {
             const Fill& f = fills[k];
             return !orderId || f.orderId == *orderId;
         }))
        out.addRecord(fills[i]);
    return EndpointResult::ok(out.finish());
}

namespace {

// Orders of the given symbols that match, sorted by (time, orderId): oldest or newest `limit`.
template <typename Match>
QByteArray selectOrders(const EndpointContext& ctx, const QStringList& symbols, const Window& w,
                        int limit, Match match)
{
    QVector<const Order*> found;
    for (const QString& symbol : symbols) {
        const QVector<Order>& orders = ctx.account.orders(symbol);
        const auto key = [&](qsizetype i) { return orders[i].time; };
        const qsizetype lo = lowerBound(orders.size(), w.from, key);
        const qsizetype hi = lowerBound(orders.size(), w.to + 1, key);
        for (qsizetype i : pick(lo, hi, limit, w.mostRecent, [&](qsizetype k) {
                 return !purged(orders[k], ctx.retentionTime, ctx.retentionMs) && match(orders[k]);
             }))
            found.append(&orders[i]);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Order* a, const Order* b) { return orderLess(*a, *b); });
    if (found.size() > limit)
        found = w.mostRecent ? found.mid(found.size() - limit) : found.first(limit);
    JsonArrayWriter out;
    for (const Order* o : found)
        out.addRecord(*o);
    return out.finish();
}

} // namespace

EndpointResult allOrdersEndpoint(const EndpointContext& ctx)
{
    QString symbol;
    int limit = 0;
    TimeParams times;
    std::optional<qint64> orderId;
    // symbol is optional since 2026-08-25 (all symbols); orderId only means something with one.
    if (auto e = readSymbol(ctx, false, &symbol))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("orderId", &orderId))
        return EndpointResult::fail(*e);
    if (orderId && symbol.isEmpty())
        return EndpointResult::fail(errors::mandatory(QStringLiteral("symbol")));
    if (auto e = readLimit(ctx, 500, 1000, &limit))
        return EndpointResult::fail(*e);
    if (auto e = readTimes(ctx, &times))
        return EndpointResult::fail(*e);
    Window w;
    if (auto e = makeWindow(ctx, times, kWeek, true, true, false, &w))
        return EndpointResult::fail(*e);
    if (orderId && !times.start && !times.end) {
        // "Orders with orderId >= this value": the `limit` smallest ids, ascending by id.
        QVector<const Order*> found;
        for (const Order& o : ctx.account.orders(symbol)) {
            if (o.orderId >= *orderId && !purged(o, ctx.retentionTime, ctx.retentionMs))
                found.append(&o);
        }
        const qsizetype n = std::min<qsizetype>(found.size(), limit);
        std::partial_sort(found.begin(), found.begin() + n, found.end(),
                          [](const Order* a, const Order* b) { return a->orderId < b->orderId; });
        JsonArrayWriter out;
        for (const Order* o : found.first(n))
            out.addRecord(*o);
        return EndpointResult::ok(out.finish());
    }
    const QStringList symbols = symbol.isEmpty() ? ctx.account.symbolNames() : QStringList{symbol};
    return EndpointResult::ok(selectOrders(
        ctx, symbols, w, limit, [&](const Order& o) { return !orderId || o.orderId >= *orderId; }));
}

EndpointResult forceOrdersEndpoint(const EndpointContext& ctx)
{
    QString symbol;
    int limit = 0;
    TimeParams times;
    if (auto e = readSymbol(ctx, false, &symbol))
        return EndpointResult::fail(*e);
    const QString type = ctx.params.value("autoCloseType");
    if (ctx.params.has("autoCloseType") && type != QLatin1String("LIQUIDATION") &&
        type != QLatin1String("ADL"))
        return EndpointResult::fail(errors::invalidParam(QStringLiteral("autoCloseType")));
    if (auto e = readLimit(ctx, 50, 100, &limit))
        return EndpointResult::fail(*e);
    if (auto e = readTimes(ctx, &times))
        return EndpointResult::fail(*e);
    // "If startTime is not sent, data within 7 days before endTime can be queried."
    const qint64 end = times.end.value_or(ctx.serverTime);
    const Window w{times.start.value_or(end - kWeek), end, !times.start && !times.end};
    const QStringList symbols = symbol.isEmpty() ? ctx.account.symbolNames() : QStringList{symbol};
    return EndpointResult::ok(selectOrders(ctx, symbols, w, limit, [&](const Order& o) {
        const bool liquidation = o.clientOrderId.startsWith(QLatin1String("autoclose-"));
        const bool adl = o.clientOrderId.startsWith(QLatin1String("adl_autoclose"));
        if (type == QLatin1String("LIQUIDATION"))
            return liquidation;
        if (type == QLatin1String("ADL"))
            return adl;
        return liquidation || adl;
    }));
}

} // namespace fb::sim
