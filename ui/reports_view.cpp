#include "ui/reports_view.h"

#include "ui/app_context.h"
#include "ui/filter_caption.h"
#include "ui/money_text.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace fb::ui {

namespace {

constexpr int kMaxBars = 40; // more groups than this: the chart shows the largest by |net|

QString orDash(const std::optional<Decimal>& value, const QString& asset)
{
    return value ? moneyText(*value, asset) : QStringLiteral("—");
}

QString signedMoney(const Decimal& value, const QString& asset)
{
    return (value.isPositive() ? QStringLiteral("+") : QString()) + moneyText(value, asset);
}

// Chart coordinates only: never shown as text, never fed back into a figure.
double plotValue(const Decimal& value)
{
    return value.toString().toDouble();
}

QColor netColor(const Decimal& net)
{
    if (net.isPositive())
        return QColor(0x2e, 0x7d, 0x32);
    if (net.isNegative())
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x42, 0x42, 0x42);
}

} // namespace

ReportsView::ReportsView(const QString& journalPath, QWidget* parent)
    : QWidget(parent)
    , m_worker(std::make_unique<ReviewWorker>(journalPath, this))
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_by = new QComboBox(this);
    for (ReportBy by : {ReportBy::Symbol, ReportBy::Side, ReportBy::Setup, ReportBy::Tag,
                        ReportBy::Mistake, ReportBy::Weekday, ReportBy::Hour, ReportBy::Duration})
        m_by->addItem(reportByTitle(by), int(by));
    auto* byLabel = new QLabel(tr("Group by:"), this);
    byLabel->setBuddy(m_by);
    m_caption = new QLabel(tr("All trades"), this);
    m_caption->setWordWrap(true);
    m_caption->setToolTip(tr("Reports count the closed trades that match the Trades tab's "
                             "filters. Weekday and hour are those of the open time, in the "
                             "display time zone."));
    m_unknownEntry = new QCheckBox(tr("Include trades with unknown entry (0)"), this);
    m_asset = new QComboBox(this);
    m_asset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_asset->setToolTip(tr("Amounts in different margin assets are never added up."));
    auto* assetLabel = new QLabel(tr("Margin asset:"), this);
    assetLabel->setBuddy(m_asset);
    top->addWidget(byLabel);
    top->addWidget(m_by);
    top->addSpacing(12);
    top->addWidget(m_caption, 1);
    top->addWidget(m_unknownEntry);
    top->addSpacing(12);
    top->addWidget(assetLabel);
    top->addWidget(m_asset);
    layout->addLayout(top);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableWidget(0, 11, splitter);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_chart = new QChartView(splitter);
    m_chart->setRenderHint(QPainter::Antialiasing);
    splitter->addWidget(m_table);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({310, 400}); // the chart gets the room its axis labels need
    layout->addWidget(splitter, 1);
    m_extremes = new QLabel(this);
    m_extremes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_extremes);

    connect(m_by, &QComboBox::activated, this, [this] { reload(); });
    connect(m_asset, &QComboBox::activated, this, [this] { showAsset(); });
    connect(m_unknownEntry, &QCheckBox::toggled, this, [this] { reload(); });
}

ReportsView::~ReportsView() = default;

void ReportsView::setQuery(const journal::TradeQuery& query)
{
    m_query = query;
    m_caption->setText(filterCaption(m_query, m_zone));
    if (isVisible())
        reload();
}

void ReportsView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_caption->setText(filterCaption(m_query, m_zone));
    if (isVisible())
        reload();
}

void ReportsView::setBy(ReportBy by)
{
    m_by->setCurrentIndex(std::max(0, m_by->findData(int(by))));
    reload();
}

ReportBy ReportsView::by() const
{
    return ReportBy(m_by->currentData().toInt());
}

void ReportsView::reload()
{
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    m_inFlight = true;
    m_dirty = false;
    m_worker->report(++m_generation, m_query, by(), m_zone, m_unknownEntry->isChecked(),
                     [this](const ReportResult& result) { onResult(result); });
}

void ReportsView::onResult(const ReportResult& result)
{
    m_inFlight = false;
    if (m_dirty) {
        reload();
        return;
    }
    if (!result.error.isEmpty())
        qCWarning(lcUi) << "could not load the report:" << result.error;
    m_result = result;
    m_unknownEntry->setText(
        tr("Include trades with unknown entry (%1)").arg(result.report.unknownEntryTrades));
    // The asset shown stays when it still has trades; otherwise the busiest one.
    const QString before = currentAsset();
    m_asset->clear();
    QString busiest;
    qint64 most = -1;
    for (const AssetReport& asset : result.report.assets) {
        m_asset->addItem(tr("%1 (%2 trades)").arg(asset.asset).arg(asset.total.trades),
                         asset.asset);
        if (asset.total.trades > most) {
            most = asset.total.trades;
            busiest = asset.asset;
        }
    }
    const int kept = m_asset->findData(before);
    m_asset->setCurrentIndex(kept >= 0 ? kept : std::max(0, m_asset->findData(busiest)));
    m_asset->setEnabled(m_asset->count() > 1);
    showAsset();
    emit shown(result.generation);
}

