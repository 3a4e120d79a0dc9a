#include "sync/journal/desk_store.h"
#include "sync/journal/json_lists.h"

#include "sync/journal/desk_sql.h"
#include "sync/journal/outbox_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace fb::journal {

namespace {

// The advisory lock every push takes, so that change_seq grows in commit order ("FBJP").
constexpr qint64 kPushLock = 0x46424a50;
// Rows per statement: one JSON document per chunk, read by json_to_recordset.
constexpr int kChunk = 5000;

QString compact(const QJsonDocument& doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

} // namespace

DeskStore::DeskStore(DeskConnection& desk, BlobLoader loadBlob)
    : m_desk(desk)
    , m_loadBlob(std::move(loadBlob))
{}

DeskApplyResult DeskStore::apply(const QString& deviceId, const QVector<DeskItem>& items,
                                 const std::function<void()>& beforeCommit)
{
    DeskApplyResult result;
    DeskSql sql(m_desk);
    DeskTransaction tx(m_desk);
    sql.run(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kPushLock},
            QStringLiteral("take the push lock"));
    claimAccounts(items);
    QStringList allKeys;
    for (const DeskItem& item : items)
        allKeys += item.keys;
    QSet<QString> fresh;
    QVector<const DeskItem*> notes;
    QSqlQuery inserted =
        sql.run(QStringLiteral("INSERT INTO fillbook.applied_keys(idem_key, device_id) "
                               "SELECT k, ? FROM json_array_elements_text(CAST(? AS json)) AS k "
                               "ON CONFLICT (idem_key) DO NOTHING RETURNING idem_key"),
                {deviceId, listJson(allKeys)}, QStringLiteral("record the pushed changes"));
    while (inserted.next())
        fresh.insert(inserted.value(0).toString());
    for (const DeskItem& item : items) {
        bool isNew = false;
        for (const QString& key : item.keys)
            isNew = isNew || fresh.contains(key);
        if (!isNew) {
            ++result.itemsSkipped;
            continue;
        }
        if (item.kind == kOutboxAttachment) {
            if (item.attachment) // a row this journal no longer has: nothing to share
                result.rowsWritten +=
                    DeskBlobs(m_desk).writeAttachment(deviceId, *item.attachment, m_loadBlob);
            ++result.itemsApplied;
            continue;
        }
        if (item.kind == kOutboxAnnotation)
            notes.append(&item); // written together below, a few statements per batch
        else
            result.rowsWritten += item.kind == kOutboxDayNote ? upsertDayNote(deviceId, item)
                                                              : upsertRecords(deviceId, item);
        ++result.itemsApplied;
    }
    result.rowsWritten += upsertAnnotations(deviceId, notes);
    if (beforeCommit)
        beforeCommit();
    tx.commit(QStringLiteral("commit the pushed changes"));
    return result;
}

QString DeskStore::accountOf(const DeskItem& item)
{
    // account:symbol:side:firstFillId, and an account name may hold ':' — as the server's
    // generated columns annotations.account and attachments.account.
    static const QRegularExpression lastThree(QStringLiteral("(:[^:]*){3}$"));
    if (item.kind == kOutboxAnnotation)
        return QString(item.ref).remove(lastThree);
    if (item.kind == kOutboxAttachment) {
        const auto ref = splitAttachmentRef(item.ref); // hash:trade key
        return ref ? QString(ref->first).remove(lastThree) : QString();
    }
    if (item.kind == kOutboxDayNote)
        return QString(); // a daily note names no account: it belongs to the role
    return item.account;
}

