#pragma once
// Giving a journal's free pages back to the file system (docs/design.md D173). SQLite keeps the
// pages that deleted rows leave (the candle cache's evictions, D166; pruned runs) and reuses them
// for later writes, so the file never shrinks by itself. `fillbook-cli compact` runs VACUUM,
// which rewrites the file without them, in one transaction: a full disk, a lock or a kill leaves
// the journal as it was.

#include <QtGlobal>

namespace fb::journal {

class Database;

struct JournalSpace
{
    qint64 pageSize = 0;
    qint64 pages = 0;     // the file's pages
    qint64 freePages = 0; // of those, on the free list
    qint64 bytes() const { return pageSize * pages; }
    qint64 freeBytes() const { return pageSize * freePages; }
};

// The file's size and free pages as SQLite counts them.
JournalSpace journalSpace(Database& db);

// VACUUM, then a TRUNCATE checkpoint so the WAL that carried the rewrite is cut back too.
// `db` must be a writer with no transaction open; the caller holds the sync lock (a sync would
// otherwise wait for the rewrite and time out). Throws JournalError (Busy, DiskFull, ...).
// Returns the space after.
JournalSpace compactJournal(Database& db);

} // namespace fb::journal
