#include "sync/journal/database.h"

#include "sync/journal/integrity_record.h"
#include "sync/journal/logging.h"
#include "sync/journal/private_files.h"
#include "sync/journal/schema.h"
#include "sync/journal/schema_backup.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>

namespace fb::journal {

namespace {

QString nextConnectionName(const QString& purpose)
{
    static std::atomic<quint64> counter{0};
    const quint64 n = ++counter;
    const auto thread = reinterpret_cast<quintptr>(QThread::currentThreadId());
    return QStringLiteral("fillbook.journal/%1/%2/%3")
        .arg(purpose, QString::number(thread, 16), QString::number(n));
}

std::atomic<quint64> g_integrityChecks{0};

} // namespace

Database::ConnectionRegistration::~ConnectionRegistration()
{
    if (!name.isEmpty())
        QSqlDatabase::removeDatabase(name);
}

Database::OpenFileRegistration::~OpenFileRegistration()
{
    if (active)
        noteConnectionClosed(device, inode);
}

Database::Database(const QString& path, const OpenOptions& options)
    : m_path(path)
    , m_options(options)
    , m_owner(QThread::currentThread())
    , m_connectionName(nextConnectionName(options.purpose))
{
    throwIfNotOpenable();
    // Before SQLite opens it: the first read of a journal in WAL mode creates the log.
    m_before = journalFileState(m_path);

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_registration.name = m_connectionName;
    if (!m_db.isValid())
        throw JournalError(JournalError::Kind::Other,
                           QStringLiteral("The Qt SQLite driver (QSQLITE) is not available."));
    m_db.setDatabaseName(m_path);
    QString connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs);
    if (isReadOnly())
        connectOptions += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(connectOptions);
    if (!m_db.open())
        throw JournalError::fromSql(m_db.lastError(),
                                    QStringLiteral("open the journal at %1").arg(m_path));

    // Qt's SQLite driver hands out its connection handle for code that needs the C API.
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        m_handle = *static_cast<sqlite3* const*>(handle.constData());
    if (!m_handle)
        throw JournalError(JournalError::Kind::Other,
                           QStringLiteral("The Qt SQLite driver did not expose its connection."));
    if (m_before.exists) {
        noteConnectionOpened(m_before.device, m_before.inode);
        m_openFile = {true, m_before.device, m_before.inode};
    }

    try {
        openJournal();
    } catch (const JournalError& error) {
        // A damaged page can surface before the integrity check (reading the schema version):
        // it gets the same sentence, with how to recover.
        if (error.kind() == JournalError::Kind::Corrupt && error.sqliteCode() != 0)
            throw damagedJournal(m_path, error.message());
        throw;
    }
    qCDebug(lcJournal) << "opened" << m_path << "as" << m_connectionName
                       << (isReadOnly() ? "read-only" : "read-write");
}

