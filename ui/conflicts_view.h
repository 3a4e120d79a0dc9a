#pragma once
// Conflicts tab: changed exchange records and orphaned annotations, each with its resolution.
// A changed record is acknowledged (its new version is already kept; the old one is in the
// record history). An orphaned annotation is re-attached to a trade the user picks from the
// likely candidates, or deleted — only when the user asks and confirms. A note changed on this
// device and on another without either seeing the other (docs/sharing.md) shows both versions
// side by side with keep mine, keep theirs and merge (NoteMergeDialog).

#include "sync/journal/note_conflicts.h"

#include <QTimeZone>
#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class WriteGate;

class ConflictsView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kListLimit = 500;

    // Resolutions are written through `writes` (held while the journal is being checked,
    // write_gate.h).
    ConflictsView(journal::Database& readDb, WriteGate& writes, QWidget* parent = nullptr);
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
    QWidget* versionsPanel() const { return m_versions; }
    QPlainTextEdit* mineVersion() const { return m_mineVersion; }
    QPlainTextEdit* theirsVersion() const { return m_theirsVersion; }
    QLabel* theirsLabel() const { return m_theirsLabel; }
    QPushButton* keepMineButton() const { return m_keepMine; }
    QPushButton* keepTheirsButton() const { return m_keepTheirs; }
    QPushButton* mergeButton() const { return m_merge; }
    // Tests answer the merge dialog without showing it: the merged note, or nullopt (cancel).
    using MergeEditor =
        std::function<std::optional<journal::Annotation>(const journal::NoteConflict&)>;
    void setMergeEditor(MergeEditor editor) { m_mergeEditor = std::move(editor); }

signals:
    void countChanged(int open);
    // An annotation moved or went: the trade list shows tags from annotations.
    void annotationsChanged(const QStringList& tradeKeys);

private:
    void onSelectionChanged();
    void acknowledgeSelected();
    void reattachSelected();
    void deleteSelected();
    void resolveSelected(journal::NoteResolution how);
    std::optional<journal::NoteConflict> selectedNoteConflict() const;
    QString selectedKind() const;
    QString selectedKey() const;
    void report(const QString& text, bool error);

    journal::Database& m_readDb;
    WriteGate& m_writes;
    QTableWidget* m_table = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_detail = nullptr;
    QListWidget* m_candidates = nullptr;
    QPushButton* m_acknowledge = nullptr;
    QPushButton* m_reattach = nullptr;
    QPushButton* m_delete = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_versions = nullptr;
    QLabel* m_theirsLabel = nullptr;
    QPlainTextEdit* m_mineVersion = nullptr;
    QPlainTextEdit* m_theirsVersion = nullptr;
    QPushButton* m_keepMine = nullptr;
    QPushButton* m_keepTheirs = nullptr;
    QPushButton* m_merge = nullptr;
    MergeEditor m_mergeEditor;
    int m_openCount = 0;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    std::function<bool(const QString&)> m_confirmDelete;
};

} // namespace fb::ui
