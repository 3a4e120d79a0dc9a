// A symbol's first build from its batch's own records (docs/design.md D178):
// - the history built from memory is, field for field, what the journal reads back after the
//   batch is upserted: a fill sent twice keeps its last copy, another account's or symbol's
//   rows are left out, a later copy of an order decides its flag, funding and positions come
//   from the journal;
// - commitBatch builds from memory exactly the symbols the journal holds nothing of, once each,
//   and reads back the others;
// - after a first sync of each test account, rebuilding every symbol from the journal changes
//   no trade: the trades built from memory are the trades the read-back build stores.
#include "engine_test_util.h"

#include "sync/engine/first_builds.h"
#include "sync/engine/sync_worker.h"
#include "sync/journal/transaction.h"
#include "tests/support/records.h"

using namespace fb;
using namespace fb::test;

namespace {

const QString kMain = QStringLiteral("main");
const QString kBtc = QStringLiteral("BTCUSDT");
const QString kRun = QStringLiteral("sync_20261206_000000_0000first");

// A history as text, every field the builder may read, fills in id order.
QStringList describe(const SymbolHistory& h)
{
    QStringList out{h.account + QLatin1Char('/') + h.symbol};
    QVector<Fill> fills = h.fills;
    std::sort(fills.begin(), fills.end(), [](const Fill& a, const Fill& b) { return a.id < b.id; });
    for (const Fill& f : fills) {
        out << QStringLiteral("fill %1 %2 %3 %4 %5 %6 %7 %8 %9")
                   .arg(f.account, f.symbol, QString::number(f.id), QString::number(f.orderId),
                        sideName(f.side), f.price.toPlainString(), f.qty.toPlainString(),
                        f.quoteQty.toPlainString(), f.realizedPnl.toPlainString())
                   .append(QStringLiteral(" %1 %2 %3 %4 %5 %6 %7 raw=%8")
                               .arg(f.commission.toPlainString(), f.commissionAsset, f.marginAsset,
                                    QString::number(f.time), positionSideName(f.positionSide),
                                    QString::number(f.buyer), QString::number(f.maker),
                                    QString::number(f.raw.size())));
    }
    for (const Income& i : h.funding)
        out << QStringLiteral("funding %1 %2 %3 %4")
                   .arg(i.tranId)
                   .arg(i.time)
                   .arg(i.income.toPlainString(), i.asset);
    for (auto it = h.currentPosition.cbegin(); it != h.currentPosition.cend(); ++it)
        out << QStringLiteral("position %1 %2")
                   .arg(positionSideName(it.key()), it.value().toPlainString());
    QList<qint64> orderIds = h.clientOrderIds.keys();
    std::sort(orderIds.begin(), orderIds.end());
    for (qint64 id : orderIds)
        out << QStringLiteral("order %1 %2").arg(id).arg(h.clientOrderIds.value(id));
    return out;
}

Fill withAccount(Fill f, const QString& account)
{
    f.account = account;
    return f;
}

} // namespace

