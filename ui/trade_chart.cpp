#include "ui/trade_chart.h"

#include "ui/candle_worker.h"
#include "ui/retranslate.h"

#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "ui/app_context.h"
#include "ui/models/money_format.h"

#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <iterator>
#include <utility>

namespace fb::ui {

namespace {

constexpr qint64 kMinute = 60'000;

// Chart coordinates only: never shown as text, never fed back into a figure.
double plotValue(const Decimal& value)
{
    return value.toString().toDouble();
}

QScatterSeries* marks(QChart* chart, QScatterSeries::MarkerShape shape, const QColor& colour,
                      qreal size)
{
    auto* s = new QScatterSeries(chart);
    s->setMarkerShape(shape);
    s->setMarkerSize(size);
    s->setColor(colour);
    s->setBorderColor(colour.darker(150));
    chart->addSeries(s);
    return s;
}

} // namespace

TradeChart::TradeChart(journal::Database& readDb, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_figures = new QLabel(this);
    m_figures->setWordWrap(true);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chart = new QChart;
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_candles = new QCandlestickSeries(m_chart);
    m_candles->setIncreasingColor(QColor(0x2e, 0x7d, 0x32));
    m_candles->setDecreasingColor(QColor(0xc6, 0x28, 0x28));
    m_candles->setBodyOutlineVisible(false);
    m_chart->addSeries(m_candles);
    m_stop = new QLineSeries(m_chart);
    QPen stopPen(QColor(0xc6, 0x28, 0x28));
    stopPen.setStyle(Qt::DashLine);
    stopPen.setWidth(2);
    m_stop->setPen(stopPen);
    m_chart->addSeries(m_stop);
    m_entries = marks(m_chart, QScatterSeries::MarkerShapeTriangle, QColor(0x15, 0x65, 0xc0), 11);
    m_exits = marks(m_chart, QScatterSeries::MarkerShapeRectangle, QColor(0xef, 0x6c, 0x00), 9);
    m_funding = marks(m_chart, QScatterSeries::MarkerShapeCircle, QColor(0x6a, 0x1b, 0x9a), 7);
    // QDateTimeAxis writes its labels in the process's time zone; the display zone is the
    // user's choice (Settings), so the labels are written here (timeTicks).
    auto* timeAxis = new QCategoryAxis(m_chart);
    timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_timeAxis = timeAxis;
    auto* priceAxis = new QValueAxis(m_chart);
    priceAxis->setTickCount(5);
    // The candlesticks place themselves on a date-time (or bar category) axis only: a hidden
    // one over the same millisecond range carries them, the category axis shows the labels.
    m_candleTimeAxis = new QDateTimeAxis(m_chart);
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_candleTimeAxis, Qt::AlignBottom);
    m_candleTimeAxis->setVisible(false);
    m_chart->addAxis(priceAxis, Qt::AlignRight);
    for (QAbstractSeries* s : m_chart->series()) {
        s->attachAxis(s == m_candles ? static_cast<QAbstractAxis*>(m_candleTimeAxis) : timeAxis);
        s->attachAxis(priceAxis);
    }
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFixedHeight(fontMetrics().height() * 13);
    layout->addWidget(m_figures);
    layout->addWidget(m_view);
    retranslateOnLanguageChange(this, [this] {
        m_candles->setName(tr("Candles (1 minute)"));
        m_entries->setName(tr("Entries"));
        m_exits->setName(tr("Exits"));
        m_stop->setName(tr("Initial stop"));
        m_funding->setName(tr("Funding"));
        redraw();
    });
    hide();
}

QString TradeChart::figuresLine(const Excursion& e, const QString& asset)
{
    const auto part = [&asset](const QString& label, const Decimal& move,
                               const std::optional<Decimal>& inR) {
        QString text = label.arg(exactText(move.toString(), asset));
        if (inR)
            text += QStringLiteral(" (%1 R)").arg(localizedDecimal(inR->toString()));
        return text;
    };
    return part(tr("MAE %1"), e.mae, e.maeR) + QStringLiteral(" · ") +
           part(tr("MFE %1"), e.mfe, e.mfeR);
}

