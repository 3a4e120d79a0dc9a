#pragma once
// Journals filled the way the engine fills them: through the stores, so that a fixture never holds
// a row the application could not have written, and follows the schema when it changes. Raw
// records go in through RawStore's upserts as they are; trades through addTrades(). Tests of an
// older schema (migrations) write that schema's SQL themselves.

#include "models/domain/trade.h"

#include <QString>
#include <QVector>

namespace fb::journal {
class Database;
}

namespace fbtest {

// Stores `trades` next to the trades the journal already holds for their (account, symbol):
// TradeStore::replaceSymbolTrades() replaces a symbol's whole set, so the stored trades are read
// back and kept (a trade of the same key is replaced). One transaction for all of them.
void addTrades(fb::journal::Database& db, const QVector<fb::JournalTrade>& trades);

// Overwrites the root page of the fills table with garbage, as a failing disk or a stray program
// would: the size, the schema (page 1) and the meta table stay as they were, so only an integrity
// check can tell. False when the file could not be read or written.
bool damageFillsTable(const QString& path);

} // namespace fbtest
