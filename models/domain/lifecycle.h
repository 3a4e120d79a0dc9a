#pragma once
// The lifecycle builder (docs/design.md §2): fills of one symbol -> journal trades, with funding
// attributed and every trade validated. Pure: same input, same output, no I/O.

#include "models/domain/trade.h"

#include <QHash>

namespace fb {

// The revision of the rules that make a symbol's stored trades: the builder, funding
// attribution, validation, fee valuation and initial risk. Raise it with any change to what they
// produce: stored trades before a symbol's rebuild cut (docs/design.md D126) are final only
// for the revision they were built with, and a cut of another revision is ignored (the symbol's
// next rebuild is a full one).
inline constexpr int kTradeRulesRevision = 1;

// Everything the journal knows about one symbol of one account.
struct SymbolHistory
{
    QString account;
    QString symbol;
    QVector<Fill> fills;     // any order; the builder sorts by (time, id)
    QVector<Income> funding; // FUNDING_FEE rows of this symbol
    // Current position per book from positionRisk (signed; absent = zero). Used to derive the
    // exact starting position when history begins mid-position.
    QMap<PositionSide, Decimal> currentPosition;
    // clientOrderId by orderId, for the LIQUIDATION / ADL / SETTLEMENT flags.
    QHash<qint64, QString> clientOrderIds;
};

struct SymbolTrades
{
    // Ordered by (openTime, key); the first fill ids in the keys compare as numbers.
    QVector<JournalTrade> trades;
    // FUNDING_FEE rows with no single open lifecycle at their time: shown, never hidden.
    QVector<Income> unattributedFunding;
    int invalidCount = 0;
};

// The flag a closing fill's order gives its trade, from the order's client id (FlagLiquidation,
// FlagAdl, FlagSettlement); 0 for any other order.
quint32 closeFlagFor(const QString& clientOrderId);

// Books by positionSide, fills in (time, id) order, flips split, funding attributed (see
// funding.h), every trade validated (see validation.h). Rules and decisions: docs/domain.md.
// O(n log n) in the number of fills and funding rows.
SymbolTrades buildSymbolTrades(const SymbolHistory& history);

} // namespace fb
