#pragma once
// Journals filled the way the engine fills them: through the stores, so that a fixture never holds
// a row the application could not have written, and follows the schema when it changes. Raw
// records go in through RawStore's upserts as they are; trades through addTrades(). Tests of an
// older schema (migrations) write that schema's SQL themselves.

#include "models/domain/trade.h"

#include <QVector>

namespace fb::journal {
class Database;
}

namespace fbtest {

// Stores `trades` next to the trades the journal already holds for their (account, symbol):
// TradeStore::replaceSymbolTrades() replaces a symbol's whole set, so the stored trades are read
// back and kept (a trade of the same key is replaced). One transaction for all of them.
void addTrades(fb::journal::Database& db, const QVector<fb::JournalTrade>& trades);

} // namespace fbtest
