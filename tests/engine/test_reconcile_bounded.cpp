// Reconciliation from a flat point at or before the run's range (docs/design.md §2.9,
// D155) gives the report the whole history gives, line for line: one-way and
// hedge books with flips, funding before, inside and after the range, ranges that start
// mid-lifecycle, before any flat point, or on a symbol never flat, late records and positions
// that disagree with the fills. The reference is the reconciliation as it was before: every
// fill of the symbol read, lifecycles built from all of them. Also the planner's income
// figures and the range's income rows, read by index seeks, against the full scans they
// replace.

#include "sync/engine/engine_journal.h"
#include "sync/journal/coverage_store.h"
#include "sync/journal/database.h"
#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/sql_access.h"
#include "tests/support/flat_history.h"
#include "tests/support/records.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using namespace fb::sync;

namespace {

const QString kRun = QStringLiteral("sync_20261206_000000_000range");

RunParams params(const QString& account, qint64 fromMs = 1'700'000'000'000,
                 qint64 toMs = 1'800'000'000'000)
{
    RunParams p;
    p.account = account;
    p.rangeFromMs = fromMs;
    p.rangeToMs = toMs;
    return p;
}

// The reconciliation of one symbol as it was before range cuts: the whole history read.
QString referenceLines(journal::Database& db, const RunParams& params, const QString& symbol)
{
    journal::RawStore raw(db);
    const SymbolHistory history = raw.loadSymbolHistory(params.account, symbol);
    const QVector<Income> income =
        raw.incomeBetween(params.account, params.rangeFromMs, params.rangeToMs, symbol);
    QString error;
    const auto report = tryReconcileSymbolInRange(symbol, history, income, params.rangeFromMs,
                                                  params.rangeToMs, &error);
    if (!report)
        return QStringLiteral("error: ") + error;
    QStringList lines;
    for (const ReconciliationLine& line : report->lines)
        lines << line.describe();
    return lines.join(QLatin1Char('\n'));
}

QString linesOf(const RunReconciliation& r)
{
    if (!r.failures.isEmpty())
        return QStringLiteral("error: ") + r.failures.first().reason;
    QStringList lines;
    for (const ReconciliationLine& line : r.report.lines)
        lines << line.describe();
    return lines.join(QLatin1Char('\n'));
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

void commitStep(EngineJournal& journal, const fbtest::flat::Options& o, const RunParams& p,
                const fbtest::flat::Step& step, const QVector<Position>& positions)
{
    journal::RunCounters counters;
    if (!step.funding.isEmpty())
        journal.commitIncomePage(kRun, step.funding, o.account, std::nullopt, counters);
    journal.storePositions(o.account, positions);
    SymbolFetch f;
    f.symbol = o.symbol;
    f.ok = true;
    f.fills = step.fills;
    f.orders = step.orders;
    const BatchCommit result = journal.commitBatch(kRun, p, {f}, counters, 1);
    QCOMPARE(result.failed, 0);
    QCOMPARE(result.completed, 1);
}

} // namespace

class TestReconcileBounded : public QObject
{
    Q_OBJECT

private slots:
    void latestFlatPoint()
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
        using Opt = std::optional<qint64>;
        const PositionSide both = PositionSide::Both;
        // Flat before the first trade, between trades, after the last close.
        const QVector<JournalTrade> closed{trade(10, 20, both), trade(30, 40, both)};
        QCOMPARE(latestFlatPointAtOrBefore(closed, 5), Opt(5));
        QCOMPARE(latestFlatPointAtOrBefore(closed, 15), Opt(10));
        QCOMPARE(latestFlatPointAtOrBefore(closed, 25), Opt(25));
        QCOMPARE(latestFlatPointAtOrBefore(closed, 35), Opt(30));
        QCOMPARE(latestFlatPointAtOrBefore(closed, 41), Opt(41));
        QCOMPARE(latestFlatPointAtOrBefore({}, 7), Opt(7));
        // A close and the next opening in one millisecond: never flat in between.
        QCOMPARE(latestFlatPointAtOrBefore({trade(10, 20, both), trade(20, 30, both)}, 25),
                 Opt(10));
        // Hedge: a long open since 5 spans everything after.
        QCOMPARE(latestFlatPointAtOrBefore({trade(5, std::nullopt, PositionSide::Long),
                                            trade(10, 20, PositionSide::Short)},
                                           50),
                 Opt(5));
        // A history that starts mid-position is flat only after that lifecycle ends.
        QCOMPARE(latestFlatPointAtOrBefore({trade(5, 8, both, true), trade(12, 15, both)}, 7),
                 Opt());
        QCOMPARE(latestFlatPointAtOrBefore({trade(5, 8, both, true), trade(12, 15, both)}, 11),
                 Opt(11));
        QCOMPARE(latestFlatPointAtOrBefore({trade(5, std::nullopt, both, true)}, 100), Opt());
    }

