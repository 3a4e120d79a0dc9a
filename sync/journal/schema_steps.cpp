// The SQL of each schema version. Never edit a released step: add a new one.
//
// CHECK constraints spell small value lists as OR chains: SQLite evaluates `x IN (a, b, c)` with
// an ephemeral index built on every INSERT, which cost ~10% of the raw upsert rate.
//
// Conventions: times are INTEGER milliseconds UTC; ids are INTEGER (64-bit); exchange decimals
// are TEXT exactly as the exchange sent them (Decimal::toPlainString); derived decimals of the
// journal are canonical TEXT (Decimal::toString); raw_json is the element's JSON text verbatim.

#include "sync/journal/schema.h"
#include "sync/journal/schema_steps_parts.h"

namespace fb::journal::schema {

using namespace steps_detail;

namespace {

// v1: layer 1 of docs/design.md §1, the raw exchange records, and the conflicts the user can see.
QStringList version1()
{
    return statements({
        "PRAGMA application_id = 1178749516", // schema::ApplicationId, "FBJL"
        R"(CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID)",
        R"(INSERT INTO meta(key, value) VALUES
            ('created_at', CAST(CAST(strftime('%s', 'now') AS INTEGER) * 1000 AS TEXT)))",
        // Fill ids are unique per symbol only, hence the key. WITHOUT ROWID: the primary key
        // is the only index, so each fill is one b-tree insert instead of two (the largest
        // table by far; rows of ~500 bytes still fit a 4 KiB page several times).
        R"(CREATE TABLE fills (
            account          TEXT    NOT NULL,
            symbol           TEXT    NOT NULL,
            id               INTEGER NOT NULL,
            order_id         INTEGER NOT NULL,
            side             TEXT    NOT NULL CHECK (side = 'BUY' OR side = 'SELL'),
            price            TEXT    NOT NULL,
            qty              TEXT    NOT NULL,
            quote_qty        TEXT    NOT NULL,
            realized_pnl     TEXT    NOT NULL,
            commission       TEXT    NOT NULL,
            commission_asset TEXT    NOT NULL,
            margin_asset     TEXT    NOT NULL,
            time             INTEGER NOT NULL,
            position_side    TEXT    NOT NULL
                CHECK (position_side = 'BOTH' OR position_side = 'LONG' OR position_side = 'SHORT'),
            buyer            INTEGER NOT NULL,
            maker            INTEGER NOT NULL,
            raw_json         TEXT    NOT NULL,
            version          INTEGER NOT NULL DEFAULT 1,
            first_seen_at    INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            PRIMARY KEY (account, symbol, id)
        ) WITHOUT ROWID)",
        // tranId is unique only within an income type.
        R"(CREATE TABLE income (
            account       TEXT    NOT NULL,
            income_type   TEXT    NOT NULL,
            tran_id       INTEGER NOT NULL,
            symbol        TEXT    NOT NULL DEFAULT '',
            income        TEXT    NOT NULL,
            asset         TEXT    NOT NULL,
            info          TEXT    NOT NULL DEFAULT '',
            time          INTEGER NOT NULL,
            trade_id      TEXT    NOT NULL DEFAULT '',
            raw_json      TEXT    NOT NULL,
            version       INTEGER NOT NULL DEFAULT 1,
            first_seen_at INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL,
            PRIMARY KEY (account, income_type, tran_id)
        ))",
        // Funding per symbol for the builder, and per-symbol sums for reconciliation.
        "CREATE INDEX income_by_symbol ON income(account, symbol, income_type, time)",
        "CREATE INDEX income_by_time ON income(account, time)",
        R"(CREATE TABLE orders (
            account          TEXT    NOT NULL,
            symbol           TEXT    NOT NULL,
            order_id         INTEGER NOT NULL,
            client_order_id  TEXT    NOT NULL DEFAULT '',
            status           TEXT    NOT NULL,
            price            TEXT    NOT NULL,
            avg_price        TEXT    NOT NULL,
            orig_qty         TEXT    NOT NULL,
            executed_qty     TEXT    NOT NULL,
            cum_quote        TEXT    NOT NULL,
            time_in_force    TEXT    NOT NULL DEFAULT '',
            type             TEXT    NOT NULL DEFAULT '',
            orig_type        TEXT    NOT NULL DEFAULT '',
            reduce_only      INTEGER NOT NULL,
            close_position   INTEGER NOT NULL,
            side             TEXT    NOT NULL CHECK (side = 'BUY' OR side = 'SELL'),
            position_side    TEXT    NOT NULL
                CHECK (position_side = 'BOTH' OR position_side = 'LONG' OR position_side = 'SHORT'),
            stop_price       TEXT    NOT NULL,
            working_type     TEXT    NOT NULL DEFAULT '',
            price_protect    INTEGER NOT NULL,
            price_match      TEXT    NOT NULL DEFAULT '',
            stp_mode         TEXT    NOT NULL DEFAULT '',
            good_till_date   INTEGER NOT NULL DEFAULT 0,
            time             INTEGER NOT NULL,
            update_time      INTEGER NOT NULL DEFAULT 0,
            activate_price   TEXT,
            price_rate       TEXT,
            raw_json         TEXT    NOT NULL,
            version          INTEGER NOT NULL DEFAULT 1,
            first_seen_at    INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            PRIMARY KEY (account, symbol, order_id)
        ))",
        // The current positionRisk snapshot, replaced per account on every sync.
        R"(CREATE TABLE positions (
            account            TEXT    NOT NULL,
            symbol             TEXT    NOT NULL,
            position_side      TEXT    NOT NULL
                CHECK (position_side = 'BOTH' OR position_side = 'LONG' OR position_side = 'SHORT'),
            position_amt       TEXT    NOT NULL,
            entry_price        TEXT    NOT NULL,
            break_even_price   TEXT    NOT NULL,
            mark_price         TEXT    NOT NULL,
            unrealized_profit  TEXT    NOT NULL,
            liquidation_price  TEXT    NOT NULL,
            notional           TEXT    NOT NULL,
            margin_asset       TEXT    NOT NULL,
            update_time        INTEGER NOT NULL,
            raw_json           TEXT    NOT NULL,
            fetched_at         INTEGER NOT NULL,
            PRIMARY KEY (account, symbol, position_side)
        ))",
        // Superseded versions of raw records: the exchange's new version is in the main table.
        R"(CREATE TABLE record_history (
            id           INTEGER PRIMARY KEY,
            record_kind  TEXT    NOT NULL CHECK (record_kind IN ('fill', 'income', 'order')),
            account      TEXT    NOT NULL,
            natural_key  TEXT    NOT NULL,
            version      INTEGER NOT NULL,
            raw_json     TEXT    NOT NULL,
            replaced_at  INTEGER NOT NULL
        ))",
        "CREATE INDEX record_history_by_key ON record_history(record_kind, natural_key, version)",
        // Things the user should look at: changed exchange records, orphaned annotations.
        R"(CREATE TABLE conflicts (
            id           INTEGER PRIMARY KEY,
            kind         TEXT    NOT NULL,
            account      TEXT    NOT NULL,
            record_kind  TEXT,
            natural_key  TEXT    NOT NULL,
            old_summary  TEXT    NOT NULL DEFAULT '',
            new_summary  TEXT    NOT NULL DEFAULT '',
            detail       TEXT    NOT NULL DEFAULT '',
            created_at   INTEGER NOT NULL,
            resolved_at  INTEGER,
            resolution   TEXT
        ))",
        "CREATE INDEX conflicts_open ON conflicts(created_at) WHERE resolved_at IS NULL",
        "CREATE INDEX conflicts_by_key ON conflicts(kind, natural_key)",
    });
}

