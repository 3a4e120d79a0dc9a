// The SQL of schema versions 9 and later; the steps are listed in schema_steps.cpp, whose
// conventions apply here too. Never edit a released step: add a new one.

#include "sync/journal/schema_steps_parts.h"

namespace fb::journal::schema::steps_detail {

// v9: sharing (docs/sharing.md). The transactional outbox: every shared local change (a sync
// commit's raw records and trades of one symbol, or the account's income when `ref` is ''; an
// annotation edit, `ref` = the trade key) adds a row in the same transaction as the change.
// `seq` is never reused (AUTOINCREMENT), so device id + seq is an idempotency key for ever. A row
// names what changed; the replicator reads its current state when it pushes (natural-key
// upserts). share_state holds the device id (made here, once), the pull cursor and the
// replicator's last outcomes. What existed before this step is queued once, so that a journal
// shared later shares its past too.
QStringList version9()
{
    return statements({
        R"(CREATE TABLE outbox (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            kind        TEXT    NOT NULL CHECK (kind = 'annotation' OR kind = 'records'),
            account     TEXT    NOT NULL DEFAULT '',
            ref         TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT
        ))",
        R"(CREATE TABLE share_state (
            key    TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        ) WITHOUT ROWID)",
        "INSERT INTO share_state(key, value) VALUES ('device_id', lower(hex(randomblob(16))))",
        R"(INSERT INTO outbox(kind, account, ref, created_at)
            SELECT 'annotation', '', trade_key, CAST(strftime('%s', 'now') AS INTEGER) * 1000
            FROM annotations ORDER BY trade_key)",
        R"(INSERT INTO outbox(kind, account, ref, created_at)
            SELECT 'records', account, symbol, CAST(strftime('%s', 'now') AS INTEGER) * 1000
            FROM (SELECT account, symbol FROM fills UNION SELECT account, symbol FROM orders
                  UNION SELECT DISTINCT account, '' FROM income) ORDER BY account, symbol)",
    });
}

// v10 (issue 14): daily journal notes, one per calendar day of the display time zone
// ('YYYY-MM-DD'). Like annotations, written only by the trader, never by sync.
QStringList version10()
{
    return statements({
        R"(CREATE TABLE day_notes (
            day         TEXT    PRIMARY KEY,
            notes       TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        ) WITHOUT ROWID)",
    });
}

// v11 (issue 13): version vectors and conflicts of shared notes (docs/sharing.md). note_vectors
// holds the version vector of every trade note ('trade', trade key) and daily note ('day',
// 'YYYY-MM-DD'), kept when the note is removed (the removal is a version too). A note with an
// edit still in the outbox gets {this device: 1}; every other note keeps {} (shared before, or
// pulled). note_conflicts holds the other device's version of a note in conflict, beside the
// local one. The outbox also carries daily notes now: its CHECK is rebuilt (SQLite cannot alter
// one) keeping its AUTOINCREMENT counter, so no seq — and no idempotency key — is ever reused;
// the daily notes written before are queued once.
QStringList version11()
{
    return statements({
        R"(CREATE TABLE outbox_v11 (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            kind        TEXT    NOT NULL CHECK (kind IN ('annotation', 'records', 'day_note')),
            account     TEXT    NOT NULL DEFAULT '',
            ref         TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT
        ))",
        "INSERT INTO outbox_v11(seq, kind, account, ref, created_at, attempts, last_error) "
        "SELECT seq, kind, account, ref, created_at, attempts, last_error FROM outbox",
        "DELETE FROM sqlite_sequence WHERE name = 'outbox_v11'",
        "INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox_v11', seq FROM sqlite_sequence "
        "WHERE name = 'outbox'",
        "DROP TABLE outbox",
        "ALTER TABLE outbox_v11 RENAME TO outbox",
        R"(CREATE TABLE note_vectors (
            note_kind    TEXT NOT NULL CHECK (note_kind IN ('trade', 'day')),
            note_key     TEXT NOT NULL,
            vector_json  TEXT NOT NULL,
            PRIMARY KEY (note_kind, note_key)
        ) WITHOUT ROWID)",
        R"(INSERT INTO note_vectors(note_kind, note_key, vector_json)
            SELECT DISTINCT 'trade', ref,
                json_object((SELECT value FROM share_state WHERE key = 'device_id'), 1)
            FROM outbox WHERE kind = 'annotation')",
        R"(INSERT INTO note_vectors(note_kind, note_key, vector_json)
            SELECT 'day', day,
                json_object((SELECT value FROM share_state WHERE key = 'device_id'), 1)
            FROM day_notes)",
        R"(INSERT INTO outbox(kind, account, ref, created_at)
            SELECT 'day_note', '', day, CAST(strftime('%s', 'now') AS INTEGER) * 1000
            FROM day_notes ORDER BY day)",
        R"(CREATE TABLE note_conflicts (
            note_kind      TEXT    NOT NULL CHECK (note_kind IN ('trade', 'day')),
            note_key       TEXT    NOT NULL,
            origin_device  TEXT    NOT NULL,
            change_seq     INTEGER NOT NULL,
            vector_json    TEXT    NOT NULL,
            deleted        INTEGER NOT NULL,
            notes          TEXT    NOT NULL,
            tags_json      TEXT    NOT NULL,
            setup          TEXT    NOT NULL,
            rating         INTEGER,
            mistakes_json  TEXT    NOT NULL,
            created_at     INTEGER NOT NULL,
            updated_at     INTEGER NOT NULL,
            found_at       INTEGER NOT NULL,
            PRIMARY KEY (note_kind, note_key)
        ) WITHOUT ROWID)",
    });
}

