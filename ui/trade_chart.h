#pragma once
// The selected trade's chart (docs/desktop.md, docs/design.md D112–D114): the cached 1-minute
// candles of its window (entry minute - 10 .. exit minute + 10) as a candlestick series, its
// entries and exits as marks at their exact times and prices, the initial stop as a line,
// funding payments as marks on the time axis, and MAE / MFE in the margin asset (and in R).
// A trade without candles says why instead: not fetched yet (`fillbook-cli candles`), or the
// exchange serves none of the symbol (delisted). Reads through the UI's read connection.

#include "models/domain/excursion.h"
#include "models/domain/trade.h"

#include <QList>
#include <QPair>
#include <QTimeZone>
#include <QWidget>

class QLabel;

class QCategoryAxis;
class QDateTimeAxis;
class QChart;
class QChartView;
class QCandlestickSeries;
class QScatterSeries;
class QLineSeries;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class CandleWorker;

class TradeChart : public QWidget
{
    Q_OBJECT
public:
    explicit TradeChart(journal::Database& readDb, QWidget* parent = nullptr);

    // Shows `trade` (closed trades only; anything else hides the chart). Funding times are the
    // attributed FUNDING_FEE rows' (ms UTC).
    void showTrade(const std::optional<JournalTrade>& trade, const QVector<qint64>& fundingTimes);
    void setTimeZone(const QTimeZone& zone);
    // The desktop's candle fetch: while it may still bring this trade's candles the chart says
    // "Loading candles…", and it redraws when they are stored. Without one (tests, a window
    // that does not fetch) a trade without candles says how to fetch them.
    void setCandleWorker(const CandleWorker* worker);

    // For tests and the screenshot: what is drawn.
    QChart* chart() const { return m_chart; }
    QCandlestickSeries* candles() const { return m_candles; }
    QScatterSeries* entries() const { return m_entries; }
    QScatterSeries* exits() const { return m_exits; }
    QLineSeries* stopLine() const { return m_stop; }
    QScatterSeries* fundingMarks() const { return m_funding; }
    QString figuresText() const;
    bool chartShown() const;

    // "MAE 1.5 USDT (0.5 R) · MFE 4 USDT (1.2 R)" for an excursion in `asset`.
    static QString figuresLine(const Excursion& excursion, const QString& asset);
    // The time axis: labelled ticks in [fromMs, toMs] at round times of `zone` (docs/design.md
    // D133): every 1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 4, 6, 12 hours or a day,
    // at most `maxTicks` of them; "HH:mm" within a day, "MM-dd HH:mm" over several days.
    static QList<QPair<qint64, QString>> timeTicks(qint64 fromMs, qint64 toMs,
                                                   const QTimeZone& zone, int maxTicks = 5);
    QCategoryAxis* timeAxis() const { return m_timeAxis; }

private:
    void redraw();

    journal::Database& m_readDb;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    std::optional<JournalTrade> m_trade;
    TradeExcursion m_excursion;
    QVector<qint64> m_fundingTimes;
    QLabel* m_figures = nullptr;
    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QCandlestickSeries* m_candles = nullptr;
    QScatterSeries* m_entries = nullptr;
    QScatterSeries* m_exits = nullptr;
    QLineSeries* m_stop = nullptr;
    QScatterSeries* m_funding = nullptr;
    QCategoryAxis* m_timeAxis = nullptr;       // labels written in m_zone, not the process's zone
    QDateTimeAxis* m_candleTimeAxis = nullptr; // hidden: carries the candlesticks (same range)
    const CandleWorker* m_worker = nullptr;
};

} // namespace fb::ui