// v2: layers 2 and 3, journal trades (derived, rebuildable) and user annotations (never
// written by sync). Annotations deliberately have no foreign key to trades: a rebuild that
// deletes a trade must not cascade into the user's notes.
QStringList version2()
{
    return statements({
        R"(CREATE TABLE trades (
            key              TEXT    PRIMARY KEY,
            account          TEXT    NOT NULL,
            symbol           TEXT    NOT NULL,
            position_side    TEXT    NOT NULL
                CHECK (position_side = 'BOTH' OR position_side = 'LONG' OR position_side = 'SHORT'),
            direction        TEXT    NOT NULL CHECK (direction = 'LONG' OR direction = 'SHORT'),
            status           TEXT    NOT NULL CHECK (status = 'OPEN' OR status = 'CLOSED'),
            open_time        INTEGER NOT NULL,
            close_time       INTEGER,
            entry_qty        TEXT    NOT NULL,
            exit_qty         TEXT    NOT NULL,
            max_qty          TEXT    NOT NULL,
            avg_entry_price  TEXT,
            avg_exit_price   TEXT,
            realized_pnl     TEXT    NOT NULL,
            commission_json  TEXT    NOT NULL,
            funding          TEXT    NOT NULL,
            net_pnl          TEXT    NOT NULL,
            fill_count       INTEGER NOT NULL,
            flags            TEXT    NOT NULL DEFAULT '',
            invalid_reason   TEXT,
            margin_asset     TEXT    NOT NULL,
            starting_qty     TEXT    NOT NULL DEFAULT '0',
            content_hash     TEXT    NOT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL
        ))",
        // One index per filter shape of TradeStore::loadTrades, each ending in the sort order.
        "CREATE INDEX trades_by_account_symbol ON trades(account, symbol, open_time, key)",
        "CREATE INDEX trades_by_symbol ON trades(symbol, open_time, key)",
        "CREATE INDEX trades_by_open_time ON trades(open_time, key)",
        "CREATE INDEX trades_by_status ON trades(status, open_time, key)",
        R"(CREATE TABLE trade_fills (
            trade_key           TEXT    NOT NULL REFERENCES trades(key) ON DELETE CASCADE,
            seq                 INTEGER NOT NULL,
            fill_id             INTEGER NOT NULL,
            order_id            INTEGER NOT NULL,
            time                INTEGER NOT NULL,
            side                TEXT    NOT NULL CHECK (side = 'BUY' OR side = 'SELL'),
            price               TEXT    NOT NULL,
            qty                 TEXT    NOT NULL,
            commission          TEXT    NOT NULL,
            commission_asset    TEXT    NOT NULL,
            realized_pnl        TEXT    NOT NULL,
            increases_position  INTEGER NOT NULL,
            PRIMARY KEY (trade_key, seq)
        ) WITHOUT ROWID)",
        "CREATE INDEX trade_fills_by_fill ON trade_fills(fill_id)",
        // FUNDING_FEE income rows attributed to a trade (income key: account, FUNDING_FEE,
        // tran_id).
        R"(CREATE TABLE trade_funding (
            trade_key  TEXT    NOT NULL REFERENCES trades(key) ON DELETE CASCADE,
            seq        INTEGER NOT NULL,
            tran_id    INTEGER NOT NULL,
            PRIMARY KEY (trade_key, seq)
        ) WITHOUT ROWID)",
        // Funding with no single open lifecycle at its time: shown, never hidden.
        R"(CREATE TABLE unattributed_funding (
            account  TEXT    NOT NULL,
            symbol   TEXT    NOT NULL,
            tran_id  INTEGER NOT NULL,
            time     INTEGER NOT NULL,
            income   TEXT    NOT NULL,
            asset    TEXT    NOT NULL,
            PRIMARY KEY (account, symbol, tran_id)
        ) WITHOUT ROWID)",
        R"(CREATE TABLE annotations (
            trade_key         TEXT    PRIMARY KEY,
            notes             TEXT    NOT NULL DEFAULT '',
            tags_json         TEXT    NOT NULL DEFAULT '[]',
            setup             TEXT    NOT NULL DEFAULT '',
            rating            INTEGER,
            mistakes_json     TEXT    NOT NULL DEFAULT '[]',
            screenshots_json  TEXT    NOT NULL DEFAULT '[]',
            created_at        INTEGER NOT NULL,
            updated_at        INTEGER NOT NULL
        ))",
    });
}

