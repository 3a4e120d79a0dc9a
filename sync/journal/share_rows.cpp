#include "sync/journal/share_rows.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>

namespace fb::journal {

namespace {

QString listJson(const QStringList& list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

void readRecords(Database& db, const QString& sql, const QVariantList& values, const char* kind,
                 QVector<SharedRecord>& out)
{
    QSqlQuery query = sqlOn(db).run(sql, values, QStringLiteral("read records to share"));
    while (query.next())
        out.append({QLatin1String(kind), query.value(0).toString(), query.value(1).toString(),
                    query.value(2).toInt()});
}

} // namespace

QVector<SharedRecord> sharedRecords(Database& db, const QString& account, const QString& symbol)
{
    QVector<SharedRecord> records;
    if (symbol.isEmpty()) {
        readRecords(db,
                    QStringLiteral("SELECT income_type || ':' || tran_id, raw_json, version "
                                   "FROM income WHERE account = ? ORDER BY income_type, tran_id"),
                    {account}, "income", records);
        return records;
    }
    readRecords(db,
                QStringLiteral("SELECT symbol || ':' || id, raw_json, version FROM fills "
                               "WHERE account = ? AND symbol = ? ORDER BY id"),
                {account, symbol}, "fill", records);
    readRecords(db,
                QStringLiteral("SELECT symbol || ':' || order_id, raw_json, version FROM orders "
                               "WHERE account = ? AND symbol = ? ORDER BY order_id"),
                {account, symbol}, "order", records);
    return records;
}

QVector<SharedTrade> sharedTrades(Database& db, const QString& account, const QString& symbol)
{
    QVector<SharedTrade> trades;
    if (symbol.isEmpty())
        return trades;
    QSqlQuery query = sqlOn(db).run(
        QStringLiteral("SELECT * FROM trades WHERE account = ? AND symbol = ? ORDER BY key"),
        {account, symbol}, QStringLiteral("read trades to share"));
    while (query.next()) {
        const QSqlRecord record = query.record();
        QJsonObject row;
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), QJsonValue::fromVariant(query.value(i)));
        trades.append({row.value(QStringLiteral("key")).toString(), symbol,
                       QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact))});
    }
    return trades;
}

int applyPulledAnnotations(Database& db, const QVector<PulledAnnotation>& pulled, qint64 cursor)
{
    Transaction tx(db);
    int conflicts = 0;
    AnnotationStore annotations(db);
    ConflictStore conflictStore(db);
    for (const PulledAnnotation& p : pulled) {
        const Annotation& a = p.annotation;
        const bool editedHere =
            sqlOn(db)
                .scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = ? AND ref = ?"),
                        {QString(kOutboxAnnotation), a.tradeKey},
                        QStringLiteral("look for an unshared edit"))
                .toInt() > 0;
        if (editedHere) {
            const std::optional<Annotation> mine = annotations.annotation(a.tradeKey);
            Conflict c;
            c.kind = kConflictSharedAnnotation;
            c.naturalKey = a.tradeKey;
            c.oldSummary = mine ? mine->notes : QString();
            c.newSummary = p.deleted ? QString() : a.notes;
            c.detail = QStringLiteral("The note of %1 was changed on this device and on device "
                                      "%2 (server change %3); both versions are kept.")
                           .arg(a.tradeKey, p.originDevice)
                           .arg(p.changeSeq);
            conflictStore.add(c);
            ++conflicts;
            continue;
        }
        if (p.deleted) {
            sqlOn(db).run(QStringLiteral("DELETE FROM annotations WHERE trade_key = ?"),
                          {a.tradeKey}, QStringLiteral("apply a shared note"));
            continue;
        }
        sqlOn(db).run(
            QStringLiteral(
                "INSERT INTO annotations (trade_key, notes, tags_json, setup, rating, "
                "mistakes_json, screenshots_json, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trade_key) DO UPDATE SET "
                "notes = excluded.notes, tags_json = excluded.tags_json, setup = excluded.setup, "
                "rating = excluded.rating, mistakes_json = excluded.mistakes_json, "
                "screenshots_json = excluded.screenshots_json, created_at = excluded.created_at, "
                "updated_at = excluded.updated_at"),
            {a.tradeKey, a.notes, listJson(a.tags), a.setup,
             a.rating ? QVariant(*a.rating) : QVariant(QMetaType::fromType<int>()),
             listJson(a.mistakes), listJson(a.screenshotPaths), a.createdAt, a.updatedAt},
            QStringLiteral("apply a shared note"));
    }
    OutboxStore outbox(db);
    outbox.setState(kSharePullCursor, QString::number(cursor));
    outbox.setState(kShareLastPullAt, QString::number(Database::nowMs()));
    tx.commit();
    return conflicts;
}

} // namespace fb::journal
