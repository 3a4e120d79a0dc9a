#pragma once
// A prepared statement on a journal connection, through the SQLite C API.
//
// Why not QSqlQuery on the hot paths (raw upserts, trade rebuilds, history loads): Qt Sql binds
// every value as a QVariant, rewrites named placeholders on each prepare and copies every
// column into a QVariant, which cost five times what SQLite itself spends on a fill
// (docs/performance.md, findings 1-3). Qt's SQLite driver hands out its `sqlite3*`
// (QSqlDriver::handle(), documented for exactly this), so these statements run on the same
// connection, in the same transaction and on the same thread as everything else. Database keeps
// them prepared for the life of the connection (Database::statement()).
//
// Parameters are 1-based, as in SQLite. Text is bound without a copy: the statement keeps the
// UTF-8 bytes alive until it is reset.

#include <QByteArray>
#include <QString>

#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace fb::journal {

class Statement
{
public:
    // Throws JournalError when SQLite refuses the SQL.
    Statement(sqlite3* db, const QString& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // The same QString bound again to the same parameter (the account and symbol of every row
    // of a batch) reuses its UTF-8 bytes instead of converting it again.
    void bindText(int index, const QString& text);
    void bindUtf8(int index, const QByteArray& utf8);
    // `size` bytes copied into the parameter's own buffer, which is reused from row to row (a
    // decimal formatted on the stack binds without a heap allocation).
    void bindChars(int index, const char* data, qsizetype size);
    void bindInt64(int index, qint64 value);
    void bindNull(int index);

    // One step: true when a row is ready, false when the statement is done. Throws
    // JournalError (what completes "Could not ...") and resets the statement on failure.
    bool next(const QString& what);
    // Runs to completion and resets; returns the rows changed (INSERT/UPDATE/DELETE).
    int execute(const QString& what);
    // Ready for new bindings; releases any read lock of an unfinished query.
    void reset();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray utf8(int column) const; // a copy of the column's bytes
    // The column's bytes without a copy, valid until the next step or reset.
    std::string_view view(int column) const;

    // Resets the statement when a scope is left, also by an exception.
    class Scope
    {
    public:
        explicit Scope(Statement& statement)
            : m_statement(statement)
        {}
        ~Scope() { m_statement.reset(); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        Statement& m_statement;
    };

private:
    [[noreturn]] void fail(int rc, const QString& what);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    // Text bound with SQLITE_STATIC, by parameter index; kept until the parameter is bound again,
    // which keeps it valid for as long as SQLite may read it.
    std::vector<QByteArray> m_held;
    std::vector<QString> m_heldSource; // the QString m_held was converted from, if any
};

} // namespace fb::journal