QList<QPair<qint64, QString>> TradeChart::timeTicks(qint64 fromMs, qint64 toMs,
                                                    const QTimeZone& zone, int maxTicks)
{
    static constexpr qint64 kSteps[] = {1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440};
    QList<QPair<qint64, QString>> ticks;
    if (toMs <= fromMs || maxTicks < 1)
        return ticks;
    const qint64 span = toMs - fromMs;
    qint64 step = kSteps[std::size(kSteps) - 1] * kMinute;
    for (qint64 minutes : kSteps) {
        if (span / (minutes * kMinute) + 1 <= maxTicks) {
            step = minutes * kMinute;
            break;
        }
    }
    const auto offsetAt = [&zone](qint64 ms) {
        return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()))) *
               1000;
    };
    const bool severalDays = span > 86'400'000 - 1;
    const QString format = severalDays ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm");
    // Round times of the zone's wall clock: the first multiple of the step at or after `from`.
    const qint64 localFrom = fromMs + offsetAt(fromMs);
    qint64 local = localFrom + ((step - ((localFrom % step) + step) % step) % step);
    for (; ticks.size() < maxTicks + 1; local += step) {
        const qint64 at = local - offsetAt(local - offsetAt(fromMs));
        if (at > toMs)
            break;
        ticks.append({at, QDateTime::fromMSecsSinceEpoch(at, zone).toString(format)});
    }
    return ticks;
}

void TradeChart::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    redraw();
}

void TradeChart::setCandleWorker(const CandleWorker* worker)
{
    m_worker = worker;
    connect(worker, &CandleWorker::candlesStored, this,
            [this](const QString& symbol, qint64 firstMinute, qint64 lastMinute, bool unavailable) {
                if (!m_trade || m_trade->symbol != symbol || !m_trade->closeTime)
                    return;
                const journal::CandleWindow w =
                    journal::chartWindow(symbol, m_trade->openTime, *m_trade->closeTime);
                if (unavailable || (firstMinute <= w.lastMinute && lastMinute >= w.firstMinute))
                    redraw();
            });
    // "Loading candles…" becomes the reason when the fetch fails, or goes when it ends.
    connect(worker, &CandleWorker::progressChanged, this, [this] {
        if (m_trade && m_view->isHidden())
            redraw();
    });
}

QString TradeChart::figuresText() const
{
    return m_figures->text();
}

bool TradeChart::chartShown() const
{
    return !m_view->isHidden();
}

void TradeChart::showTrade(const std::optional<JournalTrade>& trade,
                           const QVector<qint64>& fundingTimes)
{
    m_trade = trade;
    m_fundingTimes = fundingTimes;
    redraw();
}

