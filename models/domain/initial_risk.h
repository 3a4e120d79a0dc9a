#pragma once
// A trade's initial risk from the trader's own protective stops, and its R multiple
// (docs/design.md D103 .. D106). Pure: the trade's fill parts and the symbol's stop orders
// in, exact decimals out.

#include "models/domain/records.h"

#include <QVector>

#include <optional>

namespace fb {

struct JournalTrade;

// A stop as both histories describe it: a regular order (allOrders, the only place before
// 2025-12-09) or a conditional order of the Algo Service (allAlgoOrders).
struct StopOrder
{
    enum class Source { Order, Algo };
    Source source = Source::Order;
    qint64 id = 0; // orderId or algoId
    QString type;  // STOP, STOP_MARKET, ... (origType of a regular order, orderType of an algo)
    Side side = Side::Sell;
    PositionSide positionSide = PositionSide::Both;
    bool reduceOnly = false;
    bool closePosition = false;
    Decimal stopPrice;
    Decimal quantity; // ignored for closePosition
    qint64 createTime = 0;
    // When it stopped being live (cancelled, expired, triggered, filled); nullopt while live.
    std::optional<qint64> endTime;
    bool neverLive = false; // REJECTED
    // An algo order that triggered: the regular order it became (that order is not a second
    // stop).
    std::optional<qint64> becameOrderId;

    static StopOrder fromOrder(const Order& order);
    static StopOrder fromAlgo(const AlgoOrder& algo);
    // STOP or STOP_MARKET, reduceOnly or closePosition (or on a hedge-mode book, where
    // reduceOnly cannot be sent): the only orders the rule looks at.
    bool isProtective() const;

    bool operator==(const StopOrder& other) const = default;
};

QString stopSourceName(StopOrder::Source source); // "order", "algo"

struct InitialRisk
{
    Decimal risk;       // exact: sum of |entry - stop| x protected quantity
    Decimal entryPrice; // average entry at `at`, half-even to 8 places
    Decimal stopPrice;  // the first stop's (the one with the earliest creation among those summed)
    Decimal quantity;   // position quantity protected at `at`
    qint64 at = 0;      // the first moment a stop protected the open position
    StopOrder::Source source = StopOrder::Source::Order;
    qint64 stopId = 0;
    int stopCount = 0; // stops live at `at` whose risk was summed (partial stops)

    bool operator==(const InitialRisk& other) const = default;
};

// The rule of D103: among `stops` (any of the symbol's; the rule picks the trade's), the
// protective ones on the trade's book and closing side; the first moment one of them is live
// while the position is open; risk at that moment from the average entry and the position then.
// nullopt: no such stop, or the trade started before its known history (INCOMPLETE_START).
std::optional<InitialRisk> computeInitialRisk(const JournalTrade& trade,
                                              const QVector<StopOrder>& stops);

// net / risk, half-even to 4 places; nullopt when risk is not positive.
std::optional<Decimal> rMultiple(const Decimal& net, const Decimal& risk);

// The net PnL R is computed from: the valued net when fees were valued (docs/design.md §2.5),
// the plain net otherwise (the same figure the reports use, D79).
Decimal netForR(const JournalTrade& trade);

// Sets `initialRisk` of every trade (stored at rebuild).
void applyInitialRisk(QVector<JournalTrade>& trades, const QVector<StopOrder>& stops);

} // namespace fb
