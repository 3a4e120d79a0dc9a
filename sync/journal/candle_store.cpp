#include "sync/journal/candle_store.h"

#include "models/domain/trade.h"
#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QMap>
#include <QSqlQuery>

#include <algorithm>

namespace fb::journal {

namespace {

constexpr qint64 kMinute = 60'000;

qint64 floorMinute(qint64 ms)
{
    return ms - (((ms % kMinute) + kMinute) % kMinute);
}

Decimal decimalAt(const QSqlQuery& q, int column)
{
    return Decimal::parse(q.value(column).toString()).value_or(Decimal());
}

// The asked-for spans of `symbol` that overlap [first, last], by first minute.
QVector<QPair<qint64, qint64>> spansOver(Database& db, const QString& symbol, qint64 first,
                                         qint64 last)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT first_minute, last_minute FROM candle_spans WHERE symbol = ? AND "
                       "first_minute <= ? AND last_minute >= ? ORDER BY first_minute"),
        {symbol, last, first}, QStringLiteral("read the candle coverage"));
    QVector<QPair<qint64, qint64>> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    return out;
}

} // namespace

CandleWindow chartWindow(const QString& symbol, qint64 openTime, qint64 closeTime)
{
    return {symbol, floorMinute(openTime) - kChartMarginMinutes * kMinute,
            floorMinute(closeTime) + kChartMarginMinutes * kMinute};
}

CandleStore::CandleStore(Database& db)
    : m_db(db)
{}

int CandleStore::storeSpan(const QString& symbol, qint64 firstMinute, qint64 lastMinute,
                           const QVector<Candle>& candles, qint64 nowMs)
{
    return storeSpans(symbol, {{firstMinute, lastMinute}}, candles, nowMs);
}

int CandleStore::storeSpans(const QString& symbol, const QVector<QPair<qint64, qint64>>& spans,
                            const QVector<Candle>& candles, qint64 nowMs)
{
    WriteScope scope(m_db);
    int added = 0;
    for (const Candle& c : candles) {
        const bool inSpan = std::any_of(spans.cbegin(), spans.cend(), [&c](const auto& span) {
            return c.openTime >= span.first && c.openTime <= span.second;
        });
        if (!inSpan)
            continue;
        QSqlQuery q = sqlOn(m_db).run(
            QStringLiteral("INSERT INTO candles(symbol, open_time, open, high, low, close, "
                           "fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (symbol, open_time) DO NOTHING"),
            {symbol, c.openTime, c.open.toString(), c.high.toString(), c.low.toString(),
             c.close.toString(), nowMs},
            QStringLiteral("cache a candle"));
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    for (const auto& [first, last] : spans) {
        sqlOn(m_db).run(QStringLiteral("INSERT INTO candle_spans(symbol, first_minute, "
                                       "last_minute, fetched_at) VALUES (?, ?, ?, ?) "
                                       "ON CONFLICT DO NOTHING"),
                        {symbol, first, last, nowMs}, QStringLiteral("note the minutes asked for"));
    }
    scope.commit();
    return added;
}

QVector<Candle> CandleStore::candles(const QString& symbol, qint64 firstMinute, qint64 lastMinute)
{
    QSqlQuery q = sqlOn(m_db).run(
        QStringLiteral("SELECT open_time, open, high, low, close FROM candles WHERE symbol = ? "
                       "AND open_time BETWEEN ? AND ? ORDER BY open_time"),
        {symbol, firstMinute, lastMinute}, QStringLiteral("read cached candles"));
    QVector<Candle> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), decimalAt(q, 1), decimalAt(q, 2), decimalAt(q, 3),
                    decimalAt(q, 4)});
    return out;
}

bool CandleStore::covered(const QString& symbol, qint64 firstMinute, qint64 lastMinute)
{
    if (lastMinute < firstMinute)
        return true;
    qint64 next = firstMinute; // the first minute not known to be covered
    for (const auto& [first, last] : spansOver(m_db, symbol, firstMinute, lastMinute)) {
        if (first > next)
            return false;
        next = std::max(next, last + kMinute);
        if (next > lastMinute)
            return true;
    }
    return false;
}

