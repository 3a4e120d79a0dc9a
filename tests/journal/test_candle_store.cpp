// The candle cache of schema v13 (docs/journal.md, docs/design.md D112–D114): spans asked
// for, what is still missing, symbols without candles, and the excursions read from the cache
// (pending while a needed minute was never asked for, computed once it was, "unavailable" with
// the exchange's reason).

#include "journal_test_util.h"
#include "sync/journal/candle_extremes.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/schema.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_store.h"
#include "tests/support/journal_fixture.h"

#include <QSqlDriver>

#include <sqlite3.h>

using namespace fb;
using namespace fb::journal;
using fbtest::dec;

namespace {

constexpr qint64 M = 60'000;
const QString kProduction = QStringLiteral("https://fapi.binance.com");
const QString kTestnet = QStringLiteral("https://testnet.binancefuture.com");

Candle candle(qint64 minute, const char* low, const char* high)
{
    return {minute * M, dec(QString::fromLatin1(low)), dec(QString::fromLatin1(high)),
            dec(QString::fromLatin1(low)), dec(QString::fromLatin1(high))};
}

// Long 1 BTCUSDT from 100 (minute 30, +10 s) to 104 (minute 34, +10 s): inner minutes 31..33,
// chart window 20..44.
QVector<JournalTrade> longTrade()
{
    return buildSymbolTrades(fbtest::history(QStringLiteral("1@1810000 BUY 1@100; "
                                                            "2@2050000 SELL 1@104 pnl=4")))
        .trades;
}

QString excursionText(const TradeExcursion& t)
{
    if (t.candlesUnavailable)
        return QStringLiteral("unavailable: ") + *t.candlesUnavailable;
    if (!t.excursion)
        return QStringLiteral("pending");
    return t.excursion->mae.toString() + QLatin1Char(' ') + t.excursion->mfe.toString();
}

// Counts the statements SQLite runs on a connection while alive (sqlite3_trace_v2).
class StatementCounter
{
public:
    explicit StatementCounter(Database& db)
    {
        const QVariant handle = sqlOn(db).connection().driver()->handle();
        m_handle = *static_cast<sqlite3* const*>(handle.constData());
        sqlite3_trace_v2(
            m_handle, SQLITE_TRACE_STMT,
            [](unsigned, void* counter, void*, void*) {
                ++*static_cast<int*>(counter);
                return 0;
            },
            &m_count);
    }
    ~StatementCounter() { sqlite3_trace_v2(m_handle, 0, nullptr, nullptr); }
    int count() const { return m_count; }

private:
    sqlite3* m_handle = nullptr;
    int m_count = 0;
};

} // namespace

class TestCandleStore : public QObject
{
    Q_OBJECT
private slots:
    void upgradeToVersion13KeepsTradesAndStartsEmpty()
    {
        QTemporaryDir dir;
        OpenOptions options;
        options.migrate = false;
        Database db(fbtest::journalPath(dir), options);
        schema::upgrade(db, 12);
        QCOMPARE(db.schemaVersion(), 12);
        fbtest::addTrades(db, longTrade());
        schema::upgrade(db, 13);
        QCOMPARE(db.schemaVersion(), 13);
        QCOMPARE(sqlOn(db).scalar(QStringLiteral("SELECT count(*) FROM candles")).toInt(), 0);
        schema::upgrade(db);
        CandleStore store(db, kProduction);
        QCOMPARE(store.candleCount(), 0);
        QCOMPARE(store.closedTradeWindows(),
                 QVector<CandleWindow>({{QStringLiteral("BTCUSDT"), 20 * M, 44 * M}}));
    }

