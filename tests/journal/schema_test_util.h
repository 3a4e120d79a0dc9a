#pragma once
// Helpers of the journal schema tests (test_journal_schema, test_journal_upgrade).

#include "journal_test_util.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/kline_store.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/schema.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/symbol_info_store.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_rows.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlQuery>
#include <sys/stat.h>

namespace fbtest::schema_util {

using namespace fb;
using namespace fb::journal;
inline QStringList tables(Database& db)
{
    QSqlQuery q =
        sqlOn(db).run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

inline QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// A trade as schemas 2 and 3 stored it: the row, one trade_fills row per part, trade_funding.
inline void writeTradeAsBeforeV4(Database& db, const JournalTrade& trade)
{
    // Without the columns schema 8 added.
    QStringList columns = detail::tradeColumns();
    QVariantList values = detail::tradeValues(trade);
    const qsizetype old = columns.size() - detail::kValuationColumns - detail::kRiskColumns;
    columns = columns.mid(0, old); // v8's and v12's columns are not there yet
    values = values.mid(0, old);
    columns << QStringLiteral("content_hash") << QStringLiteral("created_at")
            << QStringLiteral("updated_at");
    values << detail::contentHash(trade) << 1 << 1;
    QStringList marks;
    marks.fill(QStringLiteral("?"), columns.size());
    sqlOn(db).run(QStringLiteral("INSERT INTO trades (%1) VALUES (%2)")
                      .arg(columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))),
                  values);
    for (qsizetype seq = trade.fills.size() - 1; seq >= 0; --seq) { // out of order on purpose
        const TradeFillPart& p = trade.fills.at(seq);
        sqlOn(db).run(
            QStringLiteral("INSERT INTO trade_fills (trade_key, seq, fill_id, order_id, time, "
                           "side, price, qty, commission, commission_asset, realized_pnl, "
                           "increases_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {trade.key, seq, p.fillId, p.orderId, p.time, sideName(p.side), p.price.toPlainString(),
             p.qty.toPlainString(), p.commission.toPlainString(), p.commissionAsset,
             p.realizedPnl.toPlainString(), p.increasesPosition ? 1 : 0});
    }
    for (qsizetype seq = 0; seq < trade.fundingTranIds.size(); ++seq)
        sqlOn(db).run(
            QStringLiteral("INSERT INTO trade_funding (trade_key, seq, tran_id) VALUES (?, ?, ?)"),
            {trade.key, seq, trade.fundingTranIds.at(seq)});
}

inline OpenOptions withoutMigrations()
{
    OpenOptions options;
    options.migrate = false;
    return options;
}

} // namespace fbtest::schema_util
