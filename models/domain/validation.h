#pragma once
// Trade validation (docs/design.md §2.8): the checks every built trade goes through before it is
// stored. A trade that fails is kept and flagged INVALID with the first problem found; nothing is
// ever dropped.

#include "models/domain/trade.h"

namespace fb {

// The first problem of a trade as one plain sentence, or nullopt when it is valid. Checks, in
// this order while replaying the trade's fill parts from its starting position:
//  - every part has a positive quantity and price, no fill appears twice, fill times never
//    decrease;
//  - hedge books (LONG/SHORT): the starting position has the book's sign and no fill moves the
//    position past zero ("reduce beyond the position");
//  - one-way books: the position never crosses zero inside a trade (the builder splits flips);
// then: open time <= close time, and a CLOSED trade's entry quantity equals its exit quantity.
// Pure: reads only the trade's fields, so it also checks what the builder produced.
std::optional<QString> validateTrade(const JournalTrade& trade);

// Runs validateTrade() and records the result on the trade: sets or clears FlagInvalid and
// invalidReason. Returns true when the trade is valid.
bool applyValidation(JournalTrade& trade);

} // namespace fb
