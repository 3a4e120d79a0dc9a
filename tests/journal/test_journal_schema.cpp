// Opening journals: migrations step by step, refusal of newer schemas (file untouched), WAL,
// read-only opening that never creates a file, and files that are not journals.
#include "schema_test_util.h"

#include "sync/journal/saved_filters.h"

using namespace fb;
using namespace fb::journal;
using namespace fbtest;
using namespace fbtest::schema_util;

class TestJournalSchema : public QObject
{
    Q_OBJECT
private slots:
    void freshJournalGetsCurrentSchema()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir));
        QCOMPARE(db.schemaVersion(), 21);
        QCOMPARE(schema::CurrentVersion, 21);
        QCOMPARE(tables(db), strings({"accounts",
                                      "algo_orders",
                                      "annotations",
                                      "attachments",
                                      "candle_extremes",
                                      "candle_spans",
                                      "candle_symbols",
                                      "candles",
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
                                      "rebuild_cuts",
                                      "recon_hours",
                                      "record_history",
                                      "run_symbols",
                                      "runs",
                                      "saved_filters",
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
        QVERIFY(!tables(db).contains(QStringLiteral("candles")));
        schema::upgrade(db, 13);
        QCOMPARE(db.schemaVersion(), 13);
        QVERIFY(tables(db).contains(QStringLiteral("candles")));
        QVERIFY(tables(db).contains(QStringLiteral("candle_spans")));
        QVERIFY(tables(db).contains(QStringLiteral("candle_symbols")));
        QVERIFY(!tables(db).contains(QStringLiteral("attachments")));
        schema::upgrade(db, 14);
        QCOMPARE(db.schemaVersion(), 14);
        QVERIFY(tables(db).contains(QStringLiteral("attachments")));
        QVERIFY(!tables(db).contains(QStringLiteral("rebuild_cuts")));
        schema::upgrade(db, 15);
        QCOMPARE(db.schemaVersion(), 15);
        QVERIFY(tables(db).contains(QStringLiteral("rebuild_cuts")));
        QVERIFY(!tables(db).contains(QStringLiteral("saved_filters")));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'trigger' AND name LIKE 'rebuild_cuts_%'"))
                     .toInt(),
                 12);
        // The rebuild's reads of stops and flagging orders use the partial indexes.
        const auto plan = [&](const QString& sql) {
            QStringList lines;
            QSqlQuery q = sqlOn(db).run(QStringLiteral("EXPLAIN QUERY PLAN ") + sql,
                                        {QStringLiteral("a"), QStringLiteral("S")});
            while (q.next())
                lines << q.value(3).toString();
            return lines.join(QLatin1Char(';'));
        };
        QVERIFY2(plan(QStringLiteral("SELECT order_id FROM orders WHERE account = ? AND symbol = "
                                     "? AND (orig_type IN ('STOP', 'STOP_MARKET') OR type IN "
                                     "('STOP', 'STOP_MARKET'))"))
                     .contains(QLatin1String("orders_stops")),
                 "stops");
        QVERIFY2(plan(QStringLiteral("SELECT order_id, client_order_id FROM orders WHERE account = "
                                     "? AND symbol = ? AND (client_order_id GLOB 'autoclose-*' OR "
                                     "client_order_id GLOB 'adl_autoclose*' OR client_order_id "
                                     "GLOB 'settlement_autoclose-*')"))
                     .contains(QLatin1String("orders_close_flags")),
                 "flags");
        schema::upgrade(db, 16);
        QCOMPARE(db.schemaVersion(), 16);
        QVERIFY(tables(db).contains(QStringLiteral("saved_filters")));
        schema::upgrade(db, 17);
        QCOMPARE(db.schemaVersion(), 17);
        // The planner's check for fees to value reads the partial index, not every fill.
        QVERIFY2(plan(QStringLiteral("SELECT DISTINCT f.commission_asset || f.margin_asset, "
                                     "f.time - (f.time % 60000) FROM fills f INDEXED BY "
                                     "fills_fees_to_value WHERE f.account = ? AND f.symbol = ? "
                                     "AND f.commission_asset <> f.margin_asset AND "
                                     "f.commission_asset <> '' AND f.margin_asset <> ''"))
                     .contains(QLatin1String("fills_fees_to_value")),
                 "fees");
        // The planner's open-trade symbols read the open trades, not every trade.
        QVERIFY2(plan(QStringLiteral("SELECT DISTINCT symbol FROM trades INDEXED BY "
                                     "trades_by_status WHERE account = ? AND status = 'OPEN' "
                                     "AND ? IS NOT NULL"))
                     .contains(QLatin1String("trades_by_status (status=?)")),
                 "open trades");
        schema::upgrade(db, 18);
        QCOMPARE(db.schemaVersion(), 18);
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT group_concat(name, ',') FROM "
                                            "pragma_table_info('rebuild_cuts')"))
                     .toString(),
                 QStringLiteral("account,symbol,cut_ms,floor_fill_id,rules,range_cut_ms,"
                                "range_floor_fill_id"));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'trigger' AND name LIKE 'rebuild_cuts_%'"))
                     .toInt(),
                 12);
        // A symbol's income in a range: each income type's rows in the range by the index
        // (account, symbol, income_type, time), not every row of the symbol.
        QVERIFY2(plan(QStringLiteral("SELECT tran_id FROM income INDEXED BY income_by_symbol "
                                     "WHERE account = ? AND symbol = ? AND income_type IN "
                                     "('COMMISSION', 'FUNDING_FEE') AND time BETWEEN 1 AND 2"))
                     .contains(QLatin1String("income_by_symbol (account=? AND symbol=? AND "
                                             "income_type=? AND time>? AND time<?)")),
                 "income in range");
        QVERIFY2(plan(QStringLiteral("SELECT min(algo_id) FROM algo_orders INDEXED BY "
                                     "algo_orders_live WHERE account = ? AND symbol = ? AND "
                                     "algo_status IN ('NEW', 'TRIGGERING')"))
                     .contains(QLatin1String("algo_orders_live")),
                 "live algo orders");
        schema::upgrade(db, 19);
        QCOMPARE(db.schemaVersion(), 19);
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT group_concat(name, ',') FROM "
                                            "pragma_table_info('outbox')"))
                     .toString(),
                 QStringLiteral("seq,kind,account,ref,created_at,attempts,last_error,scope"));
        // v20 (D165): the candle cache keyed by the endpoint first.
        schema::upgrade(db, 20);
        QCOMPARE(db.schemaVersion(), 20);
        for (const auto& [table, columns] :
             {std::pair{"candles", "endpoint,symbol,open_time,open,high,low,close,fetched_at"},
              std::pair{"candle_spans", "endpoint,symbol,first_minute,last_minute,fetched_at"},
              std::pair{"candle_symbols", "endpoint,symbol,reason,checked_at"},
              std::pair{"candle_extremes", "endpoint,symbol,first_minute,last_minute,low,high"}}) {
            QCOMPARE(sqlOn(db)
                         .scalar(QStringLiteral("SELECT group_concat(name, ',') FROM "
                                                "pragma_table_info('%1')")
                                     .arg(QLatin1String(table)))
                         .toString(),
                     QLatin1String(columns));
            QCOMPARE(sqlOn(db)
                         .scalar(QStringLiteral("SELECT group_concat(name, ',') FROM "
                                                "pragma_table_info('%1') WHERE pk > 0 ORDER BY "
                                                "pk")
                                     .arg(QLatin1String(table)))
                         .toString()
                         .startsWith(QLatin1String("endpoint,symbol")),
                     true);
        }
        // The planner's coverage read is a search of the key, one symbol at a time.
        QVERIFY2(plan(QStringLiteral("SELECT first_minute, last_minute FROM candle_spans WHERE "
                                     "endpoint = ? AND symbol = ? ORDER BY first_minute"))
                     .contains(QLatin1String("PRIMARY KEY (endpoint=? AND symbol=?)")),
                 "candle coverage");
        QVERIFY(!tables(db).contains(QStringLiteral("recon_hours")));
        schema::upgrade(db, 21);
        QCOMPARE(db.schemaVersion(), 21);
        QVERIFY(tables(db).contains(QStringLiteral("recon_hours")));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT group_concat(name, ',') FROM "
                                            "pragma_table_info('rebuild_cuts')"))
                     .toString(),
                 QStringLiteral("account,symbol,cut_ms,floor_fill_id,rules,range_cut_ms,"
                                "range_floor_fill_id,recon_cut_ms,recon_floor_fill_id"));
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'trigger' AND name LIKE 'rebuild_cuts_%'"))
                     .toInt(),
                 12);
        QCOMPARE(sqlOn(db)
                     .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'trigger' AND name LIKE 'recon_hours_%'"))
                     .toInt(),
                 3);
        // A fill's invalidation is a range of the hours' key, not a scan.
        QVERIFY2(plan(QStringLiteral("DELETE FROM recon_hours WHERE account = ? AND symbol = ? "
                                     "AND hour_ms > 5 - 3600000"))
                     .contains(QLatin1String("PRIMARY KEY (account=? AND symbol=? AND "
                                             "hour_ms>?)")),
                 "hours");
    }

    // Schema v16 (issue 14): saved filters by name (case ignored), their fields as JSON.
    void savedFiltersRoundTrip()
    {
        QTemporaryDir dir;
        Database db(journalPath(dir));
        SavedFilterStore store(db);
        TradeQuery q;
        q.account = QStringLiteral("alt");
        q.symbol = QStringLiteral("BTCUSDT");
        q.symbols = {QStringLiteral("ETHUSDT"), QStringLiteral("BTCUSDT")};
        q.direction = QStringLiteral("LONG");
        q.outcome = -1;
        q.openFromMs = 1'790'000'000'123;
        q.tags = {QStringLiteral("breakout")};
        q.notesText = QStringLiteral("late");
        q.closeFromMs = 5; // the calendar's day is not saved
        QCOMPARE(QString::fromUtf8(savedFilterJson(q)),
                 QStringLiteral("{\"account\":\"alt\",\"direction\":\"LONG\",\"notes\":\"late\","
                                "\"openFromMs\":\"1790000000123\",\"outcome\":-1,\"symbols\":"
                                "[\"BTCUSDT\",\"ETHUSDT\"],\"tags\":[\"breakout\"]}"));
        store.save(QStringLiteral("Losers"), q, 10);
        store.save(QStringLiteral("all"), TradeQuery{}, 11);
        store.save(QStringLiteral(" losers "), q, 12); // the same name: replaced, spelling kept
        const QVector<SavedFilter> list = store.list();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).name, QStringLiteral("all"));
        QCOMPARE(list.at(1).name, QStringLiteral("Losers"));
        QCOMPARE(list.at(1).updatedAt, 12);
        const TradeQuery back = store.find(QStringLiteral("LOSERS"))->query;
        QCOMPARE(back.account, q.account);
        QCOMPARE(back.symbols, (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}));
        QVERIFY(back.symbol.isEmpty());
        QCOMPARE(back.direction, q.direction);
        QCOMPARE(back.outcome, -1);
        QCOMPARE(back.openFromMs, q.openFromMs);
        QVERIFY(!back.openToMs);
        QVERIFY(!back.closeFromMs);
        QCOMPARE(back.tags, q.tags);
        QCOMPARE(back.notesText, q.notesText);
        QVERIFY(store.remove(QStringLiteral("losers")));
        QVERIFY(!store.remove(QStringLiteral("losers")));
        QVERIFY(!store.find(QStringLiteral("Losers")));
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
