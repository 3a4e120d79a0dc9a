// The desktop's candle fetch (docs/design.md D114, D132) in an offscreen main window
// against the simulator over loopback: after the sync the candles arrive, within the fetch's
// share of the exchange's weight limit in every weight window, and the detail pane of a closed
// trade shows its chart and MAE/MFE; a sync started mid-fetch stops it (nothing more goes out
// while the sync runs) and it resumes after, ending with the same cache as a fetch that ran
// through. The open positions of the last sync are shown apart from closed PnL.

#include "ui/candle_worker.h"
#include "ui/main_window.h"
#include "ui/models/money_format.h"
#include "ui/open_positions_view.h"
#include "ui/trade_chart.h"
#include "ui/trade_detail.h"
#include "ui/trades_view.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_store.h"
#include "sync/simulator/server.h"
#include "tests/support/sim_fixture.h"

#include <QCandlestickSeries>
#include <QDateTime>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <tuple>

using namespace fb;

namespace {

constexpr int kTimeoutMs = 240'000;
constexpr qint64 kWindowMs = 60'000; // the simulator's weight window (REQUEST_WEIGHT, 1 minute)

// API sheet §5.12: the weight of a klines request by its limit.
int klinesWeight(int limit)
{
    return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

// The cached candles of minutes before `beforeMs` (a later fetch may also hold minutes that were
// not closed yet when an earlier one ran).
QStringList candleRows(const QString& path, qint64 beforeMs)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
    QSqlQuery q = journal::sqlOn(db).run(
        QStringLiteral("SELECT symbol, open_time, open, high, low, close FROM candles "
                       "WHERE open_time < ? ORDER BY symbol, open_time"),
        {beforeMs});
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < 6; ++i)
            cells << q.value(i).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

} // namespace

class TestCandleWorker : public QObject
{
    Q_OBJECT

    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_throughPath;     // the journal whose fetch ran through
    qint64 m_throughStart = 0; // when that fetch started

