#include "sync/journal/share_scope.h"

#include "sync/journal/database.h"
#include "sync/journal/share_rows.h"
#include "sync/journal/sql_access.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace fb::journal {

namespace {

template <typename T> QList<T> sorted(const QSet<T>& set)
{
    QList<T> list(set.begin(), set.end());
    std::sort(list.begin(), list.end());
    return list;
}

QJsonArray idArray(const QSet<qint64>& ids)
{
    QJsonArray out;
    for (qint64 id : sorted(ids))
        out.append(QString::number(id));
    return out;
}

bool readIds(const QJsonValue& value, QSet<qint64>* out)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue& v : value.toArray()) {
        bool ok = false;
        const qint64 id = v.toString().toLongLong(&ok);
        if (!ok)
            return false;
        out->insert(id);
    }
    return true;
}

QString compact(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

} // namespace

bool ShareScope::isEmpty() const
{
    return size() == 0;
}

qsizetype ShareScope::size() const
{
    return fillIds.size() + orderIds.size() + incomes.size() + tradeKeys.size();
}

void ShareScope::unite(const ShareScope& other)
{
    fillIds.unite(other.fillIds);
    orderIds.unite(other.orderIds);
    incomes.unite(other.incomes);
    tradeKeys.unite(other.tradeKeys);
}

QString ShareScope::toJson() const
{
    QJsonObject o;
    if (!fillIds.isEmpty())
        o.insert(QStringLiteral("fills"), idArray(fillIds));
    if (!orderIds.isEmpty())
        o.insert(QStringLiteral("orders"), idArray(orderIds));
    if (!incomes.isEmpty()) {
        QJsonArray rows;
        for (const auto& [type, tranId] : sorted(incomes))
            rows.append(QJsonArray{type, QString::number(tranId)});
        o.insert(QStringLiteral("income"), rows);
    }
    if (!tradeKeys.isEmpty())
        o.insert(QStringLiteral("trades"), QJsonArray::fromStringList(sorted(tradeKeys)));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<ShareScope> ShareScope::fromJson(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    ShareScope s;
    if (!readIds(o.value(QStringLiteral("fills")), &s.fillIds) ||
        !readIds(o.value(QStringLiteral("orders")), &s.orderIds))
        return std::nullopt;
    for (const QJsonValue& row : o.value(QStringLiteral("income")).toArray()) {
        const QJsonArray pair = row.toArray();
        bool ok = false;
        const qint64 tranId = pair.at(1).toString().toLongLong(&ok);
        if (pair.size() != 2 || !pair.at(0).isString() || !ok)
            return std::nullopt;
        s.incomes.insert({pair.at(0).toString(), tranId});
    }
    for (const QJsonValue& key : o.value(QStringLiteral("trades")).toArray()) {
        if (!key.isString())
            return std::nullopt;
        s.tradeKeys.insert(key.toString());
    }
    return s;
}

QVector<SharedRecord> sharedRecordsIn(Database& db, const QString& account, const QString& symbol,
                                      const ShareScope& scope)
{
    // The named keys go in as one JSON array each (json_each), an index seek per key.
    QVector<SharedRecord> records;
    auto read = [&](const QString& sql, const QVariantList& values, const char* kind) {
        QSqlQuery query = sqlOn(db).run(sql, values, QStringLiteral("read records to share"));
        while (query.next())
            records.append({QLatin1String(kind), query.value(0).toString(),
                            query.value(1).toString(), query.value(2).toInt()});
    };
    if (symbol.isEmpty()) {
        if (scope.incomes.isEmpty())
            return records;
        QJsonArray rows;
        for (const auto& [type, tranId] : sorted(scope.incomes))
            rows.append(QJsonArray{type, QString::number(tranId)});
        read(QStringLiteral(
                 "SELECT income_type || ':' || tran_id, raw_json, version FROM income "
                 "WHERE account = ? AND (income_type, tran_id) IN (SELECT json_extract(value, "
                 "'$[0]'), CAST(json_extract(value, '$[1]') AS INTEGER) FROM json_each(?)) "
                 "ORDER BY income_type, tran_id"),
             {account, compact(rows)}, "income");
        return records;
    }
    if (!scope.fillIds.isEmpty())
        read(QStringLiteral("SELECT symbol || ':' || id, raw_json, version FROM fills "
                            "WHERE account = ? AND symbol = ? AND id IN (SELECT CAST(value AS "
                            "INTEGER) FROM json_each(?)) ORDER BY id"),
             {account, symbol, compact(idArray(scope.fillIds))}, "fill");
    if (!scope.orderIds.isEmpty())
        read(QStringLiteral("SELECT symbol || ':' || order_id, raw_json, version FROM orders "
                            "WHERE account = ? AND symbol = ? AND order_id IN (SELECT CAST(value "
                            "AS INTEGER) FROM json_each(?)) ORDER BY order_id"),
             {account, symbol, compact(idArray(scope.orderIds))}, "order");
    return records;
}

QVector<SharedTrade> sharedTradesIn(Database& db, const QString& account, const QString& symbol,
                                    const ShareScope& scope, QStringList* removedTradeKeys)
{
    QVector<SharedTrade> trades;
    if (symbol.isEmpty() || scope.tradeKeys.isEmpty())
        return trades;
    QSqlQuery query = sqlOn(db).run(
        QStringLiteral("SELECT * FROM trades WHERE account = ? AND symbol = ? AND key IN "
                       "(SELECT value FROM json_each(?)) ORDER BY key"),
        {account, symbol, compact(QJsonArray::fromStringList(sorted(scope.tradeKeys)))},
        QStringLiteral("read trades to share"));
    detail::readSharedTrades(query, symbol, trades);
    QSet<QString> present;
    for (const SharedTrade& t : trades)
        present.insert(t.key);
    for (const QString& key : sorted(scope.tradeKeys)) {
        if (!present.contains(key))
            removedTradeKeys->append(key);
    }
    return trades;
}

} // namespace fb::journal