// v12 (issue 14, R multiples, docs/design.md D103–D109): the Algo Service's conditional orders
// (allAlgoOrders) kept verbatim by their natural key, like orders; the initial risk and R each
// rebuild stores on a trade (NULL: no stop), with the stop it came from; the trader's own risk
// in the annotation (layer 3, never written by sync).
QStringList version12()
{
    return statements({
        R"(CREATE TABLE algo_orders (
            account          TEXT    NOT NULL,
            algo_id          INTEGER NOT NULL,
            symbol           TEXT    NOT NULL,
            client_algo_id   TEXT    NOT NULL DEFAULT '',
            algo_type        TEXT    NOT NULL DEFAULT '',
            order_type       TEXT    NOT NULL,
            side             TEXT    NOT NULL CHECK (side = 'BUY' OR side = 'SELL'),
            position_side    TEXT    NOT NULL
                CHECK (position_side = 'BOTH' OR position_side = 'LONG' OR position_side = 'SHORT'),
            time_in_force    TEXT    NOT NULL DEFAULT '',
            quantity         TEXT    NOT NULL,
            algo_status      TEXT    NOT NULL,
            actual_order_id  TEXT    NOT NULL DEFAULT '',
            actual_price     TEXT    NOT NULL,
            trigger_price    TEXT    NOT NULL,
            price            TEXT    NOT NULL,
            working_type     TEXT    NOT NULL DEFAULT '',
            price_match      TEXT    NOT NULL DEFAULT '',
            stp_mode         TEXT    NOT NULL DEFAULT '',
            close_position   INTEGER NOT NULL,
            price_protect    INTEGER NOT NULL,
            reduce_only      INTEGER NOT NULL,
            create_time      INTEGER NOT NULL,
            update_time      INTEGER NOT NULL DEFAULT 0,
            trigger_time     INTEGER NOT NULL DEFAULT 0,
            good_till_date   INTEGER NOT NULL DEFAULT 0,
            raw_json         TEXT    NOT NULL,
            version          INTEGER NOT NULL DEFAULT 1,
            first_seen_at    INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            PRIMARY KEY (account, algo_id)
        ))",
        "CREATE INDEX algo_orders_by_symbol ON algo_orders(account, symbol, algo_id)",
        // record_history's CHECK names the kinds it may hold: the table is rebuilt with the new
        // kind (SQLite cannot alter a CHECK), rows and ids kept.
        R"(CREATE TABLE record_history_v12 (
            id           INTEGER PRIMARY KEY,
            record_kind  TEXT    NOT NULL
                CHECK (record_kind IN ('fill', 'income', 'order', 'algo_order')),
            account      TEXT    NOT NULL,
            natural_key  TEXT    NOT NULL,
            version      INTEGER NOT NULL,
            raw_json     TEXT    NOT NULL,
            replaced_at  INTEGER NOT NULL
        ))",
        "INSERT INTO record_history_v12 SELECT id, record_kind, account, natural_key, version, "
        "raw_json, replaced_at FROM record_history",
        "DROP TABLE record_history",
        "ALTER TABLE record_history_v12 RENAME TO record_history",
        "CREATE INDEX record_history_by_key ON record_history(record_kind, natural_key, version)",
        "ALTER TABLE trades ADD COLUMN initial_risk TEXT",
        "ALTER TABLE trades ADD COLUMN r_multiple TEXT",
        "ALTER TABLE trades ADD COLUMN risk_stop_json TEXT",
        "ALTER TABLE annotations ADD COLUMN risk_override TEXT",
    });
}

