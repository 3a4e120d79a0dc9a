#include "ui/reports_view.h"

#include "ui/app_context.h"
#include "ui/filter_caption.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
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

QString ReportsView::byTitle(ReportBy by)
{
    switch (by) {
    case ReportBy::Symbol:
        return tr("Symbol");
    case ReportBy::Side:
        return tr("Direction");
    case ReportBy::Setup:
        return tr("Setup");
    case ReportBy::Tag:
        return tr("Tag");
    case ReportBy::Mistake:
        return tr("Mistake");
    case ReportBy::Weekday:
        return tr("Weekday (opened)");
    case ReportBy::Hour:
        return tr("Hour opened");
    case ReportBy::Duration:
        return tr("Holding time");
    case ReportBy::Day:
        return tr("Day closed");
    }
    return QString();
}

QString ReportsView::rowLabel(ReportBy by, const ReportRow& row)
{
    // The domain's "(no tag)" rows and its English names, told apart by grouping and key.
    if (row.label == QLatin1String("(no setup)"))
        return tr("(no setup)");
    if (row.label == QLatin1String("(no tag)"))
        return tr("(no tag)");
    if (row.label == QLatin1String("(no mistake)"))
        return tr("(no mistake)");
    if (row.label == QLatin1String("(none)"))
        return tr("(none)");
    switch (by) {
    case ReportBy::Weekday:
        if (row.key >= 1 && row.key <= 7)
            return displayLocale().standaloneDayName(int(row.key));
        break;
    case ReportBy::Duration: {
        static const char* const buckets[] = {
            QT_TR_NOOP("under 1 min"), QT_TR_NOOP("1-5 min"),       QT_TR_NOOP("5-15 min"),
            QT_TR_NOOP("15-60 min"),   QT_TR_NOOP("1-4 h"),         QT_TR_NOOP("4-24 h"),
            QT_TR_NOOP("1-7 days"),    QT_TR_NOOP("7 days or more")};
        if (row.key >= 0 && row.key < qint64(std::size(buckets)) &&
            row.label == ReportBuilder::durationBucketLabel(row.key))
            return tr(buckets[row.key]);
        break;
    }
    default:
        break;
    }
    return row.label;
}

void ReportsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

ReportsView::ReportsView(const QString& journalPath, QWidget* parent)
    : QWidget(parent)
    , m_worker(std::make_unique<ReviewWorker>(journalPath, this))
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_by = new QComboBox(this);
    for (ReportBy by : {ReportBy::Symbol, ReportBy::Side, ReportBy::Setup, ReportBy::Tag,
                        ReportBy::Mistake, ReportBy::Weekday, ReportBy::Hour, ReportBy::Duration})
        m_by->addItem(byTitle(by), int(by));
    auto* byLabel = m_byLabel = new QLabel(this);
    byLabel->setBuddy(m_by);
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_unknownEntry = new QCheckBox(this);
    m_asset = new QComboBox(this);
    m_asset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* assetLabel = m_assetLabel = new QLabel(this);
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
    retranslateUi();
}

void ReportsView::retranslateUi()
{
    m_byLabel->setText(tr("Group by:"));
    m_caption->setText(filterCaption(m_query, m_zone));
    m_caption->setToolTip(tr("Reports count the closed trades that match the Trades tab's "
                             "filters. Weekday and hour are those of the open time, in the "
                             "display time zone."));
    m_unknownEntry->setText(
        tr("Include trades with unknown entry (%1)").arg(m_result.report.unknownEntryTrades));
    m_asset->setToolTip(tr("Amounts in different margin assets are never added up."));
    m_assetLabel->setText(tr("Margin asset:"));
    for (int i = 0; i < m_by->count(); ++i)
        m_by->setItemText(i, byTitle(ReportBy(m_by->itemData(i).toInt())));
    // The table, chart and asset names are built from the last result: build them again.
    if (m_generation > 0)
        reload();
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
        m_asset->addItem(tr("%1 (%2 trades)").arg(asset.asset).arg(countText(asset.total.trades)),
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
    m_table->setHorizontalHeaderLabels({byTitle(m_result.report.by), tr("Trades"), tr("Win rate"),
                                        tr("Net PnL"), tr("Profit factor"), tr("Expectancy"),
                                        tr("Average win"), tr("Average loss"), tr("Fees"),
                                        tr("Funding"), tr("Average R")});
    QVector<ReportRow> rows = shown.rows;
    if (!rows.isEmpty())
        rows.append(ReportRow{tr("Total"), 0, shown.total});
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const ReportFigures& f = rows.at(r).figures;
        const auto rate = f.winRatePercent();
        const auto factor = f.profitFactor();
        const bool totalRow = r == rows.size() - 1;
        const QStringList cells{
            totalRow ? rows.at(r).label : rowLabel(m_result.report.by, rows.at(r)),
            countText(f.trades),
            rate ? localizedDecimal(rate->toFixedString(1)) + QLatin1Char('%')
                 : QStringLiteral("—"),
            signedMoney(f.netPnl, asset),
            factor ? localizedDecimal(factor->toFixedString(2)) : QStringLiteral("—"),
            orDash(f.expectancy(), asset),
            orDash(f.averageWin(), asset),
            orDash(f.averageLoss(), asset),
            moneyText(f.fees, asset),
            signedMoney(f.funding, asset),
            f.averageR() ? tr("%1 R (%2 trades)")
                               .arg(localizedDecimal(f.averageR()->toFixedString(2)))
                               .arg(countText(f.rTrades))
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
        categories << rowLabel(m_result.report.by, row);
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
    const QString by = byTitle(m_result.report.by).toLower();
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
