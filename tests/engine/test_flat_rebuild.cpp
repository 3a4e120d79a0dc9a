// Rebuilds from the last flat point (docs/design.md D126): a journal synced in many small
// steps, each step's rebuild starting from the symbol's rebuild cut, ends with exactly the
// trade rows of a journal that received the same records at once and rebuilt them in full;
// late records before the cut and positions that disagree with the fills fall back to a full
// rebuild and still end identical.

#include "sync/engine/engine_journal.h"
#include "sync/journal/database.h"
#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/sql_access.h"
#include "tests/support/flat_history.h"
#include "tests/support/records.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using namespace fb::sync;

namespace {

const QString kRun = QStringLiteral("sync_20261205_000000_0000flat");

RunParams params(const QString& account)
{
    RunParams p;
    p.account = account;
    p.rangeFromMs = 1'700'000'000'000;
    p.rangeToMs = 1'800'000'000'000;
    return p;
}

// The run's symbol row, as the plan records it before the first request.
void addSymbol(EngineJournal& journal, const QString& symbol)
{
    RunPlan plan;
    SymbolPlan s;
    s.symbol = symbol;
    plan.symbols.append(s);
    journal.recordPlan(kRun, plan, 1);
}

// Everything a rebuild writes, `_at` columns left out (when, not what).
QStringList dumpTrades(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("dump"), false});
    const QStringList queries{
        QStringLiteral("SELECT 'trade', * FROM trades ORDER BY key"),
        QStringLiteral("SELECT 'funding', * FROM trade_funding ORDER BY 2, 3, 4"),
        QStringLiteral("SELECT 'unattributed', * FROM unattributed_funding ORDER BY 2, 3, 4"),
    };
    QStringList rows;
    for (const QString& sql : queries) {
        QSqlQuery q = journal::sqlOn(db).run(sql);
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i) {
                if (!q.record().fieldName(i).endsWith(QLatin1String("_at")))
                    cells << q.value(i).toString();
            }
            rows << cells.join(QLatin1Char('|'));
        }
    }
    return rows;
}

// One sync's commits, as the engine makes them: funding, positions, then the symbol's batch.
void commitStep(EngineJournal& journal, const fbtest::flat::Options& o, const QVector<Fill>& fills,
                const QVector<Order>& orders, const QVector<Income>& funding,
                const QVector<Position>& positions)
{
    journal::RunCounters counters;
    if (!funding.isEmpty())
        journal.commitIncomePage(kRun, funding, o.account, std::nullopt, counters);
    journal.storePositions(o.account, positions);
    SymbolFetch f;
    f.symbol = o.symbol;
    f.ok = true;
    f.fills = fills;
    f.orders = orders;
    const BatchCommit result = journal.commitBatch(kRun, params(o.account), {f}, counters, 1);
    QCOMPARE(result.failed, 0);
    QCOMPARE(result.completed, 1);
}

struct Totals
{
    QVector<Fill> fills;
    QVector<Order> orders;
    QVector<Income> funding;
};

} // namespace

class TestFlatRebuild : public QObject
{
    Q_OBJECT

private slots:
    void cutIsTheLatestTimeNoTradeSpans()
    {
        auto trade = [](qint64 open, std::optional<qint64> close, PositionSide side,
                        bool incomplete = false) {
            JournalTrade t;
            t.openTime = open;
            t.closeTime = close;
            t.positionSide = side;
            if (incomplete)
                t.flags |= FlagIncompleteStart;
            return t;
        };
        QCOMPARE(latestRebuildCut({}), std::optional<qint64>());
        // All closed: just after the last close.
        QCOMPARE(latestRebuildCut(
                     {trade(10, 20, PositionSide::Both), trade(30, 40, PositionSide::Both)}),
                 std::optional<qint64>(41));
        // The open trade's opening, when nothing earlier spans it.
        QCOMPARE(latestRebuildCut({trade(10, 20, PositionSide::Both),
                                   trade(20, std::nullopt, PositionSide::Both)}),
                 std::optional<qint64>(10)); // 20 is spanned by the first (closed at 20)
        QCOMPARE(latestRebuildCut({trade(10, 19, PositionSide::Both),
                                   trade(20, std::nullopt, PositionSide::Both)}),
                 std::optional<qint64>(20));
        // Hedge: a long open since 5 spans every later opening.
        QCOMPARE(latestRebuildCut({trade(5, std::nullopt, PositionSide::Long),
                                   trade(10, 20, PositionSide::Short),
                                   trade(30, std::nullopt, PositionSide::Short)}),
                 std::optional<qint64>(5));
        // History that starts mid-position has no cut until that lifecycle is over.
        QCOMPARE(latestRebuildCut({trade(5, std::nullopt, PositionSide::Both, true)}),
                 std::optional<qint64>());
        QCOMPARE(latestRebuildCut({trade(5, 8, PositionSide::Both, true),
                                   trade(9, std::nullopt, PositionSide::Both)}),
                 std::optional<qint64>(9));
    }