// v3: bookkeeping of the sync engine (docs/design.md §3).
QStringList version3()
{
    return statements({
        R"(CREATE TABLE accounts (
            name        TEXT    PRIMARY KEY,
            base_url    TEXT    NOT NULL,
            created_at  INTEGER NOT NULL
        ))",
        R"(CREATE TABLE settings (
            key    TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        ) WITHOUT ROWID)",
        R"(CREATE TABLE runs (
            id                   TEXT    PRIMARY KEY,
            account              TEXT    NOT NULL,
            status               TEXT    NOT NULL CHECK (status IN ('running', 'completed',
                                     'completed_with_errors', 'interrupted', 'paused', 'failed',
                                     'discarded', 'expired')),
            params_json          TEXT    NOT NULL DEFAULT '{}',
            fingerprint          TEXT    NOT NULL DEFAULT '',
            range_from           INTEGER,
            range_to             INTEGER,
            created_at           INTEGER NOT NULL,
            started_at           INTEGER,
            updated_at           INTEGER NOT NULL,
            ended_at             INTEGER,
            paused_until         INTEGER,
            inserted             INTEGER NOT NULL DEFAULT 0,
            updated              INTEGER NOT NULL DEFAULT 0,
            duplicates           INTEGER NOT NULL DEFAULT 0,
            failed_symbols       INTEGER NOT NULL DEFAULT 0,
            retries              INTEGER NOT NULL DEFAULT 0,
            requests             INTEGER NOT NULL DEFAULT 0,
            weight               INTEGER NOT NULL DEFAULT 0,
            planned_units        INTEGER NOT NULL DEFAULT 0,
            done_units           INTEGER NOT NULL DEFAULT 0,
            error                TEXT,
            summary_json         TEXT,
            reconciliation_json  TEXT
        ))",
        "CREATE INDEX runs_by_created ON runs(created_at, id)",
        "CREATE INDEX runs_by_account ON runs(account, created_at, id)",
        "CREATE INDEX runs_by_status ON runs(status)",
        R"(CREATE TABLE run_symbols (
            run_id           TEXT    NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            symbol           TEXT    NOT NULL,
            status           TEXT    NOT NULL CHECK (status IN ('pending', 'in_progress',
                                 'completed', 'failed', 'skipped')),
            records_fetched  INTEGER NOT NULL DEFAULT 0,
            inserted         INTEGER NOT NULL DEFAULT 0,
            duplicates       INTEGER NOT NULL DEFAULT 0,
            error            TEXT,
            retries          INTEGER NOT NULL DEFAULT 0,
            started_at       INTEGER,
            ended_at         INTEGER,
            PRIMARY KEY (run_id, symbol)
        ) WITHOUT ROWID)",
        // What has been fetched, per stream ("income", "fills", "orders", ...). Streams without
        // a symbol (income) use symbol ''.
        R"(CREATE TABLE coverage (
            account       TEXT    NOT NULL,
            stream        TEXT    NOT NULL,
            symbol        TEXT    NOT NULL DEFAULT '',
            covered_from  INTEGER NOT NULL,
            covered_to    INTEGER NOT NULL,
            last_id       INTEGER,
            updated_at    INTEGER NOT NULL,
            PRIMARY KEY (account, stream, symbol),
            CHECK (covered_from <= covered_to)
        ) WITHOUT ROWID)",
        // One sync per journal: a single row, present while held.
        R"(CREATE TABLE sync_lock (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            holder_id     TEXT    NOT NULL,
            run_id        TEXT,
            pid           INTEGER NOT NULL,
            host          TEXT    NOT NULL,
            acquired_at   INTEGER NOT NULL,
            heartbeat_at  INTEGER NOT NULL
        ))",
    });
}

