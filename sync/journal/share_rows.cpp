#include "sync/journal/share_rows.h"

#include "sync/journal/database.h"
#include "sync/journal/note_conflicts.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>

namespace fb::journal {

namespace {

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
    detail::readSharedTrades(query, symbol, trades);
    return trades;
}

namespace detail {

void readSharedTrades(QSqlQuery& query, const QString& symbol, QVector<SharedTrade>& out)
{
    while (query.next()) {
        const QSqlRecord record = query.record();
        QJsonObject row;
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), QJsonValue::fromVariant(query.value(i)));
        out.append({row.value(QStringLiteral("key")).toString(), symbol,
                    QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact))});
    }
}

} // namespace detail

PullOutcome applyPulledAnnotations(Database& db, const QVector<PulledAnnotation>& pulled,
                                   qint64 cursor)
{
    using Order = VersionVector::Order;
    Transaction tx(db);
    PullOutcome outcome;
    for (const PulledAnnotation& p : pulled) {
        const NoteKind kind = p.noteKind;
        const QString& key = p.annotation.tradeKey;
        const VersionVector mine = noteVector(db, kind, key);
        const Order order = p.vector.compare(mine);
        const std::optional<NoteConflict> open = noteConflict(db, kind, key);
        // Two unversioned versions (both from before version vectors) keep the old rule: the
        // pulled one is applied, as it was before.
        if (order == Order::Dominates || (order == Order::Equal && mine.isEmpty())) {
            writePulledNote(db, kind, key,
                            p.deleted ? std::nullopt : std::optional<Annotation>(p.annotation));
            setNoteVector(db, kind, key, p.vector);
            ++outcome.applied;
            if (open) {
                const Order overTheirs = p.vector.compare(open->theirsVector);
                if (overTheirs == Order::Dominates || overTheirs == Order::Equal) {
                    dropTheirVersion(db, kind, key,
                                     QStringLiteral("Resolved on device %1 (server change %2): "
                                                    "its version has seen both.")
                                         .arg(p.originDevice)
                                         .arg(p.changeSeq));
                    ++outcome.resolved;
                }
            }
            continue;
        }
        if (order == Order::Equal || order == Order::DominatedBy) {
            ++outcome.ignored;
            continue;
        }
        // Concurrent: keep both. A conflict already holding a version that has seen this one
        // stays as it is.
        if (open) {
            const Order overTheirs = p.vector.compare(open->theirsVector);
            if (overTheirs == Order::DominatedBy || overTheirs == Order::Equal) {
                ++outcome.ignored;
                continue;
            }
        }
        keepTheirVersion(db, p);
        ++outcome.conflicts;
    }
    OutboxStore outbox(db);
    outbox.setState(kSharePullCursor, QString::number(cursor));
    outbox.setState(kShareLastPullAt, QString::number(Database::nowMs()));
    tx.commit();
    return outcome;
}

} // namespace fb::journal
