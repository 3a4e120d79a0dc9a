#pragma once
// Raw SQL on a journal connection, for the journal's own stores and query functions (and for
// tests that build or inspect a file by hand). Everything else reads and writes through the
// stores and the read-side query functions (trade_queries.h, conflict_queries.h), so that a
// schema change touches sync/journal/ alone; scripts/check-layers refuses this header, and
// QSqlQuery, anywhere else.

#include "sync/journal/database.h"

namespace fb::journal {

class SqlAccess
{
public:
    explicit SqlAccess(Database& db)
        : m_db(db)
    {}

    QSqlQuery prepare(const QString& sql) { return m_db.prepare(sql); }
    void exec(QSqlQuery& query, const QString& what) { m_db.exec(query, what); }
    QSqlQuery run(const QString& sql, const QVariantList& values = {},
                  const QString& what = QString())
    {
        return m_db.run(sql, values, what);
    }
    QVariant scalar(const QString& sql, const QVariantList& values = {},
                    const QString& what = QString())
    {
        return m_db.scalar(sql, values, what);
    }
    QSqlDatabase& connection() { return m_db.connection(); }
    Statement& statement(const QString& sql) { return m_db.statement(sql); }

private:
    Database& m_db;
};

// sqlOn(db).run("SELECT ...", {values}, "what we were doing")
inline SqlAccess sqlOn(Database& db)
{
    return SqlAccess(db);
}

} // namespace fb::journal
