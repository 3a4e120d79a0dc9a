#include "ui/trade_chart.h"

#include "ui/retranslate.h"

#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "ui/app_context.h"
#include "ui/models/money_format.h"

#include <QCandlestickSeries>
#include <QCandlestickSet>
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
    auto* timeAxis = new QDateTimeAxis(m_chart);
    timeAxis->setTickCount(4);
    auto* priceAxis = new QValueAxis(m_chart);
    priceAxis->setTickCount(5);
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(priceAxis, Qt::AlignRight);
    for (QAbstractSeries* s : m_chart->series()) {
        s->attachAxis(timeAxis);
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
    try {
        m_excursion = journal::loadExcursions(m_readDb, {t}).value(0);
        const journal::CandleWindow w = journal::chartWindow(t.symbol, t.openTime, *t.closeTime);
        if (!m_excursion.candlesUnavailable)
            candles = journal::CandleStore(m_readDb).candles(t.symbol, w.firstMinute, w.lastMinute);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not load the trade's candles:" << e.what();
    }
    if (m_excursion.candlesUnavailable) {
        m_figures->setText(tr("No chart: the exchange has no candles of %1 (%2).")
                               .arg(t.symbol, *m_excursion.candlesUnavailable));
        m_view->hide();
        return;
    }
    if (candles.isEmpty()) {
        m_figures->setText(tr("No chart yet: its candles are not fetched (run "
                              "fillbook-cli candles after a sync)."));
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
    auto* timeAxis = qobject_cast<QDateTimeAxis*>(m_chart->axes(Qt::Horizontal).value(0));
    auto* priceAxis = qobject_cast<QValueAxis*>(m_chart->axes(Qt::Vertical).value(0));
    timeAxis->setFormat(QStringLiteral("HH:mm"));
    timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from, m_zone),
                       QDateTime::fromMSecsSinceEpoch(to, m_zone));
    priceAxis->setRange(low - pad, high + pad);
}

} // namespace fb::ui
