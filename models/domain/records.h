#pragma once
// Raw exchange records (docs/design.md §1.1, layer 1): fills, income rows, orders and positions,
// with every field of the API sheet. Money and quantities are exact Decimals (kept with the
// exchange's scale, so they print back verbatim); ids are 64-bit integers, never doubles.
//
// Each record also carries `raw`: the exact JSON text of the element as the exchange sent it.
// The journal stores it verbatim; it is the fact, the typed fields are a convenience.
//
// fromJson() is tolerant of the documented variations (ids as numbers or strings, extra
// fields, unknown enum values) and strict about what matters: a missing required field, an id
// that is not an exact integer, or a money string that is not a plain decimal is an error.

#include "models/money/decimal.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace fb {

enum class Side { Buy, Sell };
// BOTH = one-way mode; LONG/SHORT = the two books of hedge mode.
enum class PositionSide { Both, Long, Short };

QString sideName(Side side);
QString positionSideName(PositionSide side);
std::optional<Side> parseSide(const QString& text);
std::optional<PositionSide> parsePositionSide(const QString& text);

// One fill from GET /fapi/v1/userTrades. Natural key: (account, symbol, id).
struct Fill
{
    QString account;
    QString symbol;
    qint64 id = 0;
    qint64 orderId = 0;
    Side side = Side::Buy;
    Decimal price;
    Decimal qty;
    Decimal quoteQty;
    Decimal realizedPnl;
    // As sent: positive in live data, negative in the doc example. Always a cost: use
    // commissionCost() for arithmetic.
    Decimal commission;
    QString commissionAsset;
    QString marginAsset; // may be absent on the wire: then derived from the symbol's quote
    qint64 time = 0;     // ms UTC
    PositionSide positionSide = PositionSide::Both;
    bool buyer = false;
    bool maker = false;
    QByteArray raw;

    Decimal commissionCost() const { return commission.abs(); }
    // +qty for a BUY, -qty for a SELL: the fill's effect on a signed position.
    Decimal signedQty() const { return side == Side::Buy ? qty : -qty; }

    static std::optional<Fill> fromJson(const QJsonObject& object, const QString& account,
                                        QString* error = nullptr);
    QJsonObject toJson() const; // the API's element shape
};

// One row of GET /fapi/v1/income. Natural key: (account, incomeType, tranId).
struct Income
{
    QString account;
    QString symbol;     // "" for account-level rows (transfers, bonuses)
    QString incomeType; // kept verbatim: the list of types grows over time
    Decimal income;     // signed: positive = inflow
    QString asset;
    QString info;
    qint64 time = 0;
    qint64 tranId = 0;
    QString tradeId; // the fill id as a string, "" when none
    QByteArray raw;

    static std::optional<Income> fromJson(const QJsonObject& object, const QString& account,
                                          QString* error = nullptr);
    QJsonObject toJson() const;
};

// One order from GET /fapi/v1/allOrders (or forceOrders). Natural key: (account, symbol, orderId).
struct Order
{
    QString account;
    QString symbol;
    qint64 orderId = 0;
    QString clientOrderId;
    QString status; // NEW, PARTIALLY_FILLED, FILLED, CANCELED, ... (verbatim)
    Decimal price;
    Decimal avgPrice;
    Decimal origQty;
    Decimal executedQty;
    Decimal cumQuote;
    QString timeInForce;
    QString type;
    QString origType;
    bool reduceOnly = false;
    bool closePosition = false;
    Side side = Side::Buy;
    PositionSide positionSide = PositionSide::Both;
    Decimal stopPrice;
    QString workingType;
    bool priceProtect = false;
    QString priceMatch;
    QString selfTradePreventionMode;
    qint64 goodTillDate = 0;
    qint64 time = 0;
    qint64 updateTime = 0;
    std::optional<Decimal> activatePrice; // trailing stops only
    std::optional<Decimal> priceRate;
    QByteArray raw;

    static std::optional<Order> fromJson(const QJsonObject& object, const QString& account,
                                         QString* error = nullptr);
    QJsonObject toJson() const;
};

// One conditional order of the Algo Service, GET /fapi/v1/allAlgoOrders (API sheet §5.5; since
// 2025-12-09 STOP/STOP_MARKET/TAKE_PROFIT/... orders live there until they trigger). Natural key:
// (account, algoId). A triggered one became the regular order `actualOrderId` (a string on the
// wire, "" until triggered).
struct AlgoOrder
{
    QString account;
    QString symbol;
    qint64 algoId = 0;
    QString clientAlgoId;
    QString algoType;  // "CONDITIONAL"
    QString orderType; // STOP, STOP_MARKET, TAKE_PROFIT, ... (verbatim)
    Side side = Side::Buy;
    PositionSide positionSide = PositionSide::Both;
    QString timeInForce;
    Decimal quantity;   // 0 for a closePosition order
    QString algoStatus; // NEW, CANCELED, TRIGGERING, TRIGGERED, FINISHED, REJECTED, EXPIRED
    QString actualOrderId;
    Decimal actualPrice;
    Decimal triggerPrice;
    Decimal price;
    QString workingType;
    QString priceMatch;
    QString selfTradePreventionMode;
    bool closePosition = false;
    bool priceProtect = false;
    bool reduceOnly = false;
    qint64 createTime = 0;
    qint64 updateTime = 0;
    qint64 triggerTime = 0; // 0 until triggered
    qint64 goodTillDate = 0;
    QByteArray raw;

    // The regular order it became, when triggered (actualOrderId is a digit string).
    std::optional<qint64> actualOrderIdValue() const;

    static std::optional<AlgoOrder> fromJson(const QJsonObject& object, const QString& account,
                                             QString* error = nullptr);
    QJsonObject toJson() const;
};

// One row of GET /fapi/v3/positionRisk: the current position of one book.
struct Position
{
    QString account;
    QString symbol;
    PositionSide positionSide = PositionSide::Both;
    Decimal positionAmt; // signed; the SHORT row of hedge mode is negative
    Decimal entryPrice;
    Decimal breakEvenPrice;
    Decimal markPrice;
    Decimal unRealizedProfit;
    Decimal liquidationPrice;
    Decimal notional;
    QString marginAsset;
    qint64 updateTime = 0;
    QByteArray raw;

    static std::optional<Position> fromJson(const QJsonObject& object, const QString& account,
                                            QString* error = nullptr);
    QJsonObject toJson() const;
};

// The quote/margin asset implied by a symbol name when the exchange does not say it:
// "BTCUSDT" -> "USDT", "ETHUSDC" -> "USDC", "BTCUSDT_250328" -> "USDT".
QString marginAssetForSymbol(const QString& symbol);

// Field readers shared by the record parsers (and the exchange client).
namespace json {
// An exact 64-bit integer from a JSON number or a decimal-digit string. A number that
// Qt parsed as a double (fractional, or beyond int64) is rejected rather than rounded.
std::optional<qint64> toInt64(const QJsonValue& value);
// A decimal from a JSON string (the API's money format) or, leniently, an integral number.
std::optional<Decimal> toDecimal(const QJsonValue& value);
} // namespace json

} // namespace fb

Q_DECLARE_METATYPE(fb::Fill)
Q_DECLARE_METATYPE(fb::Income)
Q_DECLARE_METATYPE(fb::Order)
Q_DECLARE_METATYPE(fb::AlgoOrder)
Q_DECLARE_METATYPE(fb::Position)
