#pragma once
// Notes in conflict across devices (docs/sharing.md): this device's version and another
// device's concurrent version of the same note, both kept until the trader resolves. A
// resolution — keep mine, keep theirs, or a merge — is a new local edit whose version vector is
// the merge of both plus this device's bump, so it dominates both and every device converges
// to it after push and pull.

#include "sync/journal/note_versions.h"
#include "sync/journal/share_rows.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

struct NoteConflict
{
    NoteKind kind = NoteKind::Trade;
    QString key;                    // trade key, or 'YYYY-MM-DD'
    std::optional<Annotation> mine; // nullopt: removed here
    VersionVector mineVector;
    std::optional<Annotation> theirs; // nullopt: removed there
    VersionVector theirsVector;
    QString theirsDevice;
    qint64 changeSeq = 0; // the server change that brought theirs
    qint64 foundAt = 0;
};

enum class NoteResolution { KeepMine, KeepTheirs, Merge };

// A key of the form YYYY-MM-DD names a daily note; anything else a trade's note.
NoteKind noteKindOfKey(const QString& key);

std::optional<NoteConflict> noteConflict(Database& db, NoteKind kind, const QString& key);
// Open note conflicts, oldest first, at most `limit`.
QVector<NoteConflict> noteConflicts(Database& db, int limit = 500);

// Keeps another device's concurrent version beside the local note (replacing an older one it
// holds) and opens the conflict if none is open. Joins the caller's transaction.
void keepTheirVersion(Database& db, const PulledAnnotation& theirs);
// Forgets the other version and resolves the open conflict with `resolution`.
void dropTheirVersion(Database& db, NoteKind kind, const QString& key, const QString& resolution);

// Resolves the conflict in one transaction: the note becomes mine, theirs, or `merged` (Merge
// only; its tradeKey is ignored), with vector = merge(mine, theirs) + this device's bump, queued
// for sharing. Throws JournalError (Usage) when the note has no open conflict.
void resolveNoteConflict(Database& db, NoteKind kind, const QString& key, NoteResolution resolution,
                         const std::optional<Annotation>& merged = {});

// Mine's tags, then theirs' not already there (case-sensitive, order kept): what a merge offers.
QStringList tagUnion(const QStringList& mine, const QStringList& theirs);

} // namespace fb::journal