    // Step 19 (D165): the rows cached before go to the one endpoint the journal's runs
    // were bound to, and each account's latest run names its candles' endpoint; with runs on
    // two endpoints the cache is dropped (which one answered is unknown).
    void upgradeToVersion19KeysTheCacheByTheRunsEndpoint_data()
    {
        QTest::addColumn<QStringList>("runEndpoints"); // of account a, oldest first
        QTest::addColumn<QString>("otherEndpoint");    // of account b's run ("" = none)
        QTest::addColumn<int>("keptCandles");
        QTest::newRow("one endpoint") << QStringList{kTestnet, kTestnet} << QString() << 2;
        QTest::newRow("runs without one") << QStringList{QString(), kTestnet} << QString() << 2;
        QTest::newRow("two endpoints") << QStringList{kProduction, kTestnet} << QString() << 0;
        QTest::newRow("another account's") << QStringList{kTestnet} << kProduction << 0;
    }
    void upgradeToVersion19KeysTheCacheByTheRunsEndpoint()
    {
        QFETCH(QStringList, runEndpoints);
        QFETCH(QString, otherEndpoint);
        QFETCH(int, keptCandles);
        QTemporaryDir dir;
        OpenOptions options;
        options.migrate = false;
        Database db(fbtest::journalPath(dir), options);
        schema::upgrade(db, 18);
        const auto addRun = [&db](const QString& id, const QString& account,
                                  const QString& endpoint, qint64 at) {
            const QString params = endpoint.isEmpty()
                                       ? QStringLiteral("{}")
                                       : QStringLiteral("{\"endpoint\":\"%1\"}").arg(endpoint);
            sqlOn(db).run(QStringLiteral("INSERT INTO runs(id, account, status, params_json, "
                                         "created_at, updated_at) VALUES (?, ?, 'completed', ?, "
                                         "?, ?)"),
                          {id, account, params, at, at});
        };
        for (int i = 0; i < runEndpoints.size(); ++i)
            addRun(QStringLiteral("a%1").arg(i), QStringLiteral("a"), runEndpoints.at(i), 10 + i);
        if (!otherEndpoint.isEmpty())
            addRun(QStringLiteral("b"), QStringLiteral("b"), otherEndpoint, 5);
        for (int minute : {20, 21})
            sqlOn(db).run(QStringLiteral("INSERT INTO candles VALUES ('BTCUSDT', ?, '1', '2', "
                                         "'0.5', '1.5', 1)"),
                          {minute * M});
        sqlOn(db).run(QStringLiteral("INSERT INTO candle_spans VALUES ('BTCUSDT', ?, ?, 1)"),
                      {20 * M, 25 * M});
        sqlOn(db).run(QStringLiteral("INSERT INTO candle_symbols VALUES ('LUNAUSDT', 'Invalid "
                                     "symbol.', 1)"));
        schema::upgrade(db);
        QCOMPARE(db.schemaVersion(), schema::CurrentVersion);
        CandleStore testnet(db, kTestnet);
        QCOMPARE(testnet.candleCount(), keptCandles);
        QCOMPARE(testnet.candles(QStringLiteral("BTCUSDT"), 0, 100 * M).size(), keptCandles);
        QCOMPARE(testnet.covered(QStringLiteral("BTCUSDT"), 20 * M, 25 * M), keptCandles > 0);
        QCOMPARE(testnet.unavailableReason(QStringLiteral("LUNAUSDT")).has_value(),
                 keptCandles > 0);
        QVERIFY(
            CandleStore(db, kProduction).candles(QStringLiteral("BTCUSDT"), 0, 100 * M).isEmpty());
        // The latest run that names one.
        QCOMPARE(candleEndpoint(db, QStringLiteral("a")),
                 std::optional<QString>(runEndpoints.last()));
        QCOMPARE(candleEndpoint(db, QStringLiteral("b")),
                 otherEndpoint.isEmpty() ? std::nullopt : std::optional<QString>(otherEndpoint));
        QCOMPARE(syncedEndpoints(db).value(QStringLiteral("a")), runEndpoints.last());
    }

