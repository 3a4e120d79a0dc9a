#include "sync/journal/schema_backup.h"

#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/sql_access.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fb::journal {

namespace {

// An empty owner-only file: VACUUM INTO accepts an existing empty file and keeps its mode, so
// the trader's history is never readable by others, not even for the instant of the copy.
bool createEmptyPrivateFile(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd =
        ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return false;
    const bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    ::close(fd);
    return ok;
}

JournalError backupError(const QString& backup, const QString& why)
{
    return JournalError(JournalError::Kind::Io,
                        QStringLiteral("Could not copy the journal to %1 before upgrading its "
                                       "schema (%2); the journal was left as it was.")
                            .arg(backup, why));
}

} // namespace

QString schemaBackupPath(const QString& journalPath, int version)
{
    return QStringLiteral("%1.schema%2.bak").arg(journalPath).arg(version);
}

QString writeSchemaBackup(Database& db, int version)
{
    const QString backup = schemaBackupPath(db.path(), version);
    // Written beside it first: a copy cut short (disk full, a kill) never replaces a good one.
    // Named by process and connection: two programs (or two threads) upgrading the same journal
    // at once do not share it.
    static std::atomic<int> copies{0};
    const QString partial =
        QStringLiteral("%1.partial-%2-%3").arg(backup).arg(::getpid()).arg(++copies);
    QFile::remove(partial);
    if (!createEmptyPrivateFile(partial))
        throw backupError(backup, QString::fromLocal8Bit(std::strerror(errno)));
    try {
        sqlOn(db).run(QStringLiteral("VACUUM INTO ?"), {partial},
                      QStringLiteral("copy the journal to %1").arg(partial));
    } catch (const JournalError& e) {
        QFile::remove(partial);
        throw backupError(backup, e.message());
    }
    if (std::rename(QFile::encodeName(partial).constData(),
                    QFile::encodeName(backup).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(partial);
        throw backupError(backup, why);
    }
    qCInfo(lcJournal) << "copied journal" << db.path() << "to" << backup << "before upgrading";
    return backup;
}

} // namespace fb::journal
