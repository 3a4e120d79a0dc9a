#pragma once
// The trade filters shared by the history and the statistics: account, symbols (one, or several
// through the symbol picker), direction, open/closed, win/loss, open-date range, tag and text in
// notes.

#include "ui/models/trade_list.h"

#include <QDate>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace fb::ui {

class SymbolPicker;

class TradeFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit TradeFilterBar(QWidget* parent = nullptr);

    TradeQuery query() const; // the sort is left at its default
    void setSymbols(const QStringList& symbols);
    // The journal's accounts; the account filter shows only when there are several (or one is
    // chosen).
    void setAccounts(const QStringList& accounts);
    // Every filter of `query` (a saved filter) at once, one changed(); the calendar's day goes.
    void setQuery(const TradeQuery& query);
    // Several symbols (the picker's Apply): none = all, one = that symbol, more = "N symbols".
    void setSymbolSelection(const QStringList& symbols);
    QStringList selectedSymbols() const;
    // Any filter set (the list may be empty because of them).
    bool isActive() const;
    // The open-date range runs backwards (From after To): nothing can match, and the bar says so.
    bool rangeReversed() const;
    QLabel* rangeWarning() const { return m_rangeWarning; }
    QCheckBox* dateCheck() const { return m_useDates; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    // The calendar's day: only trades closed in [fromMs, toMs] (a day of the display zone),
    // shown as a button that removes it. One changed().
    void setClosedDay(const QDate& day, qint64 fromMs, qint64 toMs);
    void clearClosedDay();
    QPushButton* closedDayButton() const { return m_closedDay; }

public slots:
    // Every filter back to "all", one changed() for all of them.
    void clear();

    QComboBox* symbolBox() const { return m_symbol; }
    QComboBox* accountBox() const { return m_account; }
    SymbolPicker* symbolPicker() const { return m_picker; }
    QComboBox* directionBox() const { return m_direction; }
    QComboBox* statusBox() const { return m_status; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QLineEdit* tagEdit() const { return m_tag; }
    QLineEdit* notesEdit() const { return m_notes; }

signals:
    void changed();

private:
    void retranslateUi();
    void onSymbolChosen(int index);
    void openPicker();
    int severalIndex() const; // "Several symbols…": the last entry
    QComboBox* m_account = nullptr;
    QComboBox* m_symbol = nullptr;
    SymbolPicker* m_picker = nullptr;
    QStringList m_severalSymbols; // index kSeveral of m_symbol: these, two or more
    QComboBox* m_direction = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_outcome = nullptr;
    QCheckBox* m_useDates = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLineEdit* m_tag = nullptr;
    QLineEdit* m_notes = nullptr;
    QLabel* m_rangeWarning = nullptr;
    QPushButton* m_closedDay = nullptr;
    QDate m_closedDate;
    std::optional<qint64> m_closedFromMs;
    std::optional<qint64> m_closedToMs;
    QTimer* m_typing = nullptr;
};

} // namespace fb::ui
