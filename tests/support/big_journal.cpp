#include "tests/support/big_journal.h"

#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QSqlQuery>

namespace fbtest::big {

namespace {

// The formulas, once in SQL (below) and once in C++ (trade()); they must agree.
qint64 signedUnits(qint64 i, qint64 mul, qint64 mod)
{
    return (i * mul) % mod - mod / 2;
}

} // namespace

Trade trade(int index, int count)
{
    const qint64 i = index;
    Trade t;
    t.key =
        QStringLiteral("main:S%1:BOTH:%2").arg(i % 37, 2, 10, QLatin1Char('0')).arg(1000000 + i);
    t.symbol = QStringLiteral("S%1USDT").arg(i % 37, 2, 10, QLatin1Char('0'));
    t.direction = i % 2 == 0 ? QStringLiteral("LONG") : QStringLiteral("SHORT");
    const bool open = i % 50 == 0;
    t.status = open ? QStringLiteral("OPEN") : QStringLiteral("CLOSED");
    t.openTime = kBaseMs + ((i * 7919) % count) / 3 * 1000; // groups of three share a time
    if (!open)
        t.closeTime = t.openTime + (i * 31) % 10000 * 1000;
    t.maxQtyUnits = (i * 13) % 500000;
    if (i % 97 != 0)
        t.entryPriceUnits = (i * 7) % 9000000 + 100;
    if (!open)
        t.exitPriceUnits = (i * 11) % 9000000 + 100;
    t.realizedUnits = signedUnits(i, 7727, 2000003);
    t.feeUnits = (i * 17) % 30011;
    t.fundingUnits = signedUnits(i, 19, 4001);
    t.netUnits = t.realizedUnits + t.fundingUnits - t.feeUnits;
    t.flags = i % 101 == 0   ? QStringLiteral("LIQUIDATION")
              : i % 103 == 0 ? QStringLiteral("INCOMPLETE_START")
                             : QString();
    if (i % 1000 == 0)
        t.tagsJson = QStringLiteral("[\"tag%1\"]").arg(i % 7);
    return t;
}

void generate(fb::journal::Database& db, int count)
{
    using fb::journal::sqlOn;
    // Indexes are built once at the end (a sort each) rather than updated a million times in
    // random order, which took ten minutes; the rows go in in key order for the primary key.
    QStringList indexes;
    {
        QSqlQuery q = sqlOn(db).run(QStringLiteral(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
            "tbl_name IN ('trades', 'annotations')"));
        while (q.next())
            indexes << q.value(0).toString();
    }
    sqlOn(db).run(QStringLiteral("PRAGMA cache_size = -262144"));
    fb::journal::Transaction tx(db);
    for (const QString& index : indexes) {
        const QString name = index.section(QLatin1Char(' '), 2, 2);
        sqlOn(db).run(QStringLiteral("DROP INDEX ") + name);
    }
    // dec(v, scale): v units as decimal text with `scale` places, sign first.
    const QString dec3 = QStringLiteral("printf('%s%d.%03d', CASE WHEN ({V}) < 0 THEN '-' ELSE '' "
                                        "END, abs({V}) / 1000, abs({V}) % 1000)");
    const QString dec4 =
        QStringLiteral("printf('%s%d.%04d', CASE WHEN ({V}) < 0 THEN '-' ELSE '' END, "
                       "abs({V}) / 10000, abs({V}) % 10000)");
    const auto d3 = [&](const QString& v) {
        return QString(dec3).replace(QStringLiteral("{V}"), v);
    };
    const auto d4 = [&](const QString& v) {
        return QString(dec4).replace(QStringLiteral("{V}"), v);
    };
    const QString realized = QStringLiteral("((i * 7727) % 2000003 - 1000001)");
    const QString funding = QStringLiteral("((i * 19) % 4001 - 2000)");
    const QString fee = QStringLiteral("((i * 17) % 30011)");
    const QString openTime =
        QStringLiteral("(%1 + ((i * 7919) % %2) / 3 * 1000)").arg(kBaseMs).arg(count);
    const QString sql =
        QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {COUNT}) "
            "INSERT INTO trades (key, account, symbol, position_side, direction, status, "
            "open_time, close_time, entry_qty, exit_qty, max_qty, avg_entry_price, "
            "avg_exit_price, realized_pnl, commission_json, funding, net_pnl, fill_count, flags, "
            "invalid_reason, margin_asset, starting_qty, content_hash, created_at, updated_at) "
            "SELECT printf('main:S%02d:BOTH:%d', i % 37, 1000000 + i), 'main', "
            "printf('S%02dUSDT', i % 37), 'BOTH', CASE WHEN i % 2 = 0 THEN 'LONG' ELSE 'SHORT' "
            "END, "
            "CASE WHEN i % 50 = 0 THEN 'OPEN' ELSE 'CLOSED' END, {OT}, "
            "CASE WHEN i % 50 = 0 THEN NULL ELSE {OT} + (i * 31) % 10000 * 1000 END, "
            "'1', '1', {QTY}, CASE WHEN i % 97 = 0 THEN NULL ELSE {ENTRY} END, "
            "CASE WHEN i % 50 = 0 THEN NULL ELSE {EXIT} END, {REALIZED}, "
            "'{\"USDT\":\"' || {FEE} || '\"}', {FUNDING}, {NET}, 2, "
            "CASE WHEN i % 101 = 0 THEN 'LIQUIDATION' WHEN i % 103 = 0 THEN 'INCOMPLETE_START' "
            "ELSE '' END, NULL, 'USDT', '0', 'x', 1, 1 FROM n ORDER BY 1")
            .replace(QStringLiteral("{COUNT}"), QString::number(count))
            .replace(QStringLiteral("{OT}"), openTime)
            .replace(QStringLiteral("{QTY}"), d3(QStringLiteral("((i * 13) % 500000)")))
            .replace(QStringLiteral("{ENTRY}"), d4(QStringLiteral("((i * 7) % 9000000 + 100)")))
            .replace(QStringLiteral("{EXIT}"), d4(QStringLiteral("((i * 11) % 9000000 + 100)")))
            .replace(QStringLiteral("{REALIZED}"), d4(realized))
            .replace(QStringLiteral("{FUNDING}"), d4(funding))
            .replace(QStringLiteral("{FEE}"), d4(fee))
            .replace(QStringLiteral("{NET}"),
                     d4(QLatin1Char('(') + realized + QLatin1Char('+') + funding +
                        QLatin1Char('-') + fee + QLatin1Char(')')));
    sqlOn(db).run(sql, {}, QStringLiteral("generate trades"));
    // As schema v8 leaves every trade of a journal with no fee in another asset: the valued net
    // PnL and commission are the margin asset's own.
    sqlOn(db).run(QStringLiteral("UPDATE trades SET net_pnl_valued = net_pnl, commission_valued = "
                                 "json_extract(commission_json, '$.USDT')"),
                  {}, QStringLiteral("value the generated trades"));
    sqlOn(db).run(
        QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1000 FROM n WHERE "
            "i + 1000 < {COUNT}) INSERT INTO annotations (trade_key, tags_json, created_at, "
            "updated_at) SELECT printf('main:S%02d:BOTH:%d', i % 37, 1000000 + i), "
            "'[\"tag' || (i % 7) || '\"]', 1, 1 FROM n")
            .replace(QStringLiteral("{COUNT}"), QString::number(count)),
        {}, QStringLiteral("generate annotations"));
    for (const QString& index : indexes)
        sqlOn(db).run(index, {}, QStringLiteral("index the trades"));
    sqlOn(db).run(QStringLiteral("ANALYZE"), {}, QStringLiteral("analyze"));
    tx.commit();
}

} // namespace fbtest::big
