// The candle cache of schema v13 (docs/journal.md, docs/design.md D112–D114): spans asked
// for, what is still missing, symbols without candles, and the excursions read from the cache
// (pending while a needed minute was never asked for, computed once it was, "unavailable" with
// the exchange's reason).

#include "journal_test_util.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/schema.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_store.h"
#include "tests/support/journal_fixture.h"

using namespace fb;
using namespace fb::journal;
using fbtest::dec;

namespace {

constexpr qint64 M = 60'000;

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
        CandleStore store(db);
        QCOMPARE(store.candleCount(), 0);
        QCOMPARE(store.closedTradeWindows(),
                 QVector<CandleWindow>({{QStringLiteral("BTCUSDT"), 20 * M, 44 * M}}));
    }

    void spansCoverAndMissingMinutesAreTheRest()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        CandleStore store(db);
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

    void excursionsArePendingThenComputedOrUnavailable()
    {
        QTemporaryDir dir;
        Database db(fbtest::journalPath(dir));
        fbtest::addTrades(db, longTrade());
        CandleStore store(db);
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