void DeskStore::claimAccounts(const QVector<DeskItem>& items)
{
    DeskSql sql(m_desk);
    const QString what = QStringLiteral("check who owns the pushed accounts");
    const QString role = sql.scalar(QStringLiteral("SELECT current_user"), {}, what).toString();
    // A reader (or a role the admin gave no trader grant) writes nothing: say so before any
    // statement fails on a missing privilege.
    if (!sql.scalar(QStringLiteral("SELECT has_table_privilege('fillbook.applied_keys', "
                                   "'INSERT')"),
                    {}, what)
             .toBool())
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("The desk refused this change: role '%1' may only read "
                                       "this desk.")
                            .arg(role));
    QStringList accounts;
    for (const DeskItem& item : items) {
        const QString account = accountOf(item);
        if (!account.isEmpty() && !accounts.contains(account))
            accounts.append(account);
    }
    if (accounts.isEmpty())
        return;
    // The first push of an account claims it for its role; row-level security lets a role claim
    // for itself only, and then write only its own accounts' rows.
    sql.run(QStringLiteral("INSERT INTO fillbook.account_owners(account, owner_role) SELECT a, "
                           "current_user FROM json_array_elements_text(CAST(? AS json)) AS a "
                           "ON CONFLICT (account) DO NOTHING"),
            {listJson(accounts)}, what);
    const QVariant foreign = sql.scalar(
        QStringLiteral("SELECT account FROM fillbook.account_owners WHERE account IN (SELECT "
                       "json_array_elements_text(CAST(? AS json))) AND owner_role <> current_user "
                       "ORDER BY account LIMIT 1"),
        {listJson(accounts)}, what);
    if (foreign.isValid() && !foreign.isNull())
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("The desk refused this change: account %1 belongs to "
                                       "another trader.")
                            .arg(foreign.toString()));
}

namespace {

// Deletes the other devices' versions of a note that the pushed version dominates or equals
// (every counter of theirs at most the pushed one's): it has seen them, so they are history.
QString dropDominatedSql(const QString& table, const QString& keyColumn)
{
    return QStringLiteral(
               "DELETE FROM fillbook.%1 o WHERE o.%2 = ? AND o.origin_device <> ? AND NOT EXISTS "
               "(SELECT 1 FROM json_each_text(CAST(o.vector_json AS json)) e WHERE "
               "CAST(e.value AS bigint) > coalesce(CAST(CAST(? AS json) ->> e.key AS bigint), 0))")
        .arg(table, keyColumn);
}

} // namespace

qint64 DeskStore::upsertAnnotations(const QString& deviceId, const QVector<const DeskItem*>& items)
{
    // A batch's trade notes in one upsert and one clean-up statement per chunk, rather than two
    // statements per note (docs/performance.md, "Sharing"): a batch names each note once, so no
    // row is upserted twice by one statement.
    DeskSql sql(m_desk);
    qint64 written = 0;
    for (qsizetype from = 0; from < items.size(); from += kChunk) {
        const qsizetype to = std::min(items.size(), from + kChunk);
        QJsonArray rows;
        for (qsizetype i = from; i < to; ++i) {
            const DeskItem& item = *items.at(i);
            const Annotation a =
                item.annotation.value_or(Annotation{item.ref, {}, {}, {}, {}, {}, {}, 0, 0, {}});
            rows.append(QJsonObject{
                {QStringLiteral("key"), item.ref},
                {QStringLiteral("notes"), a.notes},
                {QStringLiteral("tags"), listJson(a.tags)},
                {QStringLiteral("setup"), a.setup},
                {QStringLiteral("rating"), a.rating ? QJsonValue(*a.rating) : QJsonValue()},
                {QStringLiteral("mistakes"), listJson(a.mistakes)},
                {QStringLiteral("shots"), listJson(a.screenshotPaths)},
                {QStringLiteral("created"), a.createdAt},
                {QStringLiteral("updated"), a.updatedAt},
                {QStringLiteral("deleted"), !item.annotation.has_value()},
                {QStringLiteral("vector"), item.vector.toJson()}});
        }
        const QString what = to - from == 1
                                 ? QStringLiteral("share the note of %1").arg(items.at(from)->ref)
                                 : QStringLiteral("share %1 notes").arg(to - from);
        const QString json = compact(QJsonDocument(rows));
        QSqlQuery upserted = sql.run(
            QStringLiteral(
                "INSERT INTO fillbook.annotations (trade_key, notes, tags_json, setup, rating, "
                "mistakes_json, screenshots_json, created_at, updated_at, deleted, origin_device, "
                "vector_json, change_seq) SELECT r.key, r.notes, r.tags, r.setup, r.rating, "
                "r.mistakes, r.shots, r.created, r.updated, r.deleted, ?, r.vector, "
                "nextval('fillbook.change_seq') FROM json_to_recordset(CAST(? AS json)) AS "
                "r(key text, notes text, tags text, setup text, rating integer, mistakes text, "
                "shots text, created bigint, updated bigint, deleted boolean, vector text) "
                "ON CONFLICT (trade_key, origin_device) DO UPDATE SET notes = excluded.notes, "
                "tags_json = excluded.tags_json, setup = excluded.setup, rating = excluded.rating, "
                "mistakes_json = excluded.mistakes_json, screenshots_json = "
                "excluded.screenshots_json, created_at = excluded.created_at, updated_at = "
                "excluded.updated_at, deleted = excluded.deleted, vector_json = "
                "excluded.vector_json, change_seq = excluded.change_seq"),
            {deviceId, json}, what);
        written += upserted.numRowsAffected();
        // The other devices' versions each pushed version dominates or equals (as
        // dropDominatedSql, for the whole chunk).
        QSqlQuery dropped = sql.run(
            QStringLiteral(
                "DELETE FROM fillbook.annotations o USING json_to_recordset(CAST(? AS json)) AS "
                "p(key text, vector text) WHERE o.trade_key = p.key AND o.origin_device <> ? "
                "AND NOT EXISTS (SELECT 1 FROM json_each_text(CAST(o.vector_json AS json)) e "
                "WHERE CAST(e.value AS bigint) > coalesce(CAST(CAST(p.vector AS json) ->> e.key "
                "AS bigint), 0))"),
            {json, deviceId}, what);
        written += dropped.numRowsAffected();
    }
    return written;
}

