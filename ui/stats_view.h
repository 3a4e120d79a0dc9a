#pragma once
// Statistics tab: exact figures of the filtered closed trades and two charts (equity curve and
// net PnL by day). Decimals become doubles only as chart coordinates.

#include "models/itemmodels/trade_query.h"

#include <QTimeZone>
#include <QWidget>

class QChartView;
class QLabel;

namespace fb::journal {
class Database;
}

namespace fb::ui {

struct TradeStats;

class StatsView : public QWidget
{
    Q_OBJECT
public:
    explicit StatsView(journal::Database& readDb, QWidget* parent = nullptr);

    void setQuery(const TradeQuery& query);
    void reload();
    QString figureText(const QString& name) const; // for tests: "netPnl", "winRate", ...

private:
    void showFigures(const TradeStats& stats);
    void showCharts(const TradeStats& stats);

    journal::Database& m_readDb;
    TradeQuery m_query;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QMap<QString, QLabel*> m_figures;
    QChartView* m_equity = nullptr;
    QChartView* m_daily = nullptr;
};

} // namespace fb::ui
