#include "sync/journal/kline_store.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QSqlQuery>

#include <algorithm>

namespace fb::journal {

KlineStore::KlineStore(Database& db)
    : m_db(db)
{}

QString KlineStore::cacheKey(const QString& pair, qint64 minute)
{
    return pair + QLatin1Char('|') + QString::number(minute);
}

int KlineStore::store(const QVector<KlineClose>& closes, qint64 nowMs)
{
    if (closes.isEmpty())
        return 0;
    WriteScope scope(m_db);
    int added = 0;
    for (const KlineClose& k : closes) {
        QSqlQuery q = sqlOn(m_db).run(
            QStringLiteral("INSERT INTO kline_closes(pair, open_time, close, fetched_at) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (pair, open_time) DO NOTHING"),
            {k.pair, k.openTime, k.close.toString(), nowMs}, QStringLiteral("cache a price"));
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    scope.commit();
    return added;
}

std::optional<Decimal> KlineStore::close(const QString& pair, qint64 minute)
{
    const QVariant v = sqlOn(m_db).scalar(
        QStringLiteral("SELECT close FROM kline_closes WHERE pair = ? AND open_time = ?"),
        {pair, minute}, QStringLiteral("read a cached price"));
    if (v.isNull() || !v.isValid())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

QHash<QString, Decimal> KlineStore::closes(const QVector<FeePriceNeed>& needs)
{
    QHash<QString, Decimal> out;
    for (const FeePriceNeed& n : needs) {
        if (const auto c = close(n.pair, n.minute))
            out.insert(cacheKey(n.pair, n.minute), *c);
    }
    return out;
}

QVector<FeePriceNeed> KlineStore::missingForSymbols(const QString& account,
                                                    const QStringList& symbols)
{
    QVector<FeePriceNeed> needs;
    for (const QString& symbol : symbols) {
        // A commission of zero needs no price: its text has no digit but zeros. Only the fills
        // in the partial index (schema v17: commission in another asset), not the whole history.
        QSqlQuery q = sqlOn(m_db).run(
            QStringLiteral(
                "SELECT DISTINCT f.commission_asset || f.margin_asset, f.time - (f.time % 60000) "
                "FROM fills f INDEXED BY fills_fees_to_value WHERE f.account = ? AND f.symbol = ? "
                "AND f.commission_asset <> f.margin_asset AND f.commission_asset <> '' AND "
                "f.margin_asset <> '' "
                "AND trim(f.commission, '0.-') <> '' AND NOT EXISTS (SELECT 1 FROM "
                "kline_closes k WHERE k.pair = f.commission_asset || f.margin_asset AND "
                "k.open_time = f.time - (f.time % 60000))"),
            {account, symbol}, QStringLiteral("find fees to value"));
        while (q.next())
            needs.append({q.value(0).toString(), q.value(1).toLongLong()});
    }
    std::sort(needs.begin(), needs.end(), [](const FeePriceNeed& a, const FeePriceNeed& b) {
        return a.pair != b.pair ? a.pair < b.pair : a.minute < b.minute;
    });
    needs.erase(std::unique(needs.begin(), needs.end()), needs.end());
    return needs;
}

QVector<FeePriceNeed> KlineStore::missing(const QVector<FeePriceNeed>& needs)
{
    QVector<FeePriceNeed> out;
    for (const FeePriceNeed& n : needs) {
        if (!close(n.pair, n.minute))
            out.append(n);
    }
    return out;
}

qint64 KlineStore::count()
{
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT count(*) FROM kline_closes"), {},
                QStringLiteral("count cached prices"))
        .toLongLong();
}

} // namespace fb::journal