QStringList ReportsView::assets() const
{
    QStringList names;
    for (const AssetReport& asset : m_result.report.assets)
        names << asset.asset;
    return names;
}

QString ReportsView::currentAsset() const
{
    return m_asset->currentData().toString();
}

void ReportsView::selectAsset(const QString& asset)
{
    const int index = m_asset->findData(asset);
    if (index >= 0) {
        m_asset->setCurrentIndex(index);
        showAsset();
    }
}

QString ReportsView::extremesText() const
{
    return m_extremes->text();
}

void ReportsView::showAsset()
{
    const QString asset = currentAsset();
    AssetReport shown;
    for (const AssetReport& a : m_result.report.assets) {
        if (a.asset == asset)
            shown = a;
    }
    m_table->setHorizontalHeaderLabels({reportByTitle(m_result.report.by), tr("Trades"),
                                        tr("Win rate"), tr("Net PnL"), tr("Profit factor"),
                                        tr("Expectancy"), tr("Average win"), tr("Average loss"),
                                        tr("Fees"), tr("Funding"), tr("Average R")});
    QVector<ReportRow> rows = shown.rows;
    if (!rows.isEmpty())
        rows.append(ReportRow{tr("Total"), 0, shown.total});
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const ReportFigures& f = rows.at(r).figures;
        const auto rate = f.winRatePercent();
        const auto factor = f.profitFactor();
        const QStringList cells{
            rows.at(r).label,
            QString::number(f.trades),
            rate ? rate->toFixedString(1) + QLatin1Char('%') : QStringLiteral("—"),
            signedMoney(f.netPnl, asset),
            factor ? factor->toFixedString(2) : QStringLiteral("—"),
            orDash(f.expectancy(), asset),
            orDash(f.averageWin(), asset),
            orDash(f.averageLoss(), asset),
            moneyText(f.fees, asset),
            signedMoney(f.funding, asset),
            f.averageR() ? tr("%1 R (%2 trades)").arg(f.averageR()->toFixedString(2)).arg(f.rTrades)
                         : tr("no stop")};
        const bool total = r == rows.size() - 1;
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setTextAlignment(c == 0 ? Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)
                                          : Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
            if (c == 3)
                item->setForeground(netColor(f.netPnl));
            if (total) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_table->setItem(r, c, item);
        }
    }
    const ReportFigures& t = shown.total;
    if (t.trades == 0) {
        m_extremes->setText(tr("No closed trades match the filters."));
    } else {
        m_extremes->setText(
            tr("Largest win %1 · largest loss %2 · longest winning streak %3 · longest losing "
               "streak %4 (by close time)")
                .arg(orDash(t.largestWin, asset), orDash(t.largestLoss, asset))
                .arg(t.longestWinStreak)
                .arg(t.longestLossStreak));
    }
    showChart(shown);
}

void ReportsView::showChart(const AssetReport& asset)
{
    QVector<ReportRow> rows = asset.rows;
    const bool thinned = rows.size() > kMaxBars;
    if (thinned) {
        std::stable_sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) {
            return a.figures.netPnl.abs() > b.figures.netPnl.abs();
        });
        rows.resize(kMaxBars);
    }
    auto* gains = new QBarSet(tr("Profit"));
    auto* losses = new QBarSet(tr("Loss"));
    gains->setColor(QColor(0x2e, 0x7d, 0x32));
    losses->setColor(QColor(0xc6, 0x28, 0x28));
    QStringList categories;
    for (const ReportRow& row : rows) {
        categories << row.label;
        const double value = plotValue(row.figures.netPnl);
        *gains << (value > 0 ? value : 0.0);
        *losses << (value < 0 ? value : 0.0);
    }
    auto* series = new QBarSeries;
    series->append(gains);
    series->append(losses);
    series->setBarWidth(0.8);
    auto* chart = new QChart;
    chart->addSeries(series);
    const QString by = reportByTitle(m_result.report.by).toLower();
    chart->setTitle(
        asset.asset.isEmpty()
            ? tr("Net PnL by %1").arg(by)
            : (thinned ? tr("Net PnL by %1 (%2), the %3 largest").arg(by, asset.asset).arg(kMaxBars)
                       : tr("Net PnL by %1 (%2)").arg(by, asset.asset)));
    chart->legend()->hide();
    auto* axisX = new QBarCategoryAxis;
    axisX->append(categories);
    QFont labels = axisX->labelsFont();
    labels.setPointSizeF(labels.pointSizeF() * 0.85); // "1000PEPEUSDT" whole under its bar
    axisX->setLabelsFont(labels);
    if (categories.size() > 12)
        axisX->setLabelsAngle(-60);
    auto* axisY = new QValueAxis;
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    axisY->setTitleText(asset.asset);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    axisY->applyNiceNumbers();
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

} // namespace fb::ui
