// Fees paid in BNB valued in the margin asset at the 1-minute close of BNB<MARGIN>
// (docs/design.md §2.5): a sync from the simulator values every such fee exactly at the price
// path the simulator serves; a pair without prices leaves the fee "not valued" and the trade
// flagged, and the next sync values it; a resumed run and a later sync fetch no cached minute.
#include "engine_test_util.h"

#include "models/domain/fee_valuation.h"
#include "sync/binance/klines.h"
#include "sync/journal/kline_store.h"
#include "sync/journal/trade_store.h"
#include "sync/simulator/market_prices.h"
#include "sync/simulator/server.h"

#include <QNetworkProxy>
#include <QUrlQuery>

#include <atomic>

using namespace fb;
using namespace fb::test;

namespace {

// What the test expects of a trade, computed from the simulator's price path alone.
struct Expected
{
    bool foreign = false;
    Decimal commissionValued;
    Decimal netPnlValued;
};

Expected expectedFor(const JournalTrade& t, quint64 seed)
{
    Expected e;
    e.commissionValued = t.commission.value(t.marginAsset);
    for (const TradeFillPart& part : t.fills) {
        if (part.commissionAsset == t.marginAsset || part.commission.isZero())
            continue;
        e.foreign = true;
        const qint64 minute = part.time - part.time % 60'000;
        const auto k = sim::simKline(seed, part.commissionAsset + t.marginAsset, minute);
        if (!k)
            qFatal("no simulated price for %s", qPrintable(part.commissionAsset));
        e.commissionValued = e.commissionValued + part.commission * k->close;
    }
    e.netPnlValued = t.realizedPnl + t.funding - e.commissionValued;
    return e;
}

QVector<JournalTrade> trades(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
    return journal::TradeStore(db).loadTrades();
}

qint64 cachedPrices(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
    return journal::KlineStore(db).count();
}

} // namespace

