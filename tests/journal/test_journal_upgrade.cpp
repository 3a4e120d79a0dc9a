// Upgrading journals: each migration keeps what the older schema held (trades, sort order,
// the outbox sequence, annotations) and leaves a copy of the file until the journal opens.
#include "schema_test_util.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/rebuild_cut_store.h"

using namespace fb;
using namespace fb::journal;
using namespace fbtest;
using namespace fbtest::schema_util;

class TestJournalUpgrade : public QObject
{
    Q_OBJECT
private slots:
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

    // v12 -> v13: no rebuild cut for what existed (each symbol's next rebuild is a full one),
    // and from then on the triggers keep cuts true: a fill before a cut deletes it.
    void upgradeToVersion13StartsWithoutCuts()
    {
        QTemporaryDir dir;
        const Fill early = makeFill(QStringLiteral("BTCUSDT"), 7, "BUY", "68290.10", "0.010", 100);
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 12);
            QCOMPARE(RawStore(db).upsertFills({early}).inserted, 1);
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        RebuildCutStore cuts(db);
        QVERIFY(!cuts.cut(QStringLiteral("main"), QStringLiteral("BTCUSDT")));
        {
            Transaction tx(db);
            cuts.setCut(QStringLiteral("main"), QStringLiteral("BTCUSDT"),
                        RebuildCut{1000, 8, kTradeRulesRevision});
            tx.commit();
        }
        QCOMPARE(cuts.cut(QStringLiteral("main"), QStringLiteral("BTCUSDT")),
                 std::optional<RebuildCut>(RebuildCut{1000, 8, kTradeRulesRevision}));
        const Fill late = makeFill(QStringLiteral("BTCUSDT"), 9, "SELL", "68290.10", "0.010", 999);
        QCOMPARE(RawStore(db).upsertFills({late}).inserted, 1);
        QVERIFY(!cuts.cut(QStringLiteral("main"), QStringLiteral("BTCUSDT")));
        QCOMPARE(RawStore(db).counts().fills, 2);
    }

    // v19 -> v20 (D165): a journal synced against one endpoint keeps its cached
    // candles, now that endpoint's, and its account reads them.
    void upgradeToVersion20KeepsTheCandlesOfTheRunsEndpoint()
    {
        QTemporaryDir dir;
        const QString testnet = QStringLiteral("https://testnet.binancefuture.com");
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 18);
            sqlOn(db).run(QStringLiteral("INSERT INTO runs(id, account, status, params_json, "
                                         "created_at, updated_at) VALUES ('r1', 'main', "
                                         "'completed', ?, 1, 1)"),
                          {QStringLiteral("{\"endpoint\":\"%1\"}").arg(testnet)});
            sqlOn(db).run(QStringLiteral("INSERT INTO candles VALUES ('BTCUSDT', 60000, '1', "
                                         "'2', '0.5', '1.5', 1)"));
            sqlOn(db).run(QStringLiteral("INSERT INTO candle_spans VALUES ('BTCUSDT', 60000, "
                                         "120000, 1)"));
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        QCOMPARE(candleEndpoint(db, QStringLiteral("main")), std::optional<QString>(testnet));
        CandleStore store(db, testnet);
        QCOMPARE(store.candles(QStringLiteral("BTCUSDT"), 0, 120000).size(), 1);
        QVERIFY(store.covered(QStringLiteral("BTCUSDT"), 60000, 120000));
        QVERIFY(CandleStore(db, QStringLiteral("https://fapi.binance.com"))
                    .candles(QStringLiteral("BTCUSDT"), 0, 120000)
                    .isEmpty());
    }

    // v17 -> v18: a cut kept from v17 has no range cut yet (the next reconciliation reads the
    // whole history, as before, and finds one); the new fill triggers lower both floors.
    void upgradeToVersion18KeepsCutsWithoutRangeCuts()
    {
        QTemporaryDir dir;
        const QString account = QStringLiteral("main");
        const QString symbol = QStringLiteral("BTCUSDT");
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 17);
            Transaction tx(db);
            RebuildCutStore(db).setCut(account, symbol, RebuildCut{1000, 50, kTradeRulesRevision});
            tx.commit();
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        RebuildCutStore cuts(db);
        QCOMPARE(cuts.cut(account, symbol),
                 std::optional<RebuildCut>(RebuildCut{1000, 50, kTradeRulesRevision}));
        QVERIFY(!cuts.rangeCut(account, symbol, kTradeRulesRevision));
        // A fill below the floor leaves a missing range cut missing.
        QCOMPARE(RawStore(db)
                     .upsertFills({makeFill(symbol, 40, "BUY", "68290.10", "0.010", 2000)})
                     .inserted,
                 1);
        QCOMPARE(cuts.cut(account, symbol)->floorFillId, qint64(40));
        QVERIFY(!cuts.rangeCut(account, symbol, kTradeRulesRevision));
        {
            Transaction tx(db);
            cuts.setRangeCut(account, symbol, kTradeRulesRevision, RangeCut{900, 45});
            tx.commit();
        }
        QCOMPARE(cuts.rangeCut(account, symbol, kTradeRulesRevision),
                 std::optional<RangeCut>(RangeCut{900, 45}));
        // Only the range floor is above this one: it alone is lowered.
        QCOMPARE(RawStore(db)
                     .upsertFills({makeFill(symbol, 42, "SELL", "68290.10", "0.010", 2001)})
                     .inserted,
                 1);
        QCOMPARE(cuts.cut(account, symbol)->floorFillId, qint64(40));
        QCOMPARE(cuts.rangeCut(account, symbol, kTradeRulesRevision),
                 std::optional<RangeCut>(RangeCut{900, 42}));
        // A later rebuild cut keeps the range cut; a fill before the cut deletes both.
        {
            Transaction tx(db);
            cuts.setCut(account, symbol, RebuildCut{1500, 40, kTradeRulesRevision});
            tx.commit();
        }
        QCOMPARE(cuts.rangeCut(account, symbol, kTradeRulesRevision),
                 std::optional<RangeCut>(RangeCut{900, 42}));
        QCOMPARE(RawStore(db)
                     .upsertFills({makeFill(symbol, 43, "SELL", "68290.10", "0.010", 1400)})
                     .inserted,
                 1);
        QVERIFY(!cuts.cut(account, symbol));
        QVERIFY(!cuts.rangeCut(account, symbol, kTradeRulesRevision));
    }

    // v18 -> v21: a cut kept from v18 has no reconciliation cut nor hours yet (the next
    // reconciliation reads as before and stores them); the new fill triggers lower the third
    // floor with the others and clear a reconciliation cut a fill comes before.
    void upgradeToVersion21KeepsCutsWithoutReconciliationHours()
    {
        QTemporaryDir dir;
        const QString account = QStringLiteral("main");
        const QString symbol = QStringLiteral("BTCUSDT");
        {
            Database db(journalPath(dir), withoutMigrations());
            schema::upgrade(db, 18);
            Transaction tx(db);
            RebuildCutStore(db).setCut(account, symbol, RebuildCut{1000, 50, kTradeRulesRevision});
            RebuildCutStore(db).setRangeCut(account, symbol, kTradeRulesRevision,
                                            RangeCut{900, 50});
            tx.commit();
        }
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        RebuildCutStore cuts(db);
        QCOMPARE(cuts.rangeCut(account, symbol, kTradeRulesRevision),
                 std::optional<RangeCut>(RangeCut{900, 50}));
        QVERIFY(!cuts.reconCut(account, symbol, kTradeRulesRevision));
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("SELECT count(*) FROM recon_hours")).toInt(), 0);
        {
            Transaction tx(db);
            cuts.setReconCut(account, symbol, kTradeRulesRevision, RangeCut{1200, 60});
            // A later rebuild cut before it (a full rebuild found an earlier flat point).
            cuts.setCut(account, symbol, RebuildCut{1100, 50, kTradeRulesRevision});
            tx.commit();
        }
        QCOMPARE(cuts.reconCut(account, symbol, kTradeRulesRevision),
                 std::optional<RangeCut>(RangeCut{1200, 60}));
        // At or after it with a smaller id: the floors go down, the cut stays.
        QCOMPARE(RawStore(db)
                     .upsertFills({makeFill(symbol, 45, "BUY", "68290.10", "0.010", 1300)})
                     .inserted,
                 1);
        QCOMPARE(cuts.reconCut(account, symbol, kTradeRulesRevision),
                 std::optional<RangeCut>(RangeCut{1200, 45}));
        QCOMPARE(cuts.cut(account, symbol)->floorFillId, qint64(45));
        // Before it, yet after the rebuild cut: the reconciliation cut alone goes.
        QCOMPARE(RawStore(db)
                     .upsertFills({makeFill(symbol, 70, "SELL", "68290.10", "0.010", 1150)})
                     .inserted,
                 1);
        QVERIFY(!cuts.reconCut(account, symbol, kTradeRulesRevision));
        QVERIFY(cuts.cut(account, symbol));
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
        // No copy nor part of one (the copy's own integrity record, written when the test
        // opened it above, is not a copy of the journal).
        QCOMPARE(QDir(dir.path())
                     .entryList({QStringLiteral("*.bak"), QStringLiteral("*.bak.partial-*")}),
                 QStringList());
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
};

QTEST_GUILESS_MAIN(TestJournalUpgrade)
#include "test_journal_upgrade.moc"