    void sameReportAsTheWholeHistory_data()
    {
        QTest::addColumn<bool>("hedge");
        QTest::addColumn<QString>("offsetBook"); // a position held before the first fill
        QTest::addColumn<QString>("event");
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("everFlat");
        QTest::newRow("one-way") << false << QString() << QString() << 1u << true;
        QTest::newRow("one-way, other seed") << false << QString() << QString() << 5u << true;
        QTest::newRow("hedge") << true << QString() << QString() << 2u << true;
        QTest::newRow("hedge, other seed") << true << QString() << QString() << 12u << true;
        QTest::newRow("starts mid-position")
            << false << QStringLiteral("both") << QString() << 3u << true;
        QTest::newRow("never flat (hedge, long held throughout)")
            << true << QStringLiteral("long") << QString() << 4u << false;
        QTest::newRow("late fill before the cut")
            << false << QString() << QStringLiteral("late-fill") << 6u << true;
        QTest::newRow("fill with a small id after the cut")
            << false << QString() << QStringLiteral("low-id") << 7u << true;
        QTest::newRow("positions disagree with the fills")
            << true << QString() << QStringLiteral("stale-positions") << 8u << true;
        QTest::newRow("a record it cannot compute with after the cut")
            << false << QString() << QStringLiteral("uncomputable") << 9u << true;
    }

