#pragma once
// The REST endpoints the journal reads, their request weights (API sheet §5.0) and the Request
// value that pagers produce and the client sends.
//
// A Request holds only the endpoint's own parameters, in the order they are sent. timestamp,
// recvWindow and signature are added by the client at send time, so a Request can be created
// long before it is sent (and persisted, compared in tests) without going stale.

#include "sync/binance/signer.h"

#include <QString>

namespace fb::binance {

enum class Endpoint {
    ServerTime,      // GET /fapi/v1/time
    ExchangeInfo,    // GET /fapi/v1/exchangeInfo
    Income,          // GET /fapi/v1/income
    UserTrades,      // GET /fapi/v1/userTrades
    AllOrders,       // GET /fapi/v1/allOrders
    ForceOrders,     // GET /fapi/v1/forceOrders
    AllAlgoOrders,   // GET /fapi/v1/allAlgoOrders (the Algo Service's conditional orders)
    PositionRisk,    // GET /fapi/v3/positionRisk
    PositionMode,    // GET /fapi/v1/positionSide/dual
    Account,         // GET /fapi/v3/account
    ApiRestrictions, // GET /sapi/v1/account/apiRestrictions (spot host)
    Klines,          // GET /fapi/v1/klines (public; weight by limit, klines.h)
};

enum class Host { Futures, Spot };

struct EndpointInfo
{
    const char* path;
    int weight;    // request weight against the IP's per-minute pool
    bool isSigned; // USER_DATA: API key header + HMAC signature
    Host host;
};

const EndpointInfo& endpointInfo(Endpoint endpoint);
// "GET /fapi/v1/income": how endpoints are named in messages and signals.
QString endpointName(Endpoint endpoint);

// Documented maximum page sizes.
inline constexpr int kIncomeMaxLimit = 1000;
inline constexpr int kUserTradesMaxLimit = 1000;
inline constexpr int kAllOrdersMaxLimit = 1000;
inline constexpr int kForceOrdersMaxLimit = 100;
inline constexpr int kAllAlgoOrdersMaxLimit = 1000;
// forceOrders costs 20 with a symbol and 50 without (API sheet §5.6).
inline constexpr int kForceOrdersWeightAllSymbols = 50;

struct Request
{
    Endpoint endpoint = Endpoint::ServerTime;
    QueryParams params;
    QString symbol; // the symbol the request is about, if any (for errors and the engine)

    int weight() const;
    QString name() const { return endpointName(endpoint); }
    // The value of a parameter, or a null QString when absent.
    QString param(const QString& name) const;
    bool hasParam(const QString& name) const { return !param(name).isNull(); }

    bool operator==(const Request& other) const = default;
};

Request serverTimeRequest();
Request exchangeInfoRequest();
// Times are inclusive milliseconds. incomeType empty = all types.
Request incomeRequest(qint64 startTime, qint64 endTime, int limit = kIncomeMaxLimit,
                      const QString& incomeType = {});
Request userTradesByTime(const QString& symbol, qint64 startTime, qint64 endTime,
                         int limit = kUserTradesMaxLimit);
// fromId cannot be combined with startTime/endTime (API sheet §5.4): none are sent.
Request userTradesFromId(const QString& symbol, qint64 fromId, int limit = kUserTradesMaxLimit);
Request allOrdersByTime(const QString& symbol, qint64 startTime, qint64 endTime,
                        int limit = kAllOrdersMaxLimit);
Request allOrdersFromId(const QString& symbol, qint64 orderId, int limit = kAllOrdersMaxLimit);
// algoId >= the given one, ascending (API sheet §5.5: symbol required); no times sent.
Request allAlgoOrdersFromId(const QString& symbol, qint64 algoId,
                            int limit = kAllAlgoOrdersMaxLimit);
// symbol empty = all symbols (weight 50). startTime <= 0 leaves the time bounds out.
Request forceOrdersRequest(const QString& symbol, qint64 startTime = 0, qint64 endTime = 0,
                           int limit = kForceOrdersMaxLimit);
Request positionRiskRequest(const QString& symbol = {});
Request positionModeRequest();
Request accountRequest();
Request apiRestrictionsRequest();

} // namespace fb::binance
