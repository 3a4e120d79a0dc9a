// Current account state: positionRisk (v3 and v2), positionSide/dual, account (v3) and the
// API key's permissions (/sapi/v1/account/apiRestrictions).
#include "sync/simulator/endpoints.h"

#include "sync/simulator/jsonwriter.h"

#include <QJsonArray>

namespace fb::sim {
namespace {

QString money(const Decimal& value)
{
    return toScale(value, kMoneyScale).toPlainString();
}

// Every account-level figure uses leverage 20 and a 0.4 % maintenance rate (cross margin).
Decimal initialMargin(const Position& p)
{
    return p.notional.abs().divide(Decimal::fromInt(20), kMoneyScale);
}

Decimal maintMargin(const Position& p)
{
    return toScale(p.notional.abs() * Decimal::fromScaled(4, 3), kMoneyScale);
}

} // namespace

EndpointResult positionRiskV3Endpoint(const EndpointContext& ctx)
{
    QString symbol;
    if (auto e = readSymbol(ctx, false, &symbol))
        return EndpointResult::fail(*e);
    JsonArrayWriter out;
    for (const Position& p : ctx.account.positions()) {
        if (symbol.isEmpty() || p.symbol == symbol)
            out.addRecord(p);
    }
    return EndpointResult::ok(out.finish());
}

EndpointResult positionRiskV2Endpoint(const EndpointContext& ctx)
{
    // v2 lists every symbol (and, in hedge mode, both sides), zero rows included.
    QString symbol;
    if (auto e = readSymbol(ctx, false, &symbol))
        return EndpointResult::fail(*e);
    const QList<PositionSide> sides = ctx.account.hedgeMode
                                          ? QList{PositionSide::Long, PositionSide::Short}
                                          : QList{PositionSide::Both};
    JsonArrayWriter out;
    for (const SymbolSpec& s : ctx.account.symbols()) {
        if (!symbol.isEmpty() && s.symbol != symbol)
            continue;
        for (PositionSide side : sides) {
            const auto p = ctx.account.position(s.symbol, side);
            const Decimal zeroQty = toScale(Decimal::fromInt(0), s.quantityPrecision());
            out.add(compactJson(QJsonObject{
                {QStringLiteral("symbol"), s.symbol},
                {QStringLiteral("positionAmt"), (p ? p->positionAmt : zeroQty).toPlainString()},
                {QStringLiteral("entryPrice"),
                 p ? p->entryPrice.toPlainString() : QStringLiteral("0.0")},
                {QStringLiteral("breakEvenPrice"),
                 p ? p->breakEvenPrice.toPlainString() : QStringLiteral("0.0")},
                {QStringLiteral("markPrice"), money(s.markPrice)},
                {QStringLiteral("unRealizedProfit"),
                 money(p ? p->unRealizedProfit : Decimal::fromInt(0))},
                {QStringLiteral("liquidationPrice"), QStringLiteral("0")},
                {QStringLiteral("leverage"), QStringLiteral("20")},
                {QStringLiteral("maxNotionalValue"), QStringLiteral("250000")},
                {QStringLiteral("marginType"), QStringLiteral("cross")},
                {QStringLiteral("isolatedMargin"), QStringLiteral("0.00000000")},
                {QStringLiteral("isAutoAddMargin"), QStringLiteral("false")},
                {QStringLiteral("positionSide"), positionSideName(side)},
                {QStringLiteral("notional"), p ? p->notional.toPlainString() : QStringLiteral("0")},
                {QStringLiteral("isolatedWallet"), QStringLiteral("0")},
                {QStringLiteral("updateTime"), p ? p->updateTime : qint64(0)},
            }));
        }
    }
    return EndpointResult::ok(out.finish());
}

EndpointResult positionSideDualEndpoint(const EndpointContext& ctx)
{
    return EndpointResult::ok(
        compactJson({{QStringLiteral("dualSidePosition"), ctx.account.hedgeMode}}));
}

EndpointResult accountV3Endpoint(const EndpointContext& ctx)
{
    // Wallet balance per asset = the sum of every income row in that asset (the ledger is the
    // whole story of a simulated account); unrealized PnL from the open positions.
    QMap<QString, Decimal> wallet;
    QMap<QString, qint64> updated;
    for (const Income& row : ctx.account.income()) {
        wallet[row.asset] += row.income;
        updated[row.asset] = std::max(updated.value(row.asset), row.time);
    }
    QMap<QString, Decimal> unrealized;
    QMap<QString, Decimal> margin;
    QMap<QString, Decimal> maint;
    QJsonArray positions;
    for (const Position& p : ctx.account.positions()) {
        unrealized[p.marginAsset] += p.unRealizedProfit;
        margin[p.marginAsset] += initialMargin(p);
        maint[p.marginAsset] += maintMargin(p);
        positions.append(
            QJsonObject{{QStringLiteral("symbol"), p.symbol},
                        {QStringLiteral("positionSide"), positionSideName(p.positionSide)},
                        {QStringLiteral("positionAmt"), p.positionAmt.toPlainString()},
                        {QStringLiteral("unrealizedProfit"), money(p.unRealizedProfit)},
                        {QStringLiteral("isolatedMargin"), QStringLiteral("0")},
                        {QStringLiteral("notional"), money(p.notional)},
                        {QStringLiteral("isolatedWallet"), QStringLiteral("0")},
                        {QStringLiteral("initialMargin"), money(initialMargin(p))},
                        {QStringLiteral("maintMargin"), money(maintMargin(p))},
                        {QStringLiteral("updateTime"), p.updateTime}});
    }
    QJsonArray assets;
    Decimal totalWallet, totalUnrealized, totalMargin, totalMaint;
    for (auto it = wallet.cbegin(); it != wallet.cend(); ++it) {
        const QString& asset = it.key();
        const Decimal marginBalance = it.value() + unrealized.value(asset);
        const Decimal available = marginBalance - margin.value(asset);
        assets.append(
            QJsonObject{{QStringLiteral("asset"), asset},
                        {QStringLiteral("walletBalance"), money(it.value())},
                        {QStringLiteral("unrealizedProfit"), money(unrealized.value(asset))},
                        {QStringLiteral("marginBalance"), money(marginBalance)},
                        {QStringLiteral("maintMargin"), money(maint.value(asset))},
                        {QStringLiteral("initialMargin"), money(margin.value(asset))},
                        {QStringLiteral("positionInitialMargin"), money(margin.value(asset))},
                        {QStringLiteral("openOrderInitialMargin"), money(Decimal())},
                        {QStringLiteral("crossWalletBalance"), money(it.value())},
                        {QStringLiteral("crossUnPnl"), money(unrealized.value(asset))},
                        {QStringLiteral("availableBalance"), money(available)},
                        {QStringLiteral("maxWithdrawAmount"), money(available)},
                        {QStringLiteral("updateTime"), updated.value(asset)}});
        if (asset == QLatin1String("USDT") || asset == QLatin1String("USDC")) {
            // Totals are in USD; stablecoins count 1:1, other assets not at all.
            totalWallet += it.value();
            totalUnrealized += unrealized.value(asset);
            totalMargin += margin.value(asset);
            totalMaint += maint.value(asset);
        }
    }
    const Decimal totalMarginBalance = totalWallet + totalUnrealized;
    const QJsonObject account{
        {QStringLiteral("totalInitialMargin"), money(totalMargin)},
        {QStringLiteral("totalMaintMargin"), money(totalMaint)},
        {QStringLiteral("totalWalletBalance"), money(totalWallet)},
        {QStringLiteral("totalUnrealizedProfit"), money(totalUnrealized)},
        {QStringLiteral("totalMarginBalance"), money(totalMarginBalance)},
        {QStringLiteral("totalPositionInitialMargin"), money(totalMargin)},
        {QStringLiteral("totalOpenOrderInitialMargin"), money(Decimal())},
        {QStringLiteral("totalCrossWalletBalance"), money(totalWallet)},
        {QStringLiteral("totalCrossUnPnl"), money(totalUnrealized)},
        {QStringLiteral("availableBalance"), money(totalMarginBalance - totalMargin)},
        {QStringLiteral("maxWithdrawAmount"), money(totalMarginBalance - totalMargin)},
        {QStringLiteral("assets"), assets},
        {QStringLiteral("positions"), positions},
    };
    return EndpointResult::ok(compactJson(account));
}

EndpointResult apiRestrictionsEndpoint(const EndpointContext& ctx)
{
    // A read-only key, as the journal wants; SimulatorConfig::apiRestrictions overrides fields.
    QJsonObject answer{{QStringLiteral("ipRestrict"), false},
                       {QStringLiteral("createTime"), ctx.account.createTime},
                       {QStringLiteral("enableReading"), true},
                       {QStringLiteral("enableWithdrawals"), false},
                       {QStringLiteral("enableInternalTransfer"), false},
                       {QStringLiteral("enableMargin"), false},
                       {QStringLiteral("enableFutures"), false},
                       {QStringLiteral("permitsUniversalTransfer"), false},
                       {QStringLiteral("enableVanillaOptions"), false},
                       {QStringLiteral("enableFixApiTrade"), false},
                       {QStringLiteral("enableFixReadOnly"), true},
                       {QStringLiteral("enableSpotAndMarginTrading"), false},
                       {QStringLiteral("enablePortfolioMarginTrading"), false}};
    for (auto it = ctx.apiRestrictions.constBegin(); it != ctx.apiRestrictions.constEnd(); ++it)
        answer.insert(it.key(), it.value());
    return EndpointResult::ok(compactJson(answer));
}

} // namespace fb::sim
