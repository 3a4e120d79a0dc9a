#pragma once
// Saved filters on the Trades tab (issue 14): a list of the journal's named filter sets, Save
// (names the current filters) and Delete. Choosing one sets every filter of the bar at once.
// They live in the journal (schema v16) so that `fillbook-cli --filter NAME` uses them too
// (docs/design.md D138).

#include <QWidget>

#include <functional>

class QComboBox;
class QToolButton;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class TradeFilterBar;
class WriteGate;

class SavedFiltersBox : public QWidget
{
    Q_OBJECT
public:
    SavedFiltersBox(journal::Database& readDb, WriteGate& writes, TradeFilterBar* bar,
                    QWidget* parent = nullptr);

    // Re-reads the list from the journal (another window or the CLI may have changed it).
    void reload();
    // Saves the bar's filters under `name` (replacing one of that name); false after a message
    // when it could not be written. While the journal is being checked, both are held until
    // the check has passed (true; write_gate.h).
    bool saveAs(const QString& name);
    // Applies the saved filter `name` to the bar; false when there is none of that name.
    bool apply(const QString& name);
    bool removeSaved(const QString& name);
    // Tests answer the name question without a modal dialog (empty: cancelled).
    void setNameAsker(std::function<QString()> ask) { m_askName = std::move(ask); }

    QComboBox* box() const { return m_box; }
    QToolButton* saveButton() const { return m_save; }
    QToolButton* deleteButton() const { return m_delete; }
    QStringList names() const;

private:
    void retranslateUi();
    void updateButtons();
    journal::Database& m_readDb;
    WriteGate& m_writes;
    TradeFilterBar* m_bar = nullptr;
    QComboBox* m_box = nullptr;
    QToolButton* m_save = nullptr;
    QToolButton* m_delete = nullptr;
    std::function<QString()> m_askName;
};

} // namespace fb::ui
