#pragma once
// The trader's protective stops for one generated symbol (docs/simulator.md, "Algo orders"):
// conditional STOP_MARKET orders of the Algo Service, consistent with the symbol's fills and
// orders. Most lifecycles get a stop (reduceOnly, or closePosition; hedge books neither) placed
// shortly after the opening fill; some are moved (cancelled and placed again closer); a losing
// lifecycle closed by a plain market order may have been closed by its stop (TRIGGERED into
// that order: `actualOrderId`, the stop at the order's first fill price); the others are
// cancelled or expire at the close; a lifecycle still open keeps its stop NEW.
//
// A separate PRNG stream: the fills, orders and income of a seed are the same with or without
// stops.

#include "sync/simulator/account.h"

namespace fb::sim {

struct StopPlanInput
{
    SymbolSpec spec;
    const QVector<Fill>* fills = nullptr;   // sorted by (time, id)
    const QVector<Order>* orders = nullptr; // any order
    QVector<QPair<PositionSide, BookState>> starting;
    std::uint64_t seed = 1;
};

QVector<AlgoOrder> generateStops(const StopPlanInput& input);

} // namespace fb::sim
