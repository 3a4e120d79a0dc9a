#include "sync/simulator/ledger.h"

namespace fb::sim {

Decimal toScale(const Decimal& value, int scale)
{
    if (value.scale() > scale)
        return value.roundHalfEven(scale);
    Decimal::Mantissa m = value.mantissa();
    for (int s = value.scale(); s < scale; ++s)
        m *= 10;
    return Decimal::fromScaled(m, scale);
}

Decimal productKeepingScale(const Decimal& a, const Decimal& b)
{
    return Decimal::fromScaled(a.mantissa() * b.mantissa(), a.scale() + b.scale());
}

FillEffect applyFill(BookState& book, const Decimal& signedQty, const Decimal& price)
{
    FillEffect effect;
    effect.realizedPnl = Decimal::fromInt(0);
    effect.closedQty = Decimal::fromInt(0);
    if (signedQty.isZero())
        return effect;
    const bool increases = book.amount.isZero() || book.amount.signum() == signedQty.signum();
    if (increases) {
        const Decimal held = book.amount.abs();
        const Decimal added = signedQty.abs();
        const Decimal cost = held * book.entryPrice + added * price;
        book.entryPrice = cost.divide(held + added, kMoneyScale).normalized();
        book.amount += signedQty;
        return effect;
    }
    const Decimal held = book.amount.abs();
    const Decimal qty = signedQty.abs();
    const Decimal closing = qty < held ? qty : held;
    const Decimal perUnit =
        book.amount.isPositive() ? price - book.entryPrice : book.entryPrice - price;
    effect.realizedPnl = toScale(perUnit * closing, kMoneyScale);
    effect.closedQty = closing;
    if (qty < held) {
        book.amount += signedQty;
    } else if (qty == held) {
        book.amount = Decimal::fromInt(0);
        book.entryPrice = Decimal::fromInt(0);
    } else {
        // Flip: the remainder opens the other side at the fill price.
        effect.crossedZero = true;
        book.amount += signedQty;
        book.entryPrice = price.normalized();
    }
    // Keep the amount at the fill's scale so that positionAmt prints like "0.010".
    if (book.amount.scale() < signedQty.scale())
        book.amount = toScale(book.amount, signedQty.scale());
    return effect;
}

FeeSchedule FeeSchedule::standard()
{
    return {Decimal::fromScaled(2, 4), Decimal::fromScaled(5, 4), Decimal::fromScaled(1, 1),
            Decimal::fromInt(600)};
}

Decimal FeeSchedule::commission(const Decimal& notional, bool maker, bool inBnb) const
{
    const Decimal fee = notional * (maker ? makerRate : takerRate);
    if (!inBnb)
        return toScale(fee, kMoneyScale);
    const Decimal discounted = fee * (Decimal::fromInt(1) - bnbDiscount);
    return toScale(discounted.divide(bnbPrice, kMoneyScale), kMoneyScale);
}

} // namespace fb::sim
