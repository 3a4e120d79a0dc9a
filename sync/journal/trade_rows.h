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
inline const QByteArray kBuy = QByteArrayLiteral("BUY");
inline const QByteArray kSell = QByteArrayLiteral("SELL");

// The values of a fill part in column order, each as an integer or as UTF-8 text: the writer
// binds them and the content hash digests the same values, without a QVariant per value.
template <typename Visitor> void visitTradeFillValues(const TradeFillPart& p, Visitor&& visit)
{
    visit(p.fillId);
    visit(p.orderId);
    visit(p.time);
    visit(p.side == Side::Buy ? kBuy : kSell);
    visit(p.price.toPlainBytes());
    visit(p.qty.toPlainBytes());
    visit(p.commission.toPlainBytes());
    visit(p.commissionAsset.toUtf8());
    visit(p.realizedPnl.toPlainBytes());
    visit(qint64(p.increasesPosition ? 1 : 0));
}
TradeFillPart readTradeFill(const QSqlQuery& query); // columns as tradeFillColumns()

// A digest of everything stored for a trade (row, parts, funding ids): equal digests mean
// nothing to rewrite.
QString contentHash(const JournalTrade& trade);

} // namespace fb::journal::detail
