#include "models/domain/lifecycle.h"

#include "models/domain/funding.h"
#include "models/domain/validation.h"

#include <algorithm>
#include <array>

namespace fb {

quint32 closeFlagFor(const QString& clientOrderId)
{
    if (clientOrderId.startsWith(QLatin1String("autoclose-")))
        return FlagLiquidation;
    if (clientOrderId.startsWith(QLatin1String("adl_autoclose")))
        return FlagAdl;
    if (clientOrderId.startsWith(QLatin1String("settlement_autoclose-")))
        return FlagSettlement;
    return 0;
}

namespace {

// Total order on fills: (time, id) as docs/design.md §2.2 says, then the remaining fields so that
// even duplicated ids (bad input, flagged by validation) sort the same whatever the input order.
bool fillBefore(const Fill* a, const Fill* b)
{
    if (a->time != b->time)
        return a->time < b->time;
    if (a->id != b->id)
        return a->id < b->id;
    if (a->orderId != b->orderId)
        return a->orderId < b->orderId;
    if (a->side != b->side)
        return a->side < b->side;
    if (a->qty != b->qty)
        return a->qty < b->qty;
    if (a->price != b->price)
        return a->price < b->price;
    if (a->realizedPnl != b->realizedPnl)
        return a->realizedPnl < b->realizedPnl;
    if (a->commission != b->commission)
        return a->commission < b->commission;
    return a->commissionAsset < b->commissionAsset;
}

// Walks one book's fills in order and cuts them into lifecycles.
class BookWalker
{
public:
    BookWalker(const SymbolHistory& history, PositionSide side, QVector<JournalTrade>& out)
        : m_history(history)
        , m_side(side)
        , m_out(out)
    {}

    // The position held before the book's first fill (non-zero = INCOMPLETE_START).
    void setStartingPosition(const Decimal& starting) { m_position = starting; }

    void apply(const Fill& fill)
    {
        if (!m_open)
            open(fill);
        const Decimal signedQty = fill.signedQty();

        if (m_side != PositionSide::Both) {
            // Hedge: the side says what the fill does, whatever the position (an over-reduce
            // is not split; validation flags it and the lifecycle goes on until zero).
            const bool increases = (m_side == PositionSide::Long) == (fill.side == Side::Buy);
            addPart(fill, fill.qty, fill.commissionCost(), fill.realizedPnl, increases);
            return;
        }

        const bool reduces = !m_position.isZero() && !signedQty.isZero() &&
                             signedQty.signum() != m_position.signum();
        if (reduces && fill.qty.isPositive() && signedQty.abs() > m_position.abs()) {
            // A flip: the part equal to the open position closes this lifecycle, the rest opens
            // the next. Commission by quantity, the closing share rounded half-even to 8 places
            // and the opening share the exact remainder, so the two always sum to the fill's.
            const Decimal closeQty = m_position.abs();
            const Decimal cost = fill.commissionCost();
            const Decimal closeCost = (cost * closeQty).divide(fill.qty, 8);
            const bool closesOnlyThisFill = m_trade.fills.isEmpty();
            addPart(fill, closeQty, closeCost, fill.realizedPnl, false);
            if (closesOnlyThisFill) {
                // An INCOMPLETE_START lifecycle whose first known fill flips it: both lifecycles
                // would be keyed by this fill. The new one really starts here and keeps it; the
                // old one began before any known fill, so its key says 0 (never a fill id).
                m_out.last().key =
                    JournalTrade::makeKey(m_out.last().account, m_out.last().symbol, m_side, 0);
            }
            open(fill);
            addPart(fill, fill.qty - closeQty, cost - closeCost, Decimal(), true);
            return;
        }
        addPart(fill, fill.qty, fill.commissionCost(), fill.realizedPnl, !reduces);
    }

    // A lifecycle still open at the end of the history is an OPEN trade.
    void finish()
    {
        if (m_open)
            emitTrade();
    }

private:
    void open(const Fill& first)
    {
        m_open = true;
        m_trade = JournalTrade();
        m_entryNotional = m_entrySeenQty = m_exitNotional = Decimal();
        JournalTrade& t = m_trade;
        t.account = m_history.account.isEmpty() ? first.account : m_history.account;
        t.symbol = m_history.symbol.isEmpty() ? first.symbol : m_history.symbol;
        t.positionSide = m_side;
        t.key = JournalTrade::makeKey(t.account, t.symbol, m_side, first.id);
        t.openTime = first.time;
        t.marginAsset =
            first.marginAsset.isEmpty() ? marginAssetForSymbol(t.symbol) : first.marginAsset;
        if (!m_position.isZero()) { // only possible for the book's first lifecycle
            t.flags |= FlagIncompleteStart;
            t.startingQty = m_position;
            t.entryQty = m_position.abs();
            t.maxQty = m_position.abs();
        }
        const Decimal& basis = m_position.isZero() ? first.signedQty() : m_position;
        if (m_side == PositionSide::Long)
            t.direction = Direction::Long;
        else if (m_side == PositionSide::Short)
            t.direction = Direction::Short;
        else
            t.direction = basis.isNegative() ? Direction::Short : Direction::Long;
    }

