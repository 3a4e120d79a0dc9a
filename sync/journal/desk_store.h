#pragma once
// What a push writes to the desk server and what a pull reads from it (docs/sharing.md).
//
// apply() is one PostgreSQL transaction: under the push lock it records the batch's idempotency
// keys in applied_keys and applies, by natural-key upserts, every item that has a key the server
// had not seen. A retry after a lost commit reply therefore applies nothing twice; an item whose
// keys were all applied before is skipped. Every row written takes the next change_seq, so other
// devices pull it after their cursor. On a desk (schema 3) the push first claims the batch's
// accounts for its role and refuses the whole batch if one belongs to another role; a pull reads
// only notes of this role's accounts and its own daily notes (granted accounts are browsed, not
// pulled: desk_browse.h).

#include "sync/journal/annotation_store.h"
#include "sync/journal/attachment_store.h"
#include "sync/journal/desk_blobs.h"
#include "sync/journal/share_rows.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

namespace fb::journal {

class DeskConnection;

struct DeskItem
{
    QString kind; // kOutboxAnnotation, kOutboxDayNote, kOutboxRecords or kOutboxAttachment
    QString account;
    QString ref;
    QStringList keys; // idempotency keys of the outbox rows this item stands for
    std::optional<Annotation> annotation; // note items (trade or day): nullopt = removed
    QVector<SharedRecord> records;        // records items
    QVector<SharedTrade> trades;          // records items
    VersionVector vector;                 // note items: the note's version vector
    std::optional<Attachment> attachment; // attachment items: the row as this journal holds it
    // Records items: true when every outbox row named its rows (share_scope.h), so `records`
    // and `trades` are those rows alone and `removedTradeKeys` the named trades now gone;
    // false: they are all of the symbol's, and the server drops the trades not among them.
    bool scoped = false;
    QStringList removedTradeKeys;
};

struct DeskApplyResult
{
    int itemsApplied = 0;
    int itemsSkipped = 0; // every key already applied (a retry)
    qint64 rowsWritten = 0;
};

class DeskStore
{
public:
    // `loadBlob` reads an attachment's image when the server lacks it at commit time.
    explicit DeskStore(DeskConnection& desk, BlobLoader loadBlob = {});

    // `beforeCommit` runs inside the transaction after everything is written (tests).
    DeskApplyResult apply(const QString& deviceId, const QVector<DeskItem>& items,
                          const std::function<void()>& beforeCommit = {});
    // Notes (trade and daily) other devices changed after `after`, in change order, at most
    // `limit`.
    QVector<PulledAnnotation> pullAnnotations(const QString& deviceId, qint64 after, int limit);
    // How many idempotency keys of this device the server has applied (status, tests).
    qint64 appliedKeyCount(const QString& deviceId);

    // The account an item writes to: a records item's, a trade note's or an attachment's (from
    // its trade key); empty for a daily note, which belongs to the role.
    static QString accountOf(const DeskItem& item);

private:
    // Claims the batch's unowned accounts for this role; throws DeskError (Rejected) with one
    // sentence when the role may only read, or an account belongs to another role.
    void claimAccounts(const QVector<DeskItem>& items);
    qint64 upsertRecords(const QString& deviceId, const DeskItem& item);
    qint64 upsertAnnotations(const QString& deviceId, const QVector<const DeskItem*>& items);
    qint64 upsertDayNote(const QString& deviceId, const DeskItem& item);

    DeskConnection& m_desk;
    BlobLoader m_loadBlob;
};

} // namespace fb::journal
