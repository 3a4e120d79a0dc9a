#pragma once
// Calendar tab (issue 14): one month of the Trades tab's filtered closed trades, day by day in
// the display time zone, for one margin asset at a time: each day's net PnL (green or red), its
// trade count and win rate, week totals and the month total. Clicking a day shows its figures
// and its daily note (editable, saved in the journal's day_notes, never touched by sync);
// double-clicking it, or "Show its trades", filters the Trades tab to the trades closed that day.
// The figures come from a ReviewWorker thread.

#include "ui/review_worker.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace fb::ui {

class WriteGate;

class CalendarView : public QWidget
{
    Q_OBJECT
public:
    // Reads through its own worker; daily notes are written through `writes` (UI thread;
    // held while the journal is being checked, write_gate.h).
    CalendarView(const QString& journalPath, WriteGate& writes, QWidget* parent = nullptr);
    ~CalendarView() override;

    void setQuery(const journal::TradeQuery& query);
    void setTimeZone(const QTimeZone& zone);
    void setMonth(const QDate& anyDayOfMonth);
    QDate month() const { return m_month; }
    void reload();

    // For tests and the screenshot.
    QStringList assets() const;
    QString currentAsset() const;
    void selectAsset(const QString& asset);
    void selectDay(const QDate& day);
    QDate selectedDay() const { return m_selected; }
    QString dayText(const QDate& day) const; // the cell's text ("" when not in the month)
    QString weekText(int row) const;
    QString monthTotalText() const;
    QString noteText() const;
    void setNoteText(const QString& text);
    void saveNote();
    QTableWidget* grid() const { return m_grid; }
    bool isComputing() const { return m_inFlight; }

signals:
    void shown(quint64 generation);
    // Filter the trades to those closed on `day` ([fromMs, toMs] in the display zone).
    void dayChosen(const QDate& day, qint64 fromMs, qint64 toMs);
    // A daily note was saved or removed (it queued an outbox row: sharing is kicked).
    void dayNoteSaved(const QDate& day);

private:
    void onResult(const CalendarResult& result);
    void showAsset();
    void showDay();
    void chooseSelectedDay();
    QDate dayAt(int row, int column) const;

    std::unique_ptr<ReviewWorker> m_worker;
    WriteGate& m_writes;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_dirty = false;
    journal::TradeQuery m_query;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QDate m_month;
    QDate m_selected;
    CalendarResult m_result;
    QLabel* m_title = nullptr;
    QLabel* m_caption = nullptr;
    QComboBox* m_asset = nullptr;
    QTableWidget* m_grid = nullptr;
    QLabel* m_total = nullptr;
    QLabel* m_dayTitle = nullptr;
    QLabel* m_dayFigures = nullptr;
    QPlainTextEdit* m_note = nullptr;
    QPushButton* m_saveNote = nullptr;
    QPushButton* m_showTrades = nullptr;
};

} // namespace fb::ui
