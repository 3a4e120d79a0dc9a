#pragma once
// Statements on a desk connection, for the journal's desk files only (desk_schema.cpp,
// desk_store.cpp). Failures throw DeskError.

#include "sync/journal/desk_connection.h"

#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

namespace fb::journal {

class DeskSql
{
public:
    explicit DeskSql(DeskConnection& desk)
        : m_desk(desk)
    {}

    QSqlQuery run(const QString& sql, const QVariantList& values, const QString& what);
    QVariant scalar(const QString& sql, const QVariantList& values, const QString& what);
    void begin();
    void commit(const QString& what);
    void rollback() noexcept;

private:
    DeskConnection& m_desk;
};

// Rolls back unless commit() was called.
class DeskTransaction
{
public:
    explicit DeskTransaction(DeskConnection& desk);
    ~DeskTransaction();
    DeskTransaction(const DeskTransaction&) = delete;
    DeskTransaction& operator=(const DeskTransaction&) = delete;
    void commit(const QString& what);

private:
    DeskConnection& m_desk;
    bool m_active = false;
};

} // namespace fb::journal
