// Reading raw records back: typed records rebuilt from the columns (Decimal::parse of the stored
// exchange text, so the scale survives) with their raw JSON.

#include "sync/journal/database.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

using detail::RawTraits;

namespace {

template <typename Record>
QVector<Record> selectRecords(Database& db, const QString& where, const QVariantList& values)
{
    QSqlQuery query = db.run(
        RawTraits<Record>::table().selectRowSql() + where, values,
        QStringLiteral("read %1 records").arg(recordKindName(RawTraits<Record>::table().kind)));
    QVector<Record> records;
    while (query.next())
        records.append(RawTraits<Record>::read(query));
    return records;
}

template <typename Record>
std::optional<Record> selectOne(Database& db, const QString& where, const QVariantList& values)
{
    const QVector<Record> records = selectRecords<Record>(db, where, values);
    if (records.isEmpty())
        return std::nullopt;
    return records.first();
}

} // namespace

SymbolHistory RawStore::loadSymbolHistory(const QString& account, const QString& symbol)
{
    SymbolHistory history;
    history.account = account;
    history.symbol = symbol;
    // A consistent snapshot across the four reads unless the caller already has a transaction
    // (the engine loads inside its batch transaction, after upserting the batch's records).
    std::optional<Transaction> snapshot;
    if (!m_db.inTransaction())
        snapshot.emplace(m_db, Transaction::Mode::Deferred);

    history.fills = selectRecords<Fill>(m_db,
                                        QStringLiteral("WHERE account = ? AND symbol = ? "
                                                       "ORDER BY time, id"),
                                        {account, symbol});
    history.funding = selectRecords<Income>(
        m_db,
        QStringLiteral("WHERE account = ? AND symbol = ? AND income_type = 'FUNDING_FEE' "
                       "ORDER BY time, tran_id"),
        {account, symbol});

    QSqlQuery positions = m_db.run(QStringLiteral("SELECT %1 FROM positions WHERE account = ? "
                                                  "AND symbol = ?")
                                       .arg(detail::positionColumns()),
                                   {account, symbol}, QStringLiteral("read positions"));
    while (positions.next()) {
        const Position position = detail::readPosition(positions);
        history.currentPosition.insert(position.positionSide, position.positionAmt);
    }

    QSqlQuery orders = m_db.run(QStringLiteral("SELECT order_id, client_order_id FROM orders "
                                               "WHERE account = ? AND symbol = ?"),
                                {account, symbol}, QStringLiteral("read orders"));
    while (orders.next())
        history.clientOrderIds.insert(orders.value(0).toLongLong(), orders.value(1).toString());

    if (snapshot)
        snapshot->commit();
    return history;
}

std::optional<Fill> RawStore::fill(const QString& account, const QString& symbol, qint64 id)
{
    return selectOne<Fill>(m_db, QStringLiteral("WHERE account = ? AND symbol = ? AND id = ?"),
                           {account, symbol, id});
}

std::optional<Income> RawStore::income(const QString& account, const QString& incomeType,
                                       qint64 tranId)
{
    return selectOne<Income>(
        m_db, QStringLiteral("WHERE account = ? AND income_type = ? AND tran_id = ?"),
        {account, incomeType, tranId});
}

std::optional<Order> RawStore::order(const QString& account, const QString& symbol, qint64 orderId)
{
    return selectOne<Order>(m_db,
                            QStringLiteral("WHERE account = ? AND symbol = ? AND order_id = ?"),
                            {account, symbol, orderId});
}

QVector<Position> RawStore::positions(const QString& account)
{
    QSqlQuery query = m_db.run(QStringLiteral("SELECT %1 FROM positions WHERE account = ? "
                                              "ORDER BY symbol, position_side")
                                   .arg(detail::positionColumns()),
                               {account}, QStringLiteral("read positions"));
    QVector<Position> result;
    while (query.next())
        result.append(detail::readPosition(query));
    return result;
}

QVector<Income> RawStore::incomeBetween(const QString& account, qint64 fromMs, qint64 toMs,
                                        const QString& symbol)
{
    if (symbol.isEmpty())
        return selectRecords<Income>(m_db,
                                     QStringLiteral("WHERE account = ? AND time BETWEEN ? AND ? "
                                                    "ORDER BY time, tran_id"),
                                     {account, fromMs, toMs});
    return selectRecords<Income>(
        m_db,
        QStringLiteral("WHERE account = ? AND symbol = ? AND time BETWEEN ? AND ? "
                       "ORDER BY time, tran_id"),
        {account, symbol, fromMs, toMs});
}

std::optional<int> RawStore::version(RecordKind kind, const QString& account, const QString& part,
                                     qint64 id)
{
    QString sql;
    switch (kind) {
    case RecordKind::Fill:
        sql = QStringLiteral("SELECT version FROM fills WHERE account = ? AND symbol = ? "
                             "AND id = ?");
        break;
    case RecordKind::Income:
        sql = QStringLiteral("SELECT version FROM income WHERE account = ? AND income_type = ? "
                             "AND tran_id = ?");
        break;
    case RecordKind::Order:
        sql = QStringLiteral("SELECT version FROM orders WHERE account = ? AND symbol = ? "
                             "AND order_id = ?");
        break;
    }
    const QVariant value = m_db.scalar(sql, {account, part, id}, QStringLiteral("read a version"));
    if (!value.isValid())
        return std::nullopt;
    return value.toInt();
}

QVector<RecordVersion> RawStore::history(RecordKind kind, const QString& naturalKey)
{
    QSqlQuery query =
        m_db.run(QStringLiteral("SELECT version, raw_json, replaced_at FROM "
                                "record_history WHERE record_kind = ? AND "
                                "natural_key = ? ORDER BY version"),
                 {recordKindName(kind), naturalKey}, QStringLiteral("read record history"));
    QVector<RecordVersion> versions;
    while (query.next())
        versions.append({query.value(0).toInt(), query.value(1).toString().toUtf8(),
                         query.value(2).toLongLong()});
    return versions;
}

RawCounts RawStore::counts(const QString& account)
{
    const auto count = [&](const QString& table) {
        if (account.isEmpty())
            return m_db.scalar(QStringLiteral("SELECT count(*) FROM ") + table).toLongLong();
        return m_db
            .scalar(QStringLiteral("SELECT count(*) FROM ") + table +
                        QStringLiteral(" WHERE account = ?"),
                    {account})
            .toLongLong();
    };
    RawCounts counts;
    counts.fills = count(QStringLiteral("fills"));
    counts.income = count(QStringLiteral("income"));
    counts.orders = count(QStringLiteral("orders"));
    counts.positions = count(QStringLiteral("positions"));
    return counts;
}

QStringList RawStore::knownSymbols(const QString& account)
{
    // A position amount is zero when its text has no non-zero digit ("0", "0.000", "-0.0").
    QSqlQuery query = m_db.run(
        QStringLiteral("SELECT DISTINCT symbol FROM fills WHERE account = ? "
                       "UNION SELECT symbol FROM orders WHERE account = ? "
                       "UNION SELECT symbol FROM income WHERE account = ? AND symbol <> '' "
                       "UNION SELECT symbol FROM positions WHERE account = ? "
                       "AND position_amt GLOB '*[1-9]*' "
                       "ORDER BY 1"),
        {account, account, account, account}, QStringLiteral("list symbols"));
    QStringList symbols;
    while (query.next())
        symbols.append(query.value(0).toString());
    return symbols;
}

} // namespace fb::journal
