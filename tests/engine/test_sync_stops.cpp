// R multiples end to end (docs/design.md D103, D108): the simulator serves the trader's
// protective stops from the Algo Service consistently with its fills; a sync stores them
// verbatim by algoId, links the triggered ones to the orders they became, and each trade's
// initial risk and R equal a computation written here from the simulator's own records. A run
// interrupted after any commit and resumed ends with the same algo layer and trades.
#include "engine_test_util.h"

#include "sync/journal/raw_store.h"
#include "sync/journal/trade_store.h"
#include "sync/simulator/jsonwriter.h"

#include <algorithm>
#include <limits>

using namespace fb;
using namespace fb::test;

namespace {

constexpr qint64 kDay = 86'400'000;

// What allAlgoOrders still serves at `now` (API sheet §5.5's purge rule, read from the sheet).
bool served(const AlgoOrder& o, qint64 now)
{
    if (o.createTime < now - 90 * kDay)
        return false;
    const bool cancelled =
        o.algoStatus == QLatin1String("CANCELED") || o.algoStatus == QLatin1String("EXPIRED");
    return !(cancelled && o.createTime < now - 3 * kDay);
}

// The first stop of the simulator's list that protects `t` (the generator places stops only
// after the opening fill and never two at once), and the risk it means.
std::optional<Decimal> expectedRisk(const JournalTrade& t, const QVector<AlgoOrder>& algos,
                                    qint64 now, qint64* stopId)
{
    if (t.hasFlag(FlagIncompleteStart))
        return std::nullopt;
    const Side closing = t.direction == Direction::Long ? Side::Sell : Side::Buy;
    const qint64 close = t.closeTime.value_or(std::numeric_limits<qint64>::max());
    const AlgoOrder* first = nullptr;
    for (const AlgoOrder& a : algos) {
        if (!served(a, now) || a.positionSide != t.positionSide || a.side != closing ||
            a.createTime < t.openTime || a.createTime >= close)
            continue;
        qint64 end = std::numeric_limits<qint64>::max();
        if (a.algoStatus == QLatin1String("FINISHED"))
            end = a.triggerTime;
        else if (a.algoStatus != QLatin1String("NEW"))
            end = a.updateTime;
        if (end <= a.createTime)
            continue;
        if (!first || a.createTime < first->createTime)
            first = &a;
    }
    if (!first)
        return std::nullopt;
    Decimal qty;
    Decimal cost;
    Decimal entered;
    for (const TradeFillPart& p : t.fills) {
        if (p.time > first->createTime)
            continue;
        qty += p.increasesPosition ? p.qty : -p.qty;
        if (p.increasesPosition) {
            cost += p.price * p.qty;
            entered += p.qty;
        }
    }
    if (!qty.isPositive())
        return std::nullopt;
    const Decimal entry = cost.divide(entered, 8);
    const Decimal protectedQty =
        first->closePosition ? qty : (first->quantity < qty ? first->quantity : qty);
    *stopId = first->algoId;
    return ((entry - first->triggerPrice).abs() * protectedQty).normalized();
}

} // namespace