// v4: a trade's fill parts move into its row, as one JSON array in `parts_json`
// ([[fillId, orderId, time, side, price, qty, commission, commissionAsset, realizedPnl,
// increasesPosition], ...] in seq order; ids as JSON integers, decimals as their exact text).
// trade_fills cost a row per stored fill on every rebuild (primary key, a foreign-key probe into
// trades and an index nothing read): ~28 % of the pipeline (docs/performance.md, finding 2).
// Parts are only ever read whole, per trade. Existing parts are carried over in seq order.
QStringList version4()
{
    return statements({
        "ALTER TABLE trades ADD COLUMN parts_json TEXT NOT NULL DEFAULT '[]'",
        R"(UPDATE trades SET parts_json = coalesce((
            SELECT json_group_array(json_array(fill_id, order_id, time, side, price, qty,
                                               commission, commission_asset, realized_pnl,
                                               increases_position))
            FROM (SELECT * FROM trade_fills f WHERE f.trade_key = trades.key ORDER BY f.seq)),
            '[]'))",
        "DROP TABLE trade_fills",
    });
}

// v5: the run's report as columns, so that `status` and the desktop read it without parsing JSON
// and a resumed run adds to it (docs/design.md §3.12): trades inserted and updated, trades the
// run wrote flagged INVALID, and batches committed / planned. Runs stored before keep their
// trade counts from their summary; their batch and invalid counts were never recorded (0).
QStringList version5()
{
    return statements({
        "ALTER TABLE runs ADD COLUMN trades_inserted INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN trades_updated INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN invalid_trades INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN batches_done INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN batches_total INTEGER NOT NULL DEFAULT 0",
        R"(UPDATE runs SET
            trades_inserted = coalesce(json_extract(summary_json, '$.tradesInserted'), 0),
            trades_updated = coalesce(json_extract(summary_json, '$.tradesUpdated'), 0)
            WHERE summary_json IS NOT NULL AND json_valid(summary_json))",
    });
}

