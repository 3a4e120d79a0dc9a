#pragma once
// Internal to the journal: JournalTrade <-> rows of trades, trade_fills and trade_funding.

#include "models/domain/trade.h"

#include <QSqlQuery>
#include <QVariantList>

namespace fb::journal::detail {

// Columns of `trades` written from a JournalTrade, in binding order (key first).
QStringList tradeColumns();
QVariantList tradeValues(const JournalTrade& trade);
// The row read back; `query` selects tradeColumns() in order.
JournalTrade readTrade(const QSqlQuery& query);

QStringList tradeFillColumns(); // after trade_key and seq
QVariantList tradeFillValues(const TradeFillPart& part);
TradeFillPart readTradeFill(const QSqlQuery& query); // columns as tradeFillColumns()

// A digest of everything stored for a trade (row, parts, funding ids): equal digests mean
// nothing to rewrite.
QString contentHash(const JournalTrade& trade);

} // namespace fb::journal::detail
