// GET /fapi/v1/time and /fapi/v1/exchangeInfo (security NONE).
#include "sync/simulator/endpoints.h"

#include "sync/simulator/jsonwriter.h"

#include <QJsonArray>
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

} // namespace fb::sim
