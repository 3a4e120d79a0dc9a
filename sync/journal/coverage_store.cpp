#include "sync/journal/coverage_store.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

namespace {

const QString kSelect = QStringLiteral("SELECT account, stream, symbol, covered_from, covered_to, "
                                       "last_id, updated_at FROM coverage ");

Coverage readCoverage(const QSqlQuery& q)
{
    Coverage c;
    c.account = q.value(0).toString();
    c.stream = q.value(1).toString();
    c.symbol = q.value(2).toString();
    c.coveredFrom = q.value(3).toLongLong();
    c.coveredTo = q.value(4).toLongLong();
    if (!q.value(5).isNull())
        c.lastId = q.value(5).toLongLong();
    c.updatedAt = q.value(6).toLongLong();
    return c;
}

} // namespace

CoverageStore::CoverageStore(Database& db)
    : m_db(db)
{}

std::optional<Coverage> CoverageStore::coverage(const QString& account, const QString& stream,
                                                const QString& symbol)
{
    QSqlQuery query =
        sqlOn(m_db).run(kSelect + QStringLiteral("WHERE account = ? AND stream = ? AND symbol = ?"),
                        {account, stream, symbol}, QStringLiteral("read coverage"));
    if (!query.next())
        return std::nullopt;
    return readCoverage(query);
}

void CoverageStore::setCoverage(const Coverage& c)
{
    if (c.account.isEmpty() || c.stream.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Coverage needs an account and a stream."));
    if (c.coveredFrom > c.coveredTo)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Coverage of %1 %2 would end (%3) before it starts "
                                          "(%4).")
                               .arg(c.stream, c.symbol)
                               .arg(c.coveredTo)
                               .arg(c.coveredFrom));
    WriteScope scope(m_db);
    sqlOn(m_db).run(
        QStringLiteral("INSERT INTO coverage (account, stream, symbol, covered_from, covered_to, "
                       "last_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (account, stream, symbol) DO UPDATE SET "
                       "covered_from = excluded.covered_from, covered_to = excluded.covered_to, "
                       "last_id = excluded.last_id, updated_at = excluded.updated_at"),
        {c.account, c.stream, c.symbol, c.coveredFrom, c.coveredTo,
         c.lastId ? QVariant(*c.lastId) : QVariant(QMetaType::fromType<qint64>()),
         Database::nowMs()},
        QStringLiteral("store coverage of %1 %2").arg(c.stream, c.symbol));
    scope.commit();
}

QVector<Coverage> CoverageStore::list(const QString& account, const QString& stream)
{
    QSqlQuery query =
        stream.isEmpty()
            ? sqlOn(m_db).run(kSelect + QStringLiteral("WHERE account = ? ORDER BY stream, symbol"),
                              {account}, QStringLiteral("read coverage"))
            : sqlOn(m_db).run(
                  kSelect + QStringLiteral("WHERE account = ? AND stream = ? ORDER BY symbol"),
                  {account, stream}, QStringLiteral("read coverage"));
    QVector<Coverage> result;
    while (query.next())
        result.append(readCoverage(query));
    return result;
}

bool CoverageStore::remove(const QString& account, const QString& stream, const QString& symbol)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("DELETE FROM coverage WHERE account = ? AND "
                                                     "stream = ? AND symbol = ?"),
                                      {account, stream, symbol}, QStringLiteral("remove coverage"));
    const bool removed = query.numRowsAffected() > 0;
    scope.commit();
    return removed;
}

} // namespace fb::journal
