#include "sync/journal/desk_blobs.h"

#include "sync/journal/desk_sql.h"

namespace fb::journal {

namespace {

// The push lock of desk_store.cpp: gc and pushes take it, so gc never runs between a push's
// check that a blob is there and its commit.
constexpr qint64 kPushLock = 0x46424a50;

std::optional<QByteArray> loadOrFail(const QString& hash, const BlobLoader& load)
{
    std::optional<QByteArray> bytes = load ? load(hash) : std::nullopt;
    if (!bytes)
        throw DeskError(DeskError::Kind::Rejected,
                        QStringLiteral("The image %1 to share is missing from this computer's "
                                       "attachment folder.")
                            .arg(hash.left(12)));
    return bytes;
}

} // namespace

DeskBlobs::DeskBlobs(DeskConnection& desk)
    : m_desk(desk)
{}

bool DeskBlobs::has(const QString& hash)
{
    return DeskSql(m_desk)
        // Not a SELECT on blobs: a trader may not read an image no attachment of its names yet
        // (desk_schema_blobs_rls.cpp), and it must not send one the server holds twice.
        .scalar(QStringLiteral("SELECT fillbook.has_blob(?)"), {hash},
                QStringLiteral("look up a shared image"))
        .toBool();
}

bool DeskBlobs::upload(const QString& hash, const BlobLoader& load)
{
    if (has(hash))
        return false;
    const std::optional<QByteArray> bytes = loadOrFail(hash, load);
    // ON CONFLICT without a conflict target: naming the column would need SELECT rights on the
    // new row, and a trader may not read an image no attachment of its names yet.
    DeskSql(m_desk).run(QStringLiteral("INSERT INTO fillbook.blobs(hash, bytes, size) VALUES "
                                       "(?, ?, ?) ON CONFLICT DO NOTHING"),
                        {hash, *bytes, qint64(bytes->size())},
                        QStringLiteral("upload the image %1").arg(hash.left(12)));
    return true;
}

std::optional<QByteArray> DeskBlobs::fetch(const QString& hash)
{
    QSqlQuery q =
        DeskSql(m_desk).run(QStringLiteral("SELECT bytes FROM fillbook.blobs WHERE hash = ?"),
                            {hash}, QStringLiteral("download the image %1").arg(hash.left(12)));
    if (!q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

qint64 DeskBlobs::writeAttachment(const QString& deviceId, const Attachment& a,
                                  const BlobLoader& load)
{
    DeskSql sql(m_desk);
    const QString what =
        QStringLiteral("share the attachment %1 of %2").arg(a.hash.left(12), a.tradeKey);
    qint64 written = 0;
    if (!a.removed && !has(a.hash)) {
        const std::optional<QByteArray> bytes = loadOrFail(a.hash, load);
        sql.run(QStringLiteral("INSERT INTO fillbook.blobs(hash, bytes, size) VALUES (?, ?, ?) "
                               "ON CONFLICT DO NOTHING"),
                {a.hash, *bytes, qint64(bytes->size())}, what);
        ++written;
    }
    sql.run(QStringLiteral(
                "INSERT INTO fillbook.attachments (trade_key, hash, file_name, mime, size, "
                "added_at, deleted, origin_device, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                "nextval('fillbook.change_seq')) ON CONFLICT (trade_key, hash) DO UPDATE SET "
                "file_name = excluded.file_name, mime = excluded.mime, size = excluded.size, "
                "added_at = excluded.added_at, deleted = excluded.deleted, "
                "origin_device = excluded.origin_device, change_seq = excluded.change_seq"),
            {a.tradeKey, a.hash, a.fileName, a.mime, a.size, a.addedAt, a.removed, deviceId}, what);
    return written + 1;
}

QVector<PulledAttachment> DeskBlobs::pullAttachments(const QString& deviceId, qint64 after,
                                                     int limit)
{
    QSqlQuery q = DeskSql(m_desk).run(
        QStringLiteral("SELECT trade_key, hash, file_name, mime, size, added_at, deleted, "
                       "origin_device, change_seq FROM fillbook.attachments WHERE change_seq > ? "
                       "AND origin_device <> ? AND NOT EXISTS (SELECT 1 FROM "
                       "fillbook.account_owners o WHERE o.account = attachments.account AND "
                       "o.owner_role <> current_user) ORDER BY change_seq LIMIT ?"),
        {after, deviceId, limit}, QStringLiteral("pull shared attachments"));
    QVector<PulledAttachment> pulled;
    while (q.next()) {
        PulledAttachment p;
        p.attachment =
            Attachment{q.value(0).toString(), q.value(1).toString(),   q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                       q.value(6).toBool()};
        p.originDevice = q.value(7).toString();
        p.changeSeq = q.value(8).toLongLong();
        pulled.append(p);
    }
    return pulled;
}

int DeskBlobs::gc(int graceHours)
{
    DeskSql sql(m_desk);
    DeskTransaction tx(m_desk);
    sql.run(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kPushLock},
            QStringLiteral("take the push lock"));
    // Traders may not delete images: the clean-up runs as the schema's owner, who sees every
    // attachment of every account (desk_schema_blobs_rls.cpp).
    const int removed = sql.scalar(QStringLiteral("SELECT fillbook.remove_unattached_blobs(?)"),
                                   {graceHours}, QStringLiteral("remove unattached images"))
                            .toInt();
    tx.commit(QStringLiteral("remove unattached images"));
    return removed;
}

qint64 DeskBlobs::blobCount()
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT count(*) FROM fillbook.blobs"), {},
                QStringLiteral("count the shared images"))
        .toLongLong();
}

qint64 DeskBlobs::attachmentCount(bool deleted)
{
    return DeskSql(m_desk)
        .scalar(QStringLiteral("SELECT count(*) FROM fillbook.attachments WHERE deleted = ?"),
                {deleted}, QStringLiteral("count the shared attachments"))
        .toLongLong();
}

} // namespace fb::journal
