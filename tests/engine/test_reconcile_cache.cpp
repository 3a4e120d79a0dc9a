// Reconciliation from kept hour sums (docs/design.md §2.9, D169) gives the report the
// whole history gives, line for line, over many runs with moving ranges while the history
// grows: one-way and hedge books, funding in kept hours (with and without an asset), an old fill
// written again with another commission, an income row added to a kept hour, a commission row
// the exchange never sent (a difference that must show), a record the journal cannot compute
// with (§2.10: the same failure). The hours are stored in the transaction that stores the
// run's report, or not at all.

#include "sync/engine/engine_journal.h"
#include "sync/engine/engine_journal_reconcile_cache.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/recon_hour_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"
#include "tests/support/flat_history.h"
#include "tests/support/records.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using namespace fb::sync;

namespace {

const QString kRun = QStringLiteral("sync_20261206_000000_000cache");

RunParams params(const QString& account, qint64 fromMs, qint64 toMs)
{
    RunParams p;
    p.account = account;
    p.rangeFromMs = fromMs;
    p.rangeToMs = toMs;
    return p;
}

// The reference: every fill of the symbol read, lifecycles built from all of them.
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

void addSymbol(EngineJournal& journal, const QString& symbol)
{
    RunPlan plan;
    SymbolPlan s;
    s.symbol = symbol;
    plan.symbols.append(s);
    journal.recordPlan(kRun, plan, 1);
}

// What finishRun stores of a reconciliation, in one transaction.
void storeEnd(journal::Database& db, const RunReconciliation& r)
{
    journal::Transaction tx(db, journal::Transaction::Mode::Immediate);
    journal::RebuildCutStore cuts(db);
    for (const RangeCutUpdate& update : r.rangeCuts)
        cuts.setRangeCut(update.account, update.symbol, kTradeRulesRevision, update.cut);
    storeReconCache(db, r.cacheUpdates);
    tx.commit();
}

qint64 count(journal::Database& db, const char* sql)
{
    return journal::sqlOn(db).scalar(QString::fromUtf8(sql)).toLongLong();
}

// An income row as the exchange would send it, with `asset` (possibly empty).
Income incomeRow(const QString& symbol, const char* type, qint64 tranId, const char* amount,
                 qint64 time, const QString& asset)
{
    Income row = fbtest::makeIncome(symbol, type, tranId, amount, time);
    row.raw.replace(QByteArray("\"asset\":\"USDT\""),
                    QByteArray(QByteArray("\"asset\":\"") + asset.toUtf8() + QByteArray("\"")));
    row.asset = asset;
    return row;
}

class History
{
public:
    History(EngineJournal& journal, const fbtest::flat::Options& o)
        : m_journal(journal)
        , m_o(o)
        , m_gen(o)
    {}

    // One incremental sync's records; `drop` leaves out the income row with that trade id.
    void step(int fills, qint64 dropCommissionOf = 0)
    {
        const fbtest::flat::Step s = m_gen.next(fills);
        m_fills += s.fills;
        QVector<Income> income = s.funding;
        for (const Income& row : s.income) {
            if (!(dropCommissionOf && row.incomeType == QLatin1String("COMMISSION") &&
                  s.fills.size() > 3 && row.raw.contains(QByteArray::number(s.fills[3].id))))
                income.append(row);
        }
        journal::RunCounters counters;
        m_journal.commitIncomePage(kRun, income, m_o.account, std::nullopt, counters);
        m_journal.storePositions(m_o.account, m_gen.positionRows(m_offset));
        SymbolFetch f;
        f.symbol = m_o.symbol;
        f.ok = true;
        f.fills = s.fills;
        f.orders = s.orders;
        const BatchCommit result = m_journal.commitBatch(
            kRun, params(m_o.account, 1'700'000'000'000, 1'800'000'000'000), {f}, counters, 1);
        QCOMPARE(result.failed, m_failing ? 1 : 0);
    }
    // A record the journal cannot compute with came: every batch from now on fails the symbol.
    void addFailing(const Fill& fill)
    {
        m_failing = true;
        addToPosition(fill);
    }
    void addToPosition(const Fill& fill)
    {
        m_offset[fill.positionSide] += fill.signedQty();
        m_journal.storePositions(m_o.account, m_gen.positionRows(m_offset));
    }

