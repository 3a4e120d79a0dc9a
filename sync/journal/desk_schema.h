#pragma once
// The desk server's schema as versioned code, like the journal's (schema.h): everything lives in
// the PostgreSQL schema `fillbook` of the desk database. `desk init` creates or migrates it, each
// step in one transaction under an advisory lock (two inits at once apply a step once); a server
// schema newer than this build knows is refused before anything is written.

#include <QString>
#include <QStringList>
#include <QVector>

namespace fb::journal {
class DeskConnection;
}

namespace fb::journal::desk_schema {

inline constexpr int CurrentVersion = 5;

// The group roles of a desk (step 3, cluster-wide): members of the first push and pull their own
// accounts, members of the second read every account and write nothing.
inline constexpr char kTraderGroup[] = "fillbook_desk_trader";
inline constexpr char kReaderGroup[] = "fillbook_desk_reader";

struct Step
{
    int version;
    QString description;
    QStringList statements;
};

const QVector<Step>& steps();
// Step 3: the desk's group roles, account ownership and grants, row-level security
// (desk_schema_rls.cpp).
QStringList rowLevelSecurityStatements();
// Step 5: row-level security on the screenshots' tables, blobs and attachments
// (desk_schema_blobs_rls.cpp).
QStringList screenshotSecurityStatements();

// 0 when the database has no Fillbook schema yet. Throws DeskError.
int readVersion(DeskConnection& desk);
// Creates or migrates up to CurrentVersion; returns the version found before. Throws DeskError
// (TooNew for a newer schema, nothing written).
int upgrade(DeskConnection& desk);
// Throws DeskError unless the server is at exactly CurrentVersion: NotInitialised (none or
// older: run desk init) or TooNew.
void require(DeskConnection& desk);

// "The desk server's schema is version 7, newer than this Fillbook knows (1); update Fillbook to
// share with it."
QString tooNewMessage(int foundVersion);

} // namespace fb::journal::desk_schema
