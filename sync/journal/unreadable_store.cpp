#include "sync/journal/unreadable_store.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QCryptographicHash>

namespace fb::journal {

UnreadableStore::UnreadableStore(Database& db)
    : m_db(db)
{}

QString UnreadableStore::naturalKey(const UnreadableRecord& r)
{
    if (r.id) {
        if (r.recordKind == QLatin1String("income") && !r.incomeType.isEmpty())
            return RawStore::incomeKey(r.account, r.incomeType, *r.id);
        if (r.recordKind == QLatin1String("fill") && !r.symbol.isEmpty())
            return RawStore::fillKey(r.account, r.symbol, *r.id);
        if (r.recordKind == QLatin1String("order") && !r.symbol.isEmpty())
            return RawStore::orderKey(r.account, r.symbol, *r.id);
    }
    // Nothing identifies it but its text.
    const QByteArray hash = QCryptographicHash::hash(r.raw, QCryptographicHash::Sha256).toHex();
    return r.account + QStringLiteral(":unkeyed:") + QString::fromLatin1(hash.left(16));
}

int UnreadableStore::keep(const QVector<UnreadableRecord>& records, qint64 nowMs)
{
    if (records.isEmpty())
        return 0;
    WriteScope scope(m_db);
    const QString what = QStringLiteral("keep an unreadable record");
    ConflictStore conflicts(m_db);
    int added = 0;
    for (const UnreadableRecord& r : records) {
        const QString key = naturalKey(r);
        QSqlQuery insert = sqlOn(m_db).run(
            QStringLiteral("INSERT INTO unreadable_records(account, record_kind, symbol, "
                           "natural_key, raw_json, reason, first_seen_at, last_seen_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (account, record_kind, natural_key, raw_json) "
                           "DO UPDATE SET last_seen_at = excluded.last_seen_at"),
            {r.account, r.recordKind, r.symbol, key, QString::fromUtf8(r.raw), r.reason, nowMs,
             nowMs},
            what);
        Q_UNUSED(insert);
        if (conflicts.hasOpen(kConflictUnreadableRecord, key))
            continue;
        ++added;
        Conflict c;
        c.kind = kConflictUnreadableRecord;
        c.account = r.account;
        c.recordKind = r.recordKind;
        c.naturalKey = key;
        c.newSummary = QString::fromUtf8(r.raw.left(200));
        c.detail = QStringLiteral("The exchange sent %1 %2 in a form the journal cannot read "
                                  "(%3); it is kept as received and left out of trades.")
                       .arg(r.recordKind, key, r.reason);
        c.createdAt = nowMs;
        conflicts.add(c);
        qCWarning(lcJournal).noquote() << c.detail;
    }
    scope.commit();
    return added;
}

QVector<StoredUnreadable> UnreadableStore::list(const QString& account)
{
    const QString columns = QStringLiteral(
        "SELECT id, account, record_kind, symbol, natural_key, raw_json, reason, first_seen_at, "
        "last_seen_at FROM unreadable_records ");
    QSqlQuery q = account.isEmpty()
                      ? sqlOn(m_db).run(columns + QStringLiteral("ORDER BY id"), {},
                                        QStringLiteral("read unreadable records"))
                      : sqlOn(m_db).run(columns + QStringLiteral("WHERE account = ? ORDER BY id"),
                                        {account}, QStringLiteral("read unreadable records"));
    QVector<StoredUnreadable> result;
    while (q.next()) {
        StoredUnreadable s;
        s.id = q.value(0).toLongLong();
        s.account = q.value(1).toString();
        s.recordKind = q.value(2).toString();
        s.symbol = q.value(3).toString();
        s.naturalKey = q.value(4).toString();
        s.rawJson = q.value(5).toString().toUtf8();
        s.reason = q.value(6).toString();
        s.firstSeenAt = q.value(7).toLongLong();
        s.lastSeenAt = q.value(8).toLongLong();
        result.append(s);
    }
    return result;
}

} // namespace fb::journal
