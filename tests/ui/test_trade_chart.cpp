// The trade chart of the detail pane (docs/design.md D112–D114), offscreen: the cached candles
// of the trade's window as candlesticks with exact values, its entries and exits at their times
// and prices, the initial stop as a line, MAE/MFE in the margin asset and in R; a trade whose
// candles are not fetched, and one whose symbol has none, say why instead of a chart.

#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/trade_queries.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "ui/trade_chart.h"
#include "ui/trade_detail.h"
#include "ui/write_gate.h"

#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QCategoryAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;

namespace {

constexpr qint64 M = 60'000;
constexpr qint64 kBase = 29'850'000 * M; // 2026-10-03T04:00:00Z

Candle candle(qint64 minute, const char* open, const char* high, const char* low, const char* close)
{
    return {kBase + minute * M, fbtest::dec(QString::fromLatin1(open)),
            fbtest::dec(QString::fromLatin1(high)), fbtest::dec(QString::fromLatin1(low)),
            fbtest::dec(QString::fromLatin1(close))};
}

QString at(qint64 minute, int seconds)
{
    return QString::number(kBase + minute * M + seconds * 1000);
}

} // namespace

class TestTradeChart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<journal::Database> m_writer;
    QString m_charted;  // BTCUSDT, candles cached
    QString m_waiting;  // ETHUSDT, no candles yet
    QString m_delisted; // LUNAUSDT, no candles at the exchange

