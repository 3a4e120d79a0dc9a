#include "sync/journal/desk_sql.h"

#include <QSqlError>

namespace fb::journal {

QSqlQuery DeskSql::run(const QString& sql, const QVariantList& values, const QString& what)
{
    QSqlQuery query(m_desk.connection());
    query.setForwardOnly(true);
    // QPSQL prepares with PREPARE, which takes no DDL: statements without values run directly.
    if (values.isEmpty()) {
        if (!query.exec(sql))
            throw DeskError::fromSql(query.lastError(), m_desk.endpoint(), what);
        return query;
    }
    if (!query.prepare(sql))
        throw DeskError::fromSql(query.lastError(), m_desk.endpoint(), what);
    for (int i = 0; i < values.size(); ++i) {
        // As in the journal: SQL NULL only from a QVariant without a value; a null QString is ''.
        const QVariant& v = values.at(i);
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            query.bindValue(i, QString(QLatin1String("")));
        else
            query.bindValue(i, v);
    }
    if (!query.exec())
        throw DeskError::fromSql(query.lastError(), m_desk.endpoint(), what);
    return query;
}

QVariant DeskSql::scalar(const QString& sql, const QVariantList& values, const QString& what)
{
    QSqlQuery query = run(sql, values, what);
    return query.next() ? query.value(0) : QVariant();
}

void DeskSql::begin()
{
    if (!m_desk.connection().transaction())
        throw DeskError::fromSql(m_desk.connection().lastError(), m_desk.endpoint(),
                                 QStringLiteral("begin a transaction"));
}

void DeskSql::commit(const QString& what)
{
    if (!m_desk.connection().commit())
        throw DeskError::fromSql(m_desk.connection().lastError(), m_desk.endpoint(), what);
}

void DeskSql::rollback() noexcept
{
    try {
        m_desk.connection().rollback();
    } catch (...) {
    }
}

DeskTransaction::DeskTransaction(DeskConnection& desk)
    : m_desk(desk)
{
    DeskSql(m_desk).begin();
    m_active = true;
}

DeskTransaction::~DeskTransaction()
{
    if (m_active)
        DeskSql(m_desk).rollback();
}

void DeskTransaction::commit(const QString& what)
{
    m_active = false; // a failed COMMIT has ended the transaction on the server as well
    DeskSql(m_desk).commit(what);
}

} // namespace fb::journal
