#pragma once
// The replicator's work, synchronous, on connections the caller owns (the worker thread's, or a
// test's): push drains the outbox in batches to the desk server, pull applies other devices'
// notes after this device's cursor (docs/sharing.md).
//
// A push batch: read the oldest outbox rows and the current state of what they name in one read
// snapshot; apply them in one PostgreSQL transaction (DeskStore::apply, idempotent by key); then
// acknowledge them in SQLite. A crash between the server commit and the acknowledgement leaves the
// rows queued; the next push finds their keys applied and writes nothing twice.

#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_store.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

namespace fb::journal {
class Database;
}

namespace fb::share {

struct ReplicatorHooks
{
    std::function<void()> beforeServerCommit; // inside the PostgreSQL transaction
    std::function<void()> afterServerCommit;  // committed on the server, not yet acknowledged
    std::function<void()> afterBlobUpload;    // a batch's images uploaded, its records not yet
};

// How long `desk gc` (and every push) leaves an unattached image on the server.
inline constexpr int kDefaultBlobGraceHours = 24;

struct PushReport
{
    int batches = 0;
    qint64 changes = 0;     // outbox rows acknowledged
    int itemsApplied = 0;   // notes and symbols written
    int itemsSkipped = 0;   // already on the server (a retry)
    qint64 rowsWritten = 0; // rows the server inserted or changed
    qint64 rowsSent = 0;    // raw records and trades read from the journal and sent
    int blobsUploaded = 0;  // images sent (the server lacked them)
    int blobsRemoved = 0;   // unattached images the clean-up after the push removed
    // With holdRefused(): the rows the server refused (recorded on them, held), and its reason.
    QVector<qint64> refusedSeqs;
    QString refusal;
};

struct PullReport
{
    int notes = 0;              // pulled note changes (trade and daily notes)
    int applied = 0;            // of those, dominating the local version: applied
    int ignored = 0;            // dominated by the local version, or the same version
    int conflicts = 0;          // concurrent: kept beside the local note as conflicts
    int resolved = 0;           // open conflicts settled by another device's resolution
    qint64 cursor = 0;          // the server change this device has seen up to
    int attachments = 0;        // pulled attachment changes (added or removed images)
    int attachmentsApplied = 0; // of those, changing this journal
    int blobsDownloaded = 0;    // images fetched (this device lacked them)
    QStringList tradeKeys;      // trades whose pulled note or images this pull looked at
    bool dayNotes = false;      // a daily note was among the pulled notes
};

// What `desk status` shows; read from the journal alone.
struct ShareStatus
{
    QString deskUrl;
    QString deviceId;
    qint64 pending = 0;
    qint64 failed = 0;
    QString lastRefusal;   // the server's reason for the newest refused row
    qint64 conflicts = 0;  // open sharing conflicts (trade and daily notes)
    qint64 lastPushAt = 0; // 0: never
    qint64 lastPullAt = 0;
    qint64 pullCursor = 0;
};

ShareStatus shareStatus(journal::Database& db);
// Remembers the desk URL (no password in it) for push, pull and the desktop.
void saveDeskUrl(journal::Database& db, const QString& url);

class Replicator
{
public:
    Replicator(journal::Database& db, journal::DeskConnection& desk, ReplicatorHooks hooks = {},
               int batchSize = 500);

    // Pushes until the outbox is empty. Throws DeskError (a refused batch is recorded on its
    // rows first) or JournalError.
    PushReport push();
    // The background worker's policy for refusals (docs/sharing.md, D142): rows in
    // `held` are not pushed; a batch the server refuses (DeskError::Rejected) is split and each of
    // its changes applied alone, so the accepted ones go through; the ones refused again are
    // recorded on their rows, added to the held rows and reported in PushReport::refusedSeqs,
    // and push() goes on with the next rows instead of throwing.
    void holdRefused(QSet<qint64> held);
    // Pulls until the server has nothing newer for this device.
    PullReport pull();

private:
    // One batch; false when the outbox was empty.
    bool pushBatch(PushReport& report);
    // Uploads the images of `items`, then applies them in one server transaction.
    journal::DeskApplyResult applyItems(const QVector<journal::DeskItem>& items,
                                        PushReport& report);
    // A refused batch split: each item alone; refusals held.
    void applyOneByOne(const QVector<journal::DeskItem>& items,
                       const QVector<QVector<qint64>>& itemSeqs, PushReport& report);
    void pullAttachments(PullReport& report);

    journal::Database& m_db;
    journal::DeskConnection& m_desk;
    ReplicatorHooks m_hooks;
    int m_batchSize;
    bool m_holdRefused = false;
    QSet<qint64> m_held;
};

} // namespace fb::share
