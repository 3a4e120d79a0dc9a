#pragma once
// Merge of a note in conflict across devices (docs/sharing.md): this device's note and the
// other device's side by side, read-only, and the merged note to save — its text editable
// (starting from mine), the tags pre-filled with the union of both, the setup, rating and
// mistakes each chosen from one side. A daily note has only the text.

#include "sync/journal/note_conflicts.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace fb::ui {

class NoteMergeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NoteMergeDialog(const journal::NoteConflict& conflict, QWidget* parent = nullptr);

    // The note to save as the merge (tradeKey = the conflict's key).
    journal::Annotation merged() const;

    QPlainTextEdit* mineText() const { return m_mine; }
    QPlainTextEdit* theirsText() const { return m_theirs; }
    QPlainTextEdit* resultText() const { return m_result; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QComboBox* setupChoice() const { return m_setup; }
    QComboBox* ratingChoice() const { return m_rating; }
    QComboBox* mistakesChoice() const { return m_mistakes; }

private:
    journal::NoteConflict m_conflict;
    QPlainTextEdit* m_mine = nullptr;
    QPlainTextEdit* m_theirs = nullptr;
    QPlainTextEdit* m_result = nullptr;
    QLineEdit* m_tags = nullptr;
    QComboBox* m_setup = nullptr;
    QComboBox* m_rating = nullptr;
    QComboBox* m_mistakes = nullptr;
};

// One version of a note for people: its text, then (trade notes) tags, setup, rating, mistakes.
QString noteVersionText(journal::NoteKind kind, const std::optional<journal::Annotation>& note);

} // namespace fb::ui
