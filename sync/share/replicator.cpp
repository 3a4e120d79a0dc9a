#include "sync/share/replicator.h"

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_blobs.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/desk_store.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/share_rows.h"
#include "sync/journal/share_scope.h"
#include "sync/journal/transaction.h"

#include <QMap>

namespace fb::share {

using namespace fb::journal;

namespace {

// The rows a batch's scoped records changes may name together (share_scope.h).
constexpr qsizetype kMaxScopedRows = 50000;

qint64 stateNumber(OutboxStore& outbox, QLatin1String key)
{
    return outbox.state(key).value_or(QStringLiteral("0")).toLongLong();
}

} // namespace

ShareStatus shareStatus(Database& db)
{
    Transaction snapshot(db, Transaction::Mode::Deferred);
    OutboxStore outbox(db);
    ShareStatus s;
    s.deskUrl = outbox.state(kShareDeskUrl).value_or(QString());
    s.deviceId = outbox.deviceId();
    s.pending = outbox.pendingCount();
    s.failed = outbox.failedCount();
    s.lastRefusal = outbox.lastFailure();
    for (const Conflict& c : ConflictStore(db).listOpen()) {
        if (c.kind == kConflictSharedAnnotation || c.kind == kConflictSharedDayNote)
            ++s.conflicts;
    }
    s.lastPushAt = stateNumber(outbox, kShareLastPushAt);
    s.lastPullAt = stateNumber(outbox, kShareLastPullAt);
    s.pullCursor = stateNumber(outbox, kSharePullCursor);
    snapshot.commit();
    return s;
}

void saveDeskUrl(Database& db, const QString& url)
{
    OutboxStore(db).setState(kShareDeskUrl, url);
}

Replicator::Replicator(Database& db, DeskConnection& desk, ReplicatorHooks hooks, int batchSize)
    : m_db(db)
    , m_desk(desk)
    , m_hooks(std::move(hooks))
    , m_batchSize(batchSize)
{}

PushReport Replicator::push()
{
    desk_schema::require(m_desk);
    PushReport report;
    while (pushBatch(report)) {
    }
    // The server-side clean-up of images an interrupted push uploaded and no attachment names.
    report.blobsRemoved = DeskBlobs(m_desk).gc(kDefaultBlobGraceHours);
    OutboxStore(m_db).setState(kShareLastPushAt, QString::number(Database::nowMs()));
    return report;
}

void Replicator::holdRefused(QSet<qint64> held)
{
    m_holdRefused = true;
    m_held = std::move(held);
}

bool Replicator::pushBatch(PushReport& report)
{
    // The rows and the state they name, from one snapshot.
    QVector<DeskItem> items;
    QVector<QVector<qint64>> itemSeqs; // the outbox rows of each item
    QVector<qint64> seqs;
    QString deviceId;
    {
        Transaction snapshot(m_db, Transaction::Mode::Deferred);
        OutboxStore outbox(m_db);
        deviceId = outbox.deviceId();
        const QVector<OutboxEntry> entries = outbox.pending(m_batchSize, m_held);
        QMap<QString, qsizetype> index; // kind/account/ref -> item
        // Records items: the union of their rows' scopes; nullopt once a row names everything.
        QVector<std::optional<ShareScope>> scopes;
        qsizetype scopedRows = 0;
        for (const OutboxEntry& e : entries) {
            std::optional<ShareScope> scope;
            if (e.kind == kOutboxRecords && !e.scope.isEmpty())
                scope = ShareScope::fromJson(e.scope); // unreadable: the whole symbol
            // A first sync queues many scoped rows: a batch stops at kMaxScopedRows rows named
            // (at least one outbox row), so what it holds in memory stays bounded.
            if (scope) {
                if (!seqs.isEmpty() && scopedRows + scope->size() > kMaxScopedRows)
                    break;
                scopedRows += scope->size();
            }
            seqs.append(e.seq);
            const QString id =
                e.kind + QLatin1Char('\x1f') + e.account + QLatin1Char('\x1f') + e.ref;
            if (!index.contains(id)) {
                index.insert(id, items.size());
                DeskItem item;
                item.kind = e.kind;
                item.account = e.account;
                item.ref = e.ref;
                items.append(item);
                itemSeqs.append(QVector<qint64>());
                scopes.append(scope);
            } else if (scopes[index.value(id)] && scope) {
                scopes[index.value(id)]->unite(*scope);
            } else {
                scopes[index.value(id)] = std::nullopt;
            }
            items[index.value(id)].keys.append(OutboxStore::idempotencyKey(deviceId, e.seq));
            itemSeqs[index.value(id)].append(e.seq);
        }
        for (qsizetype i = 0; i < items.size(); ++i) {
            DeskItem& item = items[i];
            if (item.kind == kOutboxAttachment) {
                if (const auto ref = splitAttachmentRef(item.ref))
                    item.attachment = AttachmentStore(m_db).find(ref->first, ref->second);
            } else if (item.kind == kOutboxAnnotation || item.kind == kOutboxDayNote) {
                const NoteKind kind =
                    item.kind == kOutboxAnnotation ? NoteKind::Trade : NoteKind::Day;
                item.annotation = localNote(m_db, kind, item.ref);
                item.vector = noteVector(m_db, kind, item.ref);
            } else if (scopes[i]) {
                item.scoped = true;
                item.records = sharedRecordsIn(m_db, item.account, item.ref, *scopes[i]);
                item.trades = sharedTradesIn(m_db, item.account, item.ref, *scopes[i],
                                             &item.removedTradeKeys);
            } else {
                item.records = sharedRecords(m_db, item.account, item.ref);
                item.trades = sharedTrades(m_db, item.account, item.ref);
            }
        }
        snapshot.commit();
    }
    if (items.isEmpty())
        return false;
    for (const DeskItem& item : items)
        report.rowsSent += item.records.size() + item.trades.size();

    DeskApplyResult applied;
    try {
        applied = applyItems(items, report);
    } catch (const DeskError& error) {
        if (error.kind() != DeskError::Kind::Rejected)
            throw; // a lost server is not about these rows
        if (!m_holdRefused || items.size() == 1) {
            // A refusal is about these rows: keep it on them for `desk status`.
            OutboxStore(m_db).recordFailure(seqs, error.message());
            if (!m_holdRefused)
                throw;
            m_held.unite(QSet<qint64>(seqs.begin(), seqs.end()));
            report.refusedSeqs += seqs;
            report.refusal = error.message();
            return true;
        }
        applyOneByOne(items, itemSeqs, report);
        return true;
    }
    if (m_hooks.afterServerCommit)
        m_hooks.afterServerCommit();
    OutboxStore(m_db).acknowledge(seqs);
    ++report.batches;
    report.changes += seqs.size();
    report.itemsApplied += applied.itemsApplied;
    report.itemsSkipped += applied.itemsSkipped;
    report.rowsWritten += applied.rowsWritten;
    return true;
}

DeskApplyResult Replicator::applyItems(const QVector<DeskItem>& items, PushReport& report)
{
    const QString deviceId = OutboxStore(m_db).deviceId();
    const BlobFolder blobs(m_db.path());
    const BlobLoader load = [&blobs](const QString& hash) { return blobs.read(hash); };
    // Images first, each idempotent by its hash: the attachments that name them follow.
    for (const DeskItem& item : items) {
        if (item.attachment && !item.attachment->removed &&
            DeskBlobs(m_desk).upload(item.attachment->hash, load))
            ++report.blobsUploaded;
    }
    if (m_hooks.afterBlobUpload)
        m_hooks.afterBlobUpload();
    return DeskStore(m_desk, load).apply(deviceId, items, m_hooks.beforeServerCommit);
}

void Replicator::applyOneByOne(const QVector<DeskItem>& items,
                               const QVector<QVector<qint64>>& itemSeqs, PushReport& report)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QVector<qint64>& rows = itemSeqs.at(i);
        DeskApplyResult applied;
        try {
            applied = applyItems({items.at(i)}, report);
        } catch (const DeskError& error) {
            if (error.kind() != DeskError::Kind::Rejected)
                throw;
            OutboxStore(m_db).recordFailure(rows, error.message());
            m_held.unite(QSet<qint64>(rows.begin(), rows.end()));
            report.refusedSeqs += rows;
            report.refusal = error.message();
            continue;
        }
        if (m_hooks.afterServerCommit)
            m_hooks.afterServerCommit();
        OutboxStore(m_db).acknowledge(rows);
        ++report.batches;
        report.changes += rows.size();
        report.itemsApplied += applied.itemsApplied;
        report.itemsSkipped += applied.itemsSkipped;
        report.rowsWritten += applied.rowsWritten;
    }
}