// v13 (issue 14, MAE/MFE and trade charts, docs/design.md D112–D114): the closed 1-minute
// candles of traded symbols (market data, not of an account: natural key symbol + open minute,
// decimals as text; a closed candle never changes, so a cached one is never asked again); the
// spans of minutes already asked for, whether or not the exchange had a candle for each (a
// minute without trades has none), so that a fetch resumes where it stopped; and the symbols
// whose candles the exchange does not serve (delisted), with the reason, shown instead of a chart.
QStringList version13()
{
    return statements({
        R"(CREATE TABLE candles (
            symbol      TEXT    NOT NULL,
            open_time   INTEGER NOT NULL,
            open        TEXT    NOT NULL,
            high        TEXT    NOT NULL,
            low         TEXT    NOT NULL,
            close       TEXT    NOT NULL,
            fetched_at  INTEGER NOT NULL,
            PRIMARY KEY (symbol, open_time)
        ) WITHOUT ROWID)",
        R"(CREATE TABLE candle_spans (
            symbol        TEXT    NOT NULL,
            first_minute  INTEGER NOT NULL,
            last_minute   INTEGER NOT NULL CHECK (last_minute >= first_minute),
            fetched_at    INTEGER NOT NULL,
            PRIMARY KEY (symbol, first_minute, last_minute)
        ) WITHOUT ROWID)",
        R"(CREATE TABLE candle_symbols (
            symbol      TEXT    PRIMARY KEY,
            reason      TEXT    NOT NULL,
            checked_at  INTEGER NOT NULL
        ) WITHOUT ROWID)",
    });
}

// v14 (issue 13, docs/sharing.md "Screenshots"): images attached to trades. The bytes live
// content-addressed beside the journal (<journal>.blobs/ab/<sha-256>), written and fsync'd before
// the row that names them commits; a row links a trade key to a hash with the original file name,
// the type read from the bytes, the size and when it was added. A removal keeps the row with
// removed_at set, so that it can be shared like an addition. The outbox carries attachments now
// (ref = '<hash>:<trade key>'): its CHECK is rebuilt as in v11, keeping its AUTOINCREMENT counter.
QStringList version14()
{
    return statements({
        R"(CREATE TABLE outbox_v14 (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            kind        TEXT    NOT NULL
                CHECK (kind IN ('annotation', 'records', 'day_note', 'attachment')),
            account     TEXT    NOT NULL DEFAULT '',
            ref         TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT
        ))",
        "INSERT INTO outbox_v14(seq, kind, account, ref, created_at, attempts, last_error) "
        "SELECT seq, kind, account, ref, created_at, attempts, last_error FROM outbox",
        "DELETE FROM sqlite_sequence WHERE name = 'outbox_v14'",
        "INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox_v14', seq FROM sqlite_sequence "
        "WHERE name = 'outbox'",
        "DROP TABLE outbox",
        "ALTER TABLE outbox_v14 RENAME TO outbox",
        R"(CREATE TABLE attachments (
            trade_key   TEXT    NOT NULL,
            hash        TEXT    NOT NULL CHECK (length(hash) = 64),
            file_name   TEXT    NOT NULL,
            mime        TEXT    NOT NULL,
            size        INTEGER NOT NULL,
            added_at    INTEGER NOT NULL,
            removed_at  INTEGER,
            PRIMARY KEY (trade_key, hash)
        ) WITHOUT ROWID)",
        "CREATE INDEX attachments_by_hash ON attachments(hash)",
    });
}

