#pragma once
// Several symbols at once for the trade filter (issue 14): a popup with a search box over a
// checkable list of the journal's symbols. Apply hands the checked ones to the filter bar, which
// shows them as "3 symbols"; Clear unchecks every symbol.

#include <QFrame>
#include <QStringList>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace fb::ui {

class SymbolPicker : public QFrame
{
    Q_OBJECT
public:
    explicit SymbolPicker(QWidget* parent = nullptr);

    // The symbols listed, those of `checked` ticked; the search box emptied.
    void setSymbols(const QStringList& symbols, const QStringList& checked);
    QStringList checkedSymbols() const; // in list order
    // Pops up under `anchor`.
    void popUp(QWidget* anchor);

    QLineEdit* searchEdit() const { return m_search; }
    QListWidget* list() const { return m_list; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* clearButton() const { return m_clear; }

signals:
    void applied(const QStringList& symbols);
    void closed(); // hidden, applied or not

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void retranslateUi();
    void filterList(const QString& text);
    QLineEdit* m_search = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_clear = nullptr;
};

} // namespace fb::ui
