#pragma once
// Statistics tab: exact figures of the filtered closed trades and two charts (equity curve and
// net PnL by day). Decimals become doubles only as chart coordinates. The figures are computed
// by a StatsWorker on its own thread; the view only shows the newest result.

#include "ui/models/trade_list.h"

#include <QTimeZone>
#include <QWidget>

#include <memory>

class QChartView;
class QLabel;

namespace fb::ui {

struct StatsResult;
class StatsWorker;
struct TradeStats;

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
    QString figureText(const QString& name) const; // for tests: "netPnl", "winRate", ...
    bool isComputing() const { return m_inFlight; }

signals:
    void shown(quint64 generation); // a result is on screen (tests wait for it)

private:
    void onResult(const StatsResult& result);
    void showFigures(const TradeStats& stats);
    void showCharts(const StatsResult& result);

    std::unique_ptr<StatsWorker> m_worker;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_dirty = false; // asked again while a computation ran
    TradeQuery m_query;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QMap<QString, QLabel*> m_figures;
    QChartView* m_equity = nullptr;
    QChartView* m_daily = nullptr;
};

} // namespace fb::ui
