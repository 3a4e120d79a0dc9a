// Opening journals: migrations step by step, refusal of newer schemas (file untouched), WAL,
// read-only opening that never creates a file, and files that are not journals.
#include "journal_test_util.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/kline_store.h"
#include "sync/journal/raw_store.h"
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

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

QStringList tables(Database& db)
{
    QSqlQuery q =
        sqlOn(db).run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// A trade as schemas 2 and 3 stored it: the row, one trade_fills row per part, trade_funding.
void writeTradeAsBeforeV4(Database& db, const JournalTrade& trade)
{
    // Without the columns schema 8 added.
    QStringList columns = detail::tradeColumns();
    QVariantList values = detail::tradeValues(trade);
    const qsizetype old = columns.size() - detail::kValuationColumns - detail::kRiskColumns;
    columns = columns.mid(0, old); // v8's and v11's columns are not there yet
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

OpenOptions withoutMigrations()
{
    OpenOptions options;
    options.migrate = false;
    return options;
}

} // namespace

class TestJournalSchema : public QObject
{
    Q_OBJECT
private slots:
    void freshJournalGetsCurrentSchema()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), 12);
        QCOMPARE(schema::CurrentVersion, 12);
        QCOMPARE(tables(db), strings({"accounts",
                                      "algo_orders",
                                      "annotations",
                                      "conflicts",
                                      "coverage",
                                      "day_notes",
                                      "fills",
                                      "income",
                                      "kline_closes",
                                      "meta",
                                      "note_conflicts",
                                      "note_vectors",
                                      "orders",
                                      "outbox",
                                      "positions",
                                      "record_history",
                                      "run_symbols",
                                      "runs",
                                      "settings",
                                      "share_state",
                                      "symbol_info",
                                      "sync_lock",
                                      "trade_funding",
                                      "trades",
                                      "unattributed_funding",
                                      "unreadable_records"}));
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("PRAGMA application_id")).toInt(),
                 schema::ApplicationId);
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("PRAGMA busy_timeout")).toInt(), 5000);
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
    }

    void walIsReadBack()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir));
        QCOMPARE(db.journalMode(), QStringLiteral("wal"));
        QVERIFY(QFile::exists(journalPath(dir) + QStringLiteral("-wal")));
    }

    void eachStepIsOneVersion()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir), withoutMigrations());
        QCOMPARE(db.schemaVersion(), 0);
        schema::upgrade(db, 1);
        QCOMPARE(db.schemaVersion(), 1);
        QVERIFY(tables(db).contains(QStringLiteral("fills")));
        QVERIFY(!tables(db).contains(QStringLiteral("trades")));
        schema::upgrade(db, 2);
        QCOMPARE(db.schemaVersion(), 2);
        QVERIFY(tables(db).contains(QStringLiteral("annotations")));
        QVERIFY(!tables(db).contains(QStringLiteral("runs")));
        schema::upgrade(db, 3);
        QCOMPARE(db.schemaVersion(), 3);
        QVERIFY(tables(db).contains(QStringLiteral("trade_fills")));
        schema::upgrade(db, 4);
        QCOMPARE(db.schemaVersion(), 4);
        QVERIFY(!tables(db).contains(QStringLiteral("trade_fills"))); // parts moved into trades
        schema::upgrade(db, 4);                                       // idempotent
        QCOMPARE(db.schemaVersion(), 4);
        schema::upgrade(db, 5);
        QCOMPARE(db.schemaVersion(), 5);
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('runs') "
                                            "WHERE name = 'batches_total'"))
                     .toInt(),
                 1);
        schema::upgrade(db, 6);
        QCOMPARE(db.schemaVersion(), 6);
        QVERIFY(tables(db).contains(QStringLiteral("unreadable_records")));
        schema::upgrade(db, 6); // idempotent
        QCOMPARE(db.schemaVersion(), 6);
        schema::upgrade(db, 7);
        QCOMPARE(db.schemaVersion(), 7);
        QVERIFY(tables(db).contains(QStringLiteral("symbol_info")));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'index' AND name LIKE 'trades_sort_%'"))
                     .toInt(),
                 13);
        schema::upgrade(db, 8);
        QCOMPARE(db.schemaVersion(), 8);
        QVERIFY(tables(db).contains(QStringLiteral("kline_closes")));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('trades') "
                                            "WHERE name = 'net_pnl_valued'"))
                     .toInt(),
                 1);
        schema::upgrade(db, 10);
        QCOMPARE(db.schemaVersion(), 10);
        QVERIFY(tables(db).contains(QStringLiteral("day_notes")));
        schema::upgrade(db, 11);
        QCOMPARE(db.schemaVersion(), 11);
        QVERIFY(tables(db).contains(QStringLiteral("note_vectors")));
        QVERIFY(tables(db).contains(QStringLiteral("note_conflicts")));
        schema::upgrade(db, 12);
        QCOMPARE(db.schemaVersion(), 12);
        QVERIFY(tables(db).contains(QStringLiteral("algo_orders")));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('annotations') "
                                            "WHERE name = 'risk_override'"))
                     .toInt(),
                 1);
    }

    // v8 -> v9 queues what existed once for sharing: each annotation, each (account, symbol) of
    // fills or orders, each account's income; and makes the device id.
    void upgradeToVersion9QueuesWhatExisted()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir), withoutMigrations());
        schema::upgrade(db, 8);
        RawStore raw(db);
        raw.upsertFills({makeFill(QStringLiteral("BTCUSDT"), 1, "BUY", "100", "1", 1000),
                         makeFill(QStringLiteral("BTCUSDT"), 2, "SELL", "101", "1", 2000),
                         makeFill(QStringLiteral("ETHUSDT"), 3, "BUY", "10", "1", 3000)});
        raw.upsertIncome({makeIncome(QStringLiteral("BTCUSDT"), "FUNDING_FEE", 9, "-0.1", 4000)});
        sqlOn(db).run(QStringLiteral("INSERT INTO annotations (trade_key, notes, created_at, "
                                     "updated_at) VALUES ('main:BTCUSDT:BOTH:1', 'n', 1, 1)"));
        schema::upgrade(db, 9);
        QCOMPARE(db.schemaVersion(), 9);
        QSqlQuery q = sqlOn(db).run(
            QStringLiteral("SELECT kind || '/' || account || '/' || ref FROM outbox ORDER BY seq"));
        QStringList rows;
        while (q.next())
            rows.append(q.value(0).toString());
        QCOMPARE(rows, strings({"annotation//main:BTCUSDT:BOTH:1", "records/main/",
                                "records/main/BTCUSDT", "records/main/ETHUSDT"}));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                    .match(sqlOn(db)
                               .scalar(QStringLiteral("SELECT value FROM share_state WHERE key = "
                                                      "'device_id'"))
                               .toString())
                    .hasMatch());
    }

    // v10 -> v11 rebuilds the outbox without reusing a seq (even an empty outbox), gives the
    // notes with an unshared edit {this device: 1} and queues the daily notes once.
    void upgradeToVersion11KeepsTheOutboxSequence()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir), withoutMigrations());
        schema::upgrade(db, 10);
        sqlOn(db).run(QStringLiteral("INSERT INTO annotations (trade_key, notes, created_at, "
                                     "updated_at) VALUES ('main:BTCUSDT:BOTH:1', 'n', 1, 1), "
                                     "('main:BTCUSDT:BOTH:2', 'shared', 1, 1)"));
        sqlOn(db).run(QStringLiteral("INSERT INTO outbox(kind, ref, created_at) VALUES "
                                     "('annotation', 'main:BTCUSDT:BOTH:1', 1), "
                                     "('annotation', 'main:BTCUSDT:BOTH:2', 1)"));
        sqlOn(db).run(QStringLiteral("DELETE FROM outbox WHERE ref = 'main:BTCUSDT:BOTH:2'"));
        sqlOn(db).run(QStringLiteral("INSERT INTO day_notes VALUES ('2026-12-01', 'calm', 1, 1)"));
        const qint64 lastSeq =
            sqlOn(db).scalar(QStringLiteral("SELECT max(seq) FROM outbox")).toLongLong() + 1;
        const QString device =
            sqlOn(db)
                .scalar(QStringLiteral("SELECT value FROM share_state WHERE key = 'device_id'"))
                .toString();
        schema::upgrade(db, 11);
        QCOMPARE(db.schemaVersion(), 11);
        QSqlQuery q = sqlOn(db).run(
            QStringLiteral("SELECT seq || '/' || kind || '/' || ref FROM outbox ORDER BY seq"));
        QStringList rows;
        while (q.next())
            rows.append(q.value(0).toString());
        QCOMPARE(rows, QStringList({QString::number(lastSeq - 1) +
                                        QStringLiteral("/annotation/main:BTCUSDT:BOTH:1"),
                                    QString::number(lastSeq + 1) +
                                        QStringLiteral("/day_note/2026-12-01")}));
        QSqlQuery v = sqlOn(db).run(QStringLiteral(
            "SELECT note_kind || '/' || note_key || '/' || vector_json FROM note_vectors "
            "ORDER BY note_kind, note_key"));
        QStringList vectors;
        while (v.next())
            vectors.append(v.value(0).toString());
        QCOMPARE(vectors,
                 QStringList({QStringLiteral("day/2026-12-01/{\"%1\":1}").arg(device),
                              QStringLiteral("trade/main:BTCUSDT:BOTH:1/{\"%1\":1}").arg(device)}));
        // The counter survives an empty outbox: the next row continues after the last one.
        sqlOn(db).run(QStringLiteral("DELETE FROM outbox"));
        sqlOn(db).run(QStringLiteral("INSERT INTO outbox(kind, ref, created_at) VALUES "
                                     "('day_note', '2026-12-02', 1)"));
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("SELECT seq FROM outbox")).toLongLong(),
                 lastSeq + 2);
    }

    // v6 -> v7 keeps the trades and their notes, and the sort indexes cover existing rows.
    void upgradeFromVersion6KeepsTradesAndSorts()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        {
            Database db(path, withoutMigrations());
            schema::upgrade(db, 6);
            JournalTrade a = makeTrade(QStringLiteral("BTCUSDT"), 101, 1761958800000, true);
            a.netPnl = dec("-2.5");
            JournalTrade b = makeTrade(QStringLiteral("ETHUSDT"), 102, 1761958900000, true);
            b.netPnl = dec("10.25");
            for (const JournalTrade& t : {a, b}) { // the row only: v6 keeps parts in parts_json
                QStringList columns = detail::tradeColumns();
                QVariantList values = detail::tradeValues(t);
                // v8's and v12's columns are not there yet
                const qsizetype v6 =
                    columns.size() - detail::kValuationColumns - detail::kRiskColumns;
                columns = columns.mid(0, v6);
                values = values.mid(0, v6);
                columns << QStringLiteral("content_hash") << QStringLiteral("created_at")
                        << QStringLiteral("updated_at");
                values << QStringLiteral("x") << 1 << 1;
                QStringList marks;
                marks.fill(QStringLiteral("?"), columns.size());
                sqlOn(db).run(
                    QStringLiteral("INSERT INTO trades (%1) VALUES (%2)")
                        .arg(columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))),
                    values);
            }
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        TradeQuery q;
        q.sort = TradeSort{TradeSortColumn::NetPnl, true};
        const QVector<TradeRow> rows = loadTradePage(db, q, std::nullopt, 10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).netPnl, QStringLiteral("10.25"));
        QCOMPARE(rows.at(1).netPnl, QStringLiteral("-2.5"));
        storeSymbolPrecisions(db, {{QStringLiteral("BTCUSDT"), 1, 3}}, 5);
        storeSymbolPrecisions(db, {{QStringLiteral("BTCUSDT"), 2, 3}}, 6); // updated in place
        const auto precisions = loadSymbolPrecisions(db);
        QCOMPARE(precisions.size(), 1);
        QCOMPARE(precisions.value(QStringLiteral("BTCUSDT")),
                 (SymbolPrecision{QStringLiteral("BTCUSDT"), 2, 3}));
    }

    // Schema 8 (fees in another asset valued): trades stored before keep everything, their
    // valued net PnL is their net PnL, their BNB parts count as not valued, and the journal
    // names the minutes the next sync must price (so that it rebuilds them with valuation).
    void upgradeFromVersion6KeepsTradesAndAsksForPrices()
    {
        QTemporaryDir dir;
        JournalTrade trade = makeTrade(QStringLiteral("BTCUSDT"), 101, 1761958800000, true);
        QVERIFY(trade.fills.size() >= 2);
        trade.fills[0].commission = *Decimal::parse(QStringLiteral("0.0098"));
        trade.fills[0].commissionAsset = QStringLiteral("BNB");
        trade.commission.insert(QStringLiteral("BNB"), trade.fills[0].commission);
        Fill bnbFill = makeFill(QStringLiteral("BTCUSDT"), trade.fills[0].fillId, "BUY", "68290.10",
                                "0.010", trade.fills[0].time, "0", "0.0098");
        bnbFill.commissionAsset = QStringLiteral("BNB");
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 6);
            QCOMPARE(RawStore(db).upsertFills({bnbFill}).inserted, 1);
            // The row as schema 6 wrote it: every column but the four of v8.
            QStringList columns = detail::tradeColumns();
            QVariantList values = detail::tradeValues(trade);
            const qsizetype v6 = columns.size() - detail::kValuationColumns - detail::kRiskColumns;
            columns = columns.mid(0, v6);
            values = values.mid(0, v6);
            columns << QStringLiteral("parts_json") << QStringLiteral("content_hash")
                    << QStringLiteral("created_at") << QStringLiteral("updated_at");
            values << QString::fromUtf8(detail::partsJson(detail::encodeParts(trade)))
                   << detail::contentHash(trade) << 0 << 0;
            QStringList marks;
            for (qsizetype i = 0; i < columns.size(); ++i)
                marks << QStringLiteral("?");
            sqlOn(db).run(
                QStringLiteral("INSERT INTO trades (%1) VALUES (%2)")
                    .arg(columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))),
                values);
            for (qsizetype seq = 0; seq < trade.fundingTranIds.size(); ++seq)
                sqlOn(db).run(QStringLiteral("INSERT INTO trade_funding (trade_key, seq, tran_id) "
                                             "VALUES (?, ?, ?)"),
                              {trade.key, seq, trade.fundingTranIds.at(seq)});
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        const auto loaded = TradeStore(db).trade(trade.key);
        QVERIFY(loaded);
        QCOMPARE(loaded->toExportJson(), trade.toExportJson());
        QCOMPARE(loaded->fills, trade.fills);
        QCOMPARE(loaded->fundingTranIds, trade.fundingTranIds);
        QCOMPARE(loaded->valuation.computed, trade.valuation.computed);
        QCOMPARE(loaded->startingQty, trade.startingQty);
        QCOMPARE(loaded->commission, trade.commission);
        QVERIFY(*loaded == trade); // nothing lost; the valuation is not computed yet
        QVERIFY(!loaded->valuation.computed);
        const FeeValuation shown = loaded->effectiveValuation();
        QCOMPARE(shown.notValuedCount(), 1);
        QCOMPARE(shown.netPnlValued, trade.netPnl);
        QCOMPARE(
            sqlOn(db)
                .scalar(QStringLiteral("SELECT fees_not_valued || '|' || net_pnl_valued || "
                                       "'|' || commission_valued FROM trades"))
                .toString(),
            QStringLiteral("1|%1|%2").arg(trade.netPnl.toString(),
                                          trade.commission.value(trade.marginAsset).toString()));
        const QVector<FeePriceNeed> needs =
            KlineStore(db).missingForSymbols(QStringLiteral("main"), {QStringLiteral("BTCUSDT")});
        QCOMPARE(needs.size(), 1);
        QCOMPARE(needs.first().pair, QStringLiteral("BNBUSDT"));
        QCOMPARE(needs.first().minute, feeMinute(bnbFill.time));
        // Once the price is cached, a rebuild values the trade exactly.
        KlineStore(db).store({{QStringLiteral("BNBUSDT"), feeMinute(bnbFill.time),
                               *Decimal::parse(QStringLiteral("612.40"))}},
                             1);
        QVERIFY(KlineStore(db)
                    .missingForSymbols(QStringLiteral("main"), {QStringLiteral("BTCUSDT")})
                    .isEmpty());
        JournalTrade valued = *loaded;
        valueTradeFees(valued, [&db](const QString& pair, qint64 minute) {
            return KlineStore(db).close(pair, minute);
        });
        QCOMPARE(valued.valuation.parts.first().value->toString(), QStringLiteral("6.00152"));
        QCOMPARE(valued.valuation.netPnlValued.toString(),
                 (trade.netPnl - *Decimal::parse(QStringLiteral("6.00152"))).toString());
    }

    void upgradeFromVersion1KeepsData()
    {
        QTemporaryDir dir;
        const Fill fill = makeFill(QStringLiteral("BTCUSDT"), 6240193381, "BUY", "68290.10",
                                   "0.010", 1761958800123);
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 1);
            RawStore raw(db);
            QCOMPARE(raw.upsertFills({fill}).inserted, 1);
            QCOMPARE(
                raw.upsertIncome({makeIncome(QStringLiteral("BTCUSDT"), "FUNDING_FEE",
                                             4480321991774044580, "-0.05466500", 1761984000000)})
                    .inserted,
                1);
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        RawStore raw(db);
        const auto stored = raw.fill(QStringLiteral("main"), QStringLiteral("BTCUSDT"), 6240193381);
        QVERIFY(stored);
        QCOMPARE(stored->raw, fill.raw);
        QCOMPARE(stored->price.toPlainString(), QStringLiteral("68290.10"));
        const auto income =
            raw.income(QStringLiteral("main"), QStringLiteral("FUNDING_FEE"), 4480321991774044580);
        QVERIFY(income);
        QCOMPARE(income->income.toPlainString(), QStringLiteral("-0.05466500"));
        QCOMPARE(raw.counts().fills, 1);
        // Tables of later steps exist and work.
        QCOMPARE(TradeStore(db).countTrades().total, 0);
    }

    void upgradeFromVersion2KeepsData()
    {
        QTemporaryDir dir;
        JournalTrade trade = makeTrade(QStringLiteral("BTCUSDT"), 101, 1761958800000, true);
        QVERIFY(trade.fills.size() >= 2);
        trade.fills[1].orderId = Q_INT64_C(4480321991774044580); // above 2^53: must stay exact
        trade.fundingTranIds = {Q_INT64_C(4480321991774044581), 9};
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 2);
            Transaction tx(db);
            writeTradeAsBeforeV4(db, trade);
            // v2's row, written as v2 wrote it (today's store also queues it for sharing, v9).
            sqlOn(db).run(QStringLiteral("INSERT INTO annotations (trade_key, notes, created_at, "
                                         "updated_at) VALUES (?, 'textbook breakout', 1, 1)"),
                          {trade.key});
            tx.commit();
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        const auto loaded = TradeStore(db).trade(trade.key);
        QVERIFY(loaded);
        QVERIFY(*loaded == trade);
        QCOMPARE(AnnotationStore(db).annotation(trade.key)->notes,
                 QStringLiteral("textbook breakout"));
    }

    // An upgrade copies the journal first (docs/design.md §1.5): the copy, owner-only, stays
    // beside the journal while the migration fails, and goes once the upgraded journal opens.
    void upgradeKeepsACopyUntilTheJournalOpens()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        const QString backup = path + QStringLiteral(".schema4.bak");
        const Fill fill = makeFill(QStringLiteral("BTCUSDT"), 7, "BUY", "68290.10", "0.010", 1);
        {
            Database db(path, withoutMigrations());
            schema::upgrade(db, 4);
            QCOMPARE(RawStore(db).upsertFills({fill}).inserted, 1);
            sqlOn(db).run(QStringLiteral(
                "INSERT INTO runs (id, account, status, created_at, updated_at, summary_json) "
                "VALUES ('sync_20261101_000000_00000001', 'main', 'completed', 1, 1, "
                "'{\"tradesInserted\": 12, \"tradesUpdated\": 3}')"));
            // A column the next step adds: that step fails, as a migration can.
            sqlOn(db).run(QStringLiteral("ALTER TABLE runs ADD COLUMN batches_total INTEGER"));
        }
        try {
            Database db(path);
            QFAIL("the upgrade should have failed");
        } catch (const JournalError&) {
        }
        QVERIFY(QFile::exists(backup));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(backup).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.partial-*")}), QStringList());
        {
            // A complete copy of schema 4, with its data.
            Database copy(backup, withoutMigrations());
            QCOMPARE(copy.schemaVersion(), 4);
            QCOMPARE(RawStore(copy).counts().fills, 1);
        }
        {
            Database stillOld(path, withoutMigrations());
            QCOMPARE(stillOld.schemaVersion(), 4); // the failed step was rolled back
            sqlOn(stillOld).run(QStringLiteral("ALTER TABLE runs DROP COLUMN batches_total"));
        }

        Database db(path);
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        QVERIFY(!QFile::exists(backup)); // the upgraded journal opened
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.bak*")}), QStringList());
        QCOMPARE(RawStore(db).counts().fills, 1);
        // Runs stored before keep their trade counts (from their summary).
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT trades_inserted || '/' || trades_updated "
                                            "FROM runs"))
                     .toString(),
                 QStringLiteral("12/3"));
    }

    // A new journal, or one already current, is not copied.
    void noCopyWithoutAnUpgrade()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        {
            Database created(path);
        }
        Database reopened(path);
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.bak*")}), QStringList());
    }

    void newerSchemaIsRefusedAndFileUntouched()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        {
            Database db(path);
            RawStore(db).upsertFills({makeFill(QStringLiteral("BTCUSDT"), 1, "BUY", "1", "1", 1)});
            sqlOn(db).run(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"),
                          {QString::number(schema::CurrentVersion + 1)});
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // checkpointed on close

        const QString expected =
            QStringLiteral("This journal was written by a newer version of Fillbook (schema %1; "
                           "this build knows up to %2). Update Fillbook to open it.")
                .arg(schema::CurrentVersion + 1)
                .arg(schema::CurrentVersion);
        for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
            OpenOptions options;
            options.mode = mode;
            try {
                Database db(path, options);
                QFAIL("a newer journal was opened");
            } catch (const JournalError& error) {
                QCOMPARE(error.kind(), JournalError::Kind::TooNew);
                QCOMPARE(error.message(), expected);
            }
        }
        QCOMPARE(fileHash(path), before);
        // A read-only SQLite connection to a WAL journal may leave its (empty) -wal and -shm
        // companions behind; what matters is that nothing was written.
        const QFileInfo wal(path + QStringLiteral("-wal"));
        QVERIFY(!wal.exists() || wal.size() == 0);
    }

    void readOnlyNeverCreatesAFile()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir, "missing.sqlite");
        OpenOptions options;
        options.mode = OpenMode::ReadOnly;
        try {
            Database db(path, options);
            QFAIL("a missing journal was opened");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Missing);
            QCOMPARE(error.message(), QStringLiteral("No journal at %1.").arg(path));
        }
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void readOnlyRefusesAnOldSchema()
    {
        QTemporaryDir dir;
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 2);
        }
        OpenOptions options;
        options.mode = OpenMode::ReadOnly;
        try {
            Database db(journalPath(dir), options);
            QFAIL("an old journal was opened read-only");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::TooOld);
        }
        Database writer(journalPath(dir));
        QCOMPARE(writer.schemaVersion(), schema::CurrentVersion);
        Database reader(journalPath(dir), options);
        QCOMPARE(reader.schemaVersion(), schema::CurrentVersion);
        QVERIFY(reader.isReadOnly());
    }

    void readOnlyConnectionCannotWrite()
    {
        QTemporaryDir dir;
        {
            Database db(journalPath(dir));
        }
        OpenOptions options;
        options.mode = OpenMode::ReadOnly;
        Database reader(journalPath(dir), options);
        try {
            Transaction tx(reader);
            QFAIL("a write transaction opened on a read-only connection");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::ReadOnly);
        }
        try {
            sqlOn(reader).run(QStringLiteral("INSERT INTO settings(key, value) VALUES ('a', 'b')"));
            QFAIL("a read-only connection wrote");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::ReadOnly);
        }
    }

    void foreignFilesAreNotTouched()
    {
        QTemporaryDir dir;
        const QString textPath = journalPath(dir, "notes.txt");
        {
            QFile file(textPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        }
        const QByteArray textBefore = fileHash(textPath);
        try {
            Database db(textPath);
            QFAIL("a text file was opened as a journal");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::NotAJournal);
        }
        QCOMPARE(fileHash(textPath), textBefore);

        const QString otherPath = journalPath(dir, "other.sqlite");
        {
            Database other(otherPath, withoutMigrations());
            sqlOn(other).run(QStringLiteral("CREATE TABLE things (id INTEGER)"));
        }
        try {
            Database db(otherPath);
            QFAIL("another application's database was opened");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::NotAJournal);
            QVERIFY2(error.message().contains(QLatin1String("not a Fillbook journal")),
                     qPrintable(error.message()));
        }
    }

    void connectionsAreNamedAndRemoved()
    {
        QTemporaryDir dir;
        QString name;
        {
            OpenOptions options;
            options.purpose = QStringLiteral("ui");
            Database db(journalPath(dir), options);
            name = db.connectionName();
            QVERIFY(name.startsWith(QLatin1String("fillbook.journal/ui/")));
            QVERIFY(QSqlDatabase::contains(name));
            Database second(journalPath(dir), options);
            QVERIFY(second.connectionName() != name);
        }
        QVERIFY(!QSqlDatabase::contains(name));
    }
};

QTEST_GUILESS_MAIN(TestJournalSchema)
#include "test_journal_schema.moc"
