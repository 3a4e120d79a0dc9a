// Issue 12: income's maximum startTime..endTime span is undocumented (API sheet §5.3), so the
// engine asks for one 92-day window and, if the exchange refuses it as too long (-1127), walks
// the rest of the run's income in 30-day windows (docs/design.md D94). Against the real
// simulator over loopback, with its `income-max-days` fault:
// - 30 days allowed: the run completes with exactly the journal of a run without the limit, the
//   exchange refused one request, and the run says so once;
// - 20 days allowed (30-day windows refused too): the run pauses on the error, after one
//   fallback, instead of narrowing forever.
// Without the fault the weight is test_sync_weight's, unchanged.
#include "engine_test_util.h"

#include "sync/binance/income_pager.h"
#include "sync/engine/sync_worker.h"

#include <algorithm>

using namespace fb;
using namespace fb::test;

namespace {

qint64 endpointField(const QJsonObject& stats, const char* part, const char* field)
{
    qint64 total = 0;
    const QJsonObject endpoints = stats.value(QLatin1String("endpoints")).toObject();
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        if (it.key().contains(QLatin1String(part)))
            total += it.value().toObject().value(QLatin1String(field)).toInteger();
    }
    return total;
}

qint64 faultCount(const QJsonObject& stats, const char* name)
{
    return stats.value(QLatin1String("faults")).toObject().value(QLatin1String(name)).toInteger();
}

int fallbackWarnings(const sync::RunSummary& summary)
{
    int n = 0;
    for (const QString& w : summary.warnings)
        n += w.contains(QLatin1String("30-day windows")) ? 1 : 0;
    return n;
}

} // namespace

class TestIncomeWindow : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    QTemporaryDir m_dir;
    fbtest::SimulatedExchange m_sim;
    int m_dbs = 0;

    struct Outcome
    {
        sync::RunSummary summary;
        QString db;
        QJsonObject stats;
    };

    Outcome run(const QString& faults)
    {
        Outcome o;
        o.db = m_dir.filePath(QStringLiteral("i%1.db").arg(m_dbs++));
        QString error;
        if (!m_sim->setFaults(faults, &error))
            qFatal("%s", qPrintable(error));
        m_sim->resetRateLimits();
        m_sim->resetStats();
        const sync::RunParams p = params(m_clock, 90, 4);
        o.summary = runEngine(engineConfig(o.db, *m_sim, m_clock),
                              [p](sync::SyncEngine& e) { e.startRun(p); });
        o.stats = m_sim->stats();
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        sim::SimulatorConfig c = fbtest::simAccount(3, 8, 2000, 89);
        c.weightLimit = fbtest::kAmpleWeightLimit;
        QVERIFY2(startAtClockBase(m_sim, c, m_clock), qPrintable(m_sim.errorString()));
    }

    // The pager narrows from where it stands: same startTime, the boundary millisecond's rows
    // already returned are not returned again, nothing is skipped.
    void pagerNarrowsWhereItStands()
    {
        const QString c = QStringLiteral("COMMISSION"), f = QStringLiteral("FUNDING_FEE");
        QList<Income> all;
        for (qint64 i = 0; i < 40; ++i) {
            Income row;
            row.time = 10 + i * 2 - (i % 3 == 1 ? 2 : 0); // some rows share a millisecond
            row.incomeType = i % 2 ? c : f;
            row.tranId = 100 + i;
            all.append(row);
        }
        std::stable_sort(all.begin(), all.end(),
                         [](const Income& a, const Income& b) { return a.time < b.time; });
        auto serve = [&](const binance::Request& r) {
            QList<Income> page;
            const qint64 from = r.param(QStringLiteral("startTime")).toLongLong();
            const qint64 to = r.param(QStringLiteral("endTime")).toLongLong();
            for (const Income& row : all) {
                if (row.time >= from && row.time <= to &&
                    page.size() < r.param(QStringLiteral("limit")).toInt())
                    page.append(row);
            }
            return page;
        };
        binance::IncomePager pager(0, 199, -1, 5, 200);
        QList<Income> stored = pager.accept(serve(*pager.next()));
        const qint64 position = pager.next()->param(QStringLiteral("startTime")).toLongLong();
        QVERIFY(pager.narrowWindow(30));
        QCOMPARE(pager.next()->param(QStringLiteral("startTime")).toLongLong(), position);
        QCOMPARE(pager.next()->param(QStringLiteral("endTime")).toLongLong(), position + 29);
        QVERIFY(!pager.narrowWindow(30)); // already that short: a refusal now is an error
        int requests = 0;
        while (auto r = pager.next()) {
            QVERIFY(++requests < 1000);
            stored += pager.accept(serve(*r));
        }
        QCOMPARE(pager.coveredThrough(), qint64(199));
        QStringList expected, got;
        for (const Income& row : all)
            expected << QString::number(row.tranId);
        for (const Income& row : stored)
            got << QString::number(row.tranId);
        got.sort();
        expected.sort();
        QCOMPARE(got, expected); // every row once
    }

    void refusedWindowFallsBackToThirtyDays()
    {
        const Outcome clean = run(QString());
        QCOMPARE(clean.summary.status, sync::RunStatus::Completed);
        QCOMPARE(fallbackWarnings(clean.summary), 0);
        QCOMPARE(faultCount(clean.stats, "income-max-days"), 0);

        const Outcome limited = run(QStringLiteral("income-max-days=30"));
        QCOMPARE(limited.summary.status, sync::RunStatus::Completed);
        QCOMPARE(faultCount(limited.stats, "income-max-days"), 1); // refused once, never again
        QCOMPARE(fallbackWarnings(limited.summary), 1);
        QString diff;
        QVERIFY2(sameJournal(dumpJournal(clean.db), dumpJournal(limited.db), &diff),
                 qPrintable(diff));
        // The 90-day range (90 d + 1 ms) in 30-day windows is four windows, each ending in a
        // short page, plus the refused request: more income requests than one 92-day walk.
        const qint64 cleanIncome = endpointField(clean.stats, "income", "requests");
        const qint64 limitedIncome = endpointField(limited.stats, "income", "requests");
        qInfo("income requests: %lld in one window, %lld after the fallback", cleanIncome,
              limitedIncome);
        QVERIFY(limitedIncome > cleanIncome);
        QVERIFY(limitedIncome <= cleanIncome + 1 + 4);
    }

    // Thirty days refused too: that is an error like any other rejected request (the run
    // pauses with the income ledger's error, everything committed kept), not a loop.
    void refusedFallbackPausesTheRun()
    {
        const Outcome o = run(QStringLiteral("income-max-days=20"));
        QCOMPARE(o.summary.status, sync::RunStatus::Paused);
        QCOMPARE(o.summary.exitCode, sync::exit_code::Paused);
        QVERIFY2(o.summary.message.contains(QLatin1String("income ledger")),
                 qPrintable(o.summary.message));
        QCOMPARE(faultCount(o.stats, "income-max-days"), 2);
        QCOMPARE(fallbackWarnings(o.summary), 1);
    }
};

QTEST_GUILESS_MAIN(TestIncomeWindow)
#include "test_income_window.moc"
