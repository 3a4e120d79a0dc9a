#pragma once
// Internal to the generator: trades one symbol through the window, order by order, and emits
// its fills, orders, COMMISSION / REALIZED_PNL / FUNDING_FEE rows and final positions.

#include "sync/simulator/account.h"
#include "sync/simulator/random.h"

#include <array>

namespace fb::sim {

struct SymbolPlan
{
    SymbolSpec spec;
    int fillBudget = 0;
    bool hedgeMode = false;        // the account's mode: LONG/SHORT books instead of BOTH
    bool bothBooksAtOnce = false;  // hedge mode: LONG and SHORT may be open at the same time
    bool startMidPosition = false; // a position opened before the window
    bool liquidation = false;      // close one lifecycle by an autoclose- liquidation
    bool adl = false;              // close one lifecycle by ADL
    bool openAtEnd = false;        // leave a position open at "now"
    qint64 start = 0;              // window [start, end]
    qint64 end = 0;
    qint64 bnbFrom = 0; // commissions in BNB for fills in [bnbFrom, bnbUntil)
    qint64 bnbUntil = 0;
};

// Records produced for one symbol. Income rows have tranId 0: the generator numbers them once
// all symbols are merged, so that tranIds grow with time across the account.
struct SymbolOutput
{
    QVector<Fill> fills;
    QVector<Order> orders;
    QVector<Income> income;
    QVector<Position> positions;
    QVector<QPair<PositionSide, BookState>> starting;
    Decimal lastPrice;
};

class SymbolTrader
{
public:
    SymbolTrader(const SymbolPlan& plan, const FeeSchedule& fees, std::uint64_t seed);
    SymbolOutput run();

private:
    enum class Action { Open, ScaleIn, PartialClose, Close, Flip };
    struct Special
    {
        QString clientOrderId; // empty = an ordinary order
        qint64 priceTicks = 0;
    };

    void prepareStartingPosition();
    PositionSide chooseBook();
    Action chooseAction(PositionSide book, bool last);
    void maybeCancelledOrder(qint64 t);
    void placeOrder(qint64 t, PositionSide book, Action action, int maxFills,
                    const Special& special);
    void emitFundingUntil(qint64 t);
    void walkPrice();
    qint64 lotSteps();
    Decimal price(qint64 ticks) const;
    Decimal qty(qint64 steps) const;
    qint64 ticksOf(const Decimal& price) const;
    qint64 stepsOf(const Decimal& qty) const;
    QString clientId();
    BookState& book(PositionSide side) { return m_books[static_cast<int>(side)]; }

    SymbolPlan m_plan;
    FeeSchedule m_fees;
    Rng m_rng;
    SymbolOutput m_out;
    std::array<BookState, 3> m_books;
    std::array<int, 3> m_lifecycleOrders{};
    std::array<qint64, 3> m_bookUpdated{};
    qint64 m_priceTicks = 0;
    qint64 m_refTicks = 0;
    qint64 m_baseLot = 1;
    qint64 m_nextFillId = 0;
    qint64 m_nextOrderId = 0;
    qint64 m_lastTime = 0;
    qint64 m_nextFunding = 0;
    bool m_liquidated = false;
    bool m_adlDone = false;
};

} // namespace fb::sim