    const QVector<Fill>& fills() const { return m_fills; }
    qint64 last() const { return m_gen.lastTimeMs(); }

private:
    EngineJournal& m_journal;
    fbtest::flat::Options m_o;
    fbtest::flat::Generator m_gen;
    QVector<Fill> m_fills;
    QMap<PositionSide, Decimal> m_offset;
    bool m_failing = false;
};

fbtest::flat::Options options(bool hedge, quint32 seed)
{
    fbtest::flat::Options o;
    o.hedge = hedge;
    o.seed = seed;
    o.tradeIncome = true;
    o.maxGapMs = 40'000; // about 180 fills an hour: a few hundred fills span several hours
    return o;
}

} // namespace

class TestReconcileCache : public QObject
{
    Q_OBJECT

private slots:
    void hourBounds()
    {
        QCOMPARE(reconHourFloor(7'200'000), qint64(7'200'000));
        QCOMPARE(reconHourFloor(7'199'999), qint64(3'600'000));
        QCOMPARE(reconHourFloor(-1), qint64(-3'600'000));
        QCOMPARE(reconHourCeil(3'600'001), qint64(7'200'000));
        QCOMPARE(reconHourCeil(3'600'000), qint64(3'600'000));
    }

    void sameReportAsTheWholeHistory_data()
    {
        QTest::addColumn<bool>("hedge");
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<QString>("event");
        QTest::newRow("one-way") << false << 1u << QString();
        QTest::newRow("hedge") << true << 2u << QString();
        QTest::newRow("an old fill changed") << false << 3u << QStringLiteral("changed-fill");
        QTest::newRow("hedge, an old fill changed") << true << 4u << QStringLiteral("changed-fill");
        QTest::newRow("an income row added to a kept hour")
            << false << 5u << QStringLiteral("income-into-kept-hour");
        QTest::newRow("funding rows added to a kept hour")
            << false << 6u << QStringLiteral("funding-into-kept-hour");
        QTest::newRow("a commission row missing")
            << false << 7u << QStringLiteral("commission-missing");
        QTest::newRow("a record it cannot compute with")
            << false << 8u << QStringLiteral("uncomputable");
    }