// v6: exchange records that could not be read (docs/design.md §2.11): a fills, income or
// orders element the exact types refuse. It cannot go in the typed tables, so it is kept here
// verbatim with the reason. One row per distinct text of a key: a repeat only updates
// last_seen_at; another text of the same key is another row.
QStringList version6()
{
    return statements({
        R"(CREATE TABLE unreadable_records (
            id            INTEGER PRIMARY KEY,
            account       TEXT    NOT NULL,
            record_kind   TEXT    NOT NULL CHECK (record_kind IN ('fill', 'income', 'order')),
            symbol        TEXT    NOT NULL DEFAULT '',
            natural_key   TEXT    NOT NULL,
            raw_json      TEXT    NOT NULL,
            reason        TEXT    NOT NULL,
            first_seen_at INTEGER NOT NULL,
            last_seen_at  INTEGER NOT NULL,
            UNIQUE (account, record_kind, natural_key, raw_json)
        ))",
    });
}

// v7: the trade history sorts by every column lazily (docs/design.md D52): one index
// per sort order, each ending in the key so that a page is a seek plus a LIMITed walk. Decimals
// are TEXT; their indexes are on CAST(... AS REAL), used for ordering only (the money itself
// stays exact text). Every expression here is written exactly as trade_queries.cpp's
// sortExpression() writes it, or SQLite would not use the index. symbol_info keeps the
// exchange's display precisions per symbol (exchangeInfo), written by the sync.
QStringList version7()
{
    return statements({
        "CREATE INDEX trades_sort_close ON trades(ifnull(close_time, 9223372036854775807), key)",
        "CREATE INDEX trades_sort_symbol ON trades(symbol, key)",
        "CREATE INDEX trades_sort_direction ON trades(direction, key)",
        "CREATE INDEX trades_sort_size ON trades(CAST(max_qty AS REAL), key)",
        "CREATE INDEX trades_sort_entry ON trades(ifnull(CAST(avg_entry_price AS REAL), -1.0), "
        "key)",
        "CREATE INDEX trades_sort_exit ON trades(ifnull(CAST(avg_exit_price AS REAL), -1.0), key)",
        "CREATE INDEX trades_sort_realized ON trades(CAST(realized_pnl AS REAL), key)",
        "CREATE INDEX trades_sort_fees ON trades(CAST(ifnull(json_extract(commission_json, "
        "'$.' || margin_asset), '0') AS REAL), key)",
        "CREATE INDEX trades_sort_funding ON trades(CAST(funding AS REAL), key)",
        "CREATE INDEX trades_sort_net_pnl ON trades(CAST(net_pnl AS REAL), key)",
        "CREATE INDEX trades_sort_duration ON trades(ifnull(close_time - open_time, "
        "9223372036854775807), key)",
        "CREATE INDEX trades_sort_status ON trades(status, key)",
        "CREATE INDEX trades_sort_flags ON trades(flags, key)",
        "CREATE INDEX annotations_by_tags ON annotations(tags_json, trade_key)",
        R"(CREATE TABLE symbol_info (
            symbol              TEXT    PRIMARY KEY,
            price_precision     INTEGER NOT NULL,
            quantity_precision  INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL
        ) WITHOUT ROWID)",
    });
}

