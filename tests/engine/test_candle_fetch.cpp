// The candle fetch phase (docs/design.md D114) against fillbook-sim over loopback: a
// fetch interrupted (a sync starting, then a request limit) and resumed ends with the same cache
// as one that ran through, and a further fetch asks for nothing; every fill price of a closed
// trade lies within its minute's cached candle (the simulator's candles follow its fills); a
// delisted symbol gets the exchange's reason and no excursion, the others get theirs.
#include "engine_test_util.h"

#include "sync/engine/candle_fetch.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/trade_store.h"
#include "sync/simulator/server.h"

#include <QNetworkProxy>
#include <QUrlQuery>

using namespace fb;
using namespace fb::test;

namespace {

constexpr qint64 kMinute = 60'000;

QStringList candleRows(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
    QSqlQuery q = journal::sqlOn(db).run(
        QStringLiteral("SELECT symbol, open_time, open, high, low, close FROM candles "
                       "ORDER BY symbol, open_time"));
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < 6; ++i)
            cells << q.value(i).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

// key -> "mae mfe maeR mfeR" or "unavailable: reason" or "pending", for every closed trade.
QMap<QString, QString> excursions(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
    const QVector<JournalTrade> trades = journal::TradeStore(db).loadTrades();
    const QVector<TradeExcursion> all = journal::loadExcursions(db, trades);
    QMap<QString, QString> out;
    for (qsizetype i = 0; i < trades.size(); ++i) {
        // Open trades, and trades whose history starts mid-position without an entry fill,
        // have no excursion by the rule (D112).
        if (trades[i].status != TradeStatus::Closed || !trades[i].avgEntryPrice)
            continue;
        const JournalTrade& t = trades[i];
        const TradeExcursion& e = all[i];
        if (e.candlesUnavailable)
            out.insert(t.key, QStringLiteral("unavailable: ") + *e.candlesUnavailable);
        else if (!e.excursion)
            out.insert(t.key, QStringLiteral("pending"));
        else
            out.insert(
                t.key,
                QStringList{e.excursion->mae.toString(), e.excursion->mfe.toString(),
                            e.excursion->maeR ? e.excursion->maeR->toString() : QStringLiteral("-"),
                            e.excursion->mfeR ? e.excursion->mfeR->toString() : QStringLiteral("-")}
                    .join(QLatin1Char(' ')));
    }
    return out;
}

} // namespace