PullReport Replicator::pull()
{
    desk_schema::require(m_desk);
    PullReport report;
    OutboxStore outbox(m_db);
    const QString deviceId = outbox.deviceId();
    qint64 cursor = stateNumber(outbox, kSharePullCursor);
    for (;;) {
        const QVector<PulledAnnotation> page =
            DeskStore(m_desk).pullAnnotations(deviceId, cursor, m_batchSize);
        if (page.isEmpty())
            break;
        for (const PulledAnnotation& p : page) {
            if (p.noteKind == NoteKind::Day)
                report.dayNotes = true;
            else
                report.tradeKeys.append(p.annotation.tradeKey);
        }
        cursor = page.constLast().changeSeq;
        const PullOutcome outcome = applyPulledAnnotations(m_db, page, cursor);
        report.conflicts += outcome.conflicts;
        report.applied += outcome.applied;
        report.ignored += outcome.ignored;
        report.resolved += outcome.resolved;
        report.notes += page.size();
    }
    pullAttachments(report);
    report.tradeKeys.removeDuplicates();
    if (report.notes == 0)
        outbox.setState(kShareLastPullAt, QString::number(Database::nowMs()));
    report.cursor = cursor;
    return report;
}

void Replicator::pullAttachments(PullReport& report)
{
    AttachmentStore store(m_db);
    BlobFolder blobs(m_db.path());
    const QString deviceId = OutboxStore(m_db).deviceId();
    qint64 cursor = store.pullCursor();
    for (;;) {
        const QVector<PulledAttachment> page =
            DeskBlobs(m_desk).pullAttachments(deviceId, cursor, m_batchSize);
        if (page.isEmpty())
            break;
        // The images first, fsync'd in the blob folder: the rows that name them commit after.
        for (const PulledAttachment& p : page) {
            const QString& hash = p.attachment.hash;
            if (p.attachment.removed || blobs.read(hash))
                continue;
            const std::optional<QByteArray> bytes = DeskBlobs(m_desk).fetch(hash);
            if (!bytes || blobHash(*bytes) != hash)
                throw DeskError(DeskError::Kind::Rejected,
                                QStringLiteral("The desk server has no intact image %1 for the "
                                               "attachment of %2; try again later.")
                                    .arg(hash.left(12), p.attachment.tradeKey));
            blobs.write(*bytes);
            ++report.blobsDownloaded;
        }
        for (const PulledAttachment& p : page)
            report.tradeKeys.append(p.attachment.tradeKey);
        cursor = page.constLast().changeSeq;
        report.attachmentsApplied += store.applyPulled(page, cursor);
        report.attachments += page.size();
    }
}

} // namespace fb::share
