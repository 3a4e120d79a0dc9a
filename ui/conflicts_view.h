#pragma once
// Conflicts tab: changed exchange records and orphaned annotations, each with its resolution.
// A changed record is acknowledged (its new version is already kept; the old one is in the
// record history). An orphaned annotation is re-attached to a trade the user picks from the
// likely candidates, or deleted — only when the user asks and confirms.

#include <QTimeZone>
#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class ConflictsView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kListLimit = 500;

    ConflictsView(journal::Database& readDb, journal::Database& writeDb, QWidget* parent = nullptr);
    void reload();
    // Times (of the records and of the conflicts) are shown in this zone.
    void setTimeZone(const QTimeZone& zone);
    int openCount() const { return m_openCount; }
    // Tests answer "Delete this annotation?" without a modal dialog.
    void setDeleteConfirmation(std::function<bool(const QString& tradeKey)> confirm)
    {
        m_confirmDelete = std::move(confirm);
    }

    QTableWidget* table() const { return m_table; }
    QListWidget* candidateList() const { return m_candidates; }
    QPushButton* acknowledgeButton() const { return m_acknowledge; }
    QPushButton* reattachButton() const { return m_reattach; }
    QPushButton* deleteButton() const { return m_delete; }
    QLabel* messageLabel() const { return m_message; }

signals:
    void countChanged(int open);
    // An annotation moved or went: the trade list shows tags from annotations.
    void annotationsChanged(const QStringList& tradeKeys);

private:
    void onSelectionChanged();
    void acknowledgeSelected();
    void reattachSelected();
    void deleteSelected();
    QString selectedKind() const;
    QString selectedKey() const;
    void report(const QString& text, bool error);

    journal::Database& m_readDb;
    journal::Database& m_writeDb;
    QTableWidget* m_table = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_detail = nullptr;
    QListWidget* m_candidates = nullptr;
    QPushButton* m_acknowledge = nullptr;
    QPushButton* m_reattach = nullptr;
    QPushButton* m_delete = nullptr;
    QLabel* m_message = nullptr;
    int m_openCount = 0;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    std::function<bool(const QString&)> m_confirmDelete;
};

} // namespace fb::ui
