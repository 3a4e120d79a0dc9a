#include "sync/journal/statement.h"

#include "sync/journal/journal_error.h"

#include <sqlite3.h>

#include <cstring>

namespace fb::journal {

Statement::Statement(sqlite3* db, const QString& sql)
    : m_db(db)
{
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    if (rc != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        throw JournalError::fromSqlite(rc, message, QStringLiteral("prepare a statement"));
    }
    m_held.resize(size_t(sqlite3_bind_parameter_count(m_statement)) + 1);
    m_heldSource.resize(m_held.size());
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

void Statement::bindText(int index, const QString& text)
{
    QString& source = m_heldSource.at(size_t(index));
    // Shared data means identical text: a shared QString is detached before it can change.
    if (!text.isSharedWith(source) || text.size() != source.size()) {
        m_held.at(size_t(index)) = text.toUtf8();
        source = text;
    }
    const QByteArray& held = m_held.at(size_t(index));
    const char* data = held.isNull() ? "" : held.constData();
    sqlite3_bind_text(m_statement, index, data, int(held.size()), SQLITE_STATIC);
}

void Statement::bindUtf8(int index, const QByteArray& utf8)
{
    m_heldSource.at(size_t(index)) = QString();
    QByteArray& held = m_held.at(size_t(index));
    held = utf8;
    // A null QByteArray has no data pointer, and SQLite binds a null pointer as NULL: the
    // journal's rule is that only bindNull() makes NULL, so empty text stays ''.
    const char* data = held.isNull() ? "" : held.constData();
    sqlite3_bind_text(m_statement, index, data, int(held.size()), SQLITE_STATIC);
}

void Statement::bindChars(int index, const char* data, qsizetype size)
{
    QString& source = m_heldSource.at(size_t(index));
    if (!source.isNull())
        source = QString();
    QByteArray& held = m_held.at(size_t(index));
    if (!held.isDetached())
        held = QByteArray(); // shared with a caller's bytes: never write into those
    held.resize(size);       // within the buffer's capacity after the first rows
    std::memcpy(held.data(), data, size_t(size));
    sqlite3_bind_text(m_statement, index, held.constData(), int(size), SQLITE_STATIC);
}

void Statement::bindInt64(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

bool Statement::next(const QString& what)
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(rc, what);
}

int Statement::execute(const QString& what)
{
    Scope scope(*this);
    while (next(what)) {
    }
    return sqlite3_changes(m_db);
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

void Statement::fail(int rc, const QString& what)
{
    // sqlite3_errmsg belongs to the connection: read it before reset() can change it.
    const int code = sqlite3_extended_errcode(m_db);
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    const int systemErrno = sqlite3_system_errno(m_db);
    reset();
    throw withSystemCause(JournalError::fromSqlite(code != 0 ? code : rc, message, what),
                          systemErrno);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QByteArray Statement::utf8(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return QByteArray(data, sqlite3_column_bytes(m_statement, column));
}

std::string_view Statement::view(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return data ? std::string_view(data, size_t(sqlite3_column_bytes(m_statement, column)))
                : std::string_view();
}

} // namespace fb::journal
