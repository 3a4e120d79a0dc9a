#pragma once
// The simulated REST endpoints (API sheet §5) and the route table that names them, with their
// security type and request weight.

#include "sync/simulator/account.h"
#include "sync/simulator/params.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace fb::sim {

struct EndpointContext
{
    const Account& account;
    const QueryParams& params;
    qint64 serverTime = 0;
    qint64 retentionTime = 0; // the instant retention and purges are judged at (freezeRetention)
    qint64 retentionMs = 90LL * 86400000; // income and fills older than this are gone
    qint64 weightLimit = 2400;
    QString weightInterval = QStringLiteral("MINUTE"); // the window exchangeInfo reports
    qint64 weightIntervalNum = 1;
    QJsonObject apiRestrictions;   // served as is
    quint64 seed = 1;              // of the market's price paths (market_prices.h)
    QStringList klinePairs;        // the pairs /fapi/v1/klines knows
    qint64 incomeMaxSpanMs = 0;    // the income-max-days fault; 0 = any span
    QStringList candlelessSymbols; // account symbols /fapi/v1/klines refuses (delisted)
};

struct EndpointResult
{
    int status = 200;
    QByteArray body;

    static EndpointResult ok(QByteArray body) { return {200, std::move(body)}; }
    static EndpointResult fail(const ApiError& e) { return {e.httpStatus, e.body()}; }
};

using EndpointFn = EndpointResult (*)(const EndpointContext&);

enum class Security { None, UserData };

struct Route
{
    const char* path;
    Security security;
    qint64 weight;
    qint64 weightWithoutSymbol; // forceOrders costs more without a symbol; else == weight
    EndpointFn handler;
};

// nullptr for an unknown path.
const Route* findRoute(const QByteArray& path);
qint64 routeWeight(const Route& route, const QueryParams& params);

// Market data (endpoints_market.cpp)
EndpointResult serverTimeEndpoint(const EndpointContext& ctx);
EndpointResult exchangeInfoEndpoint(const EndpointContext& ctx);
EndpointResult klinesEndpoint(const EndpointContext& ctx);
// History (endpoints_history.cpp)
EndpointResult incomeEndpoint(const EndpointContext& ctx);
EndpointResult userTradesEndpoint(const EndpointContext& ctx);
EndpointResult allOrdersEndpoint(const EndpointContext& ctx);
EndpointResult forceOrdersEndpoint(const EndpointContext& ctx);
// The Algo Service (endpoints_algo.cpp)
EndpointResult allAlgoOrdersEndpoint(const EndpointContext& ctx);
// Account state (endpoints_account.cpp)
EndpointResult positionRiskV3Endpoint(const EndpointContext& ctx);
EndpointResult positionRiskV2Endpoint(const EndpointContext& ctx);
EndpointResult positionSideDualEndpoint(const EndpointContext& ctx);
EndpointResult accountV3Endpoint(const EndpointContext& ctx);
EndpointResult apiRestrictionsEndpoint(const EndpointContext& ctx);

// Shared parameter readers: each returns an error to answer, or nullopt.
std::optional<ApiError> readSymbol(const EndpointContext& ctx, bool mandatory, QString* symbol);
std::optional<ApiError> readLimit(const EndpointContext& ctx, int defaultLimit, int maxLimit,
                                  int* limit);

} // namespace fb::sim