    void sameReportAsTheWholeHistory()
    {
        QFETCH(bool, hedge);
        QFETCH(quint32, seed);
        QFETCH(QString, event);
        const fbtest::flat::Options o = options(hedge, seed);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), {});
        journal.createRun(kRun, params(o.account, 1'700'000'000'000, 1'800'000'000'000), 1);
        addSymbol(journal, o.symbol);
        journal::Database& db = journal.database();
        History history(journal, o);
        history.step(1000);
        const qint64 first = history.fills().first().time;

        int cached = 0;
        int runs = 0;
        bool differencesFromCache = false;
        QString lastExpected;
        for (int k = 0; k < 14; ++k) {
            // The history grows between runs, as incremental syncs bring it (once without a
            // commission row the exchange never sent).
            history.step(20 + (k * 17) % 60,
                         k == 6 && event == QLatin1String("commission-missing") ? 1 : 0);
            const qint64 last = history.last();
            if (k == 6) {
                // Something changes inside the kept hours.
                // A fill the later ranges hold, in a kept hour.
                const Fill old = history.fills().at(history.fills().size() * 6 / 10);
                if (event == QLatin1String("changed-fill")) {
                    Fill changed = old;
                    changed.commission = old.commission + fbtest::dec("0.25");
                    const QByteArray key = QByteArrayLiteral("\"commission\":\"");
                    changed.raw.replace(
                        QByteArray(key + old.commission.toPlainString().toUtf8()),
                        QByteArray(key + changed.commission.toPlainString().toUtf8()));
                    QVERIFY(changed.raw != old.raw);
                    QCOMPARE(journal::RawStore(db).upsertFills({changed}).updated, qint64(1));
                } else if (event == QLatin1String("income-into-kept-hour")) {
                    journal::RawStore(db).upsertIncome(
                        {incomeRow(o.symbol, "COMMISSION", 77'000'001, "-0.5", old.time,
                                   QStringLiteral("USDT"))});
                } else if (event == QLatin1String("funding-into-kept-hour")) {
                    journal::RawStore(db).upsertIncome(
                        {incomeRow(o.symbol, "FUNDING_FEE", 77'000'002, "-1.25", old.time,
                                   QStringLiteral("USDT")),
                         incomeRow(o.symbol, "FUNDING_FEE", 77'000'003, "0.75", old.time + 1,
                                   QStringLiteral("BNB"))});
                } else if (event == QLatin1String("uncomputable")) {
                    const Fill bad = fbtest::makeFill(o.symbol, 6'000'000'000, "BUY",
                                                      "1.000000000000000000000000000001",
                                                      "0.000000000000000000000000000003", last + 1);
                    journal::RawStore(db).upsertFills({bad});
                    history.addFailing(bad);
                }
            }
            // Ranges starting mid-hour and moving forward; most end at the newest record
            // (a sync's range ends at the exchange's now), some earlier.
            const qint64 from = first + (last - first) * k / 30 + 1'234'567;
            const qint64 to = k % 4 == 3 ? (from + last) / 2 : last + 1;
            const RunParams p = params(o.account, from, to);
            const QString expected = referenceLines(db, p, o.symbol);
            const RunReconciliation actual = journal.reconcileRun(p, {o.symbol});
            QCOMPARE(linesOf(actual), expected);
            // A range ending before the last run's reconciliation cut reads from the range
            // cut (a sync's range ends at the exchange's now; the test's shorter ones check the
            // equality only).
            if (to == last + 1) {
                if (actual.fromCache.contains(o.symbol))
                    ++cached;
                ++runs;
            }
            if (actual.fromCache.contains(o.symbol) && !actual.report.allMatch())
                differencesFromCache = true;
            storeEnd(db, actual);
            lastExpected = expected;
        }
        const bool failing = event == QLatin1String("uncomputable");
        QCOMPARE(lastExpected.startsWith(QLatin1String("error")), failing);
        if (failing) {
            QVERIFY(cached <= 6); // before the record came
        } else {
            // Every run after the first can start from the kept hours, except right after a
            // change before them or a late fill that dropped the symbol's cut row (then once
            // from the range cut or the whole history).
            QVERIFY2(cached >= runs - 3,
                     qPrintable(QStringLiteral("%1 of %2").arg(cached).arg(runs)));
            QVERIFY(count(db, "SELECT COUNT(*) FROM recon_hours WHERE kind = ''") > 0);
        }
        // A difference shows from the kept hours as from the whole history.
        QCOMPARE(differencesFromCache, event == QLatin1String("commission-missing") ||
                                           event == QLatin1String("income-into-kept-hour") ||
                                           event == QLatin1String("changed-fill"));
    }

    // A write deletes exactly what it makes untrue.
    void triggersDeleteWhatAWriteMakesUntrue()
    {
        const fbtest::flat::Options o = options(false, 11);
        QTemporaryDir dir;
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), {});
        journal.createRun(kRun, params(o.account, 1'700'000'000'000, 1'800'000'000'000), 1);
        addSymbol(journal, o.symbol);
        journal::Database& db = journal.database();
        History history(journal, o);
        history.step(1200);
        const qint64 first = history.fills().first().time;
        const qint64 last = history.last();
        const RunReconciliation r =
            journal.reconcileRun(params(o.account, first, last + 1), {o.symbol});
        storeEnd(db, r);
        journal::ReconHourStore store(db);
        const qint64 h0 = reconHourCeil(first);
        const qint64 end = reconHourFloor(last + 2);
        const qsizetype hours = (end - h0) / kReconHourMs;
        QVERIFY(hours >= 3);
        QCOMPARE(store.hours(o.account, o.symbol, h0, end, kTradeRulesRevision).size(), hours);
        QVERIFY(journal::RebuildCutStore(db).reconCut(o.account, o.symbol, kTradeRulesRevision));
        QVERIFY(store.hours(o.account, o.symbol, h0, end, kTradeRulesRevision + 1).isEmpty());
        // An income row deletes its own hour only.
        const qint64 t = h0 + kReconHourMs + 5;
        journal::RawStore(db).upsertIncome(
            {incomeRow(o.symbol, "REALIZED_PNL", 88'000'001, "1", t, QStringLiteral("USDT"))});
        QVector<qint64> left;
        for (const HourSums& h : store.hours(o.account, o.symbol, h0, end, kTradeRulesRevision))
            left << h.hourMs;
        QVERIFY(!left.contains(h0 + kReconHourMs));
        QCOMPARE(left.size(), hours - 1);
        // Other income types leave the hours alone.
        journal::RawStore(db).upsertIncome(
            {incomeRow(o.symbol, "TRANSFER", 88'000'002, "1", h0 + 5, QStringLiteral("USDT"))});
        QCOMPARE(store.hours(o.account, o.symbol, h0, end, kTradeRulesRevision).size(), hours - 1);
        // A fill deletes its hour and every later one, and a reconciliation cut after it.
        Fill late = history.fills().first();
        late.id = 4'000'000'000;
        late.raw.replace(QByteArray::number(history.fills().first().id), "4000000000");
        late.time = h0 + 10;
        journal::RawStore(db).upsertFills({late});
        QVERIFY(store.hours(o.account, o.symbol, h0 + 1, end, kTradeRulesRevision).isEmpty());
        QVERIFY(!journal::RebuildCutStore(db).reconCut(o.account, o.symbol, kTradeRulesRevision));
    }

    // The hours are stored with the run's report or not at all.
    void storedWithTheReportOrNotAtAll()
    {
        const fbtest::flat::Options o = options(true, 12);
        QTemporaryDir dir;
        bool failCommit = false;
        EngineHooks hooks;
        hooks.beforeCommit = [&](int) {
            if (failCommit)
                throw journal::JournalError(journal::JournalError::Kind::Io,
                                            QStringLiteral("simulated I/O error"));
        };
        EngineJournal journal(dir.filePath(QStringLiteral("j.db")), hooks);
        journal.createRun(kRun, params(o.account, 1'700'000'000'000, 1'800'000'000'000), 1);
        addSymbol(journal, o.symbol);
        journal::Database& db = journal.database();
        History history(journal, o);
        history.step(500);
        const RunParams p =
            params(o.account, history.fills().first().time + 99, history.last() + 1);
        const RunReconciliation r = journal.reconcileRun(p, {o.symbol});
        QVERIFY(r.fromCache.isEmpty());
        QVERIFY(!r.cacheUpdates.isEmpty() && !r.cacheUpdates.first().hours.isEmpty());
        failCommit = true;
        QVERIFY_THROWS_EXCEPTION(journal::JournalError,
                                 journal.finishRun(kRun, RunStatus::Completed, RunSummary{}, {},
                                                   &r.report, {}, r.rangeCuts, r.cacheUpdates));
        failCommit = false;
        QCOMPARE(count(db, "SELECT COUNT(*) FROM recon_hours"), qint64(0));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM rebuild_cuts WHERE recon_cut_ms IS NOT NULL"),
                 qint64(0));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM runs WHERE reconciliation_json IS NOT NULL AND "
                           "reconciliation_json <> ''"),
                 qint64(0));
        const RunReconciliation again = journal.reconcileRun(p, {o.symbol});
        QVERIFY(again.fromCache.isEmpty());
        QCOMPARE(again.report, r.report);
        journal.finishRun(kRun, RunStatus::Completed, RunSummary{}, {}, &again.report, {},
                          again.rangeCuts, again.cacheUpdates);
        QVERIFY(count(db, "SELECT COUNT(*) FROM recon_hours") > 0);
        const RunReconciliation cached = journal.reconcileRun(p, {o.symbol});
        QCOMPARE(cached.fromCache, QStringList{o.symbol});
        QCOMPARE(cached.report, r.report);
        QCOMPARE(linesOf(cached), referenceLines(db, p, o.symbol));
    }
};

QTEST_GUILESS_MAIN(TestReconcileCache)
#include "test_reconcile_cache.moc"
