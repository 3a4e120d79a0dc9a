#pragma once
// Internal to the journal: JournalTrade <-> rows of trades (with their parts_json) and
// trade_funding.

#include "models/domain/trade.h"

#include <QSqlQuery>
#include <QVariantList>

namespace fb::journal::detail {

// Columns of `trades` written from a JournalTrade, in binding order (key first).
QStringList tradeColumns();
// The fee valuation columns after the first ones of tradeColumns() (schema v8), then the
// initial-risk columns at the end (schema v11).
inline constexpr qsizetype kValuationColumns = 4;
inline constexpr qsizetype kRiskColumns = 3;
QVector<FeeValuationPart> readFeeValuationJson(const QByteArray& json, const QString& tradeKey);
QVariantList tradeValues(const JournalTrade& trade);
// The row read back; `query` selects tradeColumns() in order.
JournalTrade readTrade(const QSqlQuery& query);

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

// The parts as stored in trades.parts_json (schema v4), and back. Reading refuses anything the
// journal did not write (Corrupt).
QByteArray partsJson(const QVector<EncodedPart>& parts);
QVector<TradeFillPart> readPartsJson(const QByteArray& json, const QString& tradeKey);

// A value of tradeValues() as it is bound and hashed, converted once for both: NULL, an
// integer, or UTF-8 text (a bool binds as 0/1 and hashes as its text, as QVariant has it).
struct EncodedValue
{
    enum class Kind { Null, Integer, Bool, Text };
    Kind kind = Kind::Null;
    qint64 integer = 0;
    QByteArray text;
};
QVector<EncodedValue> encodeValues(const QVariantList& values);
// encodeValues(tradeValues(trade)), byte for byte, without the QVariant list (trade_encoding.cpp).
QVector<EncodedValue> encodeTradeValues(const JournalTrade& trade);
// The value of the risk_stop_json column (NULL without a stop).
QVariant riskStopJson(const std::optional<InitialRisk>& risk);

// SHA-256 of `bytes` as 64 lowercase hex digits (OpenSSL's libcrypto).
QString sha256Hex(QByteArrayView bytes);

// A digest of everything stored for a trade (row, parts, funding ids): equal digests mean
// nothing to rewrite.
QString contentHash(const JournalTrade& trade);
QString contentHash(const JournalTrade& trade, const QVariantList& values,
                    const QVector<EncodedPart>& parts);
QString contentHash(const JournalTrade& trade, const QVector<EncodedValue>& values,
                    const QVector<EncodedPart>& parts);

} // namespace fb::journal::detail