    void sameReportAsTheWholeHistory()
    {
        QFETCH(bool, hedge);
        QFETCH(QString, offsetBook);
        QFETCH(QString, event);
        QFETCH(quint32, seed);
        QFETCH(bool, everFlat);

        fbtest::flat::Options o;
        o.hedge = hedge;
        o.seed = seed;
        fbtest::flat::Generator gen(o);
        QMap<PositionSide, Decimal> offset;
        if (offsetBook == QLatin1String("both"))
            offset.insert(PositionSide::Both, fbtest::dec("0.004"));
        else if (offsetBook == QLatin1String("long"))
            offset.insert(PositionSide::Long, fbtest::dec("0.004"));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), {});
        journal.createRun(kRun, params(o.account), 1);
        addSymbol(journal, o.symbol);

        // The history in steps, as incremental syncs bring it (each batch from the cut).
        QVector<Fill> all;
        for (int i = 0; i < 12; ++i) {
            const fbtest::flat::Step step = gen.next(i == 0 ? 300 : 40 + (i * 13) % 50);
            all += step.fills;
            commitStep(journal, o, params(o.account), step, gen.positionRows(offset));
        }
        const qint64 first = all.first().time;
        journal::Database& db = journal.database();
        journal::RebuildCutStore cuts(db);
        QCOMPARE(cuts.cut(o.account, o.symbol).has_value(), everFlat);

        if (event == QLatin1String("late-fill")) {
            Fill late = all.at(20);
            late.id = 4'999'000'000;
            late.raw.replace(QByteArray::number(all.at(20).id), QByteArray::number(late.id));
            journal::RawStore(db).upsertFills({late});
            offset[late.positionSide] += late.signedQty();
            journal.storePositions(o.account, gen.positionRows(offset));
            QVERIFY(!cuts.cut(o.account, o.symbol));
            // The next sync rebuilds in full and stores a new cut, and a range cut with it.
            const fbtest::flat::Step step = gen.next(30);
            all += step.fills;
            commitStep(journal, o, params(o.account), step, gen.positionRows(offset));
            QVERIFY(cuts.rangeCut(o.account, o.symbol, kTradeRulesRevision));
        } else if (event == QLatin1String("uncomputable")) {
            // Stored as received (a batch would fail the symbol); its price times its quantity
            // needs 60 decimal places. Both ways name it.
            const Fill bad =
                fbtest::makeFill(o.symbol, 6'000'000'000, "BUY", "1.000000000000000000000000000001",
                                 "0.000000000000000000000000000003", gen.lastTimeMs() + 1);
            journal::RawStore(db).upsertFills({bad});
            QVERIFY(cuts.cut(o.account, o.symbol));
            // The position includes it, so the read from the range cut holds and fails itself.
            offset[PositionSide::Both] += bad.signedQty();
            journal.storePositions(o.account, gen.positionRows(offset));
        } else if (event == QLatin1String("low-id")) {
            // A fill in the last millisecond with an id below every floor: the triggers lower
            // the floors, so a read from the range cut still finds it.
            Fill low = all.last();
            low.id = 4'000'000'000;
            low.raw.replace(QByteArray::number(all.last().id), "4000000000");
            low.time = std::max(low.time, cuts.cut(o.account, o.symbol)->cutMs);
            journal::RawStore(db).upsertFills({low});
            offset[low.positionSide] += low.signedQty();
            journal.storePositions(o.account, gen.positionRows(offset));
        }

        // Ranges from before the first fill to after the last, most starting mid-lifecycle, and
        // some ending before the last funding; each run after the first starts from the range
        // cut the previous one stored (as finishRun does), so later ranges read less.
        int bounded = 0;
        const qint64 last = gen.lastTimeMs();
        const qint64 span = last - first;
        for (int k = -1; k <= 9; ++k) {
            const qint64 from = first + span * k / 8 + 37;
            const qint64 to = k % 3 == 0 ? last + 1 : first + span * (k + 3) / 8;
            const RunParams p = params(o.account, from, to);
            if (event == QLatin1String("stale-positions") && k == 4) {
                QVector<Position> rows = gen.positionRows(offset);
                for (Position& row : rows)
                    row.positionAmt = Decimal();
                journal.storePositions(o.account, rows);
            }
            const QString expected = referenceLines(db, p, o.symbol);
            const RunReconciliation actual = journal.reconcileRun(p, {o.symbol});
            QCOMPARE(linesOf(actual), expected);
            QCOMPARE(expected.startsWith(QLatin1String("error")),
                     event == QLatin1String("uncomputable"));
            if (actual.fromFlatPoint.contains(o.symbol))
                ++bounded;
            for (const RangeCutUpdate& update : actual.rangeCuts) {
                QVERIFY(update.cut.cutMs <= from);
                cuts.setRangeCut(update.account, update.symbol, kTradeRulesRevision, update.cut);
            }
        }
        if (!everFlat || event == QLatin1String("uncomputable")) {
            QCOMPARE(bounded, 0); // nothing to start from, or a failure: the whole history
        } else if (event != QLatin1String("stale-positions")) {
            QVERIFY2(bounded >= 6, qPrintable(QString::number(bounded)));
            // The last range cut is inside the history: later reads skip what is before it.
            const auto range = cuts.rangeCut(o.account, o.symbol, kTradeRulesRevision);
            QVERIFY(range);
            QVERIFY(range->cutMs > first + span / 2);
        }
    }

    void rangeCutStoredWithTheRunsEnd()
    {
        fbtest::flat::Options o;
        o.seed = 21;
        fbtest::flat::Generator gen(o);
        QTemporaryDir dir;
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), {});
        journal.createRun(kRun, params(o.account), 1);
        addSymbol(journal, o.symbol);
        const fbtest::flat::Step step = gen.next(400);
        commitStep(journal, o, params(o.account), step, gen.positionRows({}));
        journal::RebuildCutStore cuts(journal.database());
        // The batch's full rebuild found the flat point at or before its range start.
        QCOMPARE(cuts.rangeCut(o.account, o.symbol, kTradeRulesRevision)->cutMs,
                 qint64(1'700'000'000'000));
        const qint64 from = (step.fills.first().time + gen.lastTimeMs()) / 2;
        const RunReconciliation r = journal.reconcileRun(params(o.account, from), {o.symbol});
        QCOMPARE(r.fromFlatPoint, QStringList{o.symbol});
        QCOMPARE(r.rangeCuts.size(), 1);
        journal.finishRun(kRun, RunStatus::Completed, RunSummary{}, {}, &r.report, {}, r.rangeCuts);
        QCOMPARE(*cuts.rangeCut(o.account, o.symbol, kTradeRulesRevision), r.rangeCuts[0].cut);
        // Another revision of the trade rules does not use it.
        QVERIFY(!cuts.rangeCut(o.account, o.symbol, kTradeRulesRevision + 1));
        // A fill before the cut deletes the row, range cut included.
        Fill before = step.fills.first();
        before.id = 3'000'000'000;
        before.raw.replace(QByteArray::number(step.fills.first().id), "3000000000");
        journal::RawStore(journal.database()).upsertFills({before});
        QVERIFY(!cuts.rangeCut(o.account, o.symbol, kTradeRulesRevision));
    }

    // The planner counts the fills a run will fetch: the commissions after a symbol's covered
    // end (re-read margin included), not its whole history in range (D171).
    void plannerCountsTheCommissionsOfTheSpansItFetches()
    {
        QTemporaryDir dir;
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), {});
        QVector<Income> rows;
        qint64 tranId = 1;
        for (int i = 0; i < 1'000; ++i) {
            for (const QString& symbol : {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")})
                rows.append(fbtest::makeIncome(symbol, "COMMISSION", tranId++, "-0.1",
                                               10'000 + qint64(i) * 10, QStringLiteral("main")));
        }
        journal::RawStore(journal.database()).upsertIncome(rows);
        journal::Coverage covered;
        covered.account = QStringLiteral("main");
        covered.stream = kFillsStream;
        covered.symbol = QStringLiteral("BTCUSDT");
        covered.coveredFrom = 0;
        covered.coveredTo = 15'000;
        covered.lastId = 42;
        journal::CoverageStore(journal.database()).setCoverage(covered);

        const QVector<SymbolFacts> facts =
            journal.gatherFacts(params(QStringLiteral("main"), 0, 100'000), {}, {}, 2'000);
        QCOMPARE(facts.size(), 2);
        QCOMPARE(facts[0].symbol, QStringLiteral("BTCUSDT"));
        // Re-read from 13,001: the 699 rows at 13,010 ... 19,990.
        QCOMPARE(facts[0].commissionsToFetch, qint64(699));
        QVERIFY(facts[0].hasIncomeInRange);
        QCOMPARE(facts[1].symbol, QStringLiteral("ETHUSDT"));
        QCOMPARE(facts[1].commissionsToFetch, qint64(1'000));
        QCOMPARE(facts[1].firstTradeIncomeMs, qint64(10'000));
        // A range that ends before the income: nothing in range, nothing to count.
        const QVector<SymbolFacts> before =
            journal.gatherFacts(params(QStringLiteral("main"), 0, 9'999), {}, {}, 2'000);
        QCOMPARE(before.size(), 2);
        QVERIFY(!before[1].hasIncomeInRange);
        QCOMPARE(before[1].commissionsToFetch, qint64(0));
        QCOMPARE(before[1].newestTradeIncomeMs, qint64(19'990));
    }

    void incomeFiguresAsTheFullScanGaveThem()
    {
        QTemporaryDir dir;
        journal::Database db(dir.filePath(QStringLiteral("j.db")));
        QVector<Income> rows;
        const char* types[] = {"REALIZED_PNL", "COMMISSION", "FUNDING_FEE", "INSURANCE_CLEAR"};
        const QString symbols[] = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                                   QStringLiteral("XRPUSDT"), QString()};
        qint64 tranId = 1;
        for (int i = 0; i < 400; ++i) {
            const QString& symbol = symbols[(i * 7) % 4];
            // XRPUSDT has funding only; ETHUSDT's trade income stops before the range.
            const char* type = symbol == QLatin1String("XRPUSDT") ? "FUNDING_FEE"
                               : symbol.isEmpty()                 ? "TRANSFER"
                                                                  : types[(i * 3) % 4];
            const qint64 time =
                symbol == QLatin1String("ETHUSDT") && i > 200 ? 1'000 + i : 1'000 + qint64(i) * 10;
            rows.append(
                fbtest::makeIncome(symbol, type, tranId++, "-0.5", time, QStringLiteral("main")));
        }
        rows.append(fbtest::makeIncome(QStringLiteral("BTCUSDT"), "COMMISSION", tranId++, "-1",
                                       2'500, QStringLiteral("other")));
        journal::RawStore raw(db);
        raw.upsertIncome(rows);
        for (const auto& [from, to] : {std::pair<qint64, qint64>{0, 100'000},
                                       {1'500, 2'500},
                                       {2'000, 2'000},
                                       {9'000, 9'999},
                                       {3'000, 1'000}}) {
            QSqlQuery q = journal::sqlOn(db).run(
                QStringLiteral(
                    "SELECT symbol, MAX(CASE WHEN income_type IN ('REALIZED_PNL', "
                    "'COMMISSION') THEN time ELSE 0 END), SUM(CASE WHEN time BETWEEN ? AND ? "
                    "THEN 1 ELSE 0 END) > 0, SUM(CASE WHEN income_type = 'COMMISSION' AND time "
                    "BETWEEN ? AND ? THEN 1 ELSE 0 END), MIN(CASE WHEN income_type IN "
                    "('REALIZED_PNL', 'COMMISSION') AND time BETWEEN ? AND ? THEN time END) "
                    "FROM income WHERE account = ? AND symbol <> '' GROUP BY symbol"),
                {from, to, from, to, from, to, QStringLiteral("main")});
            QStringList expected;
            while (q.next())
                expected << QStringLiteral("%1 %2 %3 %4 %5")
                                .arg(q.value(0).toString())
                                .arg(q.value(1).toLongLong())
                                .arg(q.value(2).toLongLong())
                                .arg(q.value(3).toLongLong())
                                .arg(q.value(4).isNull() ? 0 : q.value(4).toLongLong());
            QStringList actual;
            for (const journal::IncomeSymbolStats& s :
                 raw.incomeSymbolStats(QStringLiteral("main"), from, to))
                actual << QStringLiteral("%1 %2 %3 %4 %5")
                              .arg(s.symbol)
                              .arg(s.newestTradeIncomeMs)
                              .arg(s.hasRowsInRange ? 1 : 0)
                              .arg(raw.commissionCount(QStringLiteral("main"), s.symbol, from, to))
                              .arg(s.firstTradeIncomeMs);
            QCOMPARE(actual, expected);
            QCOMPARE(actual.size(), 3);

            for (const QString& symbol : symbols) {
                if (symbol.isEmpty())
                    continue;
                QSqlQuery all = journal::sqlOn(db).run(
                    QStringLiteral("SELECT tran_id FROM income WHERE account = ? AND symbol = ? "
                                   "AND time BETWEEN ? AND ? ORDER BY time, tran_id"),
                    {QStringLiteral("main"), symbol, from, to});
                QVector<qint64> want;
                while (all.next())
                    want << all.value(0).toLongLong();
                QVector<qint64> got;
                for (const Income& row :
                     raw.incomeBetween(QStringLiteral("main"), from, to, symbol))
                    got << row.tranId;
                QCOMPARE(got, want);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestReconcileBounded)
#include "test_reconcile_bounded.moc"
