#pragma once
// Shared notes and their versions (docs/sharing.md, "Versions and conflicts"): a trade's
// annotation (kind Trade, key = trade key) and a daily note (kind Day, key = 'YYYY-MM-DD') are
// both shared; each has a version vector in note_vectors, kept after the note is removed.
// Local edits bump this device's counter and queue the note in the outbox in the caller's
// transaction; notes pulled from other devices are written with their own vector and never
// queued again.

#include "sync/journal/annotation_store.h"
#include "sync/journal/version_vector.h"

#include <QLatin1String>
#include <QString>

#include <optional>

namespace fb::journal {

class Database;

enum class NoteKind { Trade, Day };

// "trade" / "day", as note_vectors and note_conflicts store it.
QLatin1String noteKindName(NoteKind kind);
// The outbox kind that shares a note of `kind`.
QLatin1String outboxKindOf(NoteKind kind);
// The conflict kind (conflicts table) of a note of `kind` in conflict.
QLatin1String conflictKindOf(NoteKind kind);

VersionVector noteVector(Database& db, NoteKind kind, const QString& key);
void setNoteVector(Database& db, NoteKind kind, const QString& key, const VersionVector& vector);

// A local edit of the note: bumps this device's counter and queues the note for sharing. Joins
// the caller's transaction (the edit's own). Returns the new vector.
VersionVector recordLocalEdit(Database& db, NoteKind kind, const QString& key);

// The note as this journal holds it; nullopt when there is none. A daily note is an Annotation
// with only tradeKey (the day), notes and the times set.
std::optional<Annotation> localNote(Database& db, NoteKind kind, const QString& key);
// Writes (or removes, for nullopt) a note that came from another device: no bump, no outbox.
void writePulledNote(Database& db, NoteKind kind, const QString& key,
                     const std::optional<Annotation>& note);
// Writes (or removes) the note as a local edit (AnnotationStore / the daily note): bumps and
// queues, even when there was nothing to remove.
void saveLocalNote(Database& db, NoteKind kind, const QString& key,
                   const std::optional<Annotation>& note);

} // namespace fb::journal
