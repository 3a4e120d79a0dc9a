#include "ui/stats_view.h"

#include "ui/app_context.h"
#include "ui/filter_caption.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"
#include "ui/retranslate.h"

#include "ui/models/trade_stats.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace fb::ui {

namespace {

const QString kFigureStyle = QStringLiteral("font-size: 15pt; font-weight: 600;");
constexpr int kMaxDayLabels = 12;

QString orDash(const std::optional<Decimal>& value, const QString& asset)
{
    return value ? moneyText(*value, asset) : QStringLiteral("—");
}

QString tradeCount(int count)
{
    return count == 1 ? StatsView::tr("1 trade") : StatsView::tr("%1 trades").arg(count);
}

QString signedMoney(const Decimal& value, const QString& asset)
{
    return (value.isPositive() ? QStringLiteral("+") : QString()) + moneyText(value, asset);
}

// Chart coordinates only: never fed back into any figure, never shown as text.
double plotValue(const Decimal& value)
{
    return value.toString().toDouble();
}

// QDateTimeAxis draws times in the machine's zone; moving each point by the difference shows
// them in the display time zone. A coordinate only, like the values.
double shiftedToZone(double ms, const QTimeZone& zone)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(ms), QTimeZone::utc());
    const int difference = zone.offsetFromUtc(at) - QTimeZone::systemTimeZone().offsetFromUtc(at);
    return ms + double(difference) * 1000.0;
}

} // namespace

StatsView::StatsView(const QString& journalPath, QWidget* parent)
    : QWidget(parent)
    , m_worker(std::make_unique<StatsWorker>(
          journalPath, this, [this](const StatsResult& result) { onResult(result); }))
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_asset = new QComboBox(this);
    m_asset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_unknownEntry = new QCheckBox(this);
    auto* assetLabel = new QLabel(this);
    assetLabel->setBuddy(m_asset);
    top->addWidget(m_caption, 1);
    top->addWidget(m_unknownEntry);
    top->addSpacing(12);
    top->addWidget(assetLabel);
    top->addWidget(m_asset);
    layout->addLayout(top);
    m_assetSummary = new QLabel(this);
    m_assetSummary->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_assetSummary->setWordWrap(true);
    layout->addWidget(m_assetSummary);

    auto* grid = new QGridLayout;
    static const QPair<const char*, const char*> names[] = {
        {"netPnl", QT_TR_NOOP("Net PnL")},
        {"trades", QT_TR_NOOP("Closed trades")},
        {"winRate", QT_TR_NOOP("Win rate")},
        {"profitFactor", QT_TR_NOOP("Profit factor")},
        {"expectancy", QT_TR_NOOP("Expectancy per trade")},
        {"averageWin", QT_TR_NOOP("Average win")},
        {"averageLoss", QT_TR_NOOP("Average loss")},
        {"maxDrawdown", QT_TR_NOOP("Max drawdown")},
    };
    QVector<QLabel*> captions;
    for (int i = 0; i < int(std::size(names)); ++i) {
        auto* caption = new QLabel(this);
        captions << caption;
        caption->setStyleSheet(QStringLiteral("color: palette(mid);"));
        auto* value = new QLabel(QStringLiteral("—"), this);
        value->setStyleSheet(kFigureStyle);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(caption, 0, i);
        grid->addWidget(value, 1, i);
        m_figures.insert(QLatin1String(names[i].first), value);
    }
    layout->addLayout(grid);
    m_equity = new QChartView(this);
    m_equity->setRenderHint(QPainter::Antialiasing);
    m_daily = new QChartView(this);
    m_daily->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_equity, 1);
    layout->addWidget(m_daily, 1);

    connect(m_asset, &QComboBox::activated, this, [this] { showAsset(); });
    connect(m_unknownEntry, &QCheckBox::toggled, this, [this] { reload(); });
    retranslateOnLanguageChange(this, [this, assetLabel, captions] {
        m_caption->setText(filterCaption(m_query, m_zone));
        m_caption->setToolTip(tr("Statistics count the closed trades that match the Trades "
                                 "tab's filters."));
        m_asset->setToolTip(tr("Statistics are per margin asset: amounts in different assets "
                               "are never added up."));
        m_unknownEntry->setText(
            tr("Include trades with unknown entry (%1)").arg(m_result.unknownEntryTrades));
        m_unknownEntry->setToolTip(
            tr("Trades that were already open before the journal's first fill: their entry, "
               "PnL and duration are not the whole trade's, so they are left out by default."));
        assetLabel->setText(tr("Margin asset:"));
        for (int i = 0; i < captions.size(); ++i)
            captions.at(i)->setText(tr(names[i].second));
        if (m_generation > 0) // figures, charts and asset names in the new language
            reload();
    });
}

void StatsView::setQuery(const TradeQuery& query)
{
    m_query = query;
    m_caption->setText(filterCaption(m_query, m_zone));
    if (isVisible())
        reload();
}