class TestFeeValuation : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    int m_dbs = 0;
    // Kline requests served: "PAIR startTime endTime".
    QStringList m_klineRequests;
    bool m_failKlines = false;      // answer every klines request with HTTP 500
    bool m_hangFirstKlines = false; // the first klines answer stops half-way, the connection open
    QElapsedTimer m_since;          // started by the test that reads m_firstKlineMs
    std::atomic<qint64> m_firstKlineMs{-1};

    sim::Simulator& simulator()
    {
        if (!m_sim.isRunning()) {
            if (!startAtClockBase(m_sim, smallAccount(m_clock), m_clock))
                qFatal("%s", qPrintable(m_sim.errorString()));
            m_sim->setResponseHook([this](const sim::HttpRequest& r, sim::HttpOutcome& out) {
                if (r.path != "/fapi/v1/klines")
                    return;
                qint64 unset = -1;
                const bool first = m_firstKlineMs.compare_exchange_strong(unset, m_since.elapsed());
                if (first && m_hangFirstKlines)
                    out.delivery = sim::Delivery::Hang;
                if (m_failKlines) {
                    out.response.status = 500;
                    out.response.body = R"({"code":-1000,"msg":"Request occur unknown error."})";
                }
                const QUrlQuery q(QString::fromUtf8(r.query));
                m_klineRequests << QStringLiteral("%1 %2 %3")
                                       .arg(q.queryItemValue(QStringLiteral("symbol")),
                                            q.queryItemValue(QStringLiteral("startTime")),
                                            q.queryItemValue(QStringLiteral("endTime")));
            });
        }
        return *m_sim;
    }

    QString newDb() { return m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_dbs)); }

    sync::RunSummary sync(const QString& db, int maxBatches = 0)
    {
        sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
        config.maxBatches = maxBatches;
        simulator().resetRateLimits();
        const sync::RunParams p = params(m_clock);
        return runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
    }

    sync::RunSummary resume(const QString& db, const QString& runId)
    {
        simulator().resetRateLimits();
        const sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
        return runEngine(config, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
    }

    // Every trade valued exactly as the simulator's prices say; returns how many had BNB fees.
    int checkAllValued(const QString& db)
    {
        int foreign = 0;
        const quint64 seed = simulator().config().seed;
        for (const JournalTrade& t : trades(db)) {
            const Expected e = expectedFor(t, seed);
            if (!e.foreign) {
                if (!t.valuation.parts.isEmpty())
                    qFatal("%s has valuation parts without a fee in another asset",
                           qPrintable(t.key));
                if (t.valuation.netPnlValued != t.netPnl)
                    qFatal("%s: valued net differs without foreign fees", qPrintable(t.key));
                continue;
            }
            ++foreign;
            if (t.valuation.notValuedCount() != 0 ||
                t.valuation.commissionValued.toString() != e.commissionValued.toString() ||
                t.valuation.netPnlValued.toString() != e.netPnlValued.toString())
                qFatal("%s: valued %s / %s, expected %s / %s", qPrintable(t.key),
                       qPrintable(t.valuation.commissionValued.toString()),
                       qPrintable(t.valuation.netPnlValued.toString()),
                       qPrintable(e.commissionValued.toString()),
                       qPrintable(e.netPnlValued.toString()));
        }
        return foreign;
    }

private slots:
    void initTestCase()
    {
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        simulator().setKlinePairs(sim::defaultKlinePairs());
        m_failKlines = false;
        m_hangFirstKlines = false;
        m_klineRequests.clear();
        m_since.start();
        m_firstKlineMs = -1;
    }

    void valuesBnbFeesAtTheOneMinuteClose()
    {
        const QString db = newDb();
        const sync::RunSummary summary = sync(db);
        QCOMPARE(summary.status, sync::RunStatus::Completed);
        const int foreign = checkAllValued(db);
        QVERIFY2(foreign > 0, "the account has no BNB fee");
        QVERIFY(!m_klineRequests.isEmpty());

        // One trade in full, exact: the first with a BNB fee.
        const quint64 seed = simulator().config().seed;
        for (const JournalTrade& t : trades(db)) {
            if (!expectedFor(t, seed).foreign)
                continue;
            const FeeValuationPart& p = t.valuation.parts.first();
            QCOMPARE(p.asset, QStringLiteral("BNB"));
            QCOMPARE(p.pair, QStringLiteral("BNB") + t.marginAsset);
            const auto k = sim::simKline(seed, p.pair, p.minute);
            QVERIFY(k);
            QCOMPARE(p.close->toString(), k->close.toString());
            QCOMPARE(p.value->toString(), (p.amount * k->close).toString());
            const QJsonObject o = t.toExportJson();
            QCOMPARE(o.value(QStringLiteral("netPnlValued")).toString(),
                     t.valuation.netPnlValued.toString());
            QCOMPARE(o.value(QStringLiteral("feesNotValued")).toBool(), false);
            QCOMPARE(o.value(QStringLiteral("netPnl")).toString(), t.netPnl.toString());
            qInfo("%s: realized %s, commission %s %s + %s BNB at %s, funding %s -> net %s, "
                  "valued %s",
                  qPrintable(t.key), qPrintable(t.realizedPnl.toString()),
                  qPrintable(t.commission.value(t.marginAsset).toString()),
                  qPrintable(t.marginAsset), qPrintable(p.amount.toString()),
                  qPrintable(p.close->toString()), qPrintable(t.funding.toString()),
                  qPrintable(t.netPnl.toString()), qPrintable(t.valuation.netPnlValued.toString()));
            break;
        }

        // A later sync: every minute is cached, no candle is asked for again.
        m_klineRequests.clear();
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        QCOMPARE(m_klineRequests, QStringList());
    }

    void withoutAPriceTheTradeIsFlaggedThenValuedNextSync()
    {
        simulator().setKlinePairs({}); // every klines request answers -1121
        // (a traded BNB pair too: its candles follow its fills unless it is candleless)
        simulator().setCandlelessSymbols(sim::defaultKlinePairs());
        const QString db = newDb();
        const sync::RunSummary first = sync(db);
        // The fills are committed; only the valuation waits.
        QCOMPARE(first.status, sync::RunStatus::Completed);
        QCOMPARE(cachedPrices(db), 0);
        int flagged = 0;
        for (const JournalTrade& t : trades(db)) {
            if (t.valuation.parts.isEmpty())
                continue;
            ++flagged;
            QCOMPARE(t.valuation.valuedCount(), 0);
            QCOMPARE(t.valuation.netPnlValued, t.netPnl);
            const FeeValuationPart& p = t.valuation.parts.first();
            QCOMPARE(notValuedText(p), QStringLiteral("%1 BNB not valued: no BNB%2 price")
                                           .arg(p.amount.toString(), t.marginAsset));
            const QJsonObject o = t.toExportJson();
            QCOMPARE(o.value(QStringLiteral("feesNotValued")).toBool(), true);
            QVERIFY(o.value(QStringLiteral("feeValuation"))
                        .toArray()
                        .at(0)
                        .toObject()
                        .value(QStringLiteral("close"))
                        .isNull());
        }
        QVERIFY(flagged > 0);

        simulator().setKlinePairs(sim::defaultKlinePairs());
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        QVERIFY(checkAllValued(db) > 0);
    }

    void aFailedFetchDoesNotFailTheSymbols()
    {
        m_failKlines = true; // HTTP 500 every time, retried, then given up
        const QString db = newDb();
        const sync::RunSummary summary = sync(db);
        QVERIFY2(summary.failedSymbols.isEmpty(),
                 qPrintable(summary.failedSymbols.join(QLatin1Char(',')) + summary.message));
        QCOMPARE(summary.status, sync::RunStatus::Completed);
        QVERIFY(!trades(db).isEmpty());
        QCOMPARE(cachedPrices(db), 0);
        // A pair that failed after its retries is not asked again in the run: at most one span
        // per request slot was in flight when the first failed (its attempts all alike), not
        // every span of every batch (12 spans of BNBUSDC without that rule).
        QMap<QString, QSet<QString>> spans; // pair -> "start end" requested
        for (const QString& r : std::as_const(m_klineRequests)) {
            const QStringList f = r.split(QLatin1Char(' '));
            spans[f.at(0)].insert(f.at(1) + QLatin1Char(' ') + f.at(2));
        }
        QVERIFY(!spans.isEmpty());
        for (auto it = spans.cbegin(); it != spans.cend(); ++it)
            QVERIFY2(it.value().size() <= sync::EngineConfig().client.maxConcurrentRequests,
                     qPrintable(it.key() + QStringLiteral(": %1 spans").arg(it.value().size())));
        m_failKlines = false;
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        QVERIFY(checkAllValued(db) > 0);
    }

    // The first klines request hangs until its 2 s timeout. Batches never wait for prices
    // (D65): trades are inserted while it hangs, the run completes with the fees it was for
    // "not valued", and the next sync values every one of them.
    void hungPricesNeverHoldABatch()
    {
        m_hangFirstKlines = true;
        const QString db = newDb();
        sync::EngineConfig config = engineConfig(db, simulator(), m_clock);
        config.client.requestTimeoutMs = 2'000;
        config.client.minRequestTimeoutMs = 2'000;
        config.client.retry.maxAttempts = 1;
        // Batches committed one by one, as at the rate limit's speed: the point is that the
        // batches after the hung price request still commit (grouped, D175, they would be one).
        config.commitGroupMs = 0;
        simulator().resetRateLimits();
        const sync::RunParams p = params(m_clock);
        QVector<qint64> insertedAtMs; // when each commit that inserted trades happened
        const sync::RunSummary summary = runEngine(
            config, [p](sync::SyncEngine& e) { e.startRun(p); },
            [&](sync::SyncEngine& e) {
                QObject::connect(&e, &sync::SyncEngine::batchCommitted, &e,
                                 [&](const QStringList& inserted, const QStringList&) {
                                     if (!inserted.isEmpty())
                                         insertedAtMs << m_since.elapsed();
                                 });
            });
        QCOMPARE(summary.status, sync::RunStatus::Completed);
        const qint64 firstKline = m_firstKlineMs;
        QVERIFY2(firstKline >= 0, "no price was asked for");
        const auto duringTheHang =
            std::count_if(insertedAtMs.cbegin(), insertedAtMs.cend(),
                          [&](qint64 t) { return t > firstKline && t < firstKline + 2'000; });
        QVERIFY2(duringTheHang > 0,
                 qPrintable(QStringLiteral("first price request at %1 ms, trades inserted at %2")
                                .arg(firstKline)
                                .arg([&] {
                                    QStringList l;
                                    for (qint64 t : insertedAtMs)
                                        l << QString::number(t);
                                    return l.join(QLatin1Char(','));
                                }())));
        int flagged = 0;
        for (const JournalTrade& t : trades(db))
            flagged += t.valuation.notValuedCount() > 0 ? 1 : 0;
        QVERIFY(flagged > 0);

        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        QVERIFY(checkAllValued(db) > 0);
    }

    void aResumedRunFetchesNoCachedMinute()
    {
        const QString db = newDb();
        const sync::RunSummary paused = sync(db, 1); // one batch, then paused
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        const qint64 cachedAfterFirst = cachedPrices(db);
        QVERIFY(cachedAfterFirst > 0);
        QSet<QString> cached;
        {
            journal::Database jdb(db, {journal::OpenMode::ReadOnly, QStringLiteral("t"), false});
            for (const JournalTrade& t : journal::TradeStore(jdb).loadTrades()) {
                for (const FeeValuationPart& p : t.valuation.parts)
                    cached.insert(journal::KlineStore::cacheKey(p.pair, p.minute));
            }
        }
        m_klineRequests.clear();
        QCOMPARE(resume(db, paused.runId).status, sync::RunStatus::Completed);
        // Every request of the resume asks for at least one minute not cached before it.
        for (const QString& request : std::as_const(m_klineRequests)) {
            const QStringList f = request.split(QLatin1Char(' '));
            const qint64 from = f.at(1).toLongLong();
            const qint64 to = f.at(2).toLongLong();
            bool allCached = true;
            for (qint64 m = from; m <= to && allCached; m += 60'000)
                allCached = cached.contains(journal::KlineStore::cacheKey(f.at(0), m));
            QVERIFY2(!allCached, qPrintable(request));
        }
        QVERIFY(cachedPrices(db) > cachedAfterFirst);
        QVERIFY(checkAllValued(db) > 0);
    }
};

QTEST_GUILESS_MAIN(TestFeeValuation)
#include "test_fee_valuation.moc"
