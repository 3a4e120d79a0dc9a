#include "sync/journal/schema.h"

#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <optional>

namespace fb::journal::schema {

QString tooNewMessage(int foundVersion)
{
    return QStringLiteral("This journal was written by a newer version of Fillbook (schema %1; "
                          "this build knows up to %2). Update Fillbook to open it.")
        .arg(foundVersion)
        .arg(CurrentVersion);
}

namespace {

int readVersionInSnapshot(Database& db)
{
    const bool hasMeta = sqlOn(db)
                             .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master "
                                                    "WHERE type = 'table' AND name = 'meta'"),
                                     {}, QStringLiteral("read the journal schema"))
                             .toInt() > 0;
    const int applicationId = sqlOn(db).scalar(QStringLiteral("PRAGMA application_id")).toInt();
    if (applicationId != 0 && applicationId != ApplicationId)
        throw JournalError(JournalError::Kind::NotAJournal,
                           QStringLiteral("%1 belongs to another application (SQLite "
                                          "application id %2), not Fillbook.")
                               .arg(db.path())
                               .arg(applicationId));
    if (!hasMeta) {
        const int tables =
            sqlOn(db)
                .scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'"))
                .toInt();
        if (tables > 0)
            throw JournalError(JournalError::Kind::NotAJournal,
                               QStringLiteral("%1 is a SQLite database but not a Fillbook "
                                              "journal; Fillbook will not modify it.")
                                   .arg(db.path()));
        return 0;
    }
    const QVariant value =
        sqlOn(db).scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
    bool ok = false;
    const int version = value.toString().toInt(&ok);
    if (!ok || version < 1)
        throw JournalError(JournalError::Kind::Corrupt,
                           QStringLiteral("The journal at %1 has no valid schema version "
                                          "(meta.schema_version = '%2').")
                               .arg(db.path(), value.toString()));
    return version;
}

} // namespace

int readVersion(Database& db)
{
    // One read snapshot: between two separate statements another connection's first open may
    // commit the schema, and "no meta table" followed by "some tables" read as a foreign
    // database (seen with twelve simultaneous first opens).
    std::optional<Transaction> snapshot;
    if (!db.inTransaction())
        snapshot.emplace(db, Transaction::Mode::Deferred);
    const int version = readVersionInSnapshot(db);
    if (snapshot)
        snapshot->commit();
    return version;
}

void upgrade(Database& db, int targetVersion)
{
    if (targetVersion < 0 || targetVersion > CurrentVersion)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Unknown schema version %1.").arg(targetVersion));
    const int start = readVersion(db);
    if (start > CurrentVersion)
        throw JournalError(JournalError::Kind::TooNew, tooNewMessage(start));

    // A new journal is created in one transaction: a second program opening it at the same
    // moment sees no journal or a complete one, never an intermediate schema it would copy and
    // upgrade itself (schema_backup.h).
    std::optional<Transaction> creation;
    if (start == 0)
        creation.emplace(db);
    for (const Step& step : steps()) {
        if (step.version <= start || step.version > targetVersion)
            continue;
        std::optional<Transaction> transaction;
        if (!creation)
            transaction.emplace(db);
        // Re-read under the write lock: another process may have upgraded meanwhile.
        const int current = readVersion(db);
        if (current >= step.version)
            continue;
        if (current != step.version - 1)
            throw JournalError(JournalError::Kind::Corrupt,
                               QStringLiteral("Cannot upgrade the journal from schema %1 to "
                                              "%2.")
                                   .arg(current)
                                   .arg(step.version));
        const QString what = QStringLiteral("upgrade the journal to schema %1 (%2)")
                                 .arg(step.version)
                                 .arg(step.description);
        for (const QString& statement : step.statements)
            sqlOn(db).run(statement, {}, what);
        const QString now = QString::number(Database::nowMs());
        sqlOn(db).run(QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                      {QString::number(step.version)}, what);
        sqlOn(db).run(QStringLiteral("INSERT INTO meta(key, value) VALUES ('upgraded_at', ?) "
                                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                      {now}, what);
        if (transaction)
            transaction->commit();
        // Creating a journal runs every step; only a real upgrade is worth an info line.
        if (start == 0)
            qCDebug(lcJournal) << "journal" << db.path() << "at schema" << step.version
                               << step.description;
        else
            qCInfo(lcJournal) << "journal" << db.path() << "upgraded to schema" << step.version
                              << step.description;
    }
    if (creation)
        creation->commit();
    if (start == 0 && targetVersion > 0)
        qCInfo(lcJournal) << "created journal" << db.path() << "at schema" << targetVersion;
}

} // namespace fb::journal::schema
