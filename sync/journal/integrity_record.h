#pragma once
// When a writer may skip SQLite's quick_check (docs/design.md D44, D157).
//
// quick_check reads the whole journal: 1.76 s of CPU and 64 MiB of page cache on a 1.7 GB
// journal, on every open. A writer skips it only when Fillbook can vouch for the file:
//
//  - this process checked the file (same device and inode) less than the period ago and has
//    kept a connection to it open ever since (the desktop's gate, then its sync and candles); or
//  - the record next to the journal (`<journal>.integrity`, the owner's only, no secret in it)
//    says that a check passed less than the period ago on this file (device, inode), and that
//    Fillbook's last writer closed it cleanly, leaving it exactly as the file system shows it now
//    (device, inode, size, modification time to the nanosecond), with no write-ahead log left
//    holding frames (SQLite deletes the log when the last connection closes cleanly).
//
// Anything else runs the check as before: no record, an unreadable one, a check older than the
// period, another file at the path, a writer that did not close (a crash, kill -9, or a writer
// still open in another process), a file changed since by another program. Every writer clears
// the "closed cleanly" part when it opens, so a record never outlives a writer that was killed.
// A failure to read or write the record only ever costs a check, never skips one.

#include "sync/journal/integrity_decision.h"

#include <QString>
#include <QtGlobal>

#include <optional>

namespace fb::journal {

JournalFileState journalFileState(const QString& journalPath);

// The record next to the journal.
struct IntegrityRecord
{
    // The last quick_check that found nothing (0: none recorded), and the file it read.
    qint64 checkedAtMs = 0;
    quint64 checkedDevice = 0;
    quint64 checkedInode = 0;
    // The file as Fillbook's last writer left it when it closed cleanly; absent while a writer
    // is open or after one that did not close.
    bool closedCleanly = false;
    qint64 closedAtMs = 0;
    quint64 closedDevice = 0;
    quint64 closedInode = 0;
    qint64 closedSize = 0;
    qint64 closedMtimeNs = 0;
};

QString integrityRecordPath(const QString& journalPath);
// nullopt when there is no record or it cannot be read as one.
std::optional<IntegrityRecord> readIntegrityRecord(const QString& journalPath);
// Replaces the record atomically (a new file renamed over the old one), mode 0600.
bool writeIntegrityRecord(const QString& journalPath, const IntegrityRecord& record);

const char* integrityReasonName(IntegrityReason reason);

// The decision for a journal whose state was `before` (taken before this connection opened,
// which creates the write-ahead log). `nowMs` and `periodMs` bound the age of the last check.
IntegrityDecision decideIntegrityCheck(const QString& journalPath, const JournalFileState& before,
                                       qint64 nowMs, qint64 periodMs);

// A check of the file in `state` passed at `nowMs`: remembered by this process (while it keeps a
// connection open) and in the record. `writerOpen`: a writer opens now, so the record's clean
// close is cleared in the same write.
void notePassedCheck(const QString& journalPath, const JournalFileState& state, qint64 nowMs,
                     bool writerOpen);
// A skip of the check (decision.check false) that the record or this process vouched for: this
// process remembers the vouching check's time while it keeps a connection to the file open.
void rememberVouchedCheck(const JournalFileState& state, const IntegrityDecision& decision);
// A writer opens without a check (skipped, or not asked): the record's clean close is cleared
// (nothing is written when there is none); a skip that the record vouched for is remembered by
// this process with the record's check time.
void noteWriterOpened(const QString& journalPath, const JournalFileState& state,
                      const IntegrityDecision& decision);
// A writer has closed its connection: when no write-ahead log is left (it was the file's last
// connection and SQLite checkpointed and removed the log), records the file as it is now. Waits
// (a few milliseconds at most) until the file system's clock has moved past the file's
// modification time, so that a later write by another program cannot carry the same time.
void noteWriterClosed(const QString& journalPath, qint64 nowMs);

// This process's open connections to a file (device, inode); the memory of a passed check ends
// when the last one closes (another program may change the file while none is open).
void noteConnectionOpened(quint64 device, quint64 inode);
void noteConnectionClosed(quint64 device, quint64 inode);
// The time this process last passed a check of the file, if it has kept it open since.
std::optional<qint64> checkedByThisProcess(quint64 device, quint64 inode);

} // namespace fb::journal
