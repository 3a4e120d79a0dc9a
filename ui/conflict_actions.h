#pragma once
// What the Conflicts tab does. What it reads comes from the journal's read side
// (sync/journal/conflict_queries.h); here are the three resolutions — acknowledge a changed
// exchange record, re-attach an orphaned annotation to a trade the user chose, or delete it
// when the user explicitly asks.

#include "sync/journal/conflict_queries.h"
#include "sync/journal/note_conflicts.h"

#include <QString>

namespace fb::journal {
class Database;
}

namespace fb::ui {

using journal::loadOpenConflicts;
using journal::parseTradeKey;
using journal::reattachCandidates;
using journal::TradeCandidate;
using journal::TradeKeyParts;

// The resolutions, on the UI's read-write connection. Each throws journal::JournalError.
void acknowledgeChangedRecord(journal::Database& db, qint64 conflictId);
void reattachAnnotation(journal::Database& db, const QString& fromKey, const QString& toKey);
// Removes the annotation and resolves its orphaned_annotation conflicts, in one transaction.
void deleteOrphanedAnnotation(journal::Database& db, const QString& tradeKey);
// Keeps mine, keeps theirs, or saves `merged` for a note edited on two devices: a new local edit
// that has seen both versions, queued for sharing (journal::resolveNoteConflict).
void resolveNote(journal::Database& db, journal::NoteKind kind, const QString& key,
                 journal::NoteResolution how, const std::optional<journal::Annotation>& merged);

} // namespace fb::ui
