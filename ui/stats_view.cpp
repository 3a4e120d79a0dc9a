#include "ui/stats_view.h"

#include "ui/app_context.h"

#include "ui/stats_worker.h"

#include "ui/models/trade_stats.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QVBoxLayout>
#include <QValueAxis>

namespace fb::ui {

namespace {

QString money(const std::optional<Decimal>& value, int places = 2)
{
    return value ? value->toFixedString(places) : QStringLiteral("—");
}

// Chart coordinates only: never fed back into any figure.
double plotValue(const Decimal& value)
{
    return value.toString().toDouble();
}

} // namespace

StatsView::StatsView(const QString& journalPath, QWidget* parent)
    : QWidget(parent)
    , m_worker(std::make_unique<StatsWorker>(
          journalPath, this, [this](const StatsResult& result) { onResult(result); }))
{
    auto* layout = new QVBoxLayout(this);
    auto* grid = new QGridLayout;
    const QList<QPair<QString, QString>> names{
        {QStringLiteral("netPnl"), tr("Net PnL")},
        {QStringLiteral("trades"), tr("Closed trades")},
        {QStringLiteral("winRate"), tr("Win rate")},
        {QStringLiteral("profitFactor"), tr("Profit factor")},
        {QStringLiteral("expectancy"), tr("Expectancy")},
        {QStringLiteral("averageWin"), tr("Average win")},
        {QStringLiteral("averageLoss"), tr("Average loss")},
        {QStringLiteral("maxDrawdown"), tr("Max drawdown")},
    };
    for (int i = 0; i < names.size(); ++i) {
        auto* caption = new QLabel(names.at(i).second, this);
        caption->setStyleSheet(QStringLiteral("color: palette(mid);"));
        auto* value = new QLabel(QStringLiteral("—"), this);
        value->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: 600;"));
        grid->addWidget(caption, 0, i);
        grid->addWidget(value, 1, i);
        m_figures.insert(names.at(i).first, value);
    }
    layout->addLayout(grid);
    m_equity = new QChartView(this);
    m_equity->setRenderHint(QPainter::Antialiasing);
    m_daily = new QChartView(this);
    m_daily->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_equity, 1);
    layout->addWidget(m_daily, 1);
}

void StatsView::setQuery(const TradeQuery& query)
{
    m_query = query;
    if (isVisible())
        reload();
}

StatsView::~StatsView() = default;

void StatsView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    if (isVisible())
        reload();
}

void StatsView::reload()
{
    // One computation at a time; asks made meanwhile collapse into one more afterwards.
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    m_inFlight = true;
    m_dirty = false;
    m_worker->compute(++m_generation, m_query, m_zone);
}

void StatsView::onResult(const StatsResult& result)
{
    m_inFlight = false;
    if (m_dirty) {
        reload(); // the query or the journal changed while this one ran
        return;
    }
    if (!result.error.isEmpty())
        qCWarning(lcUi) << "could not load statistics:" << result.error;
    showFigures(result.stats);
    showCharts(result);
    emit shown(result.generation);
}

QString StatsView::figureText(const QString& name) const
{
    const QLabel* label = m_figures.value(name);
    return label ? label->text() : QString();
}

void StatsView::showFigures(const TradeStats& stats)
{
    const auto set = [this](const char* name, const QString& text) {
        m_figures.value(QLatin1String(name))->setText(text);
    };
    set("netPnl", stats.netPnl.toFixedString(2));
    m_figures.value(QStringLiteral("netPnl"))
        ->setStyleSheet(stats.netPnl.isNegative()
                            ? QStringLiteral("font-size: 16pt; font-weight: 600; color: #c62828;")
                            : QStringLiteral("font-size: 16pt; font-weight: 600; color: #2e7d32;"));
    set("trades", QString::number(stats.closedTrades));
    const auto winRate = stats.winRatePercent();
    set("winRate", winRate ? winRate->toFixedString(1) + QLatin1Char('%') : QStringLiteral("—"));
    set("profitFactor", money(stats.profitFactor()));
    set("expectancy", money(stats.expectancy()));
    set("averageWin", money(stats.averageWin()));
    set("averageLoss", money(stats.averageLoss()));
    set("maxDrawdown", stats.maxDrawdown.toFixedString(2));
}

void StatsView::showCharts(const StatsResult& result)
{
    const TradeStats& stats = result.stats;
    auto* equity = new QLineSeries;
    equity->setName(tr("Equity (cumulative net PnL)"));
    equity->replace(result.equityPlot);
    auto* equityChart = new QChart;
    equityChart->addSeries(equity);
    equityChart->setTitle(tr("Equity curve"));
    equityChart->legend()->hide();
    auto* timeAxis = new QDateTimeAxis;
    timeAxis->setFormat(QStringLiteral("MM-dd"));
    timeAxis->setTickCount(8);
    auto* valueAxis = new QValueAxis;
    valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    equityChart->addAxis(timeAxis, Qt::AlignBottom);
    equityChart->addAxis(valueAxis, Qt::AlignLeft);
    equity->attachAxis(timeAxis);
    equity->attachAxis(valueAxis);
    valueAxis->applyNiceNumbers();
    QChart* oldEquity = m_equity->chart();
    m_equity->setChart(equityChart);
    delete oldEquity;

    auto* gains = new QBarSet(tr("Profit"));
    auto* losses = new QBarSet(tr("Loss"));
    gains->setColor(QColor(0x2e, 0x7d, 0x32));
    losses->setColor(QColor(0xc6, 0x28, 0x28));
    QStringList days;
    for (auto it = stats.pnlByDay.begin(); it != stats.pnlByDay.end(); ++it) {
        days << it.key().toString(QStringLiteral("MM-dd"));
        const double value = plotValue(it.value());
        *gains << (value > 0 ? value : 0.0);
        *losses << (value < 0 ? value : 0.0);
    }
    auto* bars = new QBarSeries;
    bars->append(gains);
    bars->append(losses);
    bars->setBarWidth(0.9);
    auto* dailyChart = new QChart;
    dailyChart->addSeries(bars);
    dailyChart->setTitle(tr("Net PnL by day"));
    dailyChart->legend()->hide();
    auto* dayAxis = new QBarCategoryAxis;
    dayAxis->append(days);
    auto* pnlAxis = new QValueAxis;
    pnlAxis->setLabelFormat(QStringLiteral("%.0f"));
    dailyChart->addAxis(dayAxis, Qt::AlignBottom);
    dailyChart->addAxis(pnlAxis, Qt::AlignLeft);
    bars->attachAxis(dayAxis);
    bars->attachAxis(pnlAxis);
    pnlAxis->applyNiceNumbers();
    // One label per day is unreadable beyond a few weeks: the title names the range instead.
    if (days.size() > 21) {
        dayAxis->setLabelsVisible(false);
        dailyChart->setTitle(tr("Net PnL by day, %1 to %2")
                                 .arg(stats.pnlByDay.firstKey().toString(Qt::ISODate),
                                      stats.pnlByDay.lastKey().toString(Qt::ISODate)));
    }
    QChart* oldDaily = m_daily->chart();
    m_daily->setChart(dailyChart);
    delete oldDaily;
}

} // namespace fb::ui