qint64 DeskStore::upsertDayNote(const QString& deviceId, const DeskItem& item)
{
    const bool deleted = !item.annotation.has_value();
    const Annotation a =
        item.annotation.value_or(Annotation{item.ref, {}, {}, {}, {}, {}, {}, 0, 0, {}});
    const QString what = QStringLiteral("share the daily note of %1").arg(item.ref);
    const QString vector = item.vector.toJson();
    DeskSql sql(m_desk);
    sql.run(QStringLiteral(
                "INSERT INTO fillbook.day_notes (day, origin_device, notes, created_at, "
                "updated_at, deleted, vector_json, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, "
                "nextval('fillbook.change_seq')) ON CONFLICT (day, origin_device) DO UPDATE SET "
                "notes = excluded.notes, created_at = excluded.created_at, "
                "updated_at = excluded.updated_at, deleted = excluded.deleted, "
                "vector_json = excluded.vector_json, change_seq = excluded.change_seq"),
            {item.ref, deviceId, a.notes, a.createdAt, a.updatedAt, deleted, vector}, what);
    QSqlQuery dropped =
        sql.run(dropDominatedSql(QStringLiteral("day_notes"), QStringLiteral("day")),
                {item.ref, deviceId, vector}, what);
    return 1 + dropped.numRowsAffected();
}

qint64 DeskStore::upsertRecords(const QString& deviceId, const DeskItem& item)
{
    DeskSql sql(m_desk);
    qint64 written = 0;
    const QString what = QStringLiteral("share the records of %1 %2").arg(item.account, item.ref);
    for (qsizetype from = 0; from < item.records.size(); from += kChunk) {
        QJsonArray rows;
        for (qsizetype i = from; i < std::min(item.records.size(), from + kChunk); ++i) {
            const SharedRecord& r = item.records.at(i);
            rows.append(QJsonObject{{QStringLiteral("kind"), r.kind},
                                    {QStringLiteral("key"), r.naturalKey},
                                    {QStringLiteral("raw"), r.rawJson},
                                    {QStringLiteral("version"), r.version}});
        }
        QSqlQuery q = sql.run(
            QStringLiteral(
                "INSERT INTO fillbook.raw_records (account, record_kind, natural_key, raw_json, "
                "version, origin_device, change_seq) SELECT ?, r.kind, r.key, r.raw, r.version, "
                "?, nextval('fillbook.change_seq') FROM json_to_recordset(CAST(? AS json)) AS "
                "r(kind text, key text, raw text, version integer) "
                "ON CONFLICT (account, record_kind, natural_key) DO UPDATE SET "
                "raw_json = excluded.raw_json, version = excluded.version, "
                "origin_device = excluded.origin_device, change_seq = excluded.change_seq "
                "WHERE fillbook.raw_records.raw_json IS DISTINCT FROM excluded.raw_json "
                "OR fillbook.raw_records.version IS DISTINCT FROM excluded.version"),
            {item.account, deviceId, compact(QJsonDocument(rows))}, what);
        written += q.numRowsAffected();
    }
    if (item.ref.isEmpty())
        return written; // income: no trades
    QStringList keys;
    for (qsizetype from = 0; from < item.trades.size(); from += kChunk) {
        QJsonArray rows;
        for (qsizetype i = from; i < std::min(item.trades.size(), from + kChunk); ++i) {
            const SharedTrade& t = item.trades.at(i);
            keys.append(t.key);
            rows.append(
                QJsonObject{{QStringLiteral("key"), t.key}, {QStringLiteral("row"), t.rowJson}});
        }
        QSqlQuery q = sql.run(
            QStringLiteral(
                "INSERT INTO fillbook.trades (key, account, symbol, row_json, origin_device, "
                "change_seq) SELECT r.key, ?, ?, r.row, ?, nextval('fillbook.change_seq') "
                "FROM json_to_recordset(CAST(? AS json)) AS r(key text, row text) "
                "ON CONFLICT (key) DO UPDATE SET row_json = excluded.row_json, "
                "account = excluded.account, symbol = excluded.symbol, "
                "origin_device = excluded.origin_device, change_seq = excluded.change_seq "
                "WHERE fillbook.trades.row_json IS DISTINCT FROM excluded.row_json"),
            {item.account, item.ref, deviceId, compact(QJsonDocument(rows))}, what);
        written += q.numRowsAffected();
    }
    // A rebuild may have removed trades of the symbol: the server follows, by the keys the
    // scoped changes name, or by every key of the symbol.
    if (item.scoped) {
        if (!item.removedTradeKeys.isEmpty()) {
            QSqlQuery removed = sql.run(
                QStringLiteral("DELETE FROM fillbook.trades WHERE account = ? AND symbol = ? AND "
                               "key IN (SELECT json_array_elements_text(CAST(? AS json)))"),
                {item.account, item.ref, listJson(item.removedTradeKeys)}, what);
            written += removed.numRowsAffected();
        }
        return written;
    }
    QSqlQuery removed = sql.run(
        QStringLiteral("DELETE FROM fillbook.trades WHERE account = ? AND symbol = ? AND key NOT "
                       "IN (SELECT json_array_elements_text(CAST(? AS json)))"),
        {item.account, item.ref, listJson(keys)}, what);
    written += removed.numRowsAffected();
    return written;
}