void Database::openJournal()
{
    applyPragmas();

    // The version check comes before anything that writes (WAL switch, migrations), so a journal
    // from a newer Fillbook is left byte for byte as it was.
    const int version = schema::readVersion(*this);
    if (version > schema::CurrentVersion)
        throw JournalError(JournalError::Kind::TooNew, schema::tooNewMessage(version));

    if (isReadOnly()) {
        if (version == 0)
            throw JournalError(JournalError::Kind::NotAJournal,
                               QStringLiteral("%1 is not a Fillbook journal.").arg(m_path));
        if (version < schema::CurrentVersion)
            throw JournalError(
                JournalError::Kind::TooOld,
                QStringLiteral("This journal uses schema %1 and must be upgraded to schema %2 "
                               "before it can be read; open it once with Fillbook (or run "
                               "'fillbook-cli sync') to upgrade it.")
                    .arg(version)
                    .arg(schema::CurrentVersion));
        return;
    }

    // Before the first write (the WAL switch rewrites the header): a damaged journal is left
    // exactly as it was found, and no run row lands in it. Skipped only when Fillbook can
    // vouch for the file (integrity_record.h, D157).
    const qint64 now = m_options.clock ? m_options.clock() : nowMs();
    if (version == 0)
        m_integrity = {false, IntegrityReason::NewJournal, 0};
    else if (m_options.integrityCheck == IntegrityCheck::Never)
        m_integrity = {false, IntegrityReason::NotAsked, 0};
    else if (m_options.integrityCheck == IntegrityCheck::Always)
        m_integrity = {true, IntegrityReason::Forced, 0};
    else
        m_integrity = decideIntegrityCheck(m_path, m_before, now, m_options.integrityPeriodMs);
    qCDebug(lcJournal) << "integrity check of" << m_path
                       << (m_integrity.check ? "runs:" : "skipped:")
                       << integrityReasonName(m_integrity.reason);
    if (m_integrity.check) {
        const QStringList problems = integrityProblems(1);
        if (!problems.isEmpty())
            throw damagedJournal(m_path, problems.constFirst());
        notePassedCheck(m_path, m_before, now, true);
    } else {
        // This writer may be killed: until it closes, the record vouches for nothing.
        noteWriterOpened(m_path, m_before, m_integrity);
    }

    // WAL lets the UI read while the sync writes. SQLite silently keeps the old mode when it
    // cannot switch (e.g. on some network file systems), so read back what it answered.
    const QString mode = enableWal();
    if (mode != QLatin1String("wal"))
        throw JournalError(JournalError::Kind::Io,
                           QStringLiteral("SQLite refused write-ahead logging for %1 (journal "
                                          "mode is '%2'); the journal needs a local file system.")
                               .arg(m_path, mode));
    // NORMAL is durable across application crashes in WAL mode; only a power loss can lose the
    // last commits, never corrupt the file.
    run(QStringLiteral("PRAGMA synchronous=NORMAL"));
    // A first sync writes hundreds of MB in large transactions; with SQLite's default 2 MB page
    // cache the b-tree pages spill and are re-read on every insert (the upsert rate halved from
    // 30k to 200k fills). 64 MB is allocated on demand, so small journals do not pay for it.
    run(QStringLiteral("PRAGMA cache_size=-65536"));
    // The WAL is checkpointed inside a COMMIT once it passes this many pages (copied into the
    // file and fsynced); a larger bound moves that work out of most commits (D154).
    run(QStringLiteral("PRAGMA wal_autocheckpoint=%1")
            .arg(std::max(0, m_options.walAutocheckpointPages)));
    if (m_options.walAutocheckpointPages > 1000)
        run(QStringLiteral("PRAGMA journal_size_limit=4194304"));

    // An upgrade of an existing journal first copies it (schema_backup.h): the copy stays until
    // the upgraded journal has opened, so a migration that fails never costs the history.
    QString backup;
    if (m_options.migrate && version > 0 && version < schema::CurrentVersion)
        backup = writeSchemaBackup(*this, version);
    if (m_options.migrate)
        schema::upgrade(*this, schema::CurrentVersion);
    if (!backup.isEmpty() && !QFile::remove(backup))
        qCWarning(lcJournal) << "could not remove" << backup << "after the upgrade";
}

Database::~Database()
{
    if (QThread::currentThread() != m_owner)
        qCWarning(lcJournal) << "journal connection" << m_connectionName
                             << "destroyed outside its owning thread";
    if (m_inTransaction)
        qCWarning(lcJournal) << "journal connection" << m_connectionName
                             << "destroyed with a transaction open; SQLite rolls it back";
    // Prepared statements keep the connection busy: finalize them before Qt closes it.
    m_statements.clear();
    const bool wasOpenWriter = !isReadOnly() && m_db.isOpen();
    m_db.close();
    m_db = QSqlDatabase();
    // The last connection's close checkpointed and removed the log: the file as it is now is
    // what Fillbook left (integrity_record.h).
    if (wasOpenWriter)
        noteWriterClosed(m_path, m_options.clock ? m_options.clock() : nowMs());
    // m_registration removes the connection now.
}

void Database::throwIfNotOpenable() const
{
    const QFileInfo info(m_path);
    if (m_path.isEmpty())
        throw JournalError(JournalError::Kind::Usage, QStringLiteral("No journal path given."));
    if (info.isDir())
        throw JournalError(JournalError::Kind::NotAJournal,
                           QStringLiteral("%1 is a directory, not a journal file.").arg(m_path));
    if (isReadOnly()) {
        // SQLite would refuse too, but with "unable to open database file"; say it plainly.
        if (!info.exists())
            throw JournalError(JournalError::Kind::Missing,
                               QStringLiteral("No journal at %1.").arg(m_path));
        if (!info.isReadable())
            throw JournalError(JournalError::Kind::Io,
                               QStringLiteral("The journal at %1 is not readable.").arg(m_path));
        return;
    }
    const QString dir = info.absolutePath();
    if (!makePrivateFolders(dir))
        throw JournalError(
            JournalError::Kind::Io,
            QStringLiteral("Could not create the folder %1 for the journal.").arg(dir));
    // The file (and its -wal/-shm, which SQLite creates with the file's mode) for the owner only.
    if (!prepareJournalFiles(m_path))
        throw JournalError(JournalError::Kind::Io,
                           QStringLiteral("Could not create the journal file %1.").arg(m_path));
}

void Database::applyPragmas()
{
    run(QStringLiteral("PRAGMA busy_timeout=%1").arg(m_options.busyTimeoutMs), {},
        QStringLiteral("set the busy timeout"));
    // Cascades from trades to their fill parts rely on it; it is per connection.
    run(QStringLiteral("PRAGMA foreign_keys=ON"), {}, QStringLiteral("enable foreign keys"));
}

