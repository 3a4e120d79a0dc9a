#pragma once
// The trade filters shared by the history and the statistics: symbol, direction, open/closed,
// win/loss, open-date range, tag and text in notes.

#include "ui/models/trade_list.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;

namespace fb::ui {

class TradeFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit TradeFilterBar(QWidget* parent = nullptr);

    TradeQuery query() const; // the sort is left at its default
    void setSymbols(const QStringList& symbols);

    QComboBox* symbolBox() const { return m_symbol; }
    QComboBox* directionBox() const { return m_direction; }
    QComboBox* statusBox() const { return m_status; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QLineEdit* tagEdit() const { return m_tag; }
    QLineEdit* notesEdit() const { return m_notes; }

signals:
    void changed();

private:
    QComboBox* m_symbol = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_outcome = nullptr;
    QCheckBox* m_useDates = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLineEdit* m_tag = nullptr;
    QLineEdit* m_notes = nullptr;
    QTimer* m_typing = nullptr;
};

} // namespace fb::ui