    void addPart(const Fill& fill, const Decimal& qty, const Decimal& commission,
                 const Decimal& realizedPnl, bool increases)
    {
        TradeFillPart part;
        part.fillId = fill.id;
        part.orderId = fill.orderId;
        part.time = fill.time;
        part.side = fill.side;
        part.price = fill.price;
        part.qty = qty;
        part.commission = commission;
        part.commissionAsset = fill.commissionAsset;
        part.realizedPnl = realizedPnl;
        part.increasesPosition = increases;

        JournalTrade& t = m_trade;
        const Decimal notional = fill.price * qty;
        if (increases) {
            t.entryQty += qty;
            m_entrySeenQty += qty;
            m_entryNotional += notional;
        } else {
            t.exitQty += qty;
            m_exitNotional += notional;
            // Only a closing fill says how the position ended (docs/design.md §2.6).
            t.flags |= closeFlagFor(m_history.clientOrderIds.value(fill.orderId));
        }
        t.realizedPnl += realizedPnl;
        t.commission[fill.commissionAsset] += commission;
        ++t.fillCount;
        t.fills.append(part);

        m_position += fill.side == Side::Buy ? qty : -qty;
        t.maxQty = std::max(t.maxQty, m_position.abs());
        if (m_position.isZero()) {
            t.status = TradeStatus::Closed;
            t.closeTime = fill.time;
            emitTrade();
        }
    }

    void emitTrade()
    {
        JournalTrade& t = m_trade;
        if (!m_entrySeenQty.isZero())
            t.avgEntryPrice = m_entryNotional.divide(m_entrySeenQty, 8);
        if (!t.exitQty.isZero())
            t.avgExitPrice = m_exitNotional.divide(t.exitQty, 8);
        m_out.append(std::move(m_trade));
        m_trade = JournalTrade();
        m_open = false;
    }

    const SymbolHistory& m_history;
    const PositionSide m_side;
    QVector<JournalTrade>& m_out;
    Decimal m_position;
    bool m_open = false;
    JournalTrade m_trade;
    Decimal m_entryNotional; // Σ price × qty over increasing parts seen
    Decimal m_entrySeenQty;  // Σ qty over increasing parts seen (excludes the starting position)
    Decimal m_exitNotional;
};

} // namespace

SymbolTrades buildSymbolTrades(const SymbolHistory& history)
{
    constexpr std::array<PositionSide, 3> kBooks{PositionSide::Both, PositionSide::Long,
                                                 PositionSide::Short};
    std::array<QVector<const Fill*>, 3> books;
    for (const Fill& fill : history.fills)
        books[static_cast<size_t>(fill.positionSide)].append(&fill);

    SymbolTrades result;
    for (const PositionSide side : kBooks) {
        QVector<const Fill*>& fills = books[static_cast<size_t>(side)];
        if (fills.isEmpty())
            continue; // a position without any fill has no first fill id, hence no trade
        std::sort(fills.begin(), fills.end(), fillBefore);

        // The starting position is exact: what is held now minus what the fills did.
        Decimal starting = history.currentPosition.value(side);
        for (const Fill* fill : fills)
            starting -= fill->signedQty();

        BookWalker walker(history, side, result.trades);
        walker.setStartingPosition(starting);
        for (const Fill* fill : fills)
            walker.apply(*fill);
        walker.finish();
    }

    result.unattributedFunding = attributeFunding(result.trades, history.funding);
    for (JournalTrade& trade : result.trades) {
        trade.netPnl =
            trade.realizedPnl + trade.funding - trade.commission.value(trade.marginAsset);
        if (!applyValidation(trade))
            ++result.invalidCount;
    }

    // (openTime, key), with the first fill ids compared as numbers so that fill 9 sorts before
    // fill 10 of the same book.
    std::sort(result.trades.begin(), result.trades.end(),
              [](const JournalTrade& a, const JournalTrade& b) {
                  if (a.openTime != b.openTime)
                      return a.openTime < b.openTime;
                  if (a.positionSide != b.positionSide)
                      return positionSideName(a.positionSide) < positionSideName(b.positionSide);
                  if (a.firstFillId() != b.firstFillId())
                      return a.firstFillId() < b.firstFillId();
                  return a.key < b.key; // the ...:0 INCOMPLETE_START trade before its successor
              });
    return result;
}

} // namespace fb
