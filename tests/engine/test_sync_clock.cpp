// A computer clock that is off (issue 10, defect 2). Every range end, coverage bound and "now"
// compared with exchange timestamps is exchange time (local clock + the offset measured before
// the range is fixed), and coverage is re-read a margin behind its end. On main, a clock 7 h
// ahead fixed the range end and coverage 7 h in the exchange's future, and an incremental sync
// days later skipped every row of that gap; a clock behind left the last hours for later.
//
// The simulator serves the exchange's time (the test clock); the engine reads a local clock
// injected hours ahead of it or behind it. The machine's clock is never touched.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/run_store.h"

using namespace fb;
using namespace fb::test;

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;

// The raw facts of a journal: fills and income rows (with their versions), nothing derived and
// no bookkeeping, so journals synced at different moments compare equal when they hold the same
// records.
QStringList rawRows(const QString& db)
{
    QStringList rows;
    for (const QString& row : dumpJournal(db)) {
        if (row.startsWith(QLatin1String("fill|")) || row.startsWith(QLatin1String("income|")))
            rows << row;
    }
    return rows;
}

journal::RunRecord storedRun(const QString& db, const QString& runId)
{
    journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
    const auto run = journal::RunStore(j).run(runId);
    if (!run)
        qFatal("run %s is not in %s", qPrintable(runId), qPrintable(db));
    return *run;
}

} // namespace

class TestSyncClock : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_dbCounter = 0;
    TestClock m_clock; // the exchange's clock
    fbtest::SimulatedExchange m_sim;
    qint64 m_rangeStart = 0; // a fixed start, so that every journal asks for the same history

    QString newDb() { return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_dbCounter)); }

    // One sync "up to now" by a computer whose clock is `skewMs` ahead of the exchange's.
    sync::RunSummary syncWithClock(const QString& db, qint64 skewMs,
                                   QVector<sync::ProgressSnapshot>* progress = nullptr)
    {
        m_sim->resetRateLimits();
        sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        const std::function<qint64()> exchange = m_clock.fn();
        config.client.clock = [exchange, skewMs] { return exchange() + skewMs; };
        sync::RunParams p;
        p.account = QStringLiteral("main");
        p.rangeFromMs = m_rangeStart;
        p.rangeToMs = config.client.clock(); // what a front end passes: its own clock
        p.rangeEndsNow = true;
        p.rangeLabel = QStringLiteral("since the start");
        p.batchSize = 2;
        return runEngine(
            config, [p](sync::SyncEngine& e) { e.startRun(p); },
            [progress](sync::SyncEngine& e) {
                if (progress)
                    QObject::connect(
                        &e, &sync::SyncEngine::progress, &e,
                        [progress](const sync::ProgressSnapshot& s) { progress->append(s); });
            });
    }

    // A symbol with an open position (funding is charged only to open positions).
    QString openSymbol() const { return m_sim->account().positions().first().symbol; }

    // New activity on the exchange at exchange time `at`: a funding row and a fill (with its
    // commission row) of the open symbol.
    void tradeAt(qint64 at)
    {
        const QString symbol = openSymbol();
        QVERIFY(m_sim->account().addFunding(symbol, at, *Decimal::parse(QStringLiteral("0.0001"))));
        const Fill last = m_sim->account().fills(symbol).last();
        sim::TradeRequest t;
        t.symbol = symbol;
        t.side = Side::Buy;
        t.qty = last.qty;
        t.price = last.price;
        t.time = at + 1;
        m_sim->account().trade(t);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock, 11), m_clock),
                 qPrintable(m_sim.errorString()));
        m_rangeStart = m_clock.base - 30 * kDayMs;
        QVERIFY(!m_sim->account().positions().isEmpty());
    }

    void twoSyncsWithAClockOffMatchOneSyncWithTheRightClock_data()
    {
        QTest::addColumn<qint64>("skewMs");
        QTest::newRow("7 h ahead (dual boot in UTC+7)") << 7 * kHourMs;
        QTest::newRow("7 h behind") << -7 * kHourMs;
    }

    void twoSyncsWithAClockOffMatchOneSyncWithTheRightClock()
    {
        QFETCH(qint64, skewMs);
        const QString skewed = newDb();
        QVector<sync::ProgressSnapshot> progress;
        const qint64 before = m_clock.fn()();
        const sync::RunSummary first = syncWithClock(skewed, skewMs, &progress);
        const qint64 after = m_clock.fn()();
        QCOMPARE(first.status, sync::RunStatus::Completed);
        // The range end is the exchange's now, measured before the range was fixed and stored.
        const journal::RunRecord run = storedRun(skewed, first.runId);
        QVERIFY2(run.rangeTo && *run.rangeTo >= before && *run.rangeTo <= after,
                 qPrintable(QStringLiteral("range end %1 is not in [%2, %3]")
                                .arg(run.rangeTo.value_or(0))
                                .arg(before)
                                .arg(after)));
        QCOMPARE(run.rangeFrom, std::optional(m_rangeStart));
        // The measured offset (exchange minus local) is the skew, to the loopback's round trip;
        // the progress and the report both carry it, and it is worth a warning.
        QVERIFY(first.clockOffsetMs);
        QVERIFY2(qAbs(*first.clockOffsetMs + skewMs) < 1000,
                 qPrintable(QString::number(*first.clockOffsetMs)));
        QVERIFY(sync::clockIsOff(first.clockOffsetMs));
        QVERIFY(first.toJson().value(QStringLiteral("clockWarning")).toBool());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().clockOffsetMs, first.clockOffsetMs);
        QVERIFY(progress.last().toJson().value(QStringLiteral("clockWarning")).toBool());

        // Three hours later on the exchange, inside the 7 h a clock ahead would have claimed:
        // funding, a fill and its commission.
        const qint64 t0 = m_clock.fn()();
        tradeAt(t0 + kHourMs);
        tradeAt(t0 + 2 * kHourMs);
        m_clock.advance(3 * kHourMs);
        const sync::RunSummary second = syncWithClock(skewed, skewMs);
        QCOMPARE(second.status, sync::RunStatus::Completed);

        // The same history synced once, at the end, by a computer with the right clock.
        const QString reference = newDb();
        const sync::RunSummary single = syncWithClock(reference, 0);
        QCOMPARE(single.status, sync::RunStatus::Completed);
        QVERIFY(!sync::clockIsOff(single.clockOffsetMs));

        const QStringList expected = rawRows(reference);
        const QStringList actual = rawRows(skewed);
        QVERIFY(expected.size() > 100);
        QString diff;
        QVERIFY2(sameJournal(expected, actual, &diff), qPrintable(diff));
    }

    // A row the exchange shows late, stamped a little before the end of the coverage a sync
    // already recorded, is read by the next sync: coverage is re-read a margin behind its end.
    void theNextSyncRereadsTheEndOfTheCoverage()
    {
        const QString db = newDb();
        QCOMPARE(syncWithClock(db, 0).status, sync::RunStatus::Completed);
        const qint64 covered = m_clock.fn()();
        const qint64 rowsBefore = rawRows(db).size();
        // Visible only now, but stamped a minute inside what the first sync covered.
        QVERIFY(m_sim->account().addFunding(openSymbol(), covered - 60'000,
                                            *Decimal::parse(QStringLiteral("0.0002"))));
        m_clock.advance(10 * 60'000);
        QCOMPARE(syncWithClock(db, 0).status, sync::RunStatus::Completed);
        QCOMPARE(rawRows(db).size(), rowsBefore + 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncClock)
#include "test_sync_clock.moc"