int Database::schemaVersion()
{
    return schema::readVersion(*this);
}

QString Database::journalMode()
{
    return scalar(QStringLiteral("PRAGMA journal_mode")).toString().toLower();
}

QString Database::enableWal()
{
    QElapsedTimer waited;
    waited.start();
    unsigned long backoffMs = 5;
    for (;;) {
        try {
            return scalar(QStringLiteral("PRAGMA journal_mode=WAL"), {},
                          QStringLiteral("enable WAL"))
                .toString()
                .toLower();
        } catch (const JournalError& error) {
            // Bounded like every other wait for the file: the busy timeout.
            if (!error.isBusy() || waited.elapsed() >= m_options.busyTimeoutMs)
                throw;
            QThread::msleep(backoffMs);
            backoffMs = std::min<unsigned long>(backoffMs * 2, 100);
        }
    }
}

WalCheckpoint Database::checkpointWal()
{
    checkThread();
    if (isReadOnly() || m_inTransaction)
        throw JournalError(
            JournalError::Kind::Usage,
            QStringLiteral("A WAL checkpoint needs a writer outside a transaction."));
    QSqlQuery query = run(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), {},
                          QStringLiteral("checkpoint the write-ahead log"));
    WalCheckpoint result;
    if (query.next()) {
        result.busy = query.value(0).toInt() != 0;
        result.walPages = query.value(1).toInt();
        result.checkpointed = query.value(2).toInt();
    }
    return result;
}

quint64 Database::integrityChecksRun()
{
    return g_integrityChecks.load();
}

QStringList Database::integrityProblems(int limit)
{
    ++g_integrityChecks;
    QStringList problems;
    try {
        QSqlQuery query = run(QStringLiteral("PRAGMA quick_check(%1)").arg(std::max(1, limit)), {},
                              QStringLiteral("check the journal's integrity"));
        while (query.next()) {
            const QString line = query.value(0).toString();
            if (line != QLatin1String("ok"))
                problems << line;
        }
    } catch (const JournalError& error) {
        // A page too damaged for the check itself to walk is a finding too.
        if (error.kind() != JournalError::Kind::Corrupt)
            throw;
        problems << error.message();
    }
    return problems;
}

void Database::checkThread() const
{
    if (Q_LIKELY(QThread::currentThread() == m_owner))
        return;
    const QString message =
        QStringLiteral("The journal connection %1 belongs to another thread; open a Database "
                       "in each thread instead of sharing one.")
            .arg(m_connectionName);
#ifndef QT_NO_DEBUG
    qFatal("%s", qPrintable(message));
#endif
    qCCritical(lcJournal).noquote() << message;
    throw JournalError(JournalError::Kind::WrongThread, message);
}

bool Database::threadMisuseIsFatal()
{
#ifdef QT_NO_DEBUG
    return false;
#else
    return true;
#endif
}

QSqlDatabase& Database::connection()
{
    checkThread();
    return m_db;
}

Statement& Database::statement(const QString& sql)
{
    checkThread();
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, std::make_unique<Statement>(m_handle, sql)).first;
    return *it->second;
}

QSqlQuery Database::prepare(const QString& sql)
{
    checkThread();
    QSqlQuery query(m_db);
    // Forward-only: Qt would otherwise cache every row of a result for scrolling back.
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qCWarning(lcJournal).noquote() << "prepare failed:" << sql;
        throw JournalError::fromSql(query.lastError(), QStringLiteral("prepare a statement"));
    }
    return query;
}

void Database::exec(QSqlQuery& query, const QString& what)
{
    checkThread();
    if (Q_UNLIKELY(!query.exec())) {
        const JournalError error = withSystemCause(
            JournalError::fromSql(query.lastError(),
                                  what.isEmpty() ? QStringLiteral("run a statement") : what),
            m_handle ? sqlite3_system_errno(m_handle) : 0);
        qCDebug(lcJournalSql).noquote() << error.message() << query.lastQuery();
        throw error;
    }
}

QSqlQuery Database::run(const QString& sql, const QVariantList& values, const QString& what)
{
    QSqlQuery query = prepare(sql);
    for (int i = 0; i < values.size(); ++i)
        bind(query, i, values.at(i));
    exec(query, what);
    return query;
}

QVariant Database::scalar(const QString& sql, const QVariantList& values, const QString& what)
{
    QSqlQuery query = run(sql, values, what);
    if (!query.next())
        return {};
    return query.value(0);
}

QVariant Database::sqlValue(const QVariant& value)
{
    if (value.typeId() == QMetaType::QString && !value.isNull() &&
        static_cast<const QString*>(value.constData())->isNull())
        return QVariant(QString(QLatin1String("")));
    return value;
}

qint64 Database::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace fb::journal
