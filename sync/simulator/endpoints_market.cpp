// GET /fapi/v1/time and /fapi/v1/exchangeInfo (security NONE).
#include "sync/simulator/endpoints.h"

#include "sync/simulator/jsonwriter.h"
#include "sync/simulator/market_prices.h"
#include "sync/simulator/trade_candles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace fb::sim {

EndpointResult serverTimeEndpoint(const EndpointContext& ctx)
{
    return EndpointResult::ok(compactJson({{QStringLiteral("serverTime"), ctx.serverTime}}));
}

EndpointResult exchangeInfoEndpoint(const EndpointContext& ctx)
{
    auto limit = [](const char* type, const QString& interval, qint64 num, qint64 value) {
        return QJsonObject{{QStringLiteral("rateLimitType"), QLatin1String(type)},
                           {QStringLiteral("interval"), interval},
                           {QStringLiteral("intervalNum"), num},
                           {QStringLiteral("limit"), value}};
    };
    QJsonArray assets;
    QSet<QString> seen;
    QJsonArray symbols;
    for (const SymbolSpec& s : ctx.account.symbols()) {
        symbols.append(s.toExchangeInfoJson());
        if (!seen.contains(s.quoteAsset)) {
            seen.insert(s.quoteAsset);
            assets.append(QJsonObject{{QStringLiteral("asset"), s.quoteAsset},
                                      {QStringLiteral("marginAvailable"), true},
                                      {QStringLiteral("autoAssetExchange"), QStringLiteral("0")}});
        }
    }
    assets.append(QJsonObject{{QStringLiteral("asset"), QStringLiteral("BNB")},
                              {QStringLiteral("marginAvailable"), false},
                              {QStringLiteral("autoAssetExchange"), QJsonValue()}});
    const QJsonObject info{
        {QStringLiteral("timezone"), QStringLiteral("UTC")},
        {QStringLiteral("serverTime"), ctx.serverTime},
        {QStringLiteral("futuresType"), QStringLiteral("U_MARGINED")},
        {QStringLiteral("rateLimits"),
         // The weight window as scaled by --time-scale, so that a client budgets the window the
         // limiter really uses; the order limits are not enforced and stay as documented.
         QJsonArray{
             limit("REQUEST_WEIGHT", ctx.weightInterval, ctx.weightIntervalNum, ctx.weightLimit),
             limit("ORDERS", QStringLiteral("MINUTE"), 1, 1200),
             limit("ORDERS", QStringLiteral("SECOND"), 10, 300)}},
        {QStringLiteral("exchangeFilters"), QJsonArray()},
        {QStringLiteral("assets"), assets},
        {QStringLiteral("symbols"), symbols},
    };
    return EndpointResult::ok(compactJson(info));
}

EndpointResult klinesEndpoint(const EndpointContext& ctx)
{
    // Binance's semantics (API sheet §5.12): candles whose open time is in [startTime, endTime],
    // oldest first, at most `limit` (default 500, max 1500); with only startTime the first
    // `limit` from it, with only endTime or neither the last `limit` up to it (or to now). The
    // current minute's candle is served too, still open; no candle opens after now.
    constexpr qint64 kMinute = 60'000;
    if (!ctx.params.has("symbol") || ctx.params.value("symbol").isEmpty())
        return EndpointResult::fail(errors::mandatory(QStringLiteral("symbol")));
    const QString pair = ctx.params.value("symbol");
    if (!ctx.params.has("interval"))
        return EndpointResult::fail(errors::mandatory(QStringLiteral("interval")));
    if (ctx.params.value("interval") != QLatin1String("1m"))
        return EndpointResult::fail(errors::invalidParam(QStringLiteral("interval")));
    // A pair of the market path (BNB prices for fees) first, then a symbol of the account, whose
    // candles follow its fills (trade_candles.h); a delisted one is unknown, like on Binance.
    const bool market = ctx.klinePairs.contains(pair) && simKline(ctx.seed, pair, 0);
    const bool traded =
        !market && ctx.account.symbol(pair) && !ctx.candlelessSymbols.contains(pair);
    if (!market && !traded)
        return EndpointResult::fail(errors::invalidSymbol());
    int limit = 500;
    if (auto e = readLimit(ctx, 500, 1500, &limit))
        return EndpointResult::fail(*e);
    std::optional<qint64> start;
    std::optional<qint64> end;
    if (auto e = ctx.params.integer("startTime", &start))
        return EndpointResult::fail(*e);
    if (auto e = ctx.params.integer("endTime", &end))
        return EndpointResult::fail(*e);
    if (start && end && *start > *end)
        return EndpointResult::fail(errors::startAfterEnd());
    const auto ceilMinute = [](qint64 ms) {
        const qint64 floor = ms - (((ms % kMinute) + kMinute) % kMinute);
        return floor == ms ? ms : floor + kMinute;
    };
    const auto floorMinute = [](qint64 ms) { return ms - (((ms % kMinute) + kMinute) % kMinute); };
    const qint64 lastAllowed = floorMinute(std::min(end.value_or(ctx.serverTime), ctx.serverTime));
    qint64 first = 0;
    qint64 last = 0;
    if (start) {
        first = ceilMinute(*start);
        last = std::min(lastAllowed, first + (limit - 1) * kMinute);
    } else {
        last = lastAllowed;
        first = last - (limit - 1) * kMinute;
    }
    QJsonArray out;
    for (qint64 t = first; t <= last; t += kMinute) {
        auto k = market ? simKline(ctx.seed, pair, t) : tradedKline(ctx.account, ctx.seed, pair, t);
        if (k && market)
            widenToFills(ctx.account, pair, *k);
        if (!k)
            break;
        out.append(QJsonArray{QJsonValue(t), k->open.toString(), k->high.toString(),
                              k->low.toString(), k->close.toString(), k->volume.toString(),
                              QJsonValue(t + kMinute - 1), (k->volume * k->close).toString(),
                              QJsonValue(qint64(100 + (t / kMinute) % 900)), QStringLiteral("0"),
                              QStringLiteral("0"), QStringLiteral("0")});
    }
    return EndpointResult::ok(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

} // namespace fb::sim
