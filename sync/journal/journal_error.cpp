#include "sync/journal/journal_error.h"

#include <cerrno>

namespace fb::journal {

namespace {
// SQLite primary result codes (sqlite3.h); spelled out here so the journal does not need the
// SQLite headers: Qt Sql owns the connection.
constexpr int kSqliteError = 1;
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteConstraint = 19;
constexpr int kSqliteNotADb = 26;
} // namespace

JournalError::JournalError(Kind kind, const QString& message, int sqliteCode)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
    , m_message(message)
    , m_sqliteCode(sqliteCode)
{}

int primarySqliteCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    // Extended result codes keep the primary code in the low byte (SQLITE_BUSY_SNAPSHOT = 517).
    return ok ? (code & 0xff) : 0;
}

JournalError::Kind classifySqliteCode(int primaryCode)
{
    switch (primaryCode) {
    case kSqliteBusy:
    case kSqliteLocked:
        return JournalError::Kind::Busy;
    case kSqliteFull:
        return JournalError::Kind::DiskFull;
    case kSqliteIoErr:
    case kSqliteCantOpen:
        return JournalError::Kind::Io;
    case kSqliteCorrupt:
        return JournalError::Kind::Corrupt;
    case kSqliteNotADb:
        return JournalError::Kind::NotAJournal;
    case kSqliteReadOnly:
        return JournalError::Kind::ReadOnly;
    case kSqliteConstraint:
        return JournalError::Kind::Constraint;
    case kSqliteError:
    default:
        return JournalError::Kind::Other;
    }
}

JournalError JournalError::fromSql(const QSqlError& error, const QString& what)
{
    const int code = primarySqliteCode(error);
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.driverText();
    if (detail.isEmpty())
        detail = QStringLiteral("unknown error");
    QString message = QStringLiteral("Could not %1: %2").arg(what, detail);
    if (code != 0)
        message += QStringLiteral(" (SQLite error %1)").arg(error.nativeErrorCode());
    message += QLatin1Char('.');
    return JournalError(classifySqliteCode(code), message, code);
}

JournalError JournalError::fromSqlite(int code, const QString& sqliteMessage, const QString& what)
{
    const int primary = code & 0xff;
    const QString detail =
        sqliteMessage.isEmpty() ? QStringLiteral("unknown error") : sqliteMessage;
    return JournalError(
        classifySqliteCode(primary),
        QStringLiteral("Could not %1: %2 (SQLite error %3).").arg(what, detail).arg(code), primary);
}

JournalError withSystemCause(const JournalError& error, int systemErrno)
{
    if (systemErrno != EFBIG ||
        (error.kind() != JournalError::Kind::Io && error.kind() != JournalError::Kind::DiskFull))
        return error;
    QString message = error.message();
    if (message.endsWith(QLatin1Char('.')))
        message.chop(1);
    return JournalError(JournalError::Kind::DiskFull,
                        QStringLiteral("%1: the disk/file size limit was reached (the file may "
                                       "not grow any further: see 'ulimit -f').")
                            .arg(message),
                        error.sqliteCode());
}

JournalError damagedJournal(const QString& path, const QString& detail)
{
    return JournalError(
        JournalError::Kind::Corrupt,
        QStringLiteral("The journal is damaged: %1 (%2). Restore it from a backup, or move it "
                       "aside and re-sync: the raw exchange layer can be fetched again (notes "
                       "and tags live only in the journal and its backups).")
            .arg(path, detail));
}

QString JournalError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Busy:
        return QStringLiteral("busy");
    case Kind::DiskFull:
        return QStringLiteral("disk_full");
    case Kind::Io:
        return QStringLiteral("io");
    case Kind::Corrupt:
        return QStringLiteral("corrupt");
    case Kind::NotAJournal:
        return QStringLiteral("not_a_journal");
    case Kind::TooNew:
        return QStringLiteral("too_new");
    case Kind::TooOld:
        return QStringLiteral("too_old");
    case Kind::Missing:
        return QStringLiteral("missing");
    case Kind::ReadOnly:
        return QStringLiteral("read_only");
    case Kind::Constraint:
        return QStringLiteral("constraint");
    case Kind::WrongThread:
        return QStringLiteral("wrong_thread");
    case Kind::Usage:
        return QStringLiteral("usage");
    case Kind::LockLost:
        return QStringLiteral("lock_lost");
    case Kind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

} // namespace fb::journal