class TestCandleFetch : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    int m_dbs = 0;
    QStringList m_requests;  // "SYMBOL startTime endTime limit"
    int m_hangKlinesAt = -1; // the klines request (0-based, counted by m_requests) left hanging

    QString syncedJournal()
    {
        const QString path = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_dbs));
        m_sim->resetRateLimits();
        const sync::EngineConfig config = engineConfig(path, *m_sim, m_clock);
        const sync::RunParams p = params(m_clock);
        const sync::RunSummary s = runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
        if (s.status != sync::RunStatus::Completed)
            qFatal("the sync did not complete");
        return path;
    }

    sync::CandleFetchSummary fetch(const QString& path, sync::CandleFetchOptions options = {},
                                   qint64 timeoutMs = 0)
    {
        // The default share (25 %) holds a fetch of this account for a minute of real time once
        // it has used 600 weight; the test is about what is stored, not the pace.
        options.sharePercent = 90;
        journal::Database db(path, {journal::OpenMode::ReadWrite, QStringLiteral("test"), true});
        binance::ClientConfig clientConfig = engineConfig(path, *m_sim, m_clock).client;
        if (timeoutMs > 0) {
            clientConfig.requestTimeoutMs = timeoutMs;
            clientConfig.minRequestTimeoutMs = timeoutMs;
            clientConfig.lowestRequestTimeoutMs = timeoutMs;
        }
        binance::BinanceClient client(clientConfig);
        sync::CandleFetcher fetcher(client, db);
        std::optional<sync::CandleFetchSummary> summary;
        fetcher.start(options, [&](const sync::CandleFetchSummary& s) { summary = s; });
        if (!QTest::qWaitFor([&] { return summary.has_value(); }, 60'000))
            qFatal("the candle fetch did not end");
        return *summary;
    }

private slots:
    void initTestCase()
    {
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_dir.isValid());
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock), m_clock),
                 qPrintable(m_sim.errorString()));
        m_sim->setResponseHook([this](const sim::HttpRequest& r, sim::HttpOutcome& outcome) {
            if (r.path != "/fapi/v1/klines")
                return;
            if (m_requests.size() == m_hangKlinesAt)
                outcome.delivery = sim::Delivery::Hang;
            const QUrlQuery q(QString::fromUtf8(r.query));
            m_requests << QStringLiteral("%1 %2 %3 %4")
                              .arg(q.queryItemValue(QStringLiteral("symbol")),
                                   q.queryItemValue(QStringLiteral("startTime")),
                                   q.queryItemValue(QStringLiteral("endTime")),
                                   q.queryItemValue(QStringLiteral("limit")));
        });
    }

    void interruptedAndResumedEndsInTheSameCache()
    {
        const QString through = syncedJournal();
        const QString interrupted = syncedJournal();

        m_requests.clear();
        const sync::CandleFetchSummary all = fetch(through);
        QCOMPARE(all.end, sync::CandleFetchEnd::Done);
        QVERIFY(all.requests > 5);
        QCOMPARE(all.requests, all.plannedRequests);
        QCOMPARE(qsizetype(all.requests), m_requests.size());
        QVERIFY(all.candlesStored > 0);
        QCOMPARE(qsizetype(all.candlesStored), candleRows(through).size());

        // A sync starts after two answers: the fetch stops, resumable.
        int asked = 0;
        sync::CandleFetchOptions yielding;
        yielding.shouldYield = [&asked] { return ++asked > 2; };
        const sync::CandleFetchSummary first = fetch(interrupted, yielding);
        QCOMPARE(first.end, sync::CandleFetchEnd::Yielded);
        QCOMPARE(first.requests, 2);
        // Then a request limit (the CLI's --max-requests).
        sync::CandleFetchOptions limited;
        limited.maxRequests = 3;
        const sync::CandleFetchSummary second = fetch(interrupted, limited);
        QCOMPARE(second.end, sync::CandleFetchEnd::Stopped);
        QCOMPARE(second.requests, 3);
        QVERIFY(second.plannedRequests < all.plannedRequests);
        const sync::CandleFetchSummary third = fetch(interrupted);
        QCOMPARE(third.end, sync::CandleFetchEnd::Done);
        QCOMPARE(first.candlesStored + second.candlesStored + third.candlesStored,
                 all.candlesStored);

        QCOMPARE(candleRows(interrupted), candleRows(through));
        const auto expected = excursions(through);
        QCOMPARE(excursions(interrupted), expected);
        QVERIFY(!expected.isEmpty());
        for (const QString& e : expected)
            QVERIFY2(e != QLatin1String("pending") && !e.startsWith(QLatin1String("unav")),
                     qPrintable(e));

        // What is cached is never asked for again.
        m_requests.clear();
        const sync::CandleFetchSummary again = fetch(interrupted);
        QCOMPARE(again.end, sync::CandleFetchEnd::Done);
        QCOMPARE(again.plannedRequests, 0);
        QCOMPARE(m_requests, QStringList());
    }

    // A klines answer lost to the time bound: the request is sent again, and the weight the
    // fetch reports counts both attempts, as the exchange weighed both.
    void anAttemptWhoseAnswerIsLostStillWeighs()
    {
        const QString path = syncedJournal();
        m_requests.clear();
        m_sim->resetStats();
        m_hangKlinesAt = 1;
        const sync::CandleFetchSummary s = fetch(path, {}, 1000);
        m_hangKlinesAt = -1;
        QCOMPARE(s.end, sync::CandleFetchEnd::Done);
        QCOMPARE(qsizetype(s.requests) + 1, m_requests.size()); // one answer lost, sent again
        const qint64 served = m_sim->stats()
                                  .value(QStringLiteral("endpoints"))
                                  .toObject()
                                  .value(QStringLiteral("/fapi/v1/klines"))
                                  .toObject()
                                  .value(QStringLiteral("weight"))
                                  .toInteger();
        QVERIFY(served > 0);
        QCOMPARE(s.weight, served);
    }

    void everyFillLiesWithinItsMinute()
    {
        const QString path = syncedJournal();
        QCOMPARE(fetch(path).end, sync::CandleFetchEnd::Done);
        journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
        int checked = 0;
        for (const JournalTrade& t : journal::TradeStore(db).loadTrades()) {
            if (t.status != TradeStatus::Closed)
                continue;
            journal::CandleStore store(db, *journal::candleEndpoint(db, t.account));
            for (const TradeFillPart& part : t.fills) {
                const qint64 minute = part.time - part.time % kMinute;
                const QVector<Candle> c = store.candles(t.symbol, minute, minute);
                QCOMPARE(c.size(), 1);
                QVERIFY2(c[0].low <= part.price && part.price <= c[0].high,
                         qPrintable(QStringLiteral("%1 fill %2 at %3 outside %4 .. %5")
                                        .arg(t.symbol)
                                        .arg(part.fillId)
                                        .arg(part.price.toString(), c[0].low.toString(),
                                             c[0].high.toString())));
                ++checked;
            }
        }
        QVERIFY(checked > 500);
    }

    void delistedSymbolHasAReasonAndNoExcursion()
    {
        const QString path = syncedJournal();
        const QString delisted = m_sim->account().symbolNames().first();
        m_sim->setCandlelessSymbols({delisted});
        const sync::CandleFetchSummary s = fetch(path);
        m_sim->setCandlelessSymbols({});
        QCOMPARE(s.end, sync::CandleFetchEnd::Done);
        QCOMPARE(s.unavailable, QStringList({delisted}));
        int withReason = 0;
        int computed = 0;
        const auto all = excursions(path);
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (it.key().contains(QLatin1Char(':') + delisted + QLatin1Char(':'))) {
                QCOMPARE(it.value(), QStringLiteral("unavailable: Invalid symbol."));
                ++withReason;
            } else {
                QVERIFY2(it.value() != QLatin1String("pending"), qPrintable(it.key()));
                ++computed;
            }
        }
        QVERIFY(withReason > 0);
        QVERIFY(computed > 0);
        // Not asked for again: the next fetch plans nothing.
        QCOMPARE(fetch(path).plannedRequests, 0);
    }
};

QTEST_GUILESS_MAIN(TestCandleFetch)
#include "test_candle_fetch.moc"
