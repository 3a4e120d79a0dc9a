#include "sync/journal/symbol_info_store.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QSqlQuery>

namespace fb::journal {

void storeSymbolPrecisions(Database& db, const QVector<SymbolPrecision>& symbols, qint64 nowMs)
{
    WriteScope scope(db);
    for (const SymbolPrecision& s : symbols)
        sqlOn(db).run(
            QStringLiteral("INSERT INTO symbol_info (symbol, price_precision, "
                           "quantity_precision, updated_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (symbol) DO UPDATE SET price_precision = "
                           "excluded.price_precision, quantity_precision = "
                           "excluded.quantity_precision, updated_at = excluded.updated_at "
                           "WHERE price_precision <> excluded.price_precision OR "
                           "quantity_precision <> excluded.quantity_precision"),
            {s.symbol, s.price, s.quantity, nowMs}, QStringLiteral("store symbol precisions"));
    scope.commit();
}

QHash<QString, SymbolPrecision> loadSymbolPrecisions(Database& db)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT symbol, price_precision, quantity_precision FROM symbol_info"), {},
        QStringLiteral("load symbol precisions"));
    QHash<QString, SymbolPrecision> precisions;
    while (q.next()) {
        const SymbolPrecision s{q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()};
        precisions.insert(s.symbol, s);
    }
    return precisions;
}

} // namespace fb::journal
