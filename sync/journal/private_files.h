#pragma once
// A journal is a trader's whole history: only its owner may read it. Writers create the journal
// 0600 (SQLite gives its -wal and -shm files the main file's mode) in folders created 0700, and
// tighten an existing journal, its -wal and -shm, and Fillbook's own data folder when they are
// open to others (earlier builds created them 0644 in 0755 folders). A folder the user chose
// for --db is never changed: only the folders we create, and our own data folder, are.

#include <QString>

namespace fb::journal {

// Creates every missing folder of `dir` with mode 0700. False when one cannot be created.
bool makePrivateFolders(const QString& dir);

// Before a writer opens `journalPath`: creates the file empty with mode 0600 when it does not
// exist, and removes group and other permissions from it, its -wal and -shm and (when it lives
// in Fillbook's default data folder) that folder. Returns false only when the file could not be
// created; a chmod that fails (a file we do not own) is left to SQLite to report, or not.
bool prepareJournalFiles(const QString& journalPath);

} // namespace fb::journal