QHash<QString, QVector<qint64>> CandleStore::missingMinutes(const QVector<CandleWindow>& windows,
                                                            qint64 closedBefore)
{
    // Merge each symbol's windows first, so a minute shared by two trades is planned once.
    QMap<QString, QVector<QPair<qint64, qint64>>> bySymbol;
    for (const CandleWindow& w : windows) {
        const qint64 last = std::min(w.lastMinute, floorMinute(closedBefore) - kMinute);
        if (last >= w.firstMinute)
            bySymbol[w.symbol].append({w.firstMinute, last});
    }
    QHash<QString, QVector<qint64>> out;
    for (auto it = bySymbol.begin(); it != bySymbol.end(); ++it) {
        auto& ranges = it.value();
        std::sort(ranges.begin(), ranges.end());
        QVector<QPair<qint64, qint64>> merged;
        for (const auto& r : ranges) {
            if (!merged.isEmpty() && r.first <= merged.last().second + kMinute)
                merged.last().second = std::max(merged.last().second, r.second);
            else
                merged.append(r);
        }
        QVector<qint64> minutes;
        for (const auto& [first, last] : merged) {
            qint64 next = first;
            for (const auto& [spanFirst, spanLast] : spansOver(m_db, it.key(), first, last)) {
                for (; next < spanFirst && next <= last; next += kMinute)
                    minutes.append(next);
                next = std::max(next, spanLast + kMinute);
            }
            for (; next <= last; next += kMinute)
                minutes.append(next);
        }
        if (!minutes.isEmpty())
            out.insert(it.key(), minutes);
    }
    return out;
}

void CandleStore::setUnavailable(const QString& symbol, const QString& reason, qint64 nowMs)
{
    WriteScope scope(m_db);
    sqlOn(m_db).run(QStringLiteral("INSERT INTO candle_symbols(symbol, reason, checked_at) "
                                   "VALUES (?, ?, ?) ON CONFLICT (symbol) DO UPDATE SET "
                                   "reason = excluded.reason, checked_at = excluded.checked_at"),
                    {symbol, reason, nowMs}, QStringLiteral("note a symbol without candles"));
    scope.commit();
}

std::optional<QString> CandleStore::unavailableReason(const QString& symbol)
{
    const QVariant v =
        sqlOn(m_db).scalar(QStringLiteral("SELECT reason FROM candle_symbols WHERE symbol = ?"),
                           {symbol}, QStringLiteral("read a symbol without candles"));
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    return v.toString();
}

QVector<CandleWindow> CandleStore::closedTradeWindows(const QStringList& accounts)
{
    QString sql = QStringLiteral("SELECT t.symbol, t.open_time, t.close_time FROM trades t "
                                 "WHERE t.status = 'CLOSED' AND t.close_time IS NOT NULL ");
    QVariantList bound;
    if (!accounts.isEmpty()) {
        QStringList marks;
        for (const QString& account : accounts) {
            marks << QStringLiteral("?");
            bound << account;
        }
        sql += QStringLiteral("AND t.account IN (%1) ").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral("AND NOT EXISTS (SELECT 1 FROM candle_symbols c WHERE c.symbol = "
                          "t.symbol) ORDER BY t.open_time, t.key");
    QSqlQuery q = sqlOn(m_db).run(sql, bound, QStringLiteral("find the trades to chart"));
    QVector<CandleWindow> out;
    while (q.next())
        out.append(
            chartWindow(q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()));
    return out;
}

qint64 CandleStore::candleCount()
{
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT count(*) FROM candles"), {},
                QStringLiteral("count cached candles"))
        .toLongLong();
}

qint64 CandleStore::spanCount()
{
    return sqlOn(m_db)
        .scalar(QStringLiteral("SELECT count(*) FROM candle_spans"), {},
                QStringLiteral("count candle spans"))
        .toLongLong();
}

QVector<TradeExcursion> loadExcursions(Database& db, const QVector<JournalTrade>& trades)
{
    CandleStore store(db);
    QHash<QString, std::optional<QString>> unavailable;
    QVector<TradeExcursion> out;
    out.reserve(trades.size());
    for (const JournalTrade& t : trades) {
        TradeExcursion& e = out.emplace_back();
        if (t.status != TradeStatus::Closed || !t.closeTime || !t.avgEntryPrice ||
            t.fills.isEmpty())
            continue;
        if (!unavailable.contains(t.symbol))
            unavailable.insert(t.symbol, store.unavailableReason(t.symbol));
        if (const auto& reason = unavailable.value(t.symbol)) {
            e.candlesUnavailable = reason;
            continue;
        }
        const MinuteRange inner = innerMinutes(t.openTime, *t.closeTime);
        if (!store.covered(t.symbol, inner.first, inner.last))
            continue;
        const QVector<Candle> candles =
            inner.isEmpty() ? QVector<Candle>() : store.candles(t.symbol, inner.first, inner.last);
        e.excursion = computeExcursion(t, candles, t.effectiveRisk());
    }
    return out;
}

} // namespace fb::journal
