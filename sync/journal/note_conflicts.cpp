#include "sync/journal/note_conflicts.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/json_lists.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace fb::journal {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT note_kind, note_key, origin_device, change_seq, vector_json, deleted, notes, "
    "tags_json, setup, rating, mistakes_json, created_at, updated_at, found_at "
    "FROM note_conflicts ");

NoteConflict readConflict(Database& db, const QSqlQuery& q)
{
    NoteConflict c;
    c.kind = q.value(0).toString() == QLatin1String("day") ? NoteKind::Day : NoteKind::Trade;
    c.key = q.value(1).toString();
    c.theirsDevice = q.value(2).toString();
    c.changeSeq = q.value(3).toLongLong();
    c.theirsVector = VersionVector::fromJson(q.value(4).toString());
    if (!q.value(5).toBool()) {
        Annotation a;
        a.tradeKey = c.key;
        a.notes = q.value(6).toString();
        a.tags = readList(q.value(7).toString());
        a.setup = q.value(8).toString();
        if (!q.value(9).isNull())
            a.rating = q.value(9).toInt();
        a.mistakes = readList(q.value(10).toString());
        a.createdAt = q.value(11).toLongLong();
        a.updatedAt = q.value(12).toLongLong();
        c.theirs = a;
    }
    c.foundAt = q.value(13).toLongLong();
    c.mine = localNote(db, c.kind, c.key);
    c.mineVector = noteVector(db, c.kind, c.key);
    return c;
}

QString summary(const std::optional<Annotation>& note)
{
    return note ? note->notes.left(200) : QStringLiteral("(removed)");
}

} // namespace

NoteKind noteKindOfKey(const QString& key)
{
    static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return day.match(key).hasMatch() && QDate::fromString(key, Qt::ISODate).isValid()
               ? NoteKind::Day
               : NoteKind::Trade;
}

std::optional<NoteConflict> noteConflict(Database& db, NoteKind kind, const QString& key)
{
    QSqlQuery q = sqlOn(db).run(kSelect + QStringLiteral("WHERE note_kind = ? AND note_key = ?"),
                                {noteKindName(kind), key}, QStringLiteral("read a note conflict"));
    if (!q.next())
        return std::nullopt;
    return readConflict(db, q);
}

QVector<NoteConflict> noteConflicts(Database& db, int limit)
{
    QSqlQuery q = sqlOn(db).run(kSelect + QStringLiteral("ORDER BY found_at, note_kind, note_key "
                                                         "LIMIT ?"),
                                {limit}, QStringLiteral("list note conflicts"));
    QVector<NoteConflict> list;
    while (q.next())
        list.append(readConflict(db, q));
    return list;
}

void keepTheirVersion(Database& db, const PulledAnnotation& theirs)
{
    WriteScope scope(db);
    const Annotation& a = theirs.annotation;
    const NoteKind kind = theirs.noteKind;
    sqlOn(db).run(
        QStringLiteral(
            "INSERT INTO note_conflicts (note_kind, note_key, origin_device, change_seq, "
            "vector_json, deleted, notes, tags_json, setup, rating, mistakes_json, created_at, "
            "updated_at, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (note_kind, note_key) DO UPDATE SET "
            "origin_device = excluded.origin_device, change_seq = excluded.change_seq, "
            "vector_json = excluded.vector_json, deleted = excluded.deleted, "
            "notes = excluded.notes, tags_json = excluded.tags_json, setup = excluded.setup, "
            "rating = excluded.rating, mistakes_json = excluded.mistakes_json, "
            "created_at = excluded.created_at, updated_at = excluded.updated_at"),
        {noteKindName(kind), a.tradeKey, theirs.originDevice, theirs.changeSeq,
         theirs.vector.toJson(), theirs.deleted, a.notes, listJson(a.tags), a.setup,
         a.rating ? QVariant(*a.rating) : QVariant(QMetaType::fromType<int>()),
         listJson(a.mistakes), a.createdAt, a.updatedAt, Database::nowMs()},
        QStringLiteral("keep the other version of a note"));
    ConflictStore conflicts(db);
    if (!conflicts.hasOpen(conflictKindOf(kind), a.tradeKey)) {
        Conflict c;
        c.kind = conflictKindOf(kind);
        c.naturalKey = a.tradeKey;
        c.oldSummary = summary(localNote(db, kind, a.tradeKey));
        c.newSummary = summary(theirs.deleted ? std::nullopt : std::optional<Annotation>(a));
        c.detail = QStringLiteral("The %1 of %2 was changed on this device and on device %3 "
                                  "(server change %4) without either seeing the other; both "
                                  "versions are kept until you keep one or merge them.")
                       .arg(kind == NoteKind::Trade ? QStringLiteral("note")
                                                    : QStringLiteral("daily note"),
                            a.tradeKey, theirs.originDevice)
                       .arg(theirs.changeSeq);
        conflicts.add(c);
    }
    scope.commit();
}

void dropTheirVersion(Database& db, NoteKind kind, const QString& key, const QString& resolution)
{
    WriteScope scope(db);
    sqlOn(db).run(QStringLiteral("DELETE FROM note_conflicts WHERE note_kind = ? AND note_key = ?"),
                  {noteKindName(kind), key}, QStringLiteral("forget the other version of a note"));
    ConflictStore(db).resolveOpen(conflictKindOf(kind), key, resolution);
    scope.commit();
}

void resolveNoteConflict(Database& db, NoteKind kind, const QString& key, NoteResolution resolution,
                         const std::optional<Annotation>& merged)
{
    Transaction tx(db);
    const std::optional<NoteConflict> c = noteConflict(db, kind, key);
    if (!c)
        throw JournalError(
            JournalError::Kind::Usage,
            QStringLiteral("There is no sharing conflict about the note of %1.").arg(key));
    if (resolution == NoteResolution::Merge && !merged)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("A merge needs the merged note."));
    // Seen both, then this device's own edit on top (recordLocalEdit inside the save bumps).
    setNoteVector(db, kind, key, VersionVector::merged(c->mineVector, c->theirsVector));
    QString how;
    switch (resolution) {
    case NoteResolution::KeepMine:
        saveLocalNote(db, kind, key, c->mine);
        how = QStringLiteral("Kept this device's version.");
        break;
    case NoteResolution::KeepTheirs:
        saveLocalNote(db, kind, key, c->theirs);
        how = QStringLiteral("Kept the version of device %1.").arg(c->theirsDevice);
        break;
    case NoteResolution::Merge: {
        Annotation a = *merged;
        a.tradeKey = key;
        if (kind == NoteKind::Trade && c->mine)
            a.screenshotPaths = c->mine->screenshotPaths;
        saveLocalNote(db, kind, key, a);
        how = QStringLiteral("Merged the two versions.");
        break;
    }
    }
    dropTheirVersion(db, kind, key, how);
    tx.commit();
}

QStringList tagUnion(const QStringList& mine, const QStringList& theirs)
{
    QStringList all = mine;
    for (const QString& tag : theirs) {
        if (!all.contains(tag))
            all.append(tag);
    }
    return all;
}

} // namespace fb::journal
