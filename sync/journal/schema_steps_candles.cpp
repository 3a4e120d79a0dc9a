// v20 of the journal schema: the candle cache keyed by the exchange endpoint (docs/design.md
// D165). Kept apart from schema_steps_late.cpp so that the step stays readable.

#include "sync/journal/schema_steps_parts.h"

namespace fb::journal::schema::steps_detail {

// The one endpoint the journal's runs were bound to (RunParams::endpoint, normalized as runs
// store it), as a one-row table; no row when the runs name none or several.
#define FB_ONE_RUN_ENDPOINT                                                                        \
    "(SELECT min(endpoint) AS endpoint FROM (SELECT DISTINCT json_extract(params_json, "           \
    "'$.endpoint') AS endpoint FROM runs WHERE coalesce(json_extract(params_json, '$.endpoint'), " \
    "'') <> '') HAVING count(*) = 1)"

// v20: candles are the market data of an exchange *endpoint* (production, testnet, the demo's
// simulator or a custom URL each serve their own prices), so `candles`, `candle_spans` and
// `candle_symbols` gain `endpoint` (the base URL without a trailing slash, or "demo", as runs
// record it) at the front of their keys, and `accounts.base_url` names the endpoint each
// account's candles come from (written by every candle fetch). Existing rows go to the one
// endpoint the journal's runs were bound to; when the runs name none or several, which endpoint
// answered is unknown and the cache is dropped (fetched again: market data, nothing of the
// trader's is lost). Each account whose runs name an endpoint gets its latest one.
// `candle_extremes` (docs/design.md D166, D112) keeps, for a trade window whose candles
// the cache's cap evicts, what MAE/MFE read of them: the lowest low and highest high of the
// candles of its inner minutes (both NULL when the exchange had no candle in them), so that the
// trade's MAE/MFE do not change when its chart goes.
QStringList version20()
{
    return statements({
        R"(CREATE TABLE candles_v20 (
            endpoint    TEXT    NOT NULL,
            symbol      TEXT    NOT NULL,
            open_time   INTEGER NOT NULL,
            open        TEXT    NOT NULL,
            high        TEXT    NOT NULL,
            low         TEXT    NOT NULL,
            close       TEXT    NOT NULL,
            fetched_at  INTEGER NOT NULL,
            PRIMARY KEY (endpoint, symbol, open_time)
        ) WITHOUT ROWID)",
        "INSERT INTO candles_v20 SELECT e.endpoint, c.symbol, c.open_time, c.open, c.high, "
        "c.low, c.close, c.fetched_at FROM candles c, " FB_ONE_RUN_ENDPOINT " e",
        "DROP TABLE candles",
        "ALTER TABLE candles_v20 RENAME TO candles",
        R"(CREATE TABLE candle_spans_v20 (
            endpoint      TEXT    NOT NULL,
            symbol        TEXT    NOT NULL,
            first_minute  INTEGER NOT NULL,
            last_minute   INTEGER NOT NULL CHECK (last_minute >= first_minute),
            fetched_at    INTEGER NOT NULL,
            PRIMARY KEY (endpoint, symbol, first_minute, last_minute)
        ) WITHOUT ROWID)",
        "INSERT INTO candle_spans_v20 SELECT e.endpoint, s.symbol, s.first_minute, "
        "s.last_minute, s.fetched_at FROM candle_spans s, " FB_ONE_RUN_ENDPOINT " e",
        "DROP TABLE candle_spans",
        "ALTER TABLE candle_spans_v20 RENAME TO candle_spans",
        R"(CREATE TABLE candle_symbols_v20 (
            endpoint    TEXT    NOT NULL,
            symbol      TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            checked_at  INTEGER NOT NULL,
            PRIMARY KEY (endpoint, symbol)
        ) WITHOUT ROWID)",
        "INSERT INTO candle_symbols_v20 SELECT e.endpoint, s.symbol, s.reason, s.checked_at "
        "FROM candle_symbols s, " FB_ONE_RUN_ENDPOINT " e",
        "DROP TABLE candle_symbols",
        "ALTER TABLE candle_symbols_v20 RENAME TO candle_symbols",
        R"(CREATE TABLE candle_extremes (
            endpoint      TEXT    NOT NULL,
            symbol        TEXT    NOT NULL,
            first_minute  INTEGER NOT NULL,
            last_minute   INTEGER NOT NULL CHECK (last_minute >= first_minute),
            low           TEXT,
            high          TEXT,
            CHECK ((low IS NULL) = (high IS NULL)),
            PRIMARY KEY (endpoint, symbol, first_minute, last_minute)
        ) WITHOUT ROWID)",
        // Each account's latest run that names an endpoint.
        "INSERT INTO accounts(name, base_url, created_at) SELECT r.account, "
        "json_extract(r.params_json, '$.endpoint'), max(r.created_at) FROM runs r WHERE "
        "coalesce(json_extract(r.params_json, '$.endpoint'), '') <> '' GROUP BY r.account "
        "ON CONFLICT (name) DO UPDATE SET base_url = excluded.base_url",
    });
}

#undef FB_ONE_RUN_ENDPOINT

} // namespace fb::journal::schema::steps_detail