private slots:
    void initTestCase()
    {
        // The process's zone is UTC; the display zone of the axis tests is another one.
        qputenv("TZ", "UTC");
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("chart.sqlite"));
        m_writer = std::make_unique<journal::Database>(m_path);
        // Long 2 BTCUSDT from 100 (minute 10 + 30 s) to 104 (minute 14 + 10 s); stop at 98: risk 4.
        SymbolTrades btc = buildSymbolTrades(fbtest::history(
            QStringLiteral("1@%1 BUY 2@100; 2@%2 SELL 2@104 pnl=8").arg(at(10, 30), at(14, 10))));
        InitialRisk risk;
        risk.risk = fbtest::dec("4");
        risk.entryPrice = fbtest::dec("100");
        risk.stopPrice = fbtest::dec("98");
        risk.quantity = fbtest::dec("2");
        risk.at = kBase + 10 * M + 30'000;
        risk.stopId = 77;
        risk.stopCount = 1;
        btc.trades[0].initialRisk = risk;
        QVector<JournalTrade> all = btc.trades;
        for (const char* symbol : {"ETHUSDT", "LUNAUSDT"}) {
            fb::SymbolHistory h = fbtest::history(
                QStringLiteral("5@%1 SELL 1@10; 6@%2 BUY 1@9 pnl=1").arg(at(20, 0), at(25, 0)));
            for (Fill& f : h.fills)
                f.symbol = QString::fromLatin1(symbol);
            h.symbol = QString::fromLatin1(symbol);
            all += buildSymbolTrades(h).trades;
        }
        fbtest::addTrades(*m_writer, all);
        m_charted = all.at(0).key;
        m_waiting = all.at(1).key;
        m_delisted = all.at(2).key;
        const QString endpoint = QStringLiteral("https://fapi.binance.com");
        journal::setCandleEndpoint(*m_writer, journal::tradeAccounts(*m_writer), endpoint);
        journal::CandleStore store(*m_writer, endpoint);
        store.storeSpan(QStringLiteral("BTCUSDT"), kBase, kBase + 24 * M,
                        {candle(10, "100", "100.5", "97", "100.25"),
                         candle(11, "100.25", "101", "99.5", "100.75"),
                         candle(12, "100.75", "102.5", "98.5", "102"),
                         candle(13, "102", "103", "101.5", "102.5"),
                         candle(14, "102.5", "106", "102", "104")},
                        1);
        store.setUnavailable(QStringLiteral("LUNAUSDT"), QStringLiteral("Invalid symbol."), 1);
    }

    void chartShowsCandlesMarksStopAndFigures()
    {
        journal::Database read(m_path,
                               {journal::OpenMode::ReadOnly, QStringLiteral("ui-test"), false});
        ui::WriteGate writes(*m_writer);
        ui::TradeDetail detail(read, writes);
        detail.setTimeZone(QTimeZone::utc());
        detail.resize(420, 900);
        detail.show();
        detail.showTrade(m_charted);
        ui::TradeChart* chart = detail.chart();
        QVERIFY(chart->isVisible());
        QVERIFY(chart->chartShown());
        // Inner minutes 11..13: low 98.5, high 103; the exit fill at 104 is higher: MFE 4.
        // MAE 1.5 x 2 / 4 = 0.75 R; MFE 4 x 2 / 4 = 2 R.
        QCOMPARE(chart->figuresText(), QStringLiteral("MAE 1.5 USDT (0.75 R) · MFE 4 USDT (2 R)"));
        const QList<QCandlestickSet*> sets = chart->candles()->sets();
        QCOMPARE(sets.size(), 5);
        QCOMPARE(sets.at(2)->open(), 100.75);
        QCOMPARE(sets.at(2)->high(), 102.5);
        QCOMPARE(sets.at(2)->low(), 98.5);
        QCOMPARE(sets.at(2)->close(), 102.0);
        QCOMPARE(qint64(sets.at(2)->timestamp()), kBase + 12 * M + 30'000); // mid-minute
        QCOMPARE(chart->entries()->points(),
                 QList<QPointF>({QPointF(double(kBase + 10 * M + 30'000), 100.0)}));
        QCOMPARE(chart->exits()->points(),
                 QList<QPointF>({QPointF(double(kBase + 14 * M + 10'000), 104.0)}));
        QCOMPARE(chart->stopLine()->points(),
                 QList<QPointF>({QPointF(double(kBase + 10 * M + 30'000), 98.0),
                                 QPointF(double(kBase + 14 * M + 10'000), 98.0)}));
        QCOMPARE(chart->fundingMarks()->count(), 0);
    }

    // The time axis is written in the display zone (Settings), not the process's (UTC here):
    // QDateTimeAxis would say 04:10 for what happened at 11:10 in Jakarta (UTC+7).
    void timeAxisIsInTheDisplayZone()
    {
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(kBase).toString(QStringLiteral("HH:mm")),
                 QStringLiteral("04:00"));
        journal::Database read(m_path,
                               {journal::OpenMode::ReadOnly, QStringLiteral("ui-test"), false});
        ui::WriteGate writes(*m_writer);
        ui::TradeDetail detail(read, writes);
        detail.setTimeZone(QTimeZone(QByteArrayLiteral("Asia/Jakarta")));
        detail.resize(420, 900);
        detail.show();
        detail.showTrade(m_charted);
        QVERIFY(detail.chart()->chartShown());
        // Candles of minutes 10..14: the axis spans 04:10Z..04:15Z, a tick every 2 minutes.
        QCategoryAxis* axis = detail.chart()->timeAxis();
        QCOMPARE(axis->categoriesLabels(),
                 QStringList(
                     {QStringLiteral("11:10"), QStringLiteral("11:12"), QStringLiteral("11:14")}));
        QCOMPARE(axis->endValue(QStringLiteral("11:12")), double(kBase + 12 * M));
        QCOMPARE(axis->min(), double(kBase + 10 * M));
        QCOMPARE(axis->max(), double(kBase + 15 * M));
        // The same trade in UTC.
        detail.setTimeZone(QTimeZone::utc());
        QCOMPARE(axis->categoriesLabels(),
                 QStringList(
                     {QStringLiteral("04:10"), QStringLiteral("04:12"), QStringLiteral("04:14")}));
        // Over several days: round hours of the zone, with the date.
        const auto ticks = ui::TradeChart::timeTicks(kBase, kBase + 2 * 1440 * M,
                                                     QTimeZone(QByteArrayLiteral("Asia/Jakarta")));
        QCOMPARE(ticks.size(), 4);
        QCOMPARE(ticks.at(0).second, QStringLiteral("10-03 12:00"));
        QCOMPARE(ticks.at(0).first, kBase + 60 * M); // 12:00 in Jakarta is 05:00Z
        QCOMPARE(ticks.at(1).second, QStringLiteral("10-04 00:00"));
        QCOMPARE(ticks.at(2).second, QStringLiteral("10-04 12:00"));
        QCOMPARE(ticks.at(3).second, QStringLiteral("10-05 00:00"));
    }

    void withoutCandlesTheReasonIsShown()
    {
        journal::Database read(m_path,
                               {journal::OpenMode::ReadOnly, QStringLiteral("ui-test"), false});
        ui::WriteGate writes(*m_writer);
        ui::TradeDetail detail(read, writes);
        detail.show();
        detail.showTrade(m_waiting);
        QVERIFY(detail.chart()->isVisible());
        QVERIFY(!detail.chart()->chartShown());
        QCOMPARE(detail.chart()->figuresText(),
                 QStringLiteral("No chart yet: its candles are not fetched (run fillbook-cli "
                                "candles after a sync)."));
        detail.showTrade(m_delisted);
        QVERIFY(!detail.chart()->chartShown());
        QCOMPARE(detail.chart()->figuresText(),
                 QStringLiteral("No chart: the exchange has no candles of LUNAUSDT (Invalid "
                                "symbol.)."));
        QCOMPARE(detail.chart()->candles()->count(), 0);
    }

    // The cap (D166): once the fetch kept only trades whose windows end at minute 36 or
    // later, both trades are older: the charted one's candles are gone and each says why.
    // (Last: it evicts the candles the other tests draw.)
    void aTradeOlderThanTheCacheKeepsSaysSoAndKeepsItsFigures()
    {
        const QString endpoint = QStringLiteral("https://fapi.binance.com");
        const QVector<journal::CandleWindow> windows{
            {QStringLiteral("BTCUSDT"), kBase, kBase + 24 * M},
            {QStringLiteral("ETHUSDT"), kBase + 10 * M, kBase + 35 * M}};
        QCOMPARE(journal::CandleStore(*m_writer, endpoint).evict(windows, kBase + 36 * M), 5);
        journal::Database read(m_path,
                               {journal::OpenMode::ReadOnly, QStringLiteral("ui-test"), false});
        ui::WriteGate writes(*m_writer);
        ui::TradeDetail detail(read, writes);
        detail.show();
        const QString noChart = QStringLiteral("No chart: the journal keeps the candles of its "
                                               "newest trades only, and this trade is older.");
        // The charted trade's candles were complete: its MAE/MFE stay as they were (D112); the
        // waiting one's were never fetched: still no figures.
        for (const auto& [key, text] :
             {std::pair{m_charted, QString(QStringLiteral("MAE 1.5 USDT (0.75 R) · MFE 4 USDT "
                                                          "(2 R)\n") +
                                           noChart)},
              std::pair{m_waiting, noChart}}) {
            detail.showTrade(key);
            QVERIFY(detail.chart()->isVisible());
            QVERIFY(!detail.chart()->chartShown());
            QCOMPARE(detail.chart()->figuresText(), text);
        }
    }
};

QTEST_MAIN(TestTradeChart)
#include "test_trade_chart.moc"
