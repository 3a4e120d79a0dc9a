#pragma once
// The journal schema as versioned code (docs/journal.md has the tables of each version).
//
// Version 0 is an empty file. Each step upgrades by exactly one version inside one IMMEDIATE
// transaction, re-reading the version inside it so two processes opening a fresh journal at
// once cannot apply a step twice. A journal whose version is newer than CurrentVersion is
// refused before anything is written to it.

#include <QString>
#include <QStringList>
#include <QVector>

namespace fb::journal {
class Database;
}

namespace fb::journal::schema {

inline constexpr int CurrentVersion = 21;
// PRAGMA application_id of every journal: "FBJL". Lets us tell our files from other SQLite files.
inline constexpr int ApplicationId = 0x46424a4c;

struct Step
{
    int version; // the version this step produces
    QString description;
    QStringList statements;
};

// Steps 1..CurrentVersion, in order.
const QVector<Step>& steps();

// The version recorded in meta; 0 for an empty file. Throws NotAJournal for a SQLite file that
// has tables but no Fillbook meta, or another application's id.
int readVersion(Database& db);

// Applies the missing steps up to `targetVersion` (tests stop early to build old journals).
void upgrade(Database& db, int targetVersion = CurrentVersion);

// "This journal was written by a newer version of Fillbook (schema 7; this build knows up to 3).
//  Update Fillbook to open it."
QString tooNewMessage(int foundVersion);

} // namespace fb::journal::schema
