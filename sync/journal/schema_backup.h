#pragma once
// The copy of a journal kept while its schema is upgraded (docs/design.md §1.5, "Storage
// conventions"). Before a writer migrates schema N to the current one, the journal is copied
// whole to `<journal>.schemaN.bak` (owner-only, a consistent snapshot taken by SQLite's
// VACUUM INTO, so a sync writing meanwhile cannot tear it). The copy is deleted only once the
// migrated journal has opened; a migration that fails, or a process that dies during it, leaves
// it beside the journal, so the previous version can always be restored by hand.

#include <QString>

namespace fb::journal {

class Database;

// "<journal>.schema<version>.bak"
QString schemaBackupPath(const QString& journalPath, int version);

// Writes the backup of `db` (at schema `version`) and returns its path. An older backup of the
// same version is replaced only once the new copy is complete. Throws JournalError (Io) when
// the copy cannot be made: the journal is then not migrated at all.
QString writeSchemaBackup(Database& db, int version);

} // namespace fb::journal
