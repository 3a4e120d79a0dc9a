// GET /fapi/v1/allAlgoOrders (API sheet §5.5): the Algo Service's conditional orders of one
// symbol. symbol is mandatory; `algoId` returns the orders with algoId >= it, ascending; without
// it, the window (startTime/endTime, < 7 days, default the last 7 days) and its most recent
// orders; `page` (1-based) skips pages of `limit` (default 500, max 1000). Purged like orders:
// CANCELED/EXPIRED without a fill older than 3 days, anything older than 90 days (or the
// simulator's longer retention). Choices in docs/simulator.md.
#include "sync/simulator/endpoints.h"

#include "sync/simulator/jsonwriter.h"

#include <algorithm>

namespace fb::sim {
namespace {

constexpr qint64 kDay = 86400000;
constexpr qint64 kWeek = 7 * kDay;

bool purged(const AlgoOrder& o, qint64 now, qint64 retentionMs)
{
    if (o.createTime < now - std::max(90 * kDay, retentionMs))
        return true;
    // A triggered one has the fills of the order it became; a cancelled or expired one none.
    const bool unfilled =
        o.algoStatus == QLatin1String("CANCELED") || o.algoStatus == QLatin1String("EXPIRED");
    return unfilled && o.createTime < now - 3 * kDay;
}

} // namespace

EndpointResult allAlgoOrdersEndpoint(const EndpointContext& ctx)
{
    QString symbol;
    int limit = 0;
    std::optional<qint64> algoId;
    std::optional<qint64> start;
    std::optional<qint64> end;
    std::optional<qint64> page;
    if (auto e = readSymbol(ctx, true, &symbol))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("algoId", &algoId))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("page", &page))
        return EndpointResult::fail(*e);
    if (page && *page < 1)
        return EndpointResult::fail(errors::invalidParam(QStringLiteral("page")));
    if (auto e = readLimit(ctx, 500, 1000, &limit))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("startTime", &start))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("endTime", &end))
        return EndpointResult::fail(*e);
    if (start && end && *start > *end)
        return EndpointResult::fail(errors::startAfterEnd());
    // "The query time period must be less than 7 days."
    if (start && end && *end - *start >= kWeek)
        return EndpointResult::fail(errors::windowTooLong(7 * 24));
    const bool byId = algoId && !start && !end;
    const qint64 from = start.value_or(end ? *end - kWeek + 1 : ctx.serverTime - kWeek + 1);
    const qint64 to = end.value_or(start ? *start + kWeek - 1 : ctx.serverTime);

    QVector<const AlgoOrder*> found;
    for (const AlgoOrder& o : ctx.account.algoOrders(symbol)) {
        if (purged(o, ctx.retentionTime, ctx.retentionMs) || o.createTime > ctx.serverTime)
            continue;
        if (algoId && o.algoId < *algoId)
            continue;
        if (!byId && (o.createTime < from || o.createTime > to))
            continue;
        found.append(&o); // ascending algoId (Account keeps them so)
    }
    // By id: the smallest ids first; by window: the most recent `limit`, ascending.
    const qsizetype skip = (page.value_or(1) - 1) * limit;
    qsizetype first = 0;
    qsizetype last = found.size();
    if (byId || page) {
        first = std::min<qsizetype>(skip, found.size());
        last = std::min<qsizetype>(first + limit, found.size());
    } else {
        first = std::max<qsizetype>(0, found.size() - limit);
    }
    JsonArrayWriter out;
    for (qsizetype i = first; i < last; ++i)
        out.add(found[i]->raw.isEmpty() ? compactJson(found[i]->toJson()) : found[i]->raw);
    return EndpointResult::ok(out.finish());
}

} // namespace fb::sim