    void incrementalEqualsFull_data()
    {
        QTest::addColumn<bool>("hedge");
        QTest::addColumn<QString>("startLots"); // a position held before the first fill
        QTest::addColumn<QString>("event");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("one-way") << false << QString() << QString() << 1u;
        QTest::newRow("one-way, other seed") << false << QString() << QString() << 5u;
        QTest::newRow("hedge") << true << QString() << QString() << 2u;
        QTest::newRow("starts mid-position") << false << QStringLiteral("0.004") << QString() << 3u;
        QTest::newRow("late fill") << false << QString() << QStringLiteral("late-fill") << 4u;
        QTest::newRow("late fill, hedge") << true << QString() << QStringLiteral("late-fill") << 6u;
        QTest::newRow("late funding") << false << QString() << QStringLiteral("late-funding") << 7u;
        QTest::newRow("changed fill") << false << QString() << QStringLiteral("changed-fill") << 8u;
        QTest::newRow("late liquidation order")
            << false << QString() << QStringLiteral("late-order") << 9u;
        QTest::newRow("positions behind the fills")
            << true << QString() << QStringLiteral("stale-positions") << 10u;
    }

    void incrementalEqualsFull()
    {
        QFETCH(bool, hedge);
        QFETCH(QString, startLots);
        QFETCH(QString, event);
        QFETCH(quint32, seed);

        fbtest::flat::Options o;
        o.hedge = hedge;
        o.seed = seed;
        fbtest::flat::Generator gen(o);
        QMap<PositionSide, Decimal> offset;
        if (!startLots.isEmpty())
            offset.insert(PositionSide::Both, fbtest::dec(startLots));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString stepped = dir.filePath(QStringLiteral("stepped.db"));
        const QString whole = dir.filePath(QStringLiteral("whole.db"));

        Totals all;
        int fromCut = 0;
        int steps = 0;
        qsizetype readFromCut = 0;
        {
            EngineJournal journal(stepped, {});
            journal.createRun(kRun, params(o.account), 1);
            addSymbol(journal, o.symbol);
            for (int i = 0; i < 30; ++i) {
                const fbtest::flat::Step step = gen.next(i == 0 ? 400 : 1 + (i * 7) % 23);
                all.fills += step.fills;
                all.orders += step.orders;
                all.funding += step.funding;
                QVector<Fill> fills = step.fills;
                QVector<Order> orders = step.orders;
                QVector<Income> funding = step.funding;
                QVector<Position> positions = gen.positionRows(offset);

                if (i == 20 && event == QLatin1String("late-fill")) {
                    // A fill from long before the cut, with a fresh id, as a late page brings.
                    Fill late = all.fills.at(10);
                    late.id = 4'999'000'000;
                    late.raw.replace(QByteArray::number(all.fills.at(10).id),
                                     QByteArray::number(late.id));
                    late.orderId = all.fills.at(10).orderId;
                    fills.append(late);
                    all.fills.append(late);
                    // The exchange's position includes it.
                    offset[late.positionSide] += late.signedQty();
                    positions = gen.positionRows(offset);
                } else if (i == 20 && event == QLatin1String("late-funding")) {
                    const Income late = fbtest::makeIncome(o.symbol, "FUNDING_FEE", 42, "-1.5",
                                                           all.fills.at(100).time, o.account);
                    funding.append(late);
                    all.funding.append(late);
                } else if (i == 20 && event == QLatin1String("changed-fill")) {
                    // The exchange sends an old fill again with a different commission.
                    Fill changed = all.fills.at(50);
                    changed.raw.replace("\"commission\":\"", "\"commission\":\"1");
                    changed = fbtest::fillFromJson(changed.raw, o.account);
                    fills.append(changed);
                    for (Fill& f : all.fills) {
                        if (f.id == changed.id)
                            f = changed;
                    }
                } else if (i == 20 && event == QLatin1String("late-order")) {
                    // The order of an old closing fill turns out to be a liquidation.
                    QByteArray raw = all.orders.at(60).raw;
                    raw.replace("\"clientOrderId\":\"web_", "\"clientOrderId\":\"autoclose-");
                    Order order = *Order::fromJson(fbtest::parseObject(raw), o.account);
                    order.raw = raw;
                    orders.append(order);
                    for (Order& stored : all.orders) {
                        if (stored.orderId == order.orderId)
                            stored = order;
                    }
                } else if (i % 5 == 3 && event == QLatin1String("stale-positions")) {
                    // positionRisk answered before the step's last fills were made.
                    positions = gen.positionRows(offset);
                    for (Position& p : positions)
                        p.positionAmt = Decimal();
                }

                if (i > 0) {
                    const SymbolRebuild probe =
                        loadAndBuildSymbol(journal.database(), o.account, o.symbol, true);
                    ++steps;
                    if (probe.fromMs) {
                        ++fromCut;
                        readFromCut += probe.history.fills.size();
                    }
                }
                commitStep(journal, o, fills, orders, funding, positions);
            }
        }
        // Most steps rebuilt from a cut, reading a fraction of the history.
        if (event != QLatin1String("stale-positions")) {
            QVERIFY2(fromCut >= steps / 2,
                     qPrintable(QStringLiteral("%1 of %2").arg(fromCut).arg(steps)));
            QVERIFY(readFromCut < qsizetype(steps) * all.fills.size() / 4);
        }

        {
            EngineJournal journal(whole, {});
            journal.createRun(kRun, params(o.account), 1);
            addSymbol(journal, o.symbol);
            QVERIFY(!journal::RebuildCutStore(journal.database()).cut(o.account, o.symbol));
            commitStep(journal, o, all.fills, all.orders, all.funding, gen.positionRows(offset));
        }
        const QStringList expected = dumpTrades(whole);
        const QStringList actual = dumpTrades(stepped);
        QVERIFY(expected.size() > 50);
        if (expected != actual) {
            for (qsizetype i = 0; i < std::max(expected.size(), actual.size()); ++i) {
                const QString e = expected.value(i);
                const QString a = actual.value(i);
                if (e != a) {
                    qWarning().noquote() << "first difference at row" << i << "\nexpected:" << e
                                         << "\nactual:  " << a;
                    break;
                }
            }
        }
        QCOMPARE(actual.size(), expected.size());
        QVERIFY(actual == expected);
    }