StatsView::~StatsView() = default;

void StatsView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_caption->setText(filterCaption(m_query, m_zone));
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
    m_worker->compute(++m_generation, m_query, m_zone, m_unknownEntry->isChecked());
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
    m_result = result;
    m_unknownEntry->setText(
        tr("Include trades with unknown entry (%1)").arg(result.unknownEntryTrades));
    // The asset shown stays the same when it still has trades; otherwise the one with most.
    const QString before = currentAsset();
    m_asset->clear();
    QString busiest;
    int most = -1;
    QStringList summary;
    for (auto it = result.assets.cbegin(); it != result.assets.cend(); ++it) {
        const int count = it.value().stats.closedTrades;
        m_asset->addItem(tr("%1 (%2)").arg(it.key(), tradeCount(count)), it.key());
        if (count > most) {
            most = count;
            busiest = it.key();
        }
        summary << tr("%1: %2 over %3")
                       .arg(it.key(), signedMoney(it.value().stats.netPnl, it.key()),
                            tradeCount(count));
    }
    m_assetSummary->setText(summary.size() > 1 ? tr("Net PnL per margin asset (never added up): %1")
                                                     .arg(summary.join(QStringLiteral(" · ")))
                                               : QString());
    m_assetSummary->setVisible(summary.size() > 1);
    const QString shownAsset = result.assets.contains(before) ? before : busiest;
    m_asset->setCurrentIndex(std::max(0, m_asset->findData(shownAsset)));
    m_asset->setEnabled(m_asset->count() > 1);
    showAsset();
    emit shown(result.generation);
}

QStringList StatsView::assets() const
{
    return m_result.assets.keys();
}

QString StatsView::currentAsset() const
{
    return m_asset->currentData().toString();
}

void StatsView::selectAsset(const QString& asset)
{
    const int index = m_asset->findData(asset);
    if (index < 0)
        return;
    m_asset->setCurrentIndex(index);
    showAsset();
}

QString StatsView::filterCaptionText() const
{
    return m_caption->text();
}

QString StatsView::assetSummaryText() const
{
    return m_assetSummary->text();
}

void StatsView::showAsset()
{
    const QString asset = currentAsset();
    const AssetStatsResult shown = m_result.assets.value(asset);
    showFigures(shown.stats, asset);
    showCharts(shown, asset);
}

QString StatsView::figureText(const QString& name) const
{
    const QLabel* label = m_figures.value(name);
    return label ? label->text() : QString();
}

void StatsView::showFigures(const TradeStats& stats, const QString& asset)
{
    const auto set = [this](const char* name, const QString& text) {
        m_figures.value(QLatin1String(name))->setText(text);
    };
    const bool any = stats.closedTrades > 0;
    set("netPnl", any ? moneyText(stats.netPnl, asset) : QStringLiteral("—"));
    m_figures.value(QStringLiteral("netPnl"))
        ->setStyleSheet(kFigureStyle + (stats.netPnl.isNegative()
                                            ? QStringLiteral("color: #c62828;")
                                            : QStringLiteral("color: #2e7d32;")));
    set("trades", countText(stats.closedTrades));
    const auto winRate = stats.winRatePercent();
    set("winRate", winRate ? localizedDecimal(winRate->toFixedString(1)) + QLatin1Char('%')
                           : QStringLiteral("—"));
    const auto factor = stats.profitFactor();
    set("profitFactor", factor ? localizedDecimal(factor->toFixedString(2)) : QStringLiteral("—"));
    set("expectancy", orDash(stats.expectancy(), asset));
    set("averageWin", orDash(stats.averageWin(), asset));
    set("averageLoss", orDash(stats.averageLoss(), asset));
    set("maxDrawdown", any ? moneyText(stats.maxDrawdown, asset) : QStringLiteral("—"));
}

QString StatsView::dayToolTip(int index) const
{
    if (index < 0 || index >= m_days.size())
        return QString();
    const QDate day = m_days.at(index);
    const QString asset = currentAsset();
    const TradeStats& stats = m_result.assets.value(asset).stats;
    const int trades = stats.tradesByDay.value(day);
    return tr("%1\nNet PnL %2\n%3 closed")
        .arg(weekdayDateText(day), signedMoney(stats.pnlByDay.value(day), asset),
             tradeCount(trades));
}

QString StatsView::equityToolTip(const QPointF& point) const
{
    const AssetStatsResult shown = m_result.assets.value(currentAsset());
    if (shown.equityPlot.isEmpty())
        return QString();
    // The plotted point nearest in time; the text is its exact equity, not the coordinate.
    qsizetype nearest = 0;
    for (qsizetype i = 1; i < shown.equityPlot.size(); ++i) {
        if (std::abs(shown.equityPlot.at(i).x() - point.x()) <
            std::abs(shown.equityPlot.at(nearest).x() - point.x()))
            nearest = i;
    }
    const QDateTime at =
        QDateTime::fromMSecsSinceEpoch(qint64(shown.equityPlot.at(nearest).x()), m_zone);
    return tr("%1\nEquity %2")
        .arg(dateTimeText(at), signedMoney(shown.equityValues.value(nearest), currentAsset()));
}

