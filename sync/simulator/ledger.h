#pragma once
// Binance's position arithmetic, shared by the generator and Account::trade().
//
// Cost basis is the average entry price, as on Binance:
//  * a fill that increases a book moves the entry price to the quantity-weighted average
//      entry' = (|amount| * entry + qty * price) / (|amount| + qty), rounded half-even to 8 places;
//  * a fill that reduces a book leaves the entry price alone and realises
//      realizedPnl = (price - entry) * qty for a long book, (entry - price) * qty for a short one,
//      rounded half-even to 8 places (kMoneyScale);
//  * a one-way fill that crosses zero closes the whole book at the fill price (realising PnL on
//    that part only) and opens the remainder on the other side with entry = price.
// Commission is notional * rate rounded half-even to 8 places; paid in BNB it is
// notional * rate * (1 - BNB discount) / BNB price, rounded half-even to 8 places.

#include "models/money/decimal.h"

namespace fb::sim {

inline constexpr int kMoneyScale = 8;

// The value at exactly `scale` decimals: padded with zeros, or rounded half-even.
Decimal toScale(const Decimal& value, int scale);
// a * b keeping both operands' scales, like the exchange prints quoteQty: 68290.10 * 0.010 =
// "682.90100" (Decimal's operator* would strip the zeros first).
Decimal productKeepingScale(const Decimal& a, const Decimal& b);

struct BookState
{
    Decimal amount;     // signed: > 0 long, < 0 short
    Decimal entryPrice; // average entry price; 0 when flat
};

struct FillEffect
{
    Decimal realizedPnl; // "0" for pure opening fills, else 8 places
    Decimal closedQty;   // part of the fill that reduced the book (0 if none)
    bool crossedZero = false;
};

// Applies a fill of signed quantity (+ buy, - sell) at `price` to the book.
FillEffect applyFill(BookState& book, const Decimal& signedQty, const Decimal& price);

struct FeeSchedule
{
    Decimal makerRate;   // 0.0002
    Decimal takerRate;   // 0.0005
    Decimal bnbDiscount; // 0.1 (10 % off when paid in BNB)
    Decimal bnbPrice;    // USDT per BNB used for the conversion

    static FeeSchedule standard();
    // Positive commission, 8 places, in `asset` ("BNB" converts; anything else is the notional's).
    Decimal commission(const Decimal& notional, bool maker, bool inBnb) const;
};

} // namespace fb::sim
