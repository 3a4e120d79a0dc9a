#include "sync/binance/endpoints.h"

#include "sync/binance/klines.h"

namespace fb::binance {

const EndpointInfo& endpointInfo(Endpoint endpoint)
{
    // Weights from API sheet §5.0; they change over time, so they live in this one table.
    static const EndpointInfo time{"/fapi/v1/time", 1, false, Host::Futures};
    static const EndpointInfo exchangeInfo{"/fapi/v1/exchangeInfo", 1, false, Host::Futures};
    static const EndpointInfo income{"/fapi/v1/income", 30, true, Host::Futures};
    static const EndpointInfo userTrades{"/fapi/v1/userTrades", 5, true, Host::Futures};
    static const EndpointInfo allOrders{"/fapi/v1/allOrders", 5, true, Host::Futures};
    static const EndpointInfo allAlgoOrders{"/fapi/v1/allAlgoOrders", 5, true, Host::Futures};
    static const EndpointInfo forceOrders{"/fapi/v1/forceOrders", 20, true, Host::Futures};
    static const EndpointInfo positionRisk{"/fapi/v3/positionRisk", 5, true, Host::Futures};
    static const EndpointInfo positionMode{"/fapi/v1/positionSide/dual", 30, true, Host::Futures};
    static const EndpointInfo account{"/fapi/v3/account", 5, true, Host::Futures};
    // Counted against the spot host's own (sapi) pool, not the futures weight.
    static const EndpointInfo apiRestrictions{"/sapi/v1/account/apiRestrictions", 1, true,
                                              Host::Spot};
    // Public market data; the weight here is the default limit's (500): Request::weight() reads
    // the limit actually sent.
    static const EndpointInfo klines{"/fapi/v1/klines", 5, false, Host::Futures};
    switch (endpoint) {
    case Endpoint::ServerTime:
        return time;
    case Endpoint::ExchangeInfo:
        return exchangeInfo;
    case Endpoint::Income:
        return income;
    case Endpoint::UserTrades:
        return userTrades;
    case Endpoint::AllOrders:
        return allOrders;
    case Endpoint::ForceOrders:
        return forceOrders;
    case Endpoint::AllAlgoOrders:
        return allAlgoOrders;
    case Endpoint::PositionRisk:
        return positionRisk;
    case Endpoint::PositionMode:
        return positionMode;
    case Endpoint::Account:
        return account;
    case Endpoint::ApiRestrictions:
        return apiRestrictions;
    case Endpoint::Klines:
        return klines;
    }
    return time;
}

QString endpointName(Endpoint endpoint)
{
    return QStringLiteral("GET ") + QLatin1String(endpointInfo(endpoint).path);
}

int Request::weight() const
{
    if (endpoint == Endpoint::ForceOrders && !hasParam(QStringLiteral("symbol")))
        return kForceOrdersWeightAllSymbols;
    if (endpoint == Endpoint::Klines) {
        bool ok = false;
        const int limit = param(QStringLiteral("limit")).toInt(&ok);
        return klinesWeight(ok ? limit : 500);
    }
    return endpointInfo(endpoint).weight;
}

QString Request::param(const QString& name) const
{
    for (const auto& [key, value] : params) {
        if (key == name)
            return value.isNull() ? QLatin1String("") : value;
    }
    return {};
}

namespace {

QString num(qint64 value)
{
    return QString::number(value);
}

Request make(Endpoint endpoint, QueryParams params = {}, const QString& symbol = {})
{
    return Request{endpoint, std::move(params), symbol};
}

} // namespace

Request serverTimeRequest()
{
    return make(Endpoint::ServerTime);
}

Request exchangeInfoRequest()
{
    return make(Endpoint::ExchangeInfo);
}

Request incomeRequest(qint64 startTime, qint64 endTime, int limit, const QString& incomeType)
{
    QueryParams params;
    if (!incomeType.isEmpty())
        params.append({QStringLiteral("incomeType"), incomeType});
    // Both bounds are always sent: with only one the server's window is undocumented (API sheet
    // §5.3).
    params.append({QStringLiteral("startTime"), num(startTime)});
    params.append({QStringLiteral("endTime"), num(endTime)});
    params.append({QStringLiteral("limit"), num(limit)});
    return make(Endpoint::Income, params);
}

Request userTradesByTime(const QString& symbol, qint64 startTime, qint64 endTime, int limit)
{
    return make(Endpoint::UserTrades,
                {{QStringLiteral("symbol"), symbol},
                 {QStringLiteral("startTime"), num(startTime)},
                 {QStringLiteral("endTime"), num(endTime)},
                 {QStringLiteral("limit"), num(limit)}},
                symbol);
}

Request userTradesFromId(const QString& symbol, qint64 fromId, int limit)
{
    return make(Endpoint::UserTrades,
                {{QStringLiteral("symbol"), symbol},
                 {QStringLiteral("fromId"), num(fromId)},
                 {QStringLiteral("limit"), num(limit)}},
                symbol);
}

Request allOrdersByTime(const QString& symbol, qint64 startTime, qint64 endTime, int limit)
{
    return make(Endpoint::AllOrders,
                {{QStringLiteral("symbol"), symbol},
                 {QStringLiteral("startTime"), num(startTime)},
                 {QStringLiteral("endTime"), num(endTime)},
                 {QStringLiteral("limit"), num(limit)}},
                symbol);
}

Request allOrdersFromId(const QString& symbol, qint64 orderId, int limit)
{
    return make(Endpoint::AllOrders,
                {{QStringLiteral("symbol"), symbol},
                 {QStringLiteral("orderId"), num(orderId)},
                 {QStringLiteral("limit"), num(limit)}},
                symbol);
}

Request allAlgoOrdersFromId(const QString& symbol, qint64 algoId, int limit)
{
    return make(Endpoint::AllAlgoOrders,
                {{QStringLiteral("symbol"), symbol},
                 {QStringLiteral("algoId"), num(algoId)},
                 {QStringLiteral("limit"), num(limit)}},
                symbol);
}

Request forceOrdersRequest(const QString& symbol, qint64 startTime, qint64 endTime, int limit)
{
    QueryParams params;
    if (!symbol.isEmpty())
        params.append({QStringLiteral("symbol"), symbol});
    if (startTime > 0) {
        params.append({QStringLiteral("startTime"), num(startTime)});
        params.append({QStringLiteral("endTime"), num(endTime)});
    }
    params.append({QStringLiteral("limit"), num(limit)});
    return make(Endpoint::ForceOrders, params, symbol);
}

Request positionRiskRequest(const QString& symbol)
{
    QueryParams params;
    if (!symbol.isEmpty())
        params.append({QStringLiteral("symbol"), symbol});
    return make(Endpoint::PositionRisk, params, symbol);
}

Request positionModeRequest()
{
    return make(Endpoint::PositionMode);
}

Request accountRequest()
{
    return make(Endpoint::Account);
}

Request apiRestrictionsRequest()
{
    return make(Endpoint::ApiRestrictions);
}

} // namespace fb::binance
