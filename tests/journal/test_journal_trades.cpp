// Journal trades: exact round trip, rebuilds that only rewrite what changed, annotations that
// survive rebuilds (orphaned, then re-attached), filters, ordering and index use.
#include "journal_test_util.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_rows.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"

#include <QCryptographicHash>
#include <QJsonArray>

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

const QString kMain = QStringLiteral("main");
const QString kBtc = QStringLiteral("BTCUSDT");
const QString kEth = QStringLiteral("ETHUSDT");

SymbolTrades built(const QVector<JournalTrade>& trades, const QVector<Income>& unattributed = {})
{
    SymbolTrades result;
    result.trades = trades;
    result.unattributedFunding = unattributed;
    return result;
}

QStringList keysOf(const QVector<JournalTrade>& trades)
{
    QStringList keys;
    for (const JournalTrade& t : trades)
        keys.append(t.key);
    return keys;
}

} // namespace

class TestJournalTrades : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_db = std::make_unique<Database>(journalPath(m_dir, "trades.sqlite")); }
    void cleanup()
    {
        m_db.reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(journalPath(m_dir, "trades.sqlite") + QLatin1String(suffix));
    }

    void roundTripIsExact()
    {
        JournalTrade closed = makeTrade(kBtc, 6240193381, 1761958800123, true);
        closed.flags = FlagLiquidation | FlagIncompleteStart;
        closed.startingQty = dec("-0.5");
        closed.commission.insert(QStringLiteral("BNB"), dec("0.0011"));
        closed.invalidReason = QStringLiteral("entry quantity 0.01 differs from exit 0.011");
        closed.flags |= FlagInvalid;
        JournalTrade open = makeTrade(kBtc, 6240193390, 1761970000000, false);
        open.avgEntryPrice.reset();
        {
            Transaction tx(*m_db);
            const TradeChanges changes =
                TradeStore(*m_db).replaceSymbolTrades(kMain, kBtc, built({closed, open}));
            QCOMPARE(changes.insertedKeys, QStringList({closed.key, open.key}));
            QVERIFY(changes.changedKeys.isEmpty());
            QVERIFY(changes.removedKeys.isEmpty());
            tx.commit();
        }
        const QVector<JournalTrade> loaded = TradeStore(*m_db).loadTrades();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0).toExportJson(), closed.toExportJson());
        QVERIFY(loaded.at(0) == closed);
        QVERIFY(loaded.at(1) == open);
        QCOMPARE(loaded.at(0).fills.at(0).price.toPlainString(), QStringLiteral("68290.10"));
        QCOMPARE(loaded.at(0).fills.at(0).commission.toPlainString(), QStringLiteral("0.27316040"));
        QCOMPARE(loaded.at(0).fundingTranIds, QVector<qint64>{Q_INT64_C(4480321991774044580)});
        QCOMPARE(loaded.at(1).closeTime, std::optional<qint64>());
        QCOMPARE(loaded.at(1).avgEntryPrice, std::optional<Decimal>());

        // Storage format: canonical decimals, NULLs, commission JSON, flags text.
        QSqlQuery row = sqlOn(*m_db).run(
            QStringLiteral("SELECT avg_entry_price, commission_json, flags, close_time, "
                           "entry_qty FROM trades WHERE key = ?"),
            {closed.key});
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toString(), QStringLiteral("68290.1"));
        QCOMPARE(row.value(1).toString(), QStringLiteral(R"({"BNB":"0.0011","USDT":"0.4122206"})"));
        QCOMPARE(row.value(2).toString(), QStringLiteral("LIQUIDATION|INCOMPLETE_START|INVALID"));
        QCOMPARE(row.value(3).toLongLong(), Q_INT64_C(1761962400123));
        QCOMPARE(row.value(4).toString(), QStringLiteral("0.01"));
        row.finish();
        QVERIFY(sqlOn(*m_db)
                    .scalar(QStringLiteral("SELECT avg_entry_price FROM trades WHERE key = ?"),
                            {open.key})
                    .isNull());

        const TradeCounts counts = TradeStore(*m_db).countTrades();
        QCOMPARE(counts.total, 2);
        QCOMPARE(counts.open, 1);
        QCOMPARE(counts.closed, 1);
        QCOMPARE(counts.invalid, 1);
        QVERIFY(TradeStore(*m_db).trade(open.key).has_value());
        QVERIFY(!TradeStore(*m_db).trade(QStringLiteral("main:BTCUSDT:BOTH:1")).has_value());
    }

    // Journals store this digest; the encoding below is the one the first journals were written
    // with (every value as its text, 0x1f after each, 0x1e after each row, NULL as 0x01 'N').
    // If the fast encoder drifted, the next rebuild would report every trade as changed.
    // The planner's open-trade symbols (read through trades_by_status): this account's
    // symbols with an open trade, once each, whatever the closed trades.
    void openTradeSymbolsAreThisAccountsOpenOnes()
    {
        {
            Transaction tx(*m_db);
            TradeStore store(*m_db);
            store.replaceSymbolTrades(kMain, kBtc,
                                      built({makeTrade(kBtc, 1001, 1761958800000, true),
                                             makeTrade(kBtc, 1002, 1761958900000, false)}));
            store.replaceSymbolTrades(kMain, kEth,
                                      built({makeTrade(kEth, 2001, 1761958800000, true)}));
            const QString other = QStringLiteral("other");
            const QString sol = QStringLiteral("SOLUSDT");
            store.replaceSymbolTrades(other, sol,
                                      built({makeTrade(sol, 3001, 1761958800000, false, other)}));
            tx.commit();
        }
        TradeStore store(*m_db);
        QCOMPARE(store.openTradeSymbols(kMain), QStringList{kBtc});
        QCOMPARE(store.openTradeSymbols(QStringLiteral("other")),
                 QStringList{QStringLiteral("SOLUSDT")});
        QVERIFY(store.openTradeSymbols(QStringLiteral("nobody")).isEmpty());
    }

    void contentHashKeepsItsEncoding()
    {
        for (bool closed : {true, false}) {
            JournalTrade trade = makeTrade(kBtc, 6240193381, 1761958800123, closed);
            trade.fundingTranIds = {Q_INT64_C(4480321991774044580), 7};
            QCryptographicHash expected(QCryptographicHash::Sha256);
            const auto add = [&expected](const QVariantList& values) {
                for (const QVariant& value : values) {
                    if (value.isNull())
                        expected.addData(QByteArrayView("\x01N"));
                    else
                        expected.addData(value.toString().toUtf8());
                    expected.addData(QByteArrayView("\x1f"));
                }
                expected.addData(QByteArrayView("\x1e"));
            };
            // The fee valuation columns (schema 8) count only for a trade with a fee in another
            // asset, and the initial-risk ones (schema 12) only for a trade with a stop, so the
            // digests of every other trade stay as they were.
            const QVariantList values = detail::tradeValues(trade);
            add(values.mid(0, values.size() - detail::kValuationColumns - detail::kRiskColumns));
            for (const TradeFillPart& p : trade.fills)
                add({p.fillId, p.orderId, p.time, sideName(p.side), p.price.toPlainString(),
                     p.qty.toPlainString(), p.commission.toPlainString(), p.commissionAsset,
                     p.realizedPnl.toPlainString(), p.increasesPosition ? 1 : 0});
            expected.addData(QByteArrayView("\x1d"));
            for (qint64 id : trade.fundingTranIds)
                expected.addData(QByteArray(QByteArray::number(id) + '\x1f'));
            QVERIFY(!trade.fills.isEmpty());
            QCOMPARE(detail::contentHash(trade), QString::fromLatin1(expected.result().toHex()));
        }
    }

    // The write path encodes a trade straight to its row values (trade_encoding.cpp); they must
    // be what the QVariant route gives, value for value, so rows and digests stay the same.
    void directEncodingMatchesTheVariantRoute()
    {
        QVector<JournalTrade> trades;
        for (bool closed : {true, false}) {
            JournalTrade t = makeTrade(kBtc, 6240193381, 1761958800123, closed);
            trades.append(t);
            t.flags = FlagLiquidation | FlagIncompleteStart | FlagInvalid;
            t.invalidReason = QStringLiteral("entry quantity 0.01 differs from exit 0.011");
            t.startingQty = dec("-0.5");
            t.commission.insert(QStringLiteral("BNB"), dec("0.00110"));
            t.commission.insert(QStringLiteral("A\\"), dec("-2"));
            t.avgEntryPrice.reset();
            trades.append(t);
            t.commission.insert(QStringLiteral("\u00e9T\"\\"), dec("1.50"));
            t.commission.insert(QString(), dec("0"));
            FeeValuationPart part;
            part.fillId = 6240193381;
            part.asset = QStringLiteral("BNB");
            part.amount = dec("0.00110");
            part.pair = QStringLiteral("BNBUSDT");
            part.minute = 1761958800000;
            part.close = dec("612.5");
            part.value = dec("0.673750");
            t.valuation.computed = true;
            t.valuation.commissionValued = dec("0.95");
            t.valuation.netPnlValued = dec("-12.25");
            t.valuation.parts = {part, FeeValuationPart{}};
            trades.append(t);
            InitialRisk risk;
            risk.risk = dec("12.5000");
            risk.entryPrice = dec("68290.1");
            risk.stopPrice = dec("67040.1");
            risk.quantity = dec("0.01");
            risk.at = 1761958800200;
            risk.source = StopOrder::Source::Algo;
            risk.stopId = 900000000123;
            risk.stopCount = 2;
            t.initialRisk = risk;
            trades.append(t);
            t.valuation = {};
            t.closeTime.reset();
            trades.append(t);
        }
        for (const JournalTrade& trade : trades) {
            const QVector<detail::EncodedValue> direct = detail::encodeTradeValues(trade);
            const QVector<detail::EncodedValue> viaVariant =
                detail::encodeValues(detail::tradeValues(trade));
            QCOMPARE(direct.size(), viaVariant.size());
            for (qsizetype i = 0; i < direct.size(); ++i) {
                QCOMPARE(int(direct.at(i).kind), int(viaVariant.at(i).kind));
                QCOMPARE(direct.at(i).integer, viaVariant.at(i).integer);
                QCOMPARE(direct.at(i).text, viaVariant.at(i).text);
            }
            QCOMPARE(
                detail::contentHash(trade),
                detail::contentHash(trade, detail::tradeValues(trade), detail::encodeParts(trade)));
        }
        // The digest itself: OpenSSL's SHA-256 against Qt's (stored journals hold Qt's).
        for (const QByteArray& bytes :
             {QByteArray(), QByteArray("abc"), QByteArray(1000, '\x1f'), QByteArray(64, 'x')})
            QCOMPARE(detail::sha256Hex(bytes),
                     QString::fromLatin1(
                         QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    }

    void rebuildOnlyRewritesWhatChanged()
    {
        const JournalTrade a = makeTrade(kBtc, 100, 1000, true);
        const JournalTrade b = makeTrade(kBtc, 200, 2000, true);
        const JournalTrade c = makeTrade(kBtc, 300, 3000, false);
        TradeStore store(*m_db);
        {
            Transaction tx(*m_db);
            store.replaceSymbolTrades(kMain, kBtc, built({a, b, c}));
            tx.commit();
        }
        const qint64 updatedAtA =
            sqlOn(*m_db)
                .scalar(QStringLiteral("SELECT updated_at FROM trades WHERE key = ?"), {a.key})
                .toLongLong();
        {
            Transaction tx(*m_db);
            const TradeChanges same = store.replaceSymbolTrades(kMain, kBtc, built({a, b, c}));
            QVERIFY(same.isEmpty());
            tx.commit();
        }
        JournalTrade c2 = c; // the open trade grew
        c2.fillCount = 2;
        c2.maxQty = dec("0.02");
        c2.fills.append(c.fills.first());
        c2.fills.last().fillId = 301;
        {
            Transaction tx(*m_db);
            const TradeChanges changes = store.replaceSymbolTrades(kMain, kBtc, built({a, b, c2}));
            QCOMPARE(changes.changedKeys, QStringList{c.key});
            QVERIFY(changes.insertedKeys.isEmpty());
            QVERIFY(changes.removedKeys.isEmpty());
            tx.commit();
        }
        QCOMPARE(sqlOn(*m_db)
                     .scalar(QStringLiteral("SELECT updated_at FROM trades WHERE key = ?"), {a.key})
                     .toLongLong(),
                 updatedAtA);
        QVERIFY(*store.trade(c.key) == c2);
        QCOMPARE(store.trade(c.key)->fills.size(), 2);
    }

    void annotationsSurviveRebuilds()
    {
        const JournalTrade a = makeTrade(kBtc, 100, 1000, true);
        const JournalTrade b = makeTrade(kBtc, 200, 2000, true);
        TradeStore trades(*m_db);
        AnnotationStore notes(*m_db);
        {
            Transaction tx(*m_db);
            trades.replaceSymbolTrades(kMain, kBtc, built({a, b}));
            tx.commit();
        }
        Annotation note;
        note.tradeKey = a.key;
        note.notes = QStringLiteral("Entered on the retest; sized too big.");
        note.tags = strings({"breakout", "btc"});
        note.setup = QStringLiteral("Range breakout");
        note.rating = 4;
        note.mistakes = strings({"oversized"});
        note.screenshotPaths = strings({"/home/me/shots/a.png"});
        const Annotation saved = notes.save(note);
        QVERIFY(saved.createdAt > 0);

        // A rebuild with the same and with different trades never touches the annotation.
        JournalTrade b2 = b;
        b2.realizedPnl = dec("3");
        {
            Transaction tx(*m_db);
            trades.replaceSymbolTrades(kMain, kBtc, built({a, b}));
            trades.replaceSymbolTrades(kMain, kBtc, built({a, b2}));
            tx.commit();
        }
        QCOMPARE(*notes.annotation(a.key), saved);

        // An older fill arrived: the lifecycle now starts at fill 50, key a disappears.
        const JournalTrade earlier = makeTrade(kBtc, 50, 500, true);
        {
            Transaction tx(*m_db);
            const TradeChanges changes =
                trades.replaceSymbolTrades(kMain, kBtc, built({earlier, b2}));
            QCOMPARE(changes.insertedKeys, QStringList{earlier.key});
            QCOMPARE(changes.removedKeys, QStringList{a.key});
            tx.commit();
        }
        QVERIFY(!trades.contains(a.key));
        QCOMPARE(*notes.annotation(a.key), saved); // kept, verbatim
        QCOMPARE(notes.orphanedKeys(), QStringList{a.key});
        QCOMPARE(sqlOn(*m_db)
                     .scalar(QStringLiteral("SELECT count(*) FROM trade_funding WHERE "
                                            "trade_key = ?"),
                             {a.key})
                     .toInt(),
                 0); // cascaded with the trade row (its parts were in the row)

        ConflictStore conflicts(*m_db);
        QVector<Conflict> open = conflicts.listOpen();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().kind, QStringLiteral("orphaned_annotation"));
        QCOMPARE(open.first().naturalKey, a.key);
        QCOMPARE(open.first().account, kMain);

        // Rebuilding again does not pile up conflicts for the same orphan.
        {
            Transaction tx(*m_db);
            trades.replaceSymbolTrades(kMain, kBtc, built({earlier, b2}));
            tx.commit();
        }
        QCOMPARE(conflicts.openCount(), 1);

        // Refusals say why.
        try {
            notes.reattach(a.key, QStringLiteral("main:BTCUSDT:BOTH:999"));
            QFAIL("re-attached to a trade that does not exist");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }

        notes.reattach(a.key, earlier.key);
        QVERIFY(!notes.annotation(a.key));
        const Annotation moved = *notes.annotation(earlier.key);
        QCOMPARE(moved.notes, saved.notes);
        QCOMPARE(moved.tags, saved.tags);
        QCOMPARE(moved.rating, std::optional<int>(4));
        QCOMPARE(conflicts.openCount(), 0);
        QCOMPARE(conflicts.listAll().first().resolution,
                 QStringLiteral("Re-attached to %1.").arg(earlier.key));
        QVERIFY(notes.orphanedKeys().isEmpty());
    }

    void reappearingKeyResolvesItsOrphan()
    {
        const JournalTrade a = makeTrade(kBtc, 100, 1000, true);
        TradeStore trades(*m_db);
        Transaction tx(*m_db);
        trades.replaceSymbolTrades(kMain, kBtc, built({a}));
        Annotation note;
        note.tradeKey = a.key;
        AnnotationStore(*m_db).save(note);
        trades.replaceSymbolTrades(kMain, kBtc, built({}));
        QCOMPARE(ConflictStore(*m_db).openCount(), 1);
        trades.replaceSymbolTrades(kMain, kBtc, built({a}));
        QCOMPARE(ConflictStore(*m_db).openCount(), 0);
        tx.commit();
    }

    void annotationDefaults()
    {
        AnnotationStore notes(*m_db);
        Annotation note;
        note.tradeKey = QStringLiteral("main:BTCUSDT:BOTH:1");
        const Annotation first = notes.save(note);
        QCOMPARE(first.rating, std::optional<int>());
        QVERIFY(first.tags.isEmpty());
        QVERIFY(sqlOn(*m_db).scalar(QStringLiteral("SELECT rating FROM annotations")).isNull());
        note.rating = 2;
        note.tags = strings({"a, b", "c\"d"});
        const Annotation second = notes.save(note);
        QCOMPARE(second.createdAt, first.createdAt);
        QCOMPARE(second.tags, strings({"a, b", "c\"d"}));
        QVERIFY(notes.remove(note.tradeKey));
        QVERIFY(!notes.annotation(note.tradeKey));
    }

    void filtersAndOrder()
    {
        TradeStore store(*m_db);
        const JournalTrade b1 = makeTrade(kBtc, 10, 1000, true);
        const JournalTrade b2 = makeTrade(kBtc, 30, 3000, false);
        // Same open time as e1, key decides: "main:BTCUSDT..." < "main:ETHUSDT..."
        const JournalTrade b3 = makeTrade(kBtc, 40, 2000, true);
        const JournalTrade e1 = makeTrade(kEth, 20, 2000, true);
        {
            Transaction tx(*m_db);
            store.replaceSymbolTrades(kMain, kBtc, built({b1, b2, b3}));
            store.replaceSymbolTrades(kMain, kEth, built({e1}));
            tx.commit();
        }
        QCOMPARE(keysOf(store.loadTrades()), QStringList({b1.key, b3.key, e1.key, b2.key}));

        TradeFilter bySymbol;
        bySymbol.symbol = kBtc;
        QCOMPARE(keysOf(store.loadTrades(bySymbol)), QStringList({b1.key, b3.key, b2.key}));

        TradeFilter byTime;
        byTime.openFromMs = 2000;
        byTime.openToMs = 2999;
        QCOMPARE(keysOf(store.loadTrades(byTime)), QStringList({b3.key, e1.key}));

        TradeFilter byStatus;
        byStatus.status = TradeStatus::Open;
        QCOMPARE(keysOf(store.loadTrades(byStatus)), QStringList{b2.key});
        byStatus.status = TradeStatus::Closed;
        byStatus.symbol = kBtc;
        QCOMPARE(keysOf(store.loadTrades(byStatus)), QStringList({b1.key, b3.key}));
        QCOMPARE(store.countTrades(byStatus).total, 2);

        TradeFilter page;
        page.limit = 2;
        page.offset = 1;
        page.withParts = false;
        const QVector<JournalTrade> paged = store.loadTrades(page);
        QCOMPARE(keysOf(paged), QStringList({b3.key, e1.key}));
        QVERIFY(paged.first().fills.isEmpty());
    }

    void filtersUseIndexes()
    {
        TradeStore store(*m_db);
        const auto searches = [&](const TradeFilter& filter) {
            const QStringList plan = store.queryPlan(filter);
            for (const QString& line : plan) {
                if (line.startsWith(QLatin1String("SCAN")))
                    return false;
            }
            return !plan.isEmpty();
        };
        TradeFilter symbol;
        symbol.symbol = kBtc;
        QVERIFY2(searches(symbol), qPrintable(store.queryPlan(symbol).join(QLatin1Char('\n'))));
        symbol.account = kMain;
        QVERIFY2(searches(symbol), qPrintable(store.queryPlan(symbol).join(QLatin1Char('\n'))));
        TradeFilter time;
        time.openFromMs = 1;
        time.openToMs = 2;
        QVERIFY2(searches(time), qPrintable(store.queryPlan(time).join(QLatin1Char('\n'))));
        TradeFilter both = time;
        both.symbol = kEth;
        both.status = TradeStatus::Closed;
        QVERIFY2(searches(both), qPrintable(store.queryPlan(both).join(QLatin1Char('\n'))));
    }

    void unattributedFundingIsStoredPerSymbol()
    {
        TradeStore store(*m_db);
        const Income orphanFunding =
            makeIncome(kBtc, "FUNDING_FEE", 4480321991774044580, "-0.05466500", 1761984000000);
        {
            Transaction tx(*m_db);
            store.replaceSymbolTrades(kMain, kBtc, built({}, {orphanFunding}));
            tx.commit();
        }
        QVector<Income> rows = store.unattributedFunding(kMain, kBtc);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().tranId, Q_INT64_C(4480321991774044580));
        QCOMPARE(rows.first().income.toPlainString(), QStringLiteral("-0.05466500"));
        QCOMPARE(rows.first().time, Q_INT64_C(1761984000000));
        {
            Transaction tx(*m_db);
            store.replaceSymbolTrades(kMain, kBtc, built({}));
            tx.commit();
        }
        QVERIFY(store.unattributedFunding(kMain).isEmpty());
    }

    void misuseIsRefused()
    {
        TradeStore store(*m_db);
        const JournalTrade a = makeTrade(kBtc, 100, 1000, true);
        try {
            store.replaceSymbolTrades(kMain, kBtc, built({a}));
            QFAIL("trades were replaced outside a transaction");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }
        Transaction tx(*m_db);
        try {
            store.replaceSymbolTrades(kMain, kEth, built({a}));
            QFAIL("a BTCUSDT trade was stored as ETHUSDT");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }
        try {
            store.replaceSymbolTrades(kMain, kBtc, built({a, a}));
            QFAIL("a duplicate key was accepted");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestJournalTrades)
#include "test_journal_trades.moc"
