#include "sync/journal/attachment_store.h"

#include "sync/journal/blob_files.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QFileInfo>
#include <QSet>

namespace fb::journal {

namespace {

// Cursor of pulled attachments in share_state (the notes have their own).
constexpr QLatin1String kAttachmentCursor{"attachment_pull_cursor"};

const char* const kColumns =
    "trade_key, hash, file_name, mime, size, added_at, removed_at IS NOT NULL";

Attachment readRow(const QSqlQuery& q)
{
    return Attachment{q.value(0).toString(), q.value(1).toString(),   q.value(2).toString(),
                      q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                      q.value(6).toBool()};
}

QString sizeText(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

QString attachmentRef(const QString& tradeKey, const QString& hash)
{
    return hash + QLatin1Char(':') + tradeKey;
}

std::optional<std::pair<QString, QString>> splitAttachmentRef(const QString& ref)
{
    if (ref.size() < 66 || ref.at(64) != QLatin1Char(':') || !isBlobHash(ref.left(64)))
        return std::nullopt;
    return std::make_pair(ref.mid(65), ref.left(64));
}

AttachmentStore::AttachmentStore(Database& db)
    : m_db(db)
{}

AttachResult AttachmentStore::attach(const QString& tradeKey, const QString& fileName,
                                     const QByteArray& bytes)
{
    const QString name = QFileInfo(fileName).fileName();
    const bool tradeExists =
        sqlOn(m_db)
            .scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM trades WHERE key = ?)"),
                    {tradeKey}, QStringLiteral("look up the trade"))
            .toBool();
    if (!tradeExists)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("There is no trade %1 in this journal.").arg(tradeKey));
    if (bytes.size() > kMaxAttachmentBytes)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("%1 is %2, larger than the %3 an attachment may be.")
                               .arg(name, sizeText(bytes.size()), sizeText(kMaxAttachmentBytes)));
    const QLatin1String mime = sniffImageType(bytes);
    if (mime.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("%1 is not a PNG, JPEG, WebP or GIF image.").arg(name));

    // The file first (fsync'd, renamed into place), then the row: a row never names a file
    // that is not there.
    const QString hash = BlobFolder(m_db.path()).write(bytes);
    WriteScope scope(m_db);
    const std::optional<Attachment> before = find(tradeKey, hash);
    if (before && !before->removed) {
        scope.commit();
        return {*before, false};
    }
    const qint64 now = Database::nowMs();
    sqlOn(m_db).run(
        QStringLiteral("INSERT INTO attachments(trade_key, hash, file_name, mime, size, added_at, "
                       "removed_at) VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT(trade_key, hash) "
                       "DO UPDATE SET file_name = excluded.file_name, mime = excluded.mime, "
                       "size = excluded.size, added_at = excluded.added_at, removed_at = NULL"),
        {tradeKey, hash, name, QString(mime), qint64(bytes.size()), now},
        QStringLiteral("attach an image"));
    OutboxStore(m_db).add(kOutboxAttachment, QString(), attachmentRef(tradeKey, hash));
    scope.commit();
    return {Attachment{tradeKey, hash, name, QString(mime), qint64(bytes.size()), now, false},
            true};
}

bool AttachmentStore::remove(const QString& tradeKey, const QString& hash)
{
    WriteScope scope(m_db);
    QSqlQuery q = sqlOn(m_db).run(QStringLiteral("UPDATE attachments SET removed_at = ? WHERE "
                                                 "trade_key = ? AND hash = ? AND removed_at IS "
                                                 "NULL"),
                                  {Database::nowMs(), tradeKey, hash},
                                  QStringLiteral("remove an attachment"));
    const bool removed = q.numRowsAffected() > 0;
    if (removed)
        OutboxStore(m_db).add(kOutboxAttachment, QString(), attachmentRef(tradeKey, hash));
    scope.commit();
    return removed;
}

QVector<Attachment> AttachmentStore::list(const QString& tradeKey)
{
    QSqlQuery q = sqlOn(m_db).run(QStringLiteral("SELECT %1 FROM attachments WHERE trade_key = ? "
                                                 "AND removed_at IS NULL ORDER BY added_at, hash")
                                      .arg(QLatin1String(kColumns)),
                                  {tradeKey}, QStringLiteral("read the attachments"));
    QVector<Attachment> rows;
    while (q.next())
        rows.append(readRow(q));
    return rows;
}

std::optional<Attachment> AttachmentStore::find(const QString& tradeKey, const QString& hash)
{
    QSqlQuery q = sqlOn(m_db).run(
        QStringLiteral("SELECT %1 FROM attachments WHERE trade_key = ? AND hash = ?")
            .arg(QLatin1String(kColumns)),
        {tradeKey, hash}, QStringLiteral("read an attachment"));
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

std::optional<QByteArray> AttachmentStore::bytes(const QString& hash)
{
    return BlobFolder(m_db.path()).read(hash);
}

int AttachmentStore::cleanFiles(qint64 graceMs)
{
    QSet<QString> keep;
    QSqlQuery q = sqlOn(m_db).run(
        QStringLiteral("SELECT DISTINCT hash FROM attachments WHERE removed_at IS NULL"), {},
        QStringLiteral("read the attached images"));
    while (q.next())
        keep.insert(q.value(0).toString());
    return BlobFolder(m_db.path()).removeUnreferenced(keep, graceMs, Database::nowMs());
}

int AttachmentStore::applyPulled(const QVector<PulledAttachment>& pulled, qint64 cursor)
{
    Transaction tx(m_db, Transaction::Mode::Immediate);
    int changed = 0;
    for (const PulledAttachment& p : pulled) {
        const Attachment& a = p.attachment;
        const bool pendingHere =
            sqlOn(m_db)
                .scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox WHERE kind = ? AND "
                                       "ref = ?)"),
                        {QString(kOutboxAttachment), attachmentRef(a.tradeKey, a.hash)},
                        QStringLiteral("read the sharing outbox"))
                .toBool();
        if (pendingHere)
            continue;
        const std::optional<Attachment> local = find(a.tradeKey, a.hash);
        if (local && local->removed == a.removed)
            continue;
        if (!local && a.removed)
            continue;
        sqlOn(m_db).run(
            QStringLiteral(
                "INSERT INTO attachments(trade_key, hash, file_name, mime, size, added_at, "
                "removed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(trade_key, hash) DO UPDATE "
                "SET file_name = excluded.file_name, mime = excluded.mime, size = excluded.size, "
                "added_at = excluded.added_at, removed_at = excluded.removed_at"),
            {a.tradeKey, a.hash, a.fileName, a.mime, a.size, a.addedAt,
             a.removed ? QVariant(Database::nowMs()) : QVariant(QMetaType::fromType<qint64>())},
            QStringLiteral("store a shared attachment"));
        ++changed;
    }
    OutboxStore(m_db).setState(kAttachmentCursor, QString::number(cursor));
    tx.commit();
    return changed;
}

qint64 AttachmentStore::pullCursor()
{
    return OutboxStore(m_db).state(kAttachmentCursor).value_or(QStringLiteral("0")).toLongLong();
}

} // namespace fb::journal
