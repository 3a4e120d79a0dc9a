#include "sync/journal/annotation_store.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/json_lists.h"
#include "sync/journal/note_versions.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fb::journal {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT trade_key, notes, tags_json, setup, rating, mistakes_json, screenshots_json, "
    "created_at, updated_at, risk_override FROM annotations ");

Annotation readAnnotation(const QSqlQuery& q)
{
    Annotation a;
    a.tradeKey = q.value(0).toString();
    a.notes = q.value(1).toString();
    a.tags = readList(q.value(2).toString());
    a.setup = q.value(3).toString();
    if (!q.value(4).isNull())
        a.rating = q.value(4).toInt();
    a.mistakes = readList(q.value(5).toString());
    a.screenshotPaths = readList(q.value(6).toString());
    a.createdAt = q.value(7).toLongLong();
    a.updatedAt = q.value(8).toLongLong();
    if (!q.value(9).isNull())
        a.riskOverride = Decimal::parse(q.value(9).toString());
    return a;
}

} // namespace

AnnotationStore::AnnotationStore(Database& db)
    : m_db(db)
{}

std::optional<Annotation> AnnotationStore::annotation(const QString& tradeKey)
{
    QSqlQuery query = sqlOn(m_db).run(kSelect + QStringLiteral("WHERE trade_key = ?"), {tradeKey},
                                      QStringLiteral("read an annotation"));
    if (!query.next())
        return std::nullopt;
    return readAnnotation(query);
}

Annotation AnnotationStore::save(const Annotation& annotation)
{
    if (annotation.tradeKey.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("An annotation needs the key of its trade."));
    WriteScope scope(m_db);
    const qint64 now = Database::nowMs();
    sqlOn(m_db).run(
        QStringLiteral(
            "INSERT INTO annotations (trade_key, notes, tags_json, setup, rating, "
            "mistakes_json, screenshots_json, created_at, updated_at, risk_override) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trade_key) DO UPDATE SET "
            "notes = excluded.notes, tags_json = excluded.tags_json, setup = excluded.setup, "
            "rating = excluded.rating, mistakes_json = excluded.mistakes_json, "
            "screenshots_json = excluded.screenshots_json, updated_at = excluded.updated_at, "
            "risk_override = excluded.risk_override"),
        {annotation.tradeKey, annotation.notes, listJson(annotation.tags), annotation.setup,
         annotation.rating ? QVariant(*annotation.rating) : QVariant(QMetaType::fromType<int>()),
         listJson(annotation.mistakes), listJson(annotation.screenshotPaths), now, now,
         annotation.riskOverride ? QVariant(annotation.riskOverride->toString())
                                 : QVariant(QMetaType::fromType<QString>())},
        QStringLiteral("save the annotation of %1").arg(annotation.tradeKey));
    const std::optional<Annotation> stored = this->annotation(annotation.tradeKey);
    recordLocalEdit(m_db, NoteKind::Trade, annotation.tradeKey); // bump + outbox
    scope.commit();
    return *stored;
}

bool AnnotationStore::remove(const QString& tradeKey)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("DELETE FROM annotations WHERE trade_key = ?"),
                                      {tradeKey}, QStringLiteral("delete an annotation"));
    const bool removed = query.numRowsAffected() > 0;
    if (removed)
        recordLocalEdit(m_db, NoteKind::Trade, tradeKey);
    scope.commit();
    return removed;
}

QVector<Annotation> AnnotationStore::all()
{
    QSqlQuery query = sqlOn(m_db).run(kSelect + QStringLiteral("ORDER BY trade_key"), {},
                                      QStringLiteral("read annotations"));
    QVector<Annotation> result;
    while (query.next())
        result.append(readAnnotation(query));
    return result;
}

QStringList AnnotationStore::orphanedKeys()
{
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("SELECT a.trade_key FROM annotations a WHERE NOT EXISTS "
                       "(SELECT 1 FROM trades t WHERE t.key = a.trade_key) ORDER BY a.trade_key"),
        {}, QStringLiteral("find orphaned annotations"));
    QStringList keys;
    while (query.next())
        keys.append(query.value(0).toString());
    return keys;
}

void AnnotationStore::reattach(const QString& fromKey, const QString& toKey)
{
    WriteScope scope(m_db);
    const auto refuse = [&](const QString& why) {
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Cannot re-attach the annotation of %1 to %2: %3")
                               .arg(fromKey, toKey, why));
    };
    if (fromKey == toKey)
        refuse(QStringLiteral("it is the same trade."));
    if (!annotation(fromKey))
        refuse(QStringLiteral("there is no annotation for %1.").arg(fromKey));
    if (sqlOn(m_db)
            .scalar(QStringLiteral("SELECT count(*) FROM trades WHERE key = ?"), {toKey})
            .toInt() == 0)
        refuse(QStringLiteral("there is no trade %1.").arg(toKey));
    if (annotation(toKey))
        refuse(QStringLiteral("%1 already has an annotation.").arg(toKey));

    sqlOn(m_db).run(QStringLiteral("UPDATE annotations SET trade_key = ?, updated_at = ? "
                                   "WHERE trade_key = ?"),
                    {toKey, Database::nowMs(), fromKey}, QStringLiteral("re-attach an annotation"));
    recordLocalEdit(m_db, NoteKind::Trade, fromKey); // removed there
    recordLocalEdit(m_db, NoteKind::Trade, toKey);   // written here
    ConflictStore(m_db).resolveOpen(kConflictOrphanedAnnotation, fromKey,
                                    QStringLiteral("Re-attached to %1.").arg(toKey));
    scope.commit();
}

} // namespace fb::journal
