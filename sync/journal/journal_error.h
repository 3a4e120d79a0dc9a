#pragma once
// The one error type of the journal. Every failed SQLite call becomes a JournalError carrying
// what we were doing, SQLite's own message and its result code, classified into a Kind so that
// callers can react (retry on Busy, stop the run on DiskFull/Io) without parsing text.
//
// Errors are exceptions so that an unwinding stack rolls back the open Transaction (RAII) and
// store code can read as a straight line. Nothing in the journal ever deletes or "repairs" the
// database in response to an error.

#include <QSqlError>
#include <QString>

#include <stdexcept>

namespace fb::journal {

class JournalError : public std::runtime_error
{
public:
    enum class Kind {
        Busy,        // SQLITE_BUSY / SQLITE_LOCKED after retries: another writer holds the lock
        DiskFull,    // SQLITE_FULL: the transaction was rolled back, nothing is lost
        Io,          // SQLITE_IOERR / CANTOPEN: the file system failed us
        Corrupt,     // SQLITE_CORRUPT / stored text that no longer parses
        NotAJournal, // not SQLite at all, or a SQLite file that Fillbook did not create
        TooNew,      // written by a newer Fillbook: refused, file untouched
        TooOld,      // needs an upgrade that a read-only connection cannot do
        Missing,     // read-only open of a file that does not exist
        ReadOnly,    // a write through a read-only connection or file
        Constraint,  // a constraint (unique, foreign key, check) refused a write
        WrongThread, // a connection used from a thread that does not own it
        Usage,       // a programming error (wrong arguments, no transaction open, ...)
        LockLost,    // the sync lock names another holder now: this writer must stop
        Other,
    };

    JournalError(Kind kind, const QString& message, int sqliteCode = 0);

    // Builds an error from a failed Qt Sql call. `what` says what we were doing, in words a user
    // can read: "store fills", "open the journal".
    static JournalError fromSql(const QSqlError& error, const QString& what);
    // The same from a SQLite C API result code (extended codes are fine) and its message.
    static JournalError fromSqlite(int code, const QString& sqliteMessage, const QString& what);

    Kind kind() const { return m_kind; }
    // The primary SQLite result code (5 = BUSY, 13 = FULL, ...), 0 when not from SQLite.
    int sqliteCode() const { return m_sqliteCode; }
    QString message() const { return m_message; }
    bool isBusy() const { return m_kind == Kind::Busy; }

    static QString kindName(Kind kind);

private:
    Kind m_kind;
    QString m_message;
    int m_sqliteCode;
};

// `error` as the user should read it, given the errno of the system call behind it
// (sqlite3_system_errno): a write refused with EFBIG hit the file size limit (ulimit -f,
// RLIMIT_FSIZE), which SQLite reports as a plain I/O error. It becomes DiskFull with a sentence
// that names the limit; anything else is returned unchanged.
JournalError withSystemCause(const JournalError& error, int systemErrno);

// The sentence for a journal whose pages fail SQLite's integrity check (`detail` is SQLite's
// first finding): what is wrong and how to recover, for every front end.
JournalError damagedJournal(const QString& path, const QString& detail);

// Primary result code from Qt's nativeErrorCode() (which may hold an extended code).
int primarySqliteCode(const QSqlError& error);
JournalError::Kind classifySqliteCode(int primaryCode);

} // namespace fb::journal