    // Two endpoints' candles of the same minutes stay apart, and each account's trades are
    // measured on its own endpoint's (D165).
    void eachEndpointHasItsOwnCache()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        fbtest::addTrades(db, longTrade());
        const QString account = tradeAccounts(db).value(0);
        CandleStore production(db, kProduction);
        CandleStore testnet(db, kTestnet);
        production.storeSpan(QStringLiteral("BTCUSDT"), 20 * M, 44 * M,
                             {candle(31, "98.5", "101"), candle(32, "99", "103.5")}, 1);
        QCOMPARE(testnet.storeSpan(QStringLiteral("BTCUSDT"), 20 * M, 30 * M,
                                   {candle(31, "90", "120")}, 1),
                 0); // minute 31 lies outside the span asked of the testnet
        testnet.storeSpan(QStringLiteral("BTCUSDT"), 31 * M, 44 * M, {candle(31, "90", "120")}, 1);
        QCOMPARE(production.candles(QStringLiteral("BTCUSDT"), 31 * M, 31 * M),
                 QVector<Candle>({candle(31, "98.5", "101")}));
        QCOMPARE(testnet.candles(QStringLiteral("BTCUSDT"), 31 * M, 31 * M),
                 QVector<Candle>({candle(31, "90", "120")}));
        const auto read = [&db] {
            return excursionText(loadExcursions(db, TradeStore(db).loadTrades()).at(0));
        };
        QCOMPARE(read(), QStringLiteral("pending")); // no endpoint named for the account yet
        setCandleEndpoint(db, {account}, kProduction);
        QCOMPARE(read(), QStringLiteral("1.5 4"));
        setCandleEndpoint(db, {account}, kTestnet);
        QCOMPARE(read(), QStringLiteral("10 20"));
        testnet.setUnavailable(QStringLiteral("BTCUSDT"), QStringLiteral("Invalid symbol."), 2);
        QCOMPARE(read(), QStringLiteral("unavailable: Invalid symbol."));
        QVERIFY(testnet.closedTradeWindows().isEmpty());
        QCOMPARE(production.closedTradeWindows().size(), 1);
        QVERIFY(!production.unavailableReason(QStringLiteral("BTCUSDT")));
    }

    // The cap (D166): the newest trades' windows up to the bound are kept, the minutes
    // of older ones are dropped from every endpoint's cache (a span across the line is cut), and
    // the kept windows are not asked for again.
    void capKeepsTheNewestTradesWindows()
    {
        const QVector<CandleWindow> windows{{QStringLiteral("BTCUSDT"), 0, 9 * M},      // 10
                                            {QStringLiteral("ETHUSDT"), 5 * M, 14 * M}, // 10
                                            {QStringLiteral("BTCUSDT"), 8 * M, 19 * M}, // 12
                                            {QStringLiteral("BTCUSDT"), 30 * M, 39 * M}};
        QCOMPARE(CandleStore::keepFrom(windows, 100), std::nullopt);
        QCOMPARE(CandleStore::keepFrom(windows, 22), std::optional<qint64>(19 * M));
        QCOMPARE(CandleStore::keepFrom(windows, 32), std::optional<qint64>(14 * M));
        QCOMPARE(CandleStore::keepFrom(windows, 21), std::optional<qint64>(39 * M));
        QCOMPARE(CandleStore::keepFrom(windows, 5), std::optional<qint64>(39 * M)); // the newest
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        CandleStore production(db, kProduction);
        CandleStore testnet(db, kTestnet);
        QVector<Candle> all;
        for (int m = 0; m < 40; ++m)
            all << candle(m, "1", "2");
        for (CandleStore* store : {&production, &testnet}) {
            store->storeSpan(QStringLiteral("BTCUSDT"), 0, 19 * M, all, 1);
            store->storeSpan(QStringLiteral("BTCUSDT"), 30 * M, 39 * M, all, 1);
            store->storeSpan(QStringLiteral("ETHUSDT"), 5 * M, 14 * M, all, 1);
        }
        QCOMPARE(production.candleCount(), 2 * 40);
        QCOMPARE(production.keptFrom(), std::nullopt);
        // Keep the last two BTCUSDT windows: minutes 8..19 and 30..39; ETHUSDT goes.
        QCOMPARE(production.evict(windows, 19 * M), 2 * (8 + 10));
        QCOMPARE(production.keptFrom(), std::optional<qint64>(19 * M));
        for (CandleStore* store : {&production, &testnet}) {
            QCOMPARE(store->candles(QStringLiteral("BTCUSDT"), 0, 100 * M).size(), 22);
            QCOMPARE(store->candles(QStringLiteral("BTCUSDT"), 0, 100 * M).first().openTime, 8 * M);
            QVERIFY(store->candles(QStringLiteral("ETHUSDT"), 0, 100 * M).isEmpty());
            QVERIFY(store->covered(QStringLiteral("BTCUSDT"), 8 * M, 19 * M));
            QVERIFY(!store->covered(QStringLiteral("BTCUSDT"), 7 * M, 7 * M));
            QVERIFY(!store->covered(QStringLiteral("ETHUSDT"), 5 * M, 5 * M));
            QVector<CandleWindow> kept = windows;
            kept.removeIf([](const CandleWindow& w) { return w.lastMinute < 19 * M; });
            QVERIFY(store->missingMinutes(kept, 100 * M).isEmpty()); // nothing asked again
        }
        QCOMPARE(production.spanCount(), 4);            // 8..19 and 30..39 per endpoint
        QCOMPARE(production.evict(windows, 19 * M), 0); // nothing more to drop
        production.evict(windows, std::nullopt);        // a cap every trade fits in
        QCOMPARE(production.keptFrom(), std::nullopt);
        QCOMPARE(production.candleCount(), 2 * 22);
    }

    // The cap evicts a trade's candles, never its MAE/MFE (D112, D166): the extremes of
    // a complete window are kept before its candles go, and read for exactly that window only.
    void evictionKeepsTheExcursionOfExactlyItsWindow()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        fbtest::addTrades(db, longTrade());
        setCandleEndpoint(db, tradeAccounts(db), kProduction);
        CandleStore store(db, kProduction);
        const QString btc = QStringLiteral("BTCUSDT");
        const QString eth = QStringLiteral("ETHUSDT");
        // Inner minutes 31..33 of the trade (entry 30 and exit 34 do not count).
        store.storeSpan(btc, 20 * M, 44 * M,
                        {candle(30, "50", "150"), candle(31, "98.5", "101"),
                         candle(32, "99", "103.50"), candle(33, "99.2", "102")},
                        1);
        store.storeSpan(btc, 50 * M, 74 * M, {}, 1); // complete, no candle in it
        store.storeSpan(eth, 20 * M, 32 * M, {candle(31, "7", "8")}, 1); // 33..44 never asked
        store.storeSpan(btc, 100 * M, 120 * M, {candle(110, "1", "2")}, 1);
        const auto read = [&db](std::optional<Decimal> risk) {
            QVector<JournalTrade> trades = TradeStore(db).loadTrades();
            trades[0].riskOverride = risk;
            return loadExcursions(db, trades).at(0);
        };
        const TradeExcursion before = read(dec(QStringLiteral("2")));
        QVERIFY(before.excursion);
        QCOMPARE(excursionText(before), QStringLiteral("1.5 4"));
        QCOMPARE(before.excursion->maeR, std::optional<Decimal>(dec(QStringLiteral("0.75"))));

        QVector<CandleWindow> windows = store.closedTradeWindows();
        QCOMPARE(windows, QVector<CandleWindow>({{btc, 20 * M, 44 * M}}));
        windows << CandleWindow{btc, 50 * M, 74 * M} << CandleWindow{eth, 20 * M, 44 * M}
                << CandleWindow{btc, 100 * M, 120 * M};
        QCOMPARE(store.evict(windows, 120 * M), 4 + 1);
        QVERIFY(store.candles(btc, 0, 99 * M).isEmpty());
        QVERIFY(!store.covered(btc, 31 * M, 33 * M));
        const auto rows = [&db] {
            QSqlQuery q = sqlOn(db).run(
                QStringLiteral("SELECT symbol, first_minute, last_minute, coalesce(low, 'NULL'), "
                               "coalesce(high, 'NULL') FROM candle_extremes ORDER BY symbol, "
                               "first_minute"),
                {}, QStringLiteral("test"));
            QStringList out;
            while (q.next())
                out << QStringLiteral("%1 %2..%3 %4 %5")
                           .arg(q.value(0).toString())
                           .arg(q.value(1).toLongLong() / M)
                           .arg(q.value(2).toLongLong() / M)
                           .arg(q.value(3).toString(), q.value(4).toString());
            return out;
        };
        // The texts the cache held; ETHUSDT's window was not complete: nothing kept, its trades
        // stay pending.
        QCOMPARE(rows(), QStringList({QStringLiteral("BTCUSDT 31..33 98.5 103.5"),
                                      QStringLiteral("BTCUSDT 61..63 NULL NULL")}));
        QCOMPARE(storedExtremes(db, kProduction, btc, {61 * M, 63 * M}),
                 std::optional<CandleExtremes>(CandleExtremes{}));
        QCOMPARE(storedExtremes(db, kTestnet, btc, {31 * M, 33 * M}), std::nullopt);

        // Every figure as before eviction, R too; a new risk override still applies.
        const TradeExcursion after = read(dec(QStringLiteral("2")));
        QCOMPARE(after.excursion, before.excursion);
        QCOMPARE(after.candlesUnavailable, before.candlesUnavailable);
        const TradeExcursion overridden = read(dec(QStringLiteral("3")));
        QCOMPARE(overridden.excursion->maeR, std::optional<Decimal>(dec(QStringLiteral("0.5"))));
        QCOMPARE(overridden.excursion->mfeR, std::optional<Decimal>(dec(QStringLiteral("1.3333"))));
        QCOMPARE(store.evict(windows, 120 * M), 0); // nothing more to drop or to keep
        QCOMPARE(rows().size(), 2);

        // A rebuild moves the entry one minute earlier (inner minutes 30..33): the kept extremes
        // of 31..33 are not its own, and its minute 30 is gone: pending, not 1.5/4, not 50/...
        QVector<JournalTrade> moved =
            buildSymbolTrades(fbtest::history(QStringLiteral("1@1750000 BUY 1@100; "
                                                             "2@2050000 SELL 1@104 "
                                                             "pnl=4")))
                .trades;
        QCOMPARE(innerMinutes(moved.at(0).openTime, *moved.at(0).closeTime).first, 30 * M);
        moved[0].account = TradeStore(db).loadTrades().at(0).account;
        QCOMPARE(excursionText(loadExcursions(db, moved).at(0)), QStringLiteral("pending"));
        // The next fetch asks for the moved window's inner minutes, not for the kept one's.
        QCOMPARE(windowsToFetch(db, kProduction,
                                {chartWindow(btc, 1810000, 2050000),
                                 chartWindow(btc, moved.at(0).openTime, *moved.at(0).closeTime),
                                 CandleWindow{btc, 100 * M, 120 * M}},
                                120 * M),
                 QVector<CandleWindow>({{btc, 30 * M, 33 * M}, {btc, 100 * M, 120 * M}}));
        // So is the exit moved one minute later (inner 31..34).
        moved = buildSymbolTrades(fbtest::history(QStringLiteral("1@1810000 BUY 1@100; "
                                                                 "2@2110000 SELL 1@104 pnl=4")))
                    .trades;
        moved[0].account = TradeStore(db).loadTrades().at(0).account;
        QCOMPARE(innerMinutes(moved.at(0).openTime, *moved.at(0).closeTime).last, 34 * M);
        QCOMPARE(excursionText(loadExcursions(db, moved).at(0)), QStringLiteral("pending"));
    }

    void spansCoverAndMissingMinutesAreTheRest()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        CandleStore store(db, kProduction);
        QCOMPARE(store.storeSpan(QStringLiteral("BTCUSDT"), 20 * M, 25 * M,
                                 {candle(20, "1", "2"), candle(21, "1", "3"), candle(19, "9", "9")},
                                 1),
                 2); // minute 19 is outside the span asked for
        // Asked twice (a resumed fetch that got the same answer): nothing new.
        QCOMPARE(
            store.storeSpan(QStringLiteral("BTCUSDT"), 20 * M, 25 * M, {candle(20, "1", "2")}, 2),
            0);
        store.storeSpan(QStringLiteral("BTCUSDT"), 28 * M, 30 * M, {}, 3); // no trades then
        QVERIFY(store.covered(QStringLiteral("BTCUSDT"), 20 * M, 25 * M));
        QVERIFY(store.covered(QStringLiteral("BTCUSDT"), 22 * M, 22 * M));
        QVERIFY(!store.covered(QStringLiteral("BTCUSDT"), 24 * M, 28 * M));
        QVERIFY(store.covered(QStringLiteral("BTCUSDT"), 5 * M, 4 * M)); // empty range
        QVERIFY(!store.covered(QStringLiteral("ETHUSDT"), 20 * M, 20 * M));
        const auto missing = store.missingMinutes(
            {{QStringLiteral("BTCUSDT"), 18 * M, 27 * M},
             {QStringLiteral("BTCUSDT"), 26 * M, 33 * M}, // overlaps: planned once
             {QStringLiteral("ETHUSDT"), 40 * M, 45 * M}},
            43 * M + 5); // minute 43 is still open: 42 is the last closed one
        QCOMPARE(missing.value(QStringLiteral("BTCUSDT")),
                 QVector<qint64>({18 * M, 19 * M, 26 * M, 27 * M, 31 * M, 32 * M, 33 * M}));
        QCOMPARE(missing.value(QStringLiteral("ETHUSDT")),
                 QVector<qint64>({40 * M, 41 * M, 42 * M}));
        QCOMPARE(store.candles(QStringLiteral("BTCUSDT"), 0, 100 * M),
                 QVector<Candle>({candle(20, "1", "2"), candle(21, "1", "3")}));
        QCOMPARE(store.spanCount(), 2);
    }

    // Planning reads each symbol's coverage once, however many trades it has (it used to read
    // it once per window: 980,000 queries on the 1M-trade journal), and finds what asking per
    // minute finds.
    void planningIsOneQueryPerSymbol()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        CandleStore store(db, kProduction);
        const QStringList symbols{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
        QVector<CandleWindow> windows;
        for (int i = 0; i < 300; ++i) {
            const QString& symbol = symbols.at(i % 2);
            const qint64 first = (i * 37 % 2000) * M; // overlapping and apart, out of order
            windows.append({symbol, first, first + (5 + i % 23) * M});
            if (i % 3 == 0) // some asked for already, some partly, some adjacent
                store.storeSpan(symbol, first + (i % 4) * M, first + (i % 4 + i % 9) * M, {}, 1);
        }
        const qint64 closedBefore = 1990 * M + 7;
        QHash<QString, QVector<qint64>> missing;
        QVector<std::optional<qint64>> lastMissing;
        {
            StatementCounter counter(db);
            missing = store.missingMinutes(windows, closedBefore);
            QCOMPARE(counter.count(), 2); // one per symbol
        }
        {
            StatementCounter counter(db);
            lastMissing = store.lastMissingMinutes(windows, closedBefore);
            QCOMPARE(counter.count(), 2);
        }
        // The reference: every minute asked for one by one.
        QHash<QString, QSet<qint64>> expected;
        for (qsizetype w = 0; w < windows.size(); ++w) {
            const CandleWindow& window = windows.at(w);
            std::optional<qint64> last;
            for (qint64 m = window.firstMinute; m <= window.lastMinute && m < 1990 * M; m += M)
                if (!store.covered(window.symbol, m, m)) {
                    expected[window.symbol].insert(m);
                    last = m;
                }
            QCOMPARE(lastMissing.at(w), last);
        }
        for (const QString& symbol : symbols) {
            QVector<qint64> sorted(expected.value(symbol).cbegin(), expected.value(symbol).cend());
            std::sort(sorted.begin(), sorted.end());
            QVERIFY(!sorted.isEmpty());
            QCOMPARE(missing.value(symbol), sorted);
        }
    }

    void excursionsArePendingThenComputedOrUnavailable()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        fbtest::addTrades(db, longTrade());
        setCandleEndpoint(db, tradeAccounts(db), kProduction);
        CandleStore store(db, kProduction);
        auto read = [&db] { return loadExcursions(db, TradeStore(db).loadTrades()); };
        auto exported = [&db, &read] {
            QJsonObject o = TradeStore(db).loadTrades().at(0).toExportJson();
            insertExcursionJson(o, read().at(0));
            return o;
        };
        QCOMPARE(excursionText(read().at(0)), QStringLiteral("pending"));
        // Minutes 31..32 asked for, 33 not: still pending.
        store.storeSpan(
            QStringLiteral("BTCUSDT"), 20 * M, 32 * M,
            {candle(30, "50", "150"), candle(31, "98.5", "101"), candle(32, "99", "103.5")}, 1);
        QCOMPARE(excursionText(read().at(0)), QStringLiteral("pending"));
        // Minute 33 asked for, no candle came (no trades): computed; minute 30 (entry) ignored.
        store.storeSpan(QStringLiteral("BTCUSDT"), 33 * M, 44 * M, {candle(34, "1", "999")}, 2);
        QCOMPARE(excursionText(read().at(0)), QStringLiteral("1.5 4")); // exit fill at 104
        QCOMPARE(exported().value(QStringLiteral("mae")).toString(), QStringLiteral("1.5"));
        QCOMPARE(exported().value(QStringLiteral("mfe")).toString(), QStringLiteral("4"));
        QVERIFY(exported().value(QStringLiteral("maeR")).isNull()); // no stop, no risk
        QVERIFY(exported().value(QStringLiteral("candlesUnavailable")).isNull());
        store.setUnavailable(QStringLiteral("BTCUSDT"), QStringLiteral("Invalid symbol."), 3);
        QCOMPARE(excursionText(read().at(0)), QStringLiteral("unavailable: Invalid symbol."));
        QCOMPARE(store.unavailableReason(QStringLiteral("BTCUSDT")),
                 std::optional<QString>(QStringLiteral("Invalid symbol.")));
        QVERIFY(store.closedTradeWindows().isEmpty()); // not asked for again
        const QJsonObject o = exported();
        QVERIFY(o.value(QStringLiteral("mae")).isNull());
        QCOMPARE(o.value(QStringLiteral("candlesUnavailable")).toString(),
                 QStringLiteral("Invalid symbol."));
    }
};

QTEST_GUILESS_MAIN(TestCandleStore)
#include "test_candle_store.moc"
