#include "sync/journal/journal_compaction.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"

namespace fb::journal {

JournalSpace journalSpace(Database& db)
{
    JournalSpace space;
    space.pageSize = sqlOn(db).scalar(QStringLiteral("PRAGMA page_size")).toLongLong();
    space.pages = sqlOn(db).scalar(QStringLiteral("PRAGMA page_count")).toLongLong();
    space.freePages = sqlOn(db).scalar(QStringLiteral("PRAGMA freelist_count")).toLongLong();
    return space;
}

JournalSpace compactJournal(Database& db)
{
    // VACUUM is its own transaction: SQLite copies the live rows into a temporary database and
    // writes it back through the WAL; on any error the journal stays as it was.
    sqlOn(db).run(QStringLiteral("VACUUM"), {}, QStringLiteral("compact the journal"));
    // The rewrite went through the WAL (about the file's size): copy it in and cut it back.
    // Readers still on an older snapshot may keep part of it; the next checkpoint finishes.
    sqlOn(db).run(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), {},
                  QStringLiteral("checkpoint after compacting"));
    return journalSpace(db);
}

} // namespace fb::journal