void TradeChart::redraw()
{
    m_candles->clear();
    m_entries->clear();
    m_exits->clear();
    m_stop->clear();
    m_funding->clear();
    if (!m_trade || m_trade->status != TradeStatus::Closed || !m_trade->closeTime) {
        hide();
        return;
    }
    show();
    const JournalTrade& t = *m_trade;
    QVector<Candle> candles;
    m_excursion = {};
    bool beyondCap = false; // older than the trades the cache keeps (D166)
    try {
        m_excursion = journal::loadExcursions(m_readDb, {t}).value(0);
        const journal::CandleWindow w = journal::chartWindow(t.symbol, t.openTime, *t.closeTime);
        // The cache of the endpoint this account's candles come from (D165).
        const std::optional<QString> endpoint = journal::candleEndpoint(m_readDb, t.account);
        journal::CandleStore store(m_readDb, endpoint.value_or(QString()));
        if (!m_excursion.candlesUnavailable && endpoint)
            candles = store.candles(t.symbol, w.firstMinute, w.lastMinute);
        const std::optional<qint64> keptFrom = store.keptFrom();
        beyondCap = keptFrom && w.lastMinute < *keptFrom;
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not load the trade's candles:" << e.what();
    }
    if (m_excursion.candlesUnavailable) {
        m_figures->setText(tr("No chart: the exchange has no candles of %1 (%2).")
                               .arg(t.symbol, *m_excursion.candlesUnavailable));
        m_view->hide();
        return;
    }
    if (candles.isEmpty() && beyondCap) {
        // The chart goes with the candles; MAE/MFE stay (kept when they were evicted, D112).
        const QString noChart = tr("No chart: the journal keeps the candles of its newest trades "
                                   "only, and this trade is older.");
        m_figures->setText(m_excursion.excursion
                               ? figuresLine(*m_excursion.excursion, t.marginAsset) +
                                     QLatin1Char('\n') + noChart
                               : noChart);
        m_view->hide();
        return;
    }
    if (candles.isEmpty()) {
        if (!m_worker)
            m_figures->setText(tr("No chart yet: its candles are not fetched (run "
                                  "fillbook-cli candles after a sync)."));
        else if (m_worker->isPending())
            m_figures->setText(tr("Loading candles…"));
        else if (m_worker->progress().state == CandleProgress::State::Failed)
            m_figures->setText(tr("No chart yet: the candles could not be fetched (%1). They are "
                                  "fetched again after the next sync.")
                                   .arg(m_worker->progress().error));
        else
            m_figures->setText(tr("No chart yet: its candles are fetched after the next sync."));
        m_view->hide();
        return;
    }
    m_figures->setText(m_excursion.excursion
                           ? figuresLine(*m_excursion.excursion, t.marginAsset)
                           : tr("MAE/MFE: waiting for the candles of the whole trade."));
    m_view->show();

    double low = plotValue(candles.first().low);
    double high = plotValue(candles.first().high);
    for (const Candle& c : candles) {
        m_candles->append(new QCandlestickSet(plotValue(c.open), plotValue(c.high),
                                              plotValue(c.low), plotValue(c.close),
                                              double(c.openTime + kMinute / 2), m_candles));
        low = std::min(low, plotValue(c.low));
        high = std::max(high, plotValue(c.high));
    }
    for (const TradeFillPart& part : t.fills) {
        QScatterSeries* s = part.increasesPosition ? m_entries : m_exits;
        s->append(double(part.time), plotValue(part.price));
        low = std::min(low, plotValue(part.price));
        high = std::max(high, plotValue(part.price));
    }
    const qint64 from = candles.first().openTime;
    const qint64 to = candles.last().openTime + kMinute;
    if (t.initialRisk) {
        const double stop = plotValue(t.initialRisk->stopPrice);
        m_stop->append(double(std::max(from, t.initialRisk->at)), stop);
        m_stop->append(double(*t.closeTime), stop);
        low = std::min(low, stop);
        high = std::max(high, stop);
    }
    const double pad = std::max((high - low) * 0.06, high * 1e-5);
    for (qint64 at : std::as_const(m_fundingTimes))
        m_funding->append(double(at), low - pad / 2);
    auto* priceAxis = qobject_cast<QValueAxis*>(m_chart->axes(Qt::Vertical).value(0));
    for (const QString& label : m_timeAxis->categoriesLabels())
        m_timeAxis->remove(label);
    m_timeAxis->setStartValue(double(from));
    for (const auto& [at, label] : timeTicks(from, to, m_zone))
        m_timeAxis->append(label, double(at));
    m_timeAxis->setRange(double(from), double(to));
    m_candleTimeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from, QTimeZone::utc()),
                               QDateTime::fromMSecsSinceEpoch(to, QTimeZone::utc()));
    priceAxis->setRange(low - pad, high + pad);
}

} // namespace fb::ui