// v15: rebuilds from the last flat point (docs/design.md D126). One row per symbol whose
// trades are final before `cut_ms`: every stored trade of the symbol either closed before it or
// opened at or after it (not INCOMPLETE_START), in every book, so a rebuild needs only the
// fills and funding at or after it. `floor_fill_id` is at most the id of every fill at or after
// the cut (the fills are keyed by id: the rebuild reads them as an id range); `rules` is the
// trade rules' revision the trades were built with (fb::kTradeRulesRevision). The triggers keep
// the row true whatever writes the raw records: a fill, funding row or order from before the cut
// deletes it (the next rebuild is then a full one), a fill at or after it with a smaller id
// lowers the floor. Partial indexes: the rebuild's lookups of stops and of liquidation orders
// read only those orders, not the symbol's whole order history.
QStringList version15()
{
    return statements({
        R"(CREATE TABLE rebuild_cuts (
            account        TEXT    NOT NULL,
            symbol         TEXT    NOT NULL,
            cut_ms         INTEGER NOT NULL,
            floor_fill_id  INTEGER NOT NULL,
            rules          INTEGER NOT NULL,
            PRIMARY KEY (account, symbol)
        ) WITHOUT ROWID)",
        R"(CREATE TRIGGER rebuild_cuts_fill_insert AFTER INSERT ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms;
            UPDATE rebuild_cuts SET floor_fill_id = NEW.id WHERE account = NEW.account
                AND symbol = NEW.symbol AND NEW.id < floor_fill_id;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_fill_update AFTER UPDATE ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE (account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms) OR (account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms);
            UPDATE rebuild_cuts SET floor_fill_id = NEW.id WHERE account = NEW.account
                AND symbol = NEW.symbol AND NEW.id < floor_fill_id;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_fill_delete AFTER DELETE ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_funding_insert AFTER INSERT ON income
            WHEN NEW.income_type = 'FUNDING_FEE' BEGIN
            DELETE FROM rebuild_cuts WHERE account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_funding_update AFTER UPDATE ON income
            WHEN NEW.income_type = 'FUNDING_FEE' OR OLD.income_type = 'FUNDING_FEE' BEGIN
            DELETE FROM rebuild_cuts WHERE (account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms) OR (account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms);
        END)",
        R"(CREATE TRIGGER rebuild_cuts_funding_delete AFTER DELETE ON income
            WHEN OLD.income_type = 'FUNDING_FEE' BEGIN
            DELETE FROM rebuild_cuts WHERE account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms;
        END)",
        // An order created before the cut can carry a closing fill's flag or be a stop of a
        // trade before it; one created at or after it can do neither.
        R"(CREATE TRIGGER rebuild_cuts_order_insert AFTER INSERT ON orders BEGIN
            DELETE FROM rebuild_cuts WHERE account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_order_update AFTER UPDATE ON orders BEGIN
            DELETE FROM rebuild_cuts WHERE (account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms) OR (account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms);
        END)",
        R"(CREATE TRIGGER rebuild_cuts_order_delete AFTER DELETE ON orders BEGIN
            DELETE FROM rebuild_cuts WHERE account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_algo_insert AFTER INSERT ON algo_orders BEGIN
            DELETE FROM rebuild_cuts WHERE account = NEW.account AND symbol = NEW.symbol
                AND NEW.create_time < cut_ms;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_algo_update AFTER UPDATE ON algo_orders BEGIN
            DELETE FROM rebuild_cuts WHERE (account = OLD.account AND symbol = OLD.symbol
                AND OLD.create_time < cut_ms) OR (account = NEW.account AND symbol = NEW.symbol
                AND NEW.create_time < cut_ms);
        END)",
        R"(CREATE TRIGGER rebuild_cuts_algo_delete AFTER DELETE ON algo_orders BEGIN
            DELETE FROM rebuild_cuts WHERE account = OLD.account AND symbol = OLD.symbol
                AND OLD.create_time < cut_ms;
        END)",
        // The same expressions as the reads in raw_store_read.cpp / raw_store_algo.cpp (SQLite
        // uses a partial index only for a query that repeats its WHERE term). A rebuild from a cut
        // reads only the stops that ended at or after the cut (by update_time, or creation time
        // when there is no update time) and the live ones.
        "CREATE INDEX orders_stops ON orders(account, symbol, update_time) WHERE "
        "orig_type IN ('STOP', 'STOP_MARKET') OR type IN ('STOP', 'STOP_MARKET')",
        "CREATE INDEX orders_live_stops ON orders(account, symbol) WHERE "
        "(orig_type IN ('STOP', 'STOP_MARKET') OR type IN ('STOP', 'STOP_MARKET')) AND "
        "status IN ('NEW', 'PARTIALLY_FILLED')",
        "CREATE INDEX orders_close_flags ON orders(account, symbol, order_id) WHERE "
        "client_order_id GLOB 'autoclose-*' OR client_order_id GLOB 'adl_autoclose*' OR "
        "client_order_id GLOB 'settlement_autoclose-*'",
    });
}

