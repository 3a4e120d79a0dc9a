#pragma once
// Statistics tab: exact figures of the filtered closed trades of one margin asset at a time
// (amounts in USDT and USDC are never added up) and two charts (equity curve and net PnL by
// day, with dates and tooltips). Decimals become doubles only as chart coordinates. The
// figures are computed by a StatsWorker on its own thread; the view only shows the newest
// result. A caption says which Trades-tab filters apply; trades with an unknown entry
// (INCOMPLETE_START) are left out unless the user includes them.

#include "ui/models/trade_list.h"
#include "ui/stats_worker.h"

#include <QDate>
#include <QTimeZone>
#include <QWidget>

#include <memory>

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;

namespace fb::ui {

class StatsView : public QWidget
{
    Q_OBJECT
public:
    explicit StatsView(const QString& journalPath, QWidget* parent = nullptr);
    ~StatsView() override;

    void setQuery(const TradeQuery& query);
    void setTimeZone(const QTimeZone& zone);
    // Asks the worker for fresh figures; they appear when computed (see shown()).
    void reload();
    // For tests: the shown text of a figure ("netPnl", "winRate", ...), of the selected asset.
    QString figureText(const QString& name) const;
    bool isComputing() const { return m_inFlight; }

    // The margin assets with closed trades, and the one shown.
    QStringList assets() const;
    QString currentAsset() const;
    void selectAsset(const QString& asset);
    QString filterCaptionText() const;
    QString assetSummaryText() const;
    QCheckBox* unknownEntryBox() const { return m_unknownEntry; }
    QChartView* equityChart() const { return m_equity; }
    QChartView* dailyChart() const { return m_daily; }
    // What hovering the day's bar (index into the shown days) or the equity curve says.
    QString dayToolTip(int index) const;
    QString equityToolTip(const QPointF& point) const;
    QString dayAxisLabels() const; // for tests: the date labels of the by-day chart, joined

signals:
    void shown(quint64 generation); // a result is on screen (tests wait for it)

private:
    void onResult(const StatsResult& result);
    void showAsset();
    void showFigures(const TradeStats& stats, const QString& asset);
    void showCharts(const AssetStatsResult& result, const QString& asset);

    std::unique_ptr<StatsWorker> m_worker;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_dirty = false; // asked again while a computation ran
    TradeQuery m_query;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    StatsResult m_result;
    QVector<QDate> m_days; // the by-day chart's days, in bar order
    QMap<QString, QLabel*> m_figures;
    QLabel* m_caption = nullptr;
    QLabel* m_assetSummary = nullptr;
    QComboBox* m_asset = nullptr;
    QCheckBox* m_unknownEntry = nullptr;
    QChartView* m_equity = nullptr;
    QChartView* m_daily = nullptr;
};

} // namespace fb::ui