// v8: commission paid in another asset than the margin asset, valued (docs/design.md §2.5):
// the 1-minute closes fetched for it, cached by their natural key (closed candles never change),
// and on each trade the valued commission, the net PnL including it, the valuation's parts and
// how many of them have no price. Trades stored before get their net PnL and their commission in
// the margin asset as the valued amounts, and every part in another asset counted as not valued
// (fee_valuation_json stays NULL: not computed); the next rebuild of their symbol values them.
// The Net PnL column shows and sorts by the valued net PnL, so its sort index moves to it.
QStringList version8()
{
    return statements({
        R"(CREATE TABLE kline_closes (
            pair        TEXT    NOT NULL,
            open_time   INTEGER NOT NULL,
            close       TEXT    NOT NULL,
            fetched_at  INTEGER NOT NULL,
            PRIMARY KEY (pair, open_time)
        ) WITHOUT ROWID)",
        "ALTER TABLE trades ADD COLUMN commission_valued TEXT",
        "ALTER TABLE trades ADD COLUMN net_pnl_valued TEXT",
        "ALTER TABLE trades ADD COLUMN fee_valuation_json TEXT",
        "ALTER TABLE trades ADD COLUMN fees_not_valued INTEGER NOT NULL DEFAULT 0",
        R"(UPDATE trades SET
            net_pnl_valued = net_pnl,
            commission_valued = coalesce(
                json_extract(commission_json, '$."' || margin_asset || '"'), '0'),
            fees_not_valued = (SELECT count(*) FROM json_each(trades.parts_json) p
                WHERE json_extract(p.value, '$[7]') <> trades.margin_asset
                  AND trim(json_extract(p.value, '$[6]'), '0.-') <> ''))",
        "DROP INDEX trades_sort_net_pnl",
        "CREATE INDEX trades_sort_net_pnl ON trades(CAST(coalesce(net_pnl_valued, net_pnl) AS "
        "REAL), key)",
    });
}

} // namespace

const QVector<Step>& steps()
{
    static const QVector<Step> all{
        {1, QStringLiteral("raw exchange records"), version1()},
        {2, QStringLiteral("journal trades and annotations"), version2()},
        {3, QStringLiteral("sync bookkeeping"), version3()},
        {4, QStringLiteral("trade parts in the trade row"), version4()},
        {5, QStringLiteral("run report counters"), version5()},
        {6, QStringLiteral("unreadable exchange records"), version6()},
        {7, QStringLiteral("sort indexes and symbol precisions"), version7()},
        {8, QStringLiteral("fees in another asset valued"), version8()},
        {9, QStringLiteral("sharing outbox"), version9()},
        {10, QStringLiteral("daily journal notes"), version10()},
        {11, QStringLiteral("versions and conflicts of shared notes"), version11()},
        {12, QStringLiteral("algo orders and initial risk"), version12()},
        {13, QStringLiteral("candles of traded symbols"), version13()},
        {14, QStringLiteral("attachments"), version14()},
        {15, QStringLiteral("rebuilds from the last flat point"), version15()},
        {16, QStringLiteral("saved filters"), version16()},
        {17, QStringLiteral("fees to value without reading every fill"), version17()},
        {18, QStringLiteral("reconciliation from a flat point"), version18()},
        {19, QStringLiteral("what a shared change names"), version19()},
        {20, QStringLiteral("candles per exchange endpoint"), version20()},
        {21, QStringLiteral("reconciliation kept per hour"), version21()},
    };
    return all;
}

} // namespace fb::journal::schema
