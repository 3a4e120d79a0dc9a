#pragma once
// The types of a writer's decision about SQLite's quick_check (integrity_record.h has the rule;
// database.h keeps the decision of each open).

#include <QtGlobal>

namespace fb::journal {

// What the file system says about the journal and its write-ahead log.
struct JournalFileState
{
    bool exists = false;
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0; // modification time, nanoseconds since the epoch
    qint64 walSize = 0; // bytes in `<journal>-wal`; 0 when there is none

    bool sameFile(quint64 otherDevice, quint64 otherInode) const
    {
        return exists && device == otherDevice && inode == otherInode;
    }
};

// Why a writer ran the check, or why it did not.
enum class IntegrityReason {
    NewJournal,         // nothing to check: no schema yet
    NotAsked,           // OpenOptions::integrityCheck = Never (the caller checked just now)
    Forced,             // IntegrityCheck::Always
    CheckedThisProcess, // skipped: this process checked it and kept it open since
    Vouched,            // skipped: the record vouches for the file
    NoRecord,           // checked: no readable record, or no passed check in it
    Expired,            // checked: the last passed check is older than the period
    OtherFile,          // checked: the check was of another file (device, inode)
    NotClosedCleanly,   // checked: no clean close recorded, or a write-ahead log left
    ChangedSinceClose,  // checked: size or modification time differ from the clean close
};

struct IntegrityDecision
{
    bool check = true;
    IntegrityReason reason = IntegrityReason::NoRecord;
    // The time of the check that vouches (skipped), for the process's memory.
    qint64 lastCheckMs = 0;
};

} // namespace fb::journal