QVector<PulledAnnotation> DeskStore::pullAnnotations(const QString& deviceId, qint64 after,
                                                     int limit)
{
    QSqlQuery q = DeskSql(m_desk).run(
        QStringLiteral(
            "SELECT * FROM (SELECT 'trade' AS note_kind, trade_key AS note_key, notes, tags_json, "
            "setup, rating, mistakes_json, screenshots_json, created_at, updated_at, deleted, "
            "origin_device, change_seq, vector_json FROM fillbook.annotations "
            "WHERE change_seq > ? AND origin_device <> ? AND NOT EXISTS (SELECT 1 FROM "
            "fillbook.account_owners o WHERE o.account = annotations.account AND "
            "o.owner_role <> current_user) "
            "UNION ALL SELECT 'day', day, notes, '[]', '', NULL, '[]', '[]', created_at, "
            "updated_at, deleted, origin_device, change_seq, vector_json FROM fillbook.day_notes "
            "WHERE change_seq > ? AND origin_device <> ? AND owner_role = current_user) AS n "
            "ORDER BY change_seq LIMIT ?"),
        {after, deviceId, after, deviceId, limit}, QStringLiteral("pull shared notes"));
    QVector<PulledAnnotation> pulled;
    while (q.next()) {
        PulledAnnotation p;
        p.noteKind =
            q.value(0).toString() == QLatin1String("day") ? NoteKind::Day : NoteKind::Trade;
        p.annotation.tradeKey = q.value(1).toString();
        p.annotation.notes = q.value(2).toString();
        p.annotation.tags = readList(q.value(3).toString());
        p.annotation.setup = q.value(4).toString();
        if (!q.value(5).isNull())
            p.annotation.rating = q.value(5).toInt();
        p.annotation.mistakes = readList(q.value(6).toString());
        p.annotation.screenshotPaths = readList(q.value(7).toString());
        p.annotation.createdAt = q.value(8).toLongLong();
        p.annotation.updatedAt = q.value(9).toLongLong();
        p.deleted = q.value(10).toBool();
        p.originDevice = q.value(11).toString();
        p.changeSeq = q.value(12).toLongLong();
        p.vector = VersionVector::fromJson(q.value(13).toString());
        pulled.append(p);
    }
    return pulled;
}

qint64 DeskStore::appliedKeyCount(const QString& deviceId)
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT count(*) FROM fillbook.applied_keys WHERE device_id = ?"),
                {deviceId}, QStringLiteral("count the applied changes"))
        .toLongLong();
}

} // namespace fb::journal
