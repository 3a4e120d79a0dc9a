#include "sync/journal/note_versions.h"
#include "sync/journal/json_lists.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/report_queries.h"
#include "sync/journal/share_rows.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>

namespace fb::journal {

QLatin1String noteKindName(NoteKind kind)
{
    return kind == NoteKind::Trade ? QLatin1String("trade") : QLatin1String("day");
}

QLatin1String outboxKindOf(NoteKind kind)
{
    return kind == NoteKind::Trade ? kOutboxAnnotation : kOutboxDayNote;
}

QLatin1String conflictKindOf(NoteKind kind)
{
    return kind == NoteKind::Trade ? kConflictSharedAnnotation : kConflictSharedDayNote;
}

VersionVector noteVector(Database& db, NoteKind kind, const QString& key)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT vector_json FROM note_vectors WHERE note_kind = ? AND note_key = ?"),
        {noteKindName(kind), key}, QStringLiteral("read the version of a note"));
    return q.next() ? VersionVector::fromJson(q.value(0).toString()) : VersionVector{};
}

void setNoteVector(Database& db, NoteKind kind, const QString& key, const VersionVector& vector)
{
    sqlOn(db).run(QStringLiteral("INSERT INTO note_vectors(note_kind, note_key, vector_json) "
                                 "VALUES (?, ?, ?) ON CONFLICT (note_kind, note_key) DO UPDATE "
                                 "SET vector_json = excluded.vector_json"),
                  {noteKindName(kind), key, vector.toJson()},
                  QStringLiteral("store the version of a note"));
}

VersionVector recordLocalEdit(Database& db, NoteKind kind, const QString& key)
{
    WriteScope scope(db);
    OutboxStore outbox(db);
    VersionVector vector = noteVector(db, kind, key);
    vector.bump(outbox.deviceId());
    setNoteVector(db, kind, key, vector);
    outbox.add(outboxKindOf(kind), QString(), key);
    scope.commit();
    return vector;
}

std::optional<Annotation> localNote(Database& db, NoteKind kind, const QString& key)
{
    if (kind == NoteKind::Trade)
        return AnnotationStore(db).annotation(key);
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT notes, created_at, updated_at FROM day_notes WHERE day = ?"), {key},
        QStringLiteral("read a daily note"));
    if (!q.next())
        return std::nullopt;
    Annotation a;
    a.tradeKey = key;
    a.notes = q.value(0).toString();
    a.createdAt = q.value(1).toLongLong();
    a.updatedAt = q.value(2).toLongLong();
    return a;
}

void writePulledNote(Database& db, NoteKind kind, const QString& key,
                     const std::optional<Annotation>& note)
{
    const QString what = QStringLiteral("apply a shared note");
    if (kind == NoteKind::Day) {
        if (!note) {
            sqlOn(db).run(QStringLiteral("DELETE FROM day_notes WHERE day = ?"), {key}, what);
            return;
        }
        sqlOn(db).run(QStringLiteral("INSERT INTO day_notes (day, notes, created_at, updated_at) "
                                     "VALUES (?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET "
                                     "notes = excluded.notes, created_at = excluded.created_at, "
                                     "updated_at = excluded.updated_at"),
                      {key, note->notes, note->createdAt, note->updatedAt}, what);
        return;
    }
    if (!note) {
        sqlOn(db).run(QStringLiteral("DELETE FROM annotations WHERE trade_key = ?"), {key}, what);
        return;
    }
    const Annotation& a = *note;
    sqlOn(db).run(
        QStringLiteral(
            "INSERT INTO annotations (trade_key, notes, tags_json, setup, rating, "
            "mistakes_json, screenshots_json, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trade_key) DO UPDATE SET "
            "notes = excluded.notes, tags_json = excluded.tags_json, setup = excluded.setup, "
            "rating = excluded.rating, mistakes_json = excluded.mistakes_json, "
            "screenshots_json = excluded.screenshots_json, created_at = excluded.created_at, "
            "updated_at = excluded.updated_at"),
        {key, a.notes, listJson(a.tags), a.setup,
         a.rating ? QVariant(*a.rating) : QVariant(QMetaType::fromType<int>()),
         listJson(a.mistakes), listJson(a.screenshotPaths), a.createdAt, a.updatedAt},
        what);
}

void saveLocalNote(Database& db, NoteKind kind, const QString& key,
                   const std::optional<Annotation>& note)
{
    WriteScope scope(db);
    if (kind == NoteKind::Day) {
        // saveDayNote bumps only when it changed something; a resolution always does.
        const QDate day = QDate::fromString(key, Qt::ISODate);
        const QString text = note ? note->notes : QString();
        if (!text.trimmed().isEmpty() || localNote(db, kind, key))
            saveDayNote(db, day, text, Database::nowMs());
        else
            recordLocalEdit(db, kind, key);
    } else if (note) {
        Annotation a = *note;
        a.tradeKey = key;
        AnnotationStore(db).save(a);
    } else if (!AnnotationStore(db).remove(key)) {
        recordLocalEdit(db, kind, key);
    }
    scope.commit();
}

} // namespace fb::journal
