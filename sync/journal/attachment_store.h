#pragma once
// Images attached to trades (docs/sharing.md, "Screenshots"). The bytes are content-addressed in
// the journal's blob folder (blob_files.h); the attachments table links a trade key to a hash.
// attach() writes and fsyncs the file first, then commits the row and its outbox row in one
// transaction: a crash in between leaves at most a file nobody names, never a row naming a
// missing file. The same image attached to the same trade twice is one row and one file.
// remove() keeps the row with removed_at set so the removal is shared; the file is deleted by
// cleanFiles() once no attached row names it.

#include <QByteArray>
#include <QLatin1String>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

// The outbox kind of an attachment added or removed (ref = attachmentRef()).
inline constexpr QLatin1String kOutboxAttachment{"attachment"};

struct Attachment
{
    QString tradeKey;
    QString hash; // SHA-256 of the bytes, 64 lower-case hex digits
    QString fileName;
    QString mime;
    qint64 size = 0;
    qint64 addedAt = 0;
    bool removed = false;

    bool operator==(const Attachment& other) const = default;
};

// "<hash>:<trade key>": the outbox ref of an attachment (the hash has a fixed length, so the
// trade key may hold any character).
QString attachmentRef(const QString& tradeKey, const QString& hash);
// The (trade key, hash) of a ref; nullopt when it is not one.
std::optional<std::pair<QString, QString>> splitAttachmentRef(const QString& ref);

struct AttachResult
{
    Attachment attachment;
    bool added = false; // false: the image was attached to the trade already
};

// An attachment as another device shared it (pull).
struct PulledAttachment
{
    Attachment attachment; // removed = the other device removed it
    QString originDevice;
    qint64 changeSeq = 0;
};

class AttachmentStore
{
public:
    explicit AttachmentStore(Database& db);

    // Attaches `bytes` (named `fileName`, the path's last part is kept) to the trade. Throws
    // JournalError Usage with one sentence when there is no such trade, the bytes are not a
    // PNG, JPEG, WebP or GIF image, or are larger than kMaxAttachmentBytes; Io when the file
    // cannot be written.
    AttachResult attach(const QString& tradeKey, const QString& fileName, const QByteArray& bytes);
    // Removes the attachment (queued for sharing); false when the trade has no such attachment.
    bool remove(const QString& tradeKey, const QString& hash);
    // The trade's attachments, oldest first (removed ones left out).
    QVector<Attachment> list(const QString& tradeKey);
    // The row of (trade, hash), removed or not.
    std::optional<Attachment> find(const QString& tradeKey, const QString& hash);
    // The bytes of an attachment's image, checked against its hash.
    std::optional<QByteArray> bytes(const QString& hash);
    // Deletes blob files no attached row names, older than `graceMs`. Returns how many.
    int cleanFiles(qint64 graceMs = 3600'000);

    // Applies attachments pulled from other devices and moves the attachment pull cursor to
    // `cursor`, in one transaction, without queuing them again. The image of each one that is
    // attached must be in the blob folder already. A change of this device that is still in the
    // outbox wins (it will reach the server after the pulled one). Returns how many rows changed.
    int applyPulled(const QVector<PulledAttachment>& pulled, qint64 cursor);
    // The server change this device has pulled attachments up to (0: none yet).
    qint64 pullCursor();

private:
    Database& m_db;
};

} // namespace fb::journal
