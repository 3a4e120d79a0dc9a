#include "sync/simulator/endpoints.h"

#include <array>

namespace fb::sim {
namespace {

// Weights from API sheet §5.0. The /sapi path is the spot host's; one server answers both.
constexpr std::array<Route, 13> kRoutes{{
    {"/fapi/v1/time", Security::None, 1, 1, &serverTimeEndpoint},
    {"/fapi/v1/exchangeInfo", Security::None, 1, 1, &exchangeInfoEndpoint},
    // Weight by limit (API sheet §5.12): routeWeight() below.
    {"/fapi/v1/klines", Security::None, 5, 5, &klinesEndpoint},
    {"/fapi/v1/income", Security::UserData, 30, 30, &incomeEndpoint},
    {"/fapi/v1/userTrades", Security::UserData, 5, 5, &userTradesEndpoint},
    {"/fapi/v1/allOrders", Security::UserData, 5, 5, &allOrdersEndpoint},
    {"/fapi/v1/allAlgoOrders", Security::UserData, 5, 5, &allAlgoOrdersEndpoint},
    {"/fapi/v1/forceOrders", Security::UserData, 20, 50, &forceOrdersEndpoint},
    {"/fapi/v3/positionRisk", Security::UserData, 5, 5, &positionRiskV3Endpoint},
    {"/fapi/v2/positionRisk", Security::UserData, 5, 5, &positionRiskV2Endpoint},
    {"/fapi/v1/positionSide/dual", Security::UserData, 30, 30, &positionSideDualEndpoint},
    {"/fapi/v3/account", Security::UserData, 5, 5, &accountV3Endpoint},
    {"/sapi/v1/account/apiRestrictions", Security::UserData, 1, 1, &apiRestrictionsEndpoint},
}};

} // namespace

const Route* findRoute(const QByteArray& path)
{
    for (const Route& r : kRoutes) {
        if (path == r.path)
            return &r;
    }
    return nullptr;
}

qint64 routeWeight(const Route& route, const QueryParams& params)
{
    if (route.handler == &klinesEndpoint) {
        std::optional<qint64> limit;
        if (params.integer("limit", &limit) || !limit)
            return 5; // the default limit, 500 (a bad value is refused by the endpoint)
        return *limit < 100 ? 1 : *limit < 500 ? 2 : *limit <= 1000 ? 5 : 10;
    }
    return params.has("symbol") ? route.weight : route.weightWithoutSymbol;
}

std::optional<ApiError> readSymbol(const EndpointContext& ctx, bool mandatory, QString* symbol)
{
    symbol->clear();
    if (!ctx.params.has("symbol"))
        return mandatory ? std::optional(errors::mandatory(QStringLiteral("symbol")))
                         : std::nullopt;
    const QString name = ctx.params.value("symbol");
    if (name.isEmpty())
        return errors::mandatory(QStringLiteral("symbol"));
    if (!ctx.account.symbol(name))
        return errors::invalidSymbol();
    *symbol = name;
    return std::nullopt;
}

std::optional<ApiError> readLimit(const EndpointContext& ctx, int defaultLimit, int maxLimit,
                                  int* limit)
{
    std::optional<qint64> value;
    if (auto error = ctx.params.integer("limit", &value))
        return error;
    if (value && (*value < 1 || *value > maxLimit))
        return errors::invalidParam(QStringLiteral("limit"));
    *limit = value ? static_cast<int>(*value) : defaultLimit;
    return std::nullopt;
}

} // namespace fb::sim