class TestFirstBuilds : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    QTemporaryDir m_dir;
    int m_dbs = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("f%1.db").arg(m_dbs++)); }

    // Syncs `config`'s account from an empty journal, then rebuilds every symbol from the
    // journal in full and checks that no trade changes (the whole engine: its batches built
    // from memory, the fee valuation's rebuilds after them).
    void firstSyncThenRebuildFromTheJournal(const sim::SimulatorConfig& simConfig, int days)
    {
        fbtest::SimulatedExchange exchange;
        QVERIFY2(startAtClockBase(exchange, simConfig, m_clock),
                 qPrintable(exchange.errorString()));
        const QString db = newDb();
        const sync::RunParams p = params(m_clock, days, 4);
        const sync::RunSummary summary = runEngine(engineConfig(db, *exchange, m_clock),
                                                   [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(summary.status, sync::RunStatus::Completed);
        const QStringList before = dumpJournal(db);

        sync::EngineJournal journal(db, {});
        journal::Database& d = journal.database();
        const QStringList symbols = exchange->account().symbolNames();
        int trades = 0;
        for (const QString& symbol : symbols) {
            journal::Transaction tx(d);
            sync::SymbolRebuild rebuild = sync::loadAndBuildSymbol(d, kMain, symbol, false);
            QVERIFY2(rebuild.built.ok(), qPrintable(rebuild.built.error.value_or(QString())));
            trades += int(rebuild.built.trades.trades.size());
            const journal::TradeChanges changes =
                sync::storeSymbolBuild(d, kMain, symbol, rebuild, p.rangeFromMs);
            QVERIFY2(changes.isEmpty(), qPrintable(symbol));
            tx.commit();
        }
        QVERIFY(trades > 50);
        QString diff;
        QVERIFY2(sameJournal(before, dumpJournal(db), &diff), qPrintable(diff));
    }

    // Commits a simulated account's whole history as one batch into an empty journal (every
    // symbol built from memory), then the same batch again (every symbol known: read back and
    // built from the journal): the second build must store no new, changed or removed trade.
    void batchBuiltFromMemoryEqualsItsReadBack(const sim::SimulatorConfig& simConfig)
    {
        fbtest::SimulatedExchange exchange;
        QVERIFY2(startAtClockBase(exchange, simConfig, m_clock),
                 qPrintable(exchange.errorString()));
        const sim::Account& account = exchange->account();
        const QString db = newDb();
        sync::EngineJournal journal(db, {});
        sync::RunParams p;
        p.account = kMain;
        journal.createRun(kRun, p, 1);
        sync::RunPlan plan;
        QVector<sync::SymbolFetch> fetched;
        for (const QString& symbol : account.symbolNames()) {
            sync::SymbolPlan s;
            s.symbol = symbol;
            plan.symbols.append(s);
            sync::SymbolFetch f;
            f.symbol = symbol;
            f.ok = true;
            for (Fill fill : account.fills(symbol)) {
                fill.account = kMain;
                f.fills.append(fill);
            }
            for (Order order : account.orders(symbol)) {
                order.account = kMain;
                f.orders.append(order);
            }
            fetched.append(f);
        }
        journal.recordPlan(kRun, plan, 1);
        QVector<Income> income;
        for (Income row : account.income()) {
            row.account = kMain;
            income.append(row);
        }
        journal::RunCounters counters;
        journal.commitIncomePage(kRun, income, kMain, std::nullopt, counters);
        QVector<Position> positions;
        for (Position position : account.positions()) {
            position.account = kMain;
            positions.append(position);
        }
        journal.storePositions(kMain, positions);

        const sync::BatchCommit first = journal.commitBatch(kRun, p, fetched, counters, 1);
        QCOMPARE(first.failed, 0);
        QCOMPARE(first.builtFromBatch, int(fetched.size()));
        const QStringList before = dumpJournal(db);
        const sync::BatchCommit again = journal.commitBatch(kRun, p, fetched, counters, 2);
        QCOMPARE(again.builtFromBatch, 0);
        QCOMPARE(again.completed, int(fetched.size()));
        QCOMPARE(again.records.inserted, 0);
        QCOMPARE(again.insertedTradeKeys, QStringList());
        QCOMPARE(again.changedTradeKeys, QStringList());
        QString diff;
        QVERIFY2(sameJournal(before, dumpJournal(db), &diff), qPrintable(diff));
        const int funded = sqlOn(journal.database())
                               .scalar(QStringLiteral("SELECT COUNT(DISTINCT trade_key) FROM "
                                                      "trade_funding"))
                               .toInt();
        qInfo("%lld symbols, %lld fills, %lld trades (%d with funding): identical",
              qlonglong(fetched.size()), qlonglong(account.fillCount()),
              qlonglong(first.insertedTradeKeys.size()), funded);
        QVERIFY(first.insertedTradeKeys.size() > 50);
        QVERIFY(funded > 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
    }

    void historyIsWhatTheJournalReadsBack()
    {
        const qint64 t = 1'780'000'000'000;
        QVector<Fill> fills{
            fbtest::makeFill(kBtc, 1, "BUY", "68290.10", "0.010", t, "0", "0.01000000", "BOTH",
                             501),
            fbtest::makeFill(kBtc, 2, "SELL", "68300.00", "0.004", t + 5, "0.0396", "0.02", "BOTH",
                             502),
            fbtest::makeFill(kBtc, 3, "SELL", "68310.5", "0.006", t + 9, "0.123", "0.03", "BOTH",
                             503),
        };
        // The exchange sends fill 2 again with another commission: the journal keeps this copy.
        Fill changed = fbtest::makeFill(kBtc, 2, "SELL", "68300.00", "0.004", t + 5, "0.0396",
                                        "0.05", "BOTH", 502);
        fills.append(changed);
        fills.append(fills.at(0)); // and fill 1 once more, unchanged
        // Rows the journal stores elsewhere: another symbol, another account.
        fills.append(fbtest::makeFill(QStringLiteral("ETHUSDT"), 9, "BUY", "2500", "1", t));
        fills.append(
            withAccount(fbtest::makeFill(kBtc, 10, "BUY", "1", "1", t), QStringLiteral("other")));

        QVector<Order> orders{
            fbtest::makeOrder(kBtc, 501, "web_a", "FILLED", t),
            fbtest::makeOrder(kBtc, 502, "autoclose-12", "FILLED", t),
            fbtest::makeOrder(kBtc, 503, "adl_autoclose", "FILLED", t),
            fbtest::makeOrder(kBtc, 504, "settlement_autoclose-1", "FILLED", t),
        };
        // A later copy of order 503 that no longer flags, one of 501 that does.
        orders.append(fbtest::makeOrder(kBtc, 503, "web_b", "FILLED", t + 1));
        orders.append(fbtest::makeOrder(kBtc, 501, "autoclose-7", "FILLED", t + 1));

        journal::Database db(newDb(), {journal::OpenMode::ReadWrite, QStringLiteral("t"), true});
        journal::RawStore raw(db);
        raw.upsertIncome({fbtest::makeIncome(kBtc, "FUNDING_FEE", 77, "-0.25", t + 1),
                          fbtest::makeIncome(kBtc, "COMMISSION", 78, "-0.01", t + 1)});
        Position position;
        position.account = kMain;
        position.symbol = kBtc;
        position.positionAmt = fbtest::dec("0.010");
        position.marginAsset = QStringLiteral("USDT");
        raw.replacePositions(kMain, {position});

        QVERIFY(!raw.holdsFillsOrOrders(kMain, kBtc));
        const SymbolHistory fromMemory =
            sync::historyFromRecords(raw.loadSymbolFundingAndPositions(kMain, kBtc), fills, orders);
        raw.upsertFills(fills);
        raw.upsertOrders(orders);
        QVERIFY(raw.holdsFillsOrOrders(kMain, kBtc));
        const SymbolHistory readBack = raw.loadSymbolHistory(kMain, kBtc);

        QCOMPARE(fromMemory.fills.size(), 3);
        QCOMPARE(fromMemory.funding.size(), 1);
        QCOMPARE(fromMemory.clientOrderIds.size(), 3); // 501, 502, 504
        QCOMPARE(describe(fromMemory), describe(readBack));
    }

    void onlySymbolsNewToTheJournalAreBuiltFromTheBatch()
    {
        const qint64 t = 1'780'000'000'000;
        sync::EngineJournal journal(newDb(), {});
        sync::RunParams p;
        p.account = kMain;
        journal.createRun(kRun, p, 1);
        sync::RunPlan plan;
        for (const char* symbol : {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT"}) {
            sync::SymbolPlan s;
            s.symbol = QLatin1String(symbol);
            plan.symbols.append(s);
        }
        journal.recordPlan(kRun, plan, 1);
        auto fetch = [&](const QString& symbol, qint64 id) {
            sync::SymbolFetch f;
            f.symbol = symbol;
            f.ok = true;
            f.fills = {fbtest::makeFill(symbol, id, "BUY", "10", "1", t + id),
                       fbtest::makeFill(symbol, id + 1, "SELL", "11", "1", t + id + 1, "1")};
            return f;
        };
        journal::RunCounters counters;
        sync::BatchCommit first = journal.commitBatch(
            kRun, p, {fetch(kBtc, 1), fetch(QStringLiteral("ETHUSDT"), 1)}, counters, 1);
        QCOMPARE(first.completed, 2);
        QCOMPARE(first.builtFromBatch, 2);
        QCOMPARE(first.insertedTradeKeys.size(), 2);

        // Known symbols are read back; a new one is built from the batch; a symbol twice in
        // one commit is read back (its second part must see the first).
        sync::BatchCommit second = journal.commitBatch(
            kRun, p,
            {fetch(kBtc, 10), fetch(QStringLiteral("SOLUSDT"), 1),
             fetch(QStringLiteral("XRPUSDT"), 1), fetch(QStringLiteral("XRPUSDT"), 5)},
            counters, 2);
        QCOMPARE(second.completed, 4);
        QCOMPARE(second.builtFromBatch, 1);
        QCOMPARE(second.insertedTradeKeys.size(), 4); // BTC's second trade, SOL's, XRP's two

        // A failed symbol is not built at all.
        sync::SymbolFetch failed = fetch(QStringLiteral("ADAUSDT"), 1);
        failed.ok = false;
        failed.error = QStringLiteral("gave up");
        const sync::BatchCommit third = journal.commitBatch(kRun, p, {failed}, counters, 3);
        QCOMPARE(third.failed, 1);
        QCOMPARE(third.builtFromBatch, 0);
    }

    void firstSyncIsWhatAFullRebuildStores()
    {
        firstSyncThenRebuildFromTheJournal(smallAccount(m_clock), 30);
    }

    // The test accounts of the engine's tests and benchmarks: built from memory, then read back.
    void accountsBuiltFromMemoryEqualTheirReadBack_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<int>("symbols");
        QTest::addColumn<int>("fills");
        QTest::addColumn<int>("days");
        QTest::newRow("small account") << quint64(7) << 6 << 1500 << 30;
        QTest::newRow("small account, seed 23") << quint64(23) << 6 << 1500 << 30;
        QTest::newRow("25 symbols, 90 days") << quint64(11) << 25 << 4000 << 89;
        QTest::newRow("30 symbols, 20,000 fills") << quint64(3) << 30 << 20000 << 90;
    }

    void accountsBuiltFromMemoryEqualTheirReadBack()
    {
        QFETCH(quint64, seed);
        QFETCH(int, symbols);
        QFETCH(int, fills);
        QFETCH(int, days);
        batchBuiltFromMemoryEqualsItsReadBack(fbtest::simAccount(seed, symbols, fills, days));
    }
};

QTEST_GUILESS_MAIN(TestFirstBuilds)
#include "test_first_builds.moc"