class TestSyncStops : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    QString m_reference;
    int m_dbCounter = 0;

    QString newDb() { return m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_dbCounter)); }

    sync::EngineConfig config(const QString& db)
    {
        m_sim->resetRateLimits();
        return engineConfig(db, *m_sim, m_clock);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(startAtClockBase(m_sim, smallAccount(m_clock), m_clock));
        QVERIFY(m_sim->account().algoOrderCount() > 50);
        m_reference = newDb();
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s =
            runEngine(config(m_reference), [p](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(s.status, sync::RunStatus::Completed);
    }

    void algoOrdersAreStoredVerbatimAndLinked()
    {
        journal::Database db(m_reference);
        journal::RawStore raw(db);
        const qint64 now = m_clock.base;
        int stored = 0;
        int linked = 0;
        for (const QString& symbol : raw.knownSymbols(QStringLiteral("main"))) {
            if (m_sim->account().fills(symbol).isEmpty())
                continue;
            QVector<qint64> expected;
            for (const AlgoOrder& a : m_sim->account().algoOrders(symbol)) {
                if (served(a, now))
                    expected.append(a.algoId);
            }
            QVector<qint64> got;
            for (const AlgoOrder& a : raw.algoOrders(QStringLiteral("main"), symbol)) {
                got.append(a.algoId);
                QCOMPARE(QString::fromUtf8(a.raw), QString::fromUtf8(sim::compactJson(a.toJson())));
                if (const auto orderId = a.actualOrderIdValue()) {
                    // A triggered stop became an order the journal holds, with its fills.
                    QVERIFY(raw.order(QStringLiteral("main"), symbol, *orderId));
                    ++linked;
                }
            }
            QCOMPARE(got, expected);
            stored += got.size();
        }
        QVERIFY2(stored > 30, qPrintable(QString::number(stored)));
        QVERIFY2(linked > 3, qPrintable(QString::number(linked)));
    }

    void riskAndREqualTheSimulatorsStops()
    {
        journal::Database db(m_reference);
        int withStop = 0;
        int withoutStop = 0;
        for (const JournalTrade& t : journal::TradeStore(db).loadTrades()) {
            qint64 stopId = 0;
            const std::optional<Decimal> risk =
                expectedRisk(t, m_sim->account().algoOrders(t.symbol), m_clock.base, &stopId);
            QCOMPARE(t.initialRisk.has_value(), risk.has_value());
            if (!risk) {
                ++withoutStop;
                QVERIFY(t.toExportJson().value(QStringLiteral("rMultiple")).isNull());
                continue;
            }
            ++withStop;
            QCOMPARE(t.initialRisk->risk.toString(), risk->toString());
            QCOMPARE(t.initialRisk->stopId, stopId);
            const QJsonObject json = t.toExportJson();
            QCOMPARE(json.value(QStringLiteral("initialRisk")).toString(), risk->toString());
            if (t.status == TradeStatus::Closed && risk->isPositive()) {
                const Decimal net = t.valuation.computed ? t.valuation.netPnlValued : t.netPnl;
                QCOMPARE(json.value(QStringLiteral("rMultiple")).toString(),
                         net.divide(*risk, 4).normalized().toString());
            }
        }
        QVERIFY2(withStop > 20 && withoutStop > 5,
                 qPrintable(QStringLiteral("%1 with, %2 without").arg(withStop).arg(withoutStop)));
    }

    void interruptedAndResumedKeepsTheAlgoLayer()
    {
        const QStringList reference = dumpJournal(m_reference);
        QVERIFY(std::any_of(reference.cbegin(), reference.cend(), [](const QString& row) {
            return row.startsWith(QLatin1String("algo|"));
        }));
        for (int n = 1;; n += 2) {
            const QString db = newDb();
            sync::EngineConfig c = config(db);
            sync::SyncEngine* engine = nullptr;
            c.hooks.afterCommit = [&engine, n](int commit) {
                if (commit == n)
                    engine->interrupt();
            };
            const sync::RunParams p = params(m_clock);
            const sync::RunSummary first = runEngine(c, [&engine, p](sync::SyncEngine& e) {
                engine = &e;
                e.startRun(p);
            });
            QString diff;
            if (first.status == sync::RunStatus::Completed) {
                QVERIFY2(sameJournal(reference, dumpJournal(db), &diff), qPrintable(diff));
                break;
            }
            QCOMPARE(first.status, sync::RunStatus::Interrupted);
            const QString runId = first.runId;
            const sync::RunSummary resumed =
                runEngine(config(db), [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
            QCOMPARE(resumed.status, sync::RunStatus::Completed);
            QVERIFY2(sameJournal(reference, dumpJournal(db), &diff),
                     qPrintable(QStringLiteral("after commit %1: %2").arg(n).arg(diff)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncStops)
#include "test_sync_stops.moc"
