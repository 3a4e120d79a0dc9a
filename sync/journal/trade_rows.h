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
QStringList tradeFillColumns(); // after trade_key and seq
inline const QByteArray kBuy = QByteArrayLiteral("BUY");
inline const QByteArray kSell = QByteArrayLiteral("SELL");

TradeFillPart readTradeFill(const QSqlQuery& query); // columns as tradeFillColumns()

// A fill part's values as stored, formatted once for both the content hash and the insert.
struct EncodedPart
{
    qint64 fillId = 0;
    qint64 orderId = 0;
    qint64 time = 0;
    QByteArray side;
    QByteArray price;
    QByteArray qty;
    QByteArray commission;
    QByteArray commissionAsset;
    QByteArray realizedPnl;
    qint64 increasesPosition = 0;
};
QVector<EncodedPart> encodeParts(const JournalTrade& trade);

// A digest of everything stored for a trade (row, parts, funding ids): equal digests mean
// nothing to rewrite.
QString contentHash(const JournalTrade& trade);
QString contentHash(const JournalTrade& trade, const QVariantList& values,
                    const QVector<EncodedPart>& parts);

} // namespace fb::journal::detail