QString StatsView::dayAxisLabels() const
{
    const auto axes =
        m_daily->chart() ? m_daily->chart()->axes(Qt::Horizontal) : QList<QAbstractAxis*>();
    auto* axis = axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis*>(axes.first());
    return axis ? axis->categoriesLabels().join(QLatin1Char('|')) : QString();
}

void StatsView::showCharts(const AssetStatsResult& result, const QString& asset)
{
    const TradeStats& stats = result.stats;
    auto* equity = new QLineSeries;
    equity->setName(tr("Equity (cumulative net PnL)"));
    QVector<QPointF> shifted = result.equityPlot;
    for (QPointF& p : shifted)
        p.setX(shiftedToZone(p.x(), m_zone));
    equity->replace(shifted);
    auto* equityChart = new QChart;
    equityChart->addSeries(equity);
    equityChart->setTitle(asset.isEmpty() ? tr("Equity curve")
                                          : tr("Equity curve (cumulative net PnL, %1)").arg(asset));
    equityChart->legend()->hide();
    auto* timeAxis = new QDateTimeAxis;
    timeAxis->setFormat(QStringLiteral("d MMM"));
    timeAxis->setTickCount(8);
    auto* valueAxis = new QValueAxis;
    valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    valueAxis->setTitleText(asset);
    equityChart->addAxis(timeAxis, Qt::AlignBottom);
    equityChart->addAxis(valueAxis, Qt::AlignLeft);
    equity->attachAxis(timeAxis);
    equity->attachAxis(valueAxis);
    valueAxis->applyNiceNumbers();
    connect(equity, &QLineSeries::hovered, this, [this](const QPointF& point, bool state) {
        if (state) {
            // Back to the real time: the tooltip finds the point by its stored coordinate.
            QPointF real = point;
            real.setX(point.x() - (shiftedToZone(point.x(), m_zone) - point.x()));
            QToolTip::showText(QCursor::pos(), equityToolTip(real), m_equity);
        } else {
            QToolTip::hideText();
        }
    });
    QChart* oldEquity = m_equity->chart();
    m_equity->setChart(equityChart);
    delete oldEquity;

    auto* gains = new QBarSet(tr("Profit"));
    auto* losses = new QBarSet(tr("Loss"));
    gains->setColor(QColor(0x2e, 0x7d, 0x32));
    losses->setColor(QColor(0xc6, 0x28, 0x28));
    m_days.clear();
    for (auto it = stats.pnlByDay.begin(); it != stats.pnlByDay.end(); ++it) {
        m_days << it.key();
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
    dailyChart->setTitle(m_days.isEmpty()
                             ? tr("Net PnL by day")
                             : tr("Net PnL by day (%1), %2 to %3, %4")
                                   .arg(asset, dateText(m_days.first()), dateText(m_days.last()),
                                        m_zone.id() == "UTC" ? QStringLiteral("UTC")
                                                             : QString::fromUtf8(m_zone.id())));
    dailyChart->legend()->hide();
    // Bars sit at 0..n-1; a date under every step-th bar keeps the labels readable.
    auto* dayAxis = new QCategoryAxis;
    dayAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    dayAxis->setStartValue(-0.5);
    dayAxis->setRange(-0.5, std::max<double>(0.5, double(m_days.size()) - 0.5));
    dayAxis->setGridLineVisible(false);
    const qsizetype step =
        std::max<qsizetype>(1, (m_days.size() + kMaxDayLabels - 1) / kMaxDayLabels);
    for (qsizetype i = 0; i < m_days.size(); i += step)
        dayAxis->append(displayLocale().toString(m_days.at(i), QStringLiteral("d MMM")), double(i));
    auto* pnlAxis = new QValueAxis;
    pnlAxis->setLabelFormat(QStringLiteral("%.0f"));
    pnlAxis->setTitleText(asset);
    dailyChart->addAxis(dayAxis, Qt::AlignBottom);
    dailyChart->addAxis(pnlAxis, Qt::AlignLeft);
    bars->attachAxis(dayAxis);
    bars->attachAxis(pnlAxis);
    pnlAxis->applyNiceNumbers();
    const auto showDay = [this](bool state, int index) {
        if (state)
            QToolTip::showText(QCursor::pos(), dayToolTip(index), m_daily);
        else
            QToolTip::hideText();
    };
    connect(gains, &QBarSet::hovered, this, showDay);
    connect(losses, &QBarSet::hovered, this, showDay);
    QChart* oldDaily = m_daily->chart();
    m_daily->setChart(dailyChart);
    delete oldDaily;
}

} // namespace fb::ui
