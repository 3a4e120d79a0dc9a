#pragma once
// One SQLite connection to the journal, owned by one thread (style.md, Persistence).
//
// A Database opens its own uniquely named QSqlDatabase connection (purpose, thread and a
// counter in the name), remembers the thread that opened it, refuses to be used from any other
// thread, and removes the connection when destroyed. Qt Sql connections are not thread-safe;
// a worker thread opens its own Database, the UI opens a read-only one.
//
// Opening a writer:  checks the schema version first (a newer one is refused before anything
//                    is written), switches to WAL (and checks that SQLite really did), then runs
//                    the migrations up to schema::CurrentVersion.
// Opening a reader:  never creates the file, never writes; refuses a schema it cannot read.

#include "sync/journal/integrity_decision.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/statement.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <memory>
#include <unordered_map>

class QThread;
struct sqlite3;

namespace fb::journal {

enum class OpenMode { ReadWrite, ReadOnly };

// When a writer runs SQLite's quick_check on an existing journal (D44, D157).
enum class IntegrityCheck {
    // Unless Fillbook can vouch for the file (integrity_record.h): this process checked it and
    // kept it open since, or the record says a check passed within the period and Fillbook's
    // last writer closed the file cleanly, unchanged since.
    UnlessVouched,
    // Always (forced).
    Always,
    // Never: the caller has just checked it (the desktop's gate), or builds old schemas.
    Never,
};

// How old the last passed check may be for a writer to skip it: a full check at least daily.
inline constexpr qint64 kIntegrityPeriodMs = 24LL * 60 * 60 * 1000;

struct OpenOptions
{
    OpenMode mode = OpenMode::ReadWrite;
    // Shown in the connection name and in logs: "sync", "ui", "cli", ...
    QString purpose = QStringLiteral("main");
    // Writers: upgrade to schema::CurrentVersion on open. Tests turn it off to build old schemas.
    bool migrate = true;
    // How long SQLite itself waits for a lock before reporting SQLITE_BUSY.
    int busyTimeoutMs = 5000;
    // On top of the busy timeout, BEGIN and COMMIT are retried this many times with a short
    // exponential backoff (50 ms, 100 ms, 200 ms, ...) before a Busy error is thrown.
    int busyRetries = 3;
    // Writers: run SQLite's quick_check before the first write to an existing journal, and
    // refuse a damaged one (JournalError::Kind::Corrupt) with the file left as it was; skipped
    // only when Fillbook can vouch for the file (IntegrityCheck::UnlessVouched).
    IntegrityCheck integrityCheck = IntegrityCheck::UnlessVouched;
    // Writers: the WAL size, in pages, past which SQLite checkpoints inside this connection's
    // COMMIT (PRAGMA wal_autocheckpoint; 1000 is SQLite's own default). A writer that raises it
    // checkpoints the rest itself (checkpointWal()); the WAL file is cut back to 4 MiB when it
    // restarts (PRAGMA journal_size_limit), so a raised bound never leaves a large file behind.
    int walAutocheckpointPages = 1000;
    // Writers: the age past which a passed check no longer vouches for the file.
    qint64 integrityPeriodMs = kIntegrityPeriodMs;
    // Writers: the wall clock of the check's record and period (ms since the epoch); empty:
    // the system clock. Tests inject one.
    std::function<qint64()> clock = {};
};

// What a checkpointWal() did: SQLite's three answers to PRAGMA wal_checkpoint.
struct WalCheckpoint
{
    bool busy = false;    // another connection held a lock it needed: it stopped early
    int walPages = 0;     // frames in the WAL
    int checkpointed = 0; // frames copied into the database file
};

class Database
{
public:
    // Throws JournalError: Missing, NotAJournal, TooNew, TooOld, Io, ...
    explicit Database(const QString& path, const OpenOptions& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const QString& path() const { return m_path; }
    const QString& connectionName() const { return m_connectionName; }
    const OpenOptions& options() const { return m_options; }
    bool isReadOnly() const { return m_options.mode == OpenMode::ReadOnly; }
    QThread* ownerThread() const { return m_owner; }

    // Schema version stored in the file (reads meta; 0 for a file without a schema yet).
    int schemaVersion();
    // What `PRAGMA journal_mode` reports now ("wal" for every writer).
    QString journalMode();
    // SQLite's quick_check: empty when every page is sound, otherwise its first findings (at
    // most `limit`). Reads the whole file, so it is for opening and `status`, not hot paths.
    QStringList integrityProblems(int limit = 5);
    // What this writer's open decided about the check (readers: NewJournal, check false).
    const IntegrityDecision& integrityAtOpen() const { return m_integrity; }
    // How many quick_checks this process has run (integrityProblems), for tests and benchmarks.
    static quint64 integrityChecksRun();
    // A PASSIVE checkpoint: copies what the WAL holds into the database file as far as no
    // reader needs the older pages, and waits for nobody (docs/design.md D154).
    // Writers only; never inside a transaction.
    WalCheckpoint checkpointWal();

    // True while a Transaction of this connection is open.
    bool inTransaction() const { return m_inTransaction; }

    // Throws WrongThread (and aborts in debug builds) when called from a thread other than the
    // owner. Every helper above calls it.
    void checkThread() const;
    // True in debug builds of the journal, where using a connection from the wrong thread is
    // fatal (qFatal) rather than an exception.
    static bool threadMisuseIsFatal();

    static qint64 nowMs();

    // Binding rule of the journal: SQL NULL only from a QVariant that holds no value
    // (QVariant(QMetaType::fromType<QString>()), see detail::nullVariant()); a null QString
    // binds as '' (Qt would bind it as NULL and trip NOT NULL columns with QString()).
    static QVariant sqlValue(const QVariant& value);
    static void bind(QSqlQuery& query, int index, const QVariant& value)
    {
        query.bindValue(index, sqlValue(value));
    }

private:
    // Raw SQL is the journal's own business: its stores and query functions reach these through
    // SqlAccess (sql_access.h); nothing outside sync/journal/ does.
    friend class SqlAccess;

    // Statement helpers. All check the owning thread and throw JournalError on failure; `what`
    // completes the sentence "Could not ..." in the error message.
    QSqlQuery prepare(const QString& sql);
    void exec(QSqlQuery& query, const QString& what);
    // prepare + bind positional values + exec.
    QSqlQuery run(const QString& sql, const QVariantList& values = {},
                  const QString& what = QString());
    // The first column of the first row, or an invalid QVariant when there is no row.
    QVariant scalar(const QString& sql, const QVariantList& values = {},
                    const QString& what = QString());
    // The raw connection, for code that needs Qt Sql directly. Owner thread only.
    QSqlDatabase& connection();
    // A statement prepared once per connection and kept until the connection closes (the hot
    // paths: see statement.h). Reset it (Statement::Scope) before handing it on. Owner thread
    // only; throws JournalError when the SQL does not prepare.
    Statement& statement(const QString& sql);

    friend class Transaction;
    void setInTransaction(bool active) { m_inTransaction = active; }
    void applyPragmas();
    void throwIfNotOpenable() const;
    // The part of opening that reads and writes the file (see the constructor).
    void openJournal();
    // PRAGMA journal_mode=WAL, retried while another connection holds the file: the switch
    // needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without its busy
    // handler, when two connections race for it (twelve first opens of a new journal did).
    QString enableWal();

    // Declared first so that it is destroyed last: removes the named connection after every
    // QSqlDatabase handle below is gone (Qt warns and leaks otherwise).
    struct ConnectionRegistration
    {
        QString name;
        ~ConnectionRegistration();
    };

    // This process's count of connections to the file (integrity_record.h): its memory of a
    // passed check ends when the last one closes.
    struct OpenFileRegistration
    {
        bool active = false;
        quint64 device = 0;
        quint64 inode = 0;
        ~OpenFileRegistration();
    };

    QString m_path;
    OpenOptions m_options;
    QThread* m_owner = nullptr;
    QString m_connectionName;
    ConnectionRegistration m_registration;
    QSqlDatabase m_db;
    sqlite3* m_handle = nullptr; // owned by Qt's driver; valid while m_db is open
    // Finalized before the connection closes (see ~Database).
    struct SqlHash
    {
        size_t operator()(const QString& sql) const { return qHash(sql); }
    };
    std::unordered_map<QString, std::unique_ptr<Statement>, SqlHash> m_statements;
    bool m_inTransaction = false;
    JournalFileState m_before; // the file before this connection opened it
    IntegrityDecision m_integrity{false, IntegrityReason::NewJournal, 0};
    OpenFileRegistration m_openFile;
};

} // namespace fb::journal
