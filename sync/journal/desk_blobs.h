#pragma once
// Screenshots on the desk server (docs/sharing.md, "Screenshots"): the images as blobs keyed by
// their SHA-256, and the attachments that name them.
//
// A push uploads an image (upload(), its own statement, idempotent by hash) before the
// transaction that writes the attachment naming it (writeAttachment(), inside DeskStore::apply
// under the push lock). gc() takes the same lock and removes the blobs that no attached row
// names and that are older than the grace period, so an upload whose attachment never came
// (the pusher crashed in between) does not stay for ever. Because gc() may have removed an old
// orphan the push found already there, writeAttachment() checks under the lock that the blob
// is there and uploads it again in the transaction if not: an attached row never names a
// missing blob.

#include "sync/journal/attachment_store.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <functional>
#include <optional>

namespace fb::journal {

class DeskConnection;

// Reads an image's bytes from this device's blob folder (nullopt when it is not there).
using BlobLoader = std::function<std::optional<QByteArray>(const QString& hash)>;

class DeskBlobs
{
public:
    explicit DeskBlobs(DeskConnection& desk);

    bool has(const QString& hash);
    // Sends the bytes unless the server has the blob; true when it sent them.
    bool upload(const QString& hash, const BlobLoader& load);
    // The blob's bytes; nullopt when the server does not have it.
    std::optional<QByteArray> fetch(const QString& hash);

    // Inside the push transaction: the attachment row, taking the next change_seq. Returns the
    // rows written.
    qint64 writeAttachment(const QString& deviceId, const Attachment& attachment,
                           const BlobLoader& load);
    // Attachments other devices changed after `after`, in change order, at most `limit`; as
    // notes, only of this role's accounts (a granted account is browsed, never pulled).
    QVector<PulledAttachment> pullAttachments(const QString& deviceId, qint64 after, int limit);

    // Removes blobs no attached row names, first seen more than `graceHours` ago. Returns how
    // many.
    int gc(int graceHours);
    qint64 blobCount();
    qint64 attachmentCount(bool deleted);

private:
    DeskConnection& m_desk;
};

} // namespace fb::journal