// v16: saved filters (issue 14): named sets of the Trades tab's filters, written only by the
// trader (desktop or CLI), never by sync. COLLATE NOCASE: "Scalps" and "scalps" are one name.
QStringList version16()
{
    return statements({
        R"(CREATE TABLE saved_filters (
            name        TEXT    PRIMARY KEY COLLATE NOCASE CHECK (length(trim(name)) > 0),
            query_json  TEXT    NOT NULL,
            updated_at  INTEGER NOT NULL
        ) WITHOUT ROWID)",
    });
}

// v17: the planner's check for fees to value (KlineStore::missingForSymbols) read every fill of
// each symbol before every sync; it reads only the fills whose commission is in another asset
// than the margin (none for a trader who pays fees in USDT), through this partial index. The
// query repeats its WHERE terms and names it (INDEXED BY: without statistics SQLite prefers the
// primary key).
QStringList version17()
{
    return statements({
        "CREATE INDEX fills_fees_to_value ON fills(account, symbol, time) WHERE "
        "commission_asset <> margin_asset AND commission_asset <> '' AND margin_asset <> ''",
    });
}

// v18: reconciliation from a flat point at or before the run's range (docs/design.md §2.9,
// D155). `range_cut_ms` is a time at or before the start of a run's range at
// which every book of the symbol was flat, `range_floor_fill_id` at most the id of every fill at
// or after it, so a run's reconciliation reads the fills and funding from there on (an id
// range of the fills' key, as a rebuild from the cut does) instead of the symbol's whole
// history. Both are NULL until a build or a reconciliation finds one. The row's triggers keep
// it true: a record before `cut_ms` (so before the range cut too) deletes the row, and a fill
// with an id below either floor lowers it (the fill triggers of v15, replaced). And the partial
// index `algo_orders_live`, for the planner's read of the live algo orders.
QStringList version18()
{
    return statements({
        "ALTER TABLE rebuild_cuts ADD COLUMN range_cut_ms INTEGER",
        "ALTER TABLE rebuild_cuts ADD COLUMN range_floor_fill_id INTEGER",
        // The planner's algo walk start (RawStore::algoWalkStart, before every sync): the live
        // algo orders alone, not every algo order of the symbol when none is live.
        "CREATE INDEX algo_orders_live ON algo_orders(account, symbol, algo_id) WHERE "
        "algo_status IN ('NEW', 'TRIGGERING')",
        "DROP TRIGGER rebuild_cuts_fill_insert",
        "DROP TRIGGER rebuild_cuts_fill_update",
        R"(CREATE TRIGGER rebuild_cuts_fill_insert AFTER INSERT ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms;
            UPDATE rebuild_cuts SET floor_fill_id = MIN(floor_fill_id, NEW.id),
                range_floor_fill_id = MIN(range_floor_fill_id, NEW.id)
                WHERE account = NEW.account AND symbol = NEW.symbol
                AND (NEW.id < floor_fill_id OR NEW.id < range_floor_fill_id);
        END)",
        R"(CREATE TRIGGER rebuild_cuts_fill_update AFTER UPDATE ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE (account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms) OR (account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms);
            UPDATE rebuild_cuts SET floor_fill_id = MIN(floor_fill_id, NEW.id),
                range_floor_fill_id = MIN(range_floor_fill_id, NEW.id)
                WHERE account = NEW.account AND symbol = NEW.symbol
                AND (NEW.id < floor_fill_id OR NEW.id < range_floor_fill_id);
        END)",
    });
}