    ui::AppContext context(const QString& path) const
    {
        ui::AppContext c;
        c.journalPath = path;
        c.engine.databasePath = path;
        c.engine.client = m_sim.clientConfig();
        c.engine.client.requestTimeoutMs = 5000;
        c.engine.progressIntervalMs = 50;
        c.settings.account = QStringLiteral("main");
        c.settings.endpoint = QStringLiteral("custom");
        c.settings.customBaseUrl = m_sim->baseUrl();
        c.settings.defaultRangeDays = 30;
        c.settings.batchSize = 2;
        c.settings.timeZoneId = QStringLiteral("UTC");
        return c;
    }

private slots:
    void initTestCase()
    {
        sync::registerSyncMetaTypes();
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sim.start(fbtest::smallAccount()), qPrintable(m_sim.errorString()));
    }

    void init()
    {
        m_sim->resetRateLimits();
        m_sim->setWeightLimit(fbtest::kAmpleWeightLimit);
        m_sim->setLatencyMs(0);
        m_sim->setResponseHook({});
    }

    void candlesArriveWithinTheShareAndTheChartAppears()
    {
        m_throughPath = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_counter));
        ui::MainWindow window(context(m_throughPath));
        window.show();
        ui::CandleWorker* worker = window.candleWorker();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        // After the sync, Binance's own limit: the fetch may use 25 % of it per window.
        // (3000: a share of 750, less than this account's fetch needs (940), so it waits for
        // the next window once.)
        constexpr qint64 kLimit = 3000;
        bool fetchPhase = false; // the sync's own klines (fees in BNB) are not the fetch's
        connect(&window, &ui::MainWindow::syncFinished, this, [this, &fetchPhase] {
            fetchPhase = true;
            m_sim->setWeightLimit(kLimit);
            m_sim->resetRateLimits();
            m_sim->resetStats();
        });
        QMap<qint64, qint64> weightPerWindow; // what the exchange received, per weight window
        m_sim->setResponseHook([&](const sim::HttpRequest& r, sim::HttpOutcome&) {
            if (r.path != "/fapi/v1/klines" || !fetchPhase)
                return;
            const QUrlQuery q(QString::fromUtf8(r.query));
            const qint64 now = m_sim->now();
            weightPerWindow[now - now % kWindowMs] +=
                klinesWeight(q.queryItemValue(QStringLiteral("limit")).toInt());
        });
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        m_throughStart = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(sync::runStatusName(finished.first().first().value<sync::RunSummary>().status),
                 QStringLiteral("completed"));

        // The newest closed trade: its candles come last.
        JournalTrade trade;
        {
            journal::Database db(m_throughPath,
                                 {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
            for (const JournalTrade& t : journal::TradeStore(db).loadTrades())
                if (t.status == TradeStatus::Closed && t.avgEntryPrice && t.closeTime)
                    trade = t;
        }
        QVERIFY(!trade.key.isEmpty());
        ui::TradeDetail* detail = window.tradesView()->detail();
        detail->showTrade(trade.key);
        QVERIFY(worker->isPending());
        if (!detail->chart()->chartShown()) // unless its candles were quicker than this line
            QCOMPARE(detail->chart()->figuresText(), QStringLiteral("Loading candles…"));
        QTRY_VERIFY_WITH_TIMEOUT(window.candleLabel()->isVisible() ||
                                     worker->progress().state == ui::CandleProgress::State::Done,
                                 kTimeoutMs);
        if (window.candleLabel()->isVisible())
            QVERIFY2(window.candleLabel()->text().startsWith(QStringLiteral("· Charts: ")),
                     qPrintable(window.candleLabel()->text()));

        QTRY_COMPARE_WITH_TIMEOUT(int(worker->progress().state),
                                  int(ui::CandleProgress::State::Done), kTimeoutMs);
        const ui::CandleProgress done = worker->progress();
        QVERIFY(done.tradesTotal > 10);
        QCOMPARE(done.tradesDone, done.tradesTotal);
        QVERIFY(!window.candleLabel()->isVisible());

        // The share: never more than 25 % of the limit in one window, and every request counted.
        const QJsonObject klines = m_sim->stats()
                                       .value(QStringLiteral("endpoints"))
                                       .toObject()
                                       .value(QStringLiteral("/fapi/v1/klines"))
                                       .toObject();
        const qint64 served = klines.value(QStringLiteral("weight")).toInteger();
        QCOMPARE(served, done.weight);
        qint64 sum = 0;
        for (auto it = weightPerWindow.cbegin(); it != weightPerWindow.cend(); ++it) {
            QVERIFY2(
                it.value() <= kLimit * 25 / 100,
                qPrintable(
                    QStringLiteral("%1 weight in the window at %2").arg(it.value()).arg(it.key())));
            sum += it.value();
        }
        QCOMPARE(sum, served);
        QVERIFY2(served > kLimit * 25 / 100, "the share held the fetch back at least once");
        QVERIFY(weightPerWindow.size() >= 2);
        qInfo("candle fetch: weight %lld in %lld window(s), at most %lld per window",
              static_cast<long long>(served), static_cast<long long>(weightPerWindow.size()),
              static_cast<long long>(kLimit * 25 / 100));

        // The chart and the excursion of the trade, as the journal computes them.
        QTRY_VERIFY_WITH_TIMEOUT(detail->chart()->chartShown(), 5000);
        journal::Database db(m_throughPath,
                             {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
        const std::optional<JournalTrade> full = journal::TradeStore(db).trade(trade.key);
        QVERIFY(full);
        const TradeExcursion e = journal::loadExcursions(db, {*full}).value(0);
        QVERIFY(e.excursion);
        QCOMPARE(detail->chart()->figuresText(),
                 ui::TradeChart::figuresLine(*e.excursion, trade.marginAsset));
        QVERIFY(detail->chart()->candles()->count() > 0);
        m_sim->setResponseHook({});
    }

    void aSyncStartedMidFetchStopsItAndItResumesAfter()
    {
        QVERIFY2(!m_throughPath.isEmpty(), "runs after the fetch that went through");
        const QString path = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_counter));
        ui::MainWindow window(context(path));
        window.show();
        ui::CandleWorker* worker = window.candleWorker();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QVector<ui::CandleProgress::State> states;
        connect(worker, &ui::CandleWorker::progressChanged, this,
                [&](const ui::CandleProgress& p) { states << p.state; });
        // Slow answers while the fetch runs, so that a sync can start in the middle of it.
        // (Only after the first sync: its own klines value fees in BNB; the second finds them
        // in the journal.)
        bool fetchPhase = false;
        connect(&window, &ui::MainWindow::syncFinished, this, [this, &fetchPhase] {
            fetchPhase = true;
            m_sim->setLatencyMs(100);
        });
        int klines = 0;
        int klinesDuringSync = 0;
        bool started = false;
        m_sim->setResponseHook([&](const sim::HttpRequest& r, sim::HttpOutcome&) {
            if (r.path != "/fapi/v1/klines" || !fetchPhase)
                return;
            ++klines;
            if (window.isSyncing())
                ++klinesDuringSync;
            if (klines == 3 && !started) {
                started = true;
                m_sim->setLatencyMs(0);
                QTimer::singleShot(0, &window, [&window] { window.startSync(); });
            }
        });
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);
        QVERIFY(started);
        QVERIFY(states.contains(ui::CandleProgress::State::Yielded));
        // At most the request already on its way when the sync started.
        QVERIFY2(klinesDuringSync <= 1, qPrintable(QString::number(klinesDuringSync)));
        QTRY_COMPARE_WITH_TIMEOUT(int(worker->progress().state),
                                  int(ui::CandleProgress::State::Done), kTimeoutMs);
        QVERIFY(klines > 3);
        m_sim->setResponseHook({});
        const QStringList rows = candleRows(path, m_throughStart - 60'000);
        QVERIFY(rows.size() > 100);
        QCOMPARE(rows, candleRows(m_throughPath, m_throughStart - 60'000));
    }

    // Settings → Chart candles kept (D172): the fetch keeps the newest trades' windows within
    // the bound the window was given, and a new bound applies as soon as it is saved.
    void theCapFromSettingsBoundsTheCache()
    {
        const QString path = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_counter));
        constexpr qint64 kSmallCap = 2'000;
        ui::AppContext c = context(path);
        c.settings.candleCacheMinutes = kSmallCap;
        ui::MainWindow window(c);
        window.show();
        ui::CandleWorker* worker = window.candleWorker();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(int(worker->progress().state),
                                  int(ui::CandleProgress::State::Done), kTimeoutMs);
        const auto cacheState = [&path] {
            journal::Database db(path,
                                 {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
            const std::optional<QString> endpoint =
                journal::candleEndpoint(db, QStringLiteral("main"));
            journal::CandleStore store(db, endpoint.value_or(QString()));
            return std::tuple(journal::CandleStore(db, QString()).closedTradeWindows(),
                              store.keptFrom(), store.candleCount());
        };
        const auto [windows, keptFrom, candles] = cacheState();
        const std::optional<qint64> expected = journal::CandleStore::keepFrom(windows, kSmallCap);
        QVERIFY2(expected, "the small account's trades need more than the small bound");
        QCOMPARE(keptFrom, expected);
        // Only the kept windows' candles are cached. (Their minutes add up to the bound, plus the
        // windows that share the last kept exit minute: a tie can take it past 2,000.)
        const auto keptMinutes = [](const QVector<journal::CandleWindow>& all,
                                    std::optional<qint64> from) {
            qint64 minutes = 0;
            for (const journal::CandleWindow& w : all) {
                if (from && w.lastMinute >= *from)
                    minutes += (w.lastMinute - w.firstMinute) / 60'000 + 1;
            }
            return minutes;
        };
        QVERIFY2(candles > 0 && candles <= keptMinutes(windows, keptFrom),
                 qPrintable(
                     QStringLiteral("%1 of %2").arg(candles).arg(keptMinutes(windows, keptFrom))));

        // Saved with the default bound: fetched again at once, every trade's candles kept.
        ui::AppSettings wider = c.settings;
        wider.candleCacheMinutes = ui::AppSettings::kDefaultCandleCacheMinutes;
        window.applySettings(wider);
        QVERIFY(worker->isPending());
        QTRY_COMPARE_WITH_TIMEOUT(int(worker->progress().state),
                                  int(ui::CandleProgress::State::Done), kTimeoutMs);
        const auto [windowsAfter, keptAfter, candlesAfter] = cacheState();
        QCOMPARE(keptAfter, journal::CandleStore::keepFrom(windowsAfter, wider.candleCacheMinutes));
        QVERIFY2(candlesAfter > candles,
                 qPrintable(QStringLiteral("%1 then %2").arg(candles).arg(candlesAfter)));

        // The small bound saved again: nothing is missing then, yet the cache shrinks at once
        // (seen under Xvfb: without a fetch to start, nothing was evicted until the next trade).
        window.applySettings(c.settings);
        QTRY_COMPARE_WITH_TIMEOUT(int(worker->progress().state),
                                  int(ui::CandleProgress::State::Done), kTimeoutMs);
        const auto [windowsLowered, keptLowered, candlesLowered] = cacheState();
        QCOMPARE(keptLowered, journal::CandleStore::keepFrom(windowsLowered, kSmallCap));
        QVERIFY2(candlesLowered <= keptMinutes(windowsLowered, keptLowered),
                 qPrintable(QStringLiteral("%1 of %2")
                                .arg(candlesLowered)
                                .arg(keptMinutes(windowsLowered, keptLowered))));
        QVERIFY(candlesLowered < candlesAfter);
    }

    // The Statistics tab's open positions: the simulated account's positions at the last sync,
    // exact, with their unrealized PnL apart from closed PnL, "as of" the sync in the display
    // zone.
    void openPositionsAreTheLastSyncs()
    {
        QVERIFY2(!m_throughPath.isEmpty(), "runs after the first sync");
        QVector<Position> expected = m_sim->account().positions();
        QVERIFY2(!expected.isEmpty(), "the small account ends with open positions");
        journal::Database db(m_throughPath,
                             {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
        ui::OpenPositionsView view(db);
        view.reload(QStringLiteral("main"), QTimeZone(QByteArrayLiteral("Asia/Jakarta")));
        QTableWidget* table = view.table();
        QCOMPARE(table->rowCount(), int(expected.size()));
        std::sort(expected.begin(), expected.end(), [](const Position& a, const Position& b) {
            return std::pair(a.symbol, int(a.positionSide)) <
                   std::pair(b.symbol, int(b.positionSide));
        });
        QMap<QString, Decimal> sums;
        for (int row = 0; row < table->rowCount(); ++row) {
            const Position& p = expected.at(row);
            QCOMPARE(table->item(row, 0)->text(), p.symbol);
            const bool isShort =
                p.positionSide == PositionSide::Short ||
                (p.positionSide == PositionSide::Both && p.positionAmt.isNegative());
            QCOMPARE(table->item(row, 1)->text(),
                     isShort ? QStringLiteral("Short") : QStringLiteral("Long"));
            // The simulator's decimals, exact (grouped as the display locale writes numbers).
            QCOMPARE(table->item(row, 2)->text(),
                     ui::localizedDecimal(p.positionAmt.abs().toString()));
            QCOMPARE(table->item(row, 3)->text(), ui::localizedDecimal(p.entryPrice.toString()));
            QCOMPARE(table->item(row, 4)->text(), ui::localizedDecimal(p.markPrice.toString()));
            QCOMPARE(table->item(row, 5)->text(),
                     ui::exactText(p.unRealizedProfit.toString(), p.marginAsset));
            sums[p.marginAsset] += p.unRealizedProfit;
        }
        QStringList totals;
        for (auto it = sums.cbegin(); it != sums.cend(); ++it)
            totals << ui::exactText(it.value().toString(), it.key());
        QCOMPARE(view.totalText(),
                 QStringLiteral("Unrealized PnL: ") + totals.join(QStringLiteral(" · ")));
        QVERIFY2(view.captionText().startsWith(QStringLiteral("As of the last sync, ")),
                 qPrintable(view.captionText()));
    }
};

QTEST_MAIN(TestCandleWorker)
#include "test_candle_worker.moc"
