#pragma once
// Reports tab (issue 14): the Trades tab's filtered closed trades grouped by one dimension
// (symbol, direction, setup, tag, mistake, weekday or hour opened, holding time), one margin asset
// at a time: a table of trades, win rate, net PnL, profit factor, expectancy, average win and
// loss, fees and funding with a total row, the largest win and loss and the longest streaks, and
// a bar chart of each group's net PnL. Computed by a ReviewWorker thread; exact decimals until
// the chart's coordinates.

#include "ui/review_worker.h"

#include <QWidget>

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace fb::ui {

class ReportsView : public QWidget
{
    Q_OBJECT
public:
    explicit ReportsView(const QString& journalPath, QWidget* parent = nullptr);
    ~ReportsView() override;

    void setQuery(const journal::TradeQuery& query);
    void setTimeZone(const QTimeZone& zone);
    void setBy(ReportBy by);
    ReportBy by() const;
    void reload();

    // For tests and the screenshot.
    QStringList assets() const;
    QString currentAsset() const;
    void selectAsset(const QString& asset);
    QTableWidget* table() const { return m_table; }
    QChartView* chart() const { return m_chart; }
    QString extremesText() const;
    QCheckBox* unknownEntryBox() const { return m_unknownEntry; }
    bool isComputing() const { return m_inFlight; }

signals:
    void shown(quint64 generation);

public:
    // The desktop's own words for a grouping and a group (the domain's are the CLI's English):
    // "Weekday (opened)" -> "Hari (dibuka)", weekday 1 -> the display locale's "Monday".
    static QString byTitle(ReportBy by);
    static QString rowLabel(ReportBy by, const ReportRow& row);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void onResult(const ReportResult& result);
    void showAsset();
    void showChart(const AssetReport& asset);

    std::unique_ptr<ReviewWorker> m_worker;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_dirty = false;
    journal::TradeQuery m_query;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    ReportResult m_result;
    QComboBox* m_by = nullptr;
    QComboBox* m_asset = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_byLabel = nullptr;
    QLabel* m_assetLabel = nullptr;
    QCheckBox* m_unknownEntry = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_extremes = nullptr;
    QChartView* m_chart = nullptr;
};

} // namespace fb::ui