    void lateFillBeforeTheCutDeletesIt()
    {
        fbtest::flat::Options o;
        o.seed = 11;
        fbtest::flat::Generator gen(o);
        QTemporaryDir dir;
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), {});
        journal.createRun(kRun, params(o.account), 1);
        addSymbol(journal, o.symbol);
        const fbtest::flat::Step step = gen.next(300);
        commitStep(journal, o, step.fills, step.orders, step.funding, gen.positionRows({}));
        journal::RebuildCutStore cuts(journal.database());
        const auto cut = cuts.cut(o.account, o.symbol);
        QVERIFY(cut);
        // A fill at or after the cut with a smaller id lowers the floor; one before it deletes
        // the cut (the schema's triggers, whatever wrote the fill).
        Fill atCut = step.fills.last();
        atCut.id = 4'000'000'000;
        atCut.time = std::max(atCut.time, cut->cutMs);
        atCut.raw.replace(QByteArray::number(step.fills.last().id), "4000000000");
        journal::RawStore(journal.database()).upsertFills({atCut});
        QCOMPARE(cuts.cut(o.account, o.symbol)->floorFillId, qint64(4'000'000'000));
        Fill before = step.fills.first();
        before.id = 3'000'000'000;
        before.raw.replace(QByteArray::number(step.fills.first().id), "3000000000");
        journal::RawStore(journal.database()).upsertFills({before});
        QVERIFY(!cuts.cut(o.account, o.symbol));
    }
};

QTEST_GUILESS_MAIN(TestFlatRebuild)
#include "test_flat_rebuild.moc"
