#include "ui/conflict_actions.h"

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/transaction.h"

namespace fb::ui {

void acknowledgeChangedRecord(journal::Database& db, qint64 conflictId)
{
    journal::ConflictStore(db).resolve(
        conflictId, QStringLiteral("Acknowledged in the desktop app: the new version is kept."));
}

void reattachAnnotation(journal::Database& db, const QString& fromKey, const QString& toKey)
{
    journal::AnnotationStore(db).reattach(fromKey, toKey);
}

void deleteOrphanedAnnotation(journal::Database& db, const QString& tradeKey)
{
    journal::Transaction transaction(db);
    journal::AnnotationStore(db).remove(tradeKey);
    journal::ConflictStore(db).resolveOpen(journal::kConflictOrphanedAnnotation, tradeKey,
                                           QStringLiteral("Annotation deleted by the user."));
    transaction.commit();
}

void resolveNote(journal::Database& db, journal::NoteKind kind, const QString& key,
                 journal::NoteResolution how, const std::optional<journal::Annotation>& merged)
{
    journal::resolveNoteConflict(db, kind, key, how, merged);
}

} // namespace fb::ui
