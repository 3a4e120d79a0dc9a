#include "sync/journal/transaction.h"

#include "sync/journal/logging.h"
#include "sync/journal/sql_access.h"

#include <QThread>

#include <atomic>
#include <exception>

namespace fb::journal {

namespace {
// First pause after a busy BEGIN/COMMIT; doubled for each further attempt. Short on purpose:
// SQLite has already waited busyTimeoutMs inside the call, these retries only bridge the
// moment between two writers' transactions.
constexpr unsigned long kFirstBackoffMs = 50;
} // namespace

Transaction::Transaction(Database& db, Mode mode)
    : m_db(db)
{
    m_db.checkThread();
    if (m_db.inTransaction())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("A transaction is already open on this connection; "
                                          "use a Savepoint to nest."));
    if (mode == Mode::Immediate && m_db.isReadOnly())
        throw JournalError(JournalError::Kind::ReadOnly,
                           QStringLiteral("This journal connection is read-only."));
    execWithBusyRetry(mode == Mode::Immediate ? QStringLiteral("BEGIN IMMEDIATE")
                                              : QStringLiteral("BEGIN DEFERRED"),
                      QStringLiteral("begin a transaction"));
    m_active = true;
    m_db.setInTransaction(true);
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (std::uncaught_exceptions() > 0)
        qCDebug(lcJournal) << "rolling back a transaction while an exception unwinds";
    rollback();
}

void Transaction::commit()
{
    if (!m_active)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("No transaction is open to commit."));
    // On failure the transaction stays active (SQLite keeps it open after a busy COMMIT) and
    // the destructor rolls it back.
    execWithBusyRetry(QStringLiteral("COMMIT"), QStringLiteral("commit to the journal"));
    m_active = false;
    m_db.setInTransaction(false);
}

void Transaction::rollback() noexcept
{
    if (!m_active)
        return;
    m_active = false;
    m_db.setInTransaction(false);
    try {
        sqlOn(m_db).run(QStringLiteral("ROLLBACK"), {}, QStringLiteral("roll back"));
    } catch (const JournalError& error) {
        // After SQLITE_FULL or an I/O error SQLite may have rolled back already ("no
        // transaction is active"): the database is consistent either way.
        qCDebug(lcJournal).noquote() << "rollback:" << error.message();
    } catch (...) {
        qCWarning(lcJournal) << "unexpected error during rollback";
    }
}

void Transaction::execWithBusyRetry(const QString& sql, const QString& what)
{
    unsigned long backoff = kFirstBackoffMs;
    for (int attempt = 0;; ++attempt) {
        try {
            sqlOn(m_db).run(sql, {}, what);
            return;
        } catch (const JournalError& error) {
            if (!error.isBusy() || attempt >= m_db.options().busyRetries)
                throw;
            qCInfo(lcJournal).noquote() << error.message() << "- retrying in" << backoff << "ms";
            QThread::msleep(backoff);
            backoff *= 2;
        }
    }
}

Savepoint::Savepoint(Database& db)
    : m_db(db)
{
    static std::atomic<quint64> counter{0};
    if (!m_db.inTransaction())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("A savepoint needs an open transaction."));
    m_name = QStringLiteral("fb_sp_%1").arg(++counter);
    sqlOn(m_db).run(QStringLiteral("SAVEPOINT ") + m_name, {}, QStringLiteral("open a savepoint"));
    m_active = true;
}

Savepoint::~Savepoint()
{
    rollback();
}

void Savepoint::release()
{
    if (!m_active)
        return;
    sqlOn(m_db).run(QStringLiteral("RELEASE ") + m_name, {}, QStringLiteral("release a savepoint"));
    m_active = false;
}

void Savepoint::rollback() noexcept
{
    if (!m_active)
        return;
    m_active = false;
    try {
        // ROLLBACK TO undoes the savepoint's work but leaves it on the stack; RELEASE pops it.
        sqlOn(m_db).run(QStringLiteral("ROLLBACK TO ") + m_name);
        sqlOn(m_db).run(QStringLiteral("RELEASE ") + m_name);
    } catch (const JournalError& error) {
        qCDebug(lcJournal).noquote() << "savepoint rollback:" << error.message();
    } catch (...) {
        qCWarning(lcJournal) << "unexpected error during savepoint rollback";
    }
}

WriteScope::WriteScope(Database& db)
{
    if (!db.inTransaction())
        m_own.emplace(db, Transaction::Mode::Immediate);
}

void WriteScope::commit()
{
    if (m_own)
        m_own->commit();
}

} // namespace fb::journal