// v19: what a sharing outbox row names (docs/sharing.md, "What a push sends"). A records row
// queued by a sync commit names the records it wrote and the trades it changed (a ShareScope,
// JSON); the push reads and sends those rows alone. NULL (every row queued before this step,
// and the first share of a history) still means every row of the symbol.
QStringList version19()
{
    return statements({"ALTER TABLE outbox ADD COLUMN scope TEXT"});
}

// v21: reconciliation state kept between runs (docs/design.md §2.9, D169). `recon_hours`
// holds, per (account, symbol, UTC hour) that a reconciliation computed completely, a marker row
// (kind '' and asset '', with the smallest and largest id of the hour's fills) and one row per
// (check, asset) with the sums reconcile() forms from that hour's records (exact decimal TEXT),
// under the trade rules' revision; `from_ms` is where the records summed start (the hour's
// start; later for the hour holding a range start read from a flat point inside it, whose
// fill ids alone serve). The triggers delete what a write makes untrue: a fill written
// at time t deletes the symbol's hours from t's hour on (a later funding row's attribution can
// depend on it), an income row of the three checked types deletes its hour, each by a range of
// the key. `recon_cut_ms` in the rebuild_cuts row is a flat point at or before the first hour
// not kept, `recon_floor_fill_id` at most the id of every fill at or after it: a fill before it
// clears it, a fill with a smaller id lowers the floor (the fill triggers of v18, replaced;
// same statements, one more column each).
QStringList version21()
{
    return statements({
        R"(CREATE TABLE recon_hours (
            account      TEXT    NOT NULL,
            symbol       TEXT    NOT NULL,
            hour_ms      INTEGER NOT NULL,
            kind         TEXT    NOT NULL,
            asset        TEXT    NOT NULL,
            journal      TEXT    NOT NULL,
            income       TEXT    NOT NULL,
            rules        INTEGER NOT NULL,
            min_fill_id  INTEGER,
            max_fill_id  INTEGER,
            from_ms      INTEGER NOT NULL,
            PRIMARY KEY (account, symbol, hour_ms, kind, asset)
        ) WITHOUT ROWID)",
        "ALTER TABLE rebuild_cuts ADD COLUMN recon_cut_ms INTEGER",
        "ALTER TABLE rebuild_cuts ADD COLUMN recon_floor_fill_id INTEGER",
        "DROP TRIGGER rebuild_cuts_fill_insert",
        "DROP TRIGGER rebuild_cuts_fill_update",
        "DROP TRIGGER rebuild_cuts_fill_delete",
        R"(CREATE TRIGGER rebuild_cuts_fill_insert AFTER INSERT ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms;
            UPDATE rebuild_cuts SET floor_fill_id = MIN(floor_fill_id, NEW.id),
                range_floor_fill_id = MIN(range_floor_fill_id, NEW.id),
                recon_floor_fill_id = MIN(recon_floor_fill_id, NEW.id),
                recon_cut_ms = CASE WHEN NEW.time < recon_cut_ms THEN NULL ELSE recon_cut_ms END
                WHERE account = NEW.account AND symbol = NEW.symbol
                AND (NEW.id < floor_fill_id OR NEW.id < range_floor_fill_id
                     OR NEW.id < recon_floor_fill_id OR NEW.time < recon_cut_ms);
            DELETE FROM recon_hours WHERE account = NEW.account AND symbol = NEW.symbol
                AND hour_ms > NEW.time - 3600000;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_fill_update AFTER UPDATE ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE (account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms) OR (account = NEW.account AND symbol = NEW.symbol
                AND NEW.time < cut_ms);
            UPDATE rebuild_cuts SET recon_cut_ms = NULL WHERE account = OLD.account
                AND symbol = OLD.symbol AND OLD.time < recon_cut_ms;
            UPDATE rebuild_cuts SET floor_fill_id = MIN(floor_fill_id, NEW.id),
                range_floor_fill_id = MIN(range_floor_fill_id, NEW.id),
                recon_floor_fill_id = MIN(recon_floor_fill_id, NEW.id),
                recon_cut_ms = CASE WHEN NEW.time < recon_cut_ms THEN NULL ELSE recon_cut_ms END
                WHERE account = NEW.account AND symbol = NEW.symbol
                AND (NEW.id < floor_fill_id OR NEW.id < range_floor_fill_id
                     OR NEW.id < recon_floor_fill_id OR NEW.time < recon_cut_ms);
            DELETE FROM recon_hours WHERE account = OLD.account AND symbol = OLD.symbol
                AND hour_ms > OLD.time - 3600000;
            DELETE FROM recon_hours WHERE account = NEW.account AND symbol = NEW.symbol
                AND hour_ms > NEW.time - 3600000;
        END)",
        R"(CREATE TRIGGER rebuild_cuts_fill_delete AFTER DELETE ON fills BEGIN
            DELETE FROM rebuild_cuts WHERE account = OLD.account AND symbol = OLD.symbol
                AND OLD.time < cut_ms;
            UPDATE rebuild_cuts SET recon_cut_ms = NULL WHERE account = OLD.account
                AND symbol = OLD.symbol AND OLD.time < recon_cut_ms;
            DELETE FROM recon_hours WHERE account = OLD.account AND symbol = OLD.symbol
                AND hour_ms > OLD.time - 3600000;
        END)",
        R"(CREATE TRIGGER recon_hours_income_insert AFTER INSERT ON income
            WHEN NEW.income_type = 'REALIZED_PNL' OR NEW.income_type = 'COMMISSION'
                OR NEW.income_type = 'FUNDING_FEE' BEGIN
            DELETE FROM recon_hours WHERE account = NEW.account AND symbol = NEW.symbol
                AND hour_ms > NEW.time - 3600000 AND hour_ms <= NEW.time;
        END)",
        R"(CREATE TRIGGER recon_hours_income_update AFTER UPDATE ON income BEGIN
            DELETE FROM recon_hours WHERE account = OLD.account AND symbol = OLD.symbol
                AND hour_ms > OLD.time - 3600000 AND hour_ms <= OLD.time;
            DELETE FROM recon_hours WHERE account = NEW.account AND symbol = NEW.symbol
                AND hour_ms > NEW.time - 3600000 AND hour_ms <= NEW.time;
        END)",
        R"(CREATE TRIGGER recon_hours_income_delete AFTER DELETE ON income
            WHEN OLD.income_type = 'REALIZED_PNL' OR OLD.income_type = 'COMMISSION'
                OR OLD.income_type = 'FUNDING_FEE' BEGIN
            DELETE FROM recon_hours WHERE account = OLD.account AND symbol = OLD.symbol
                AND hour_ms > OLD.time - 3600000 AND hour_ms <= OLD.time;
        END)",
    });
}

} // namespace fb::journal::schema::steps_detail
