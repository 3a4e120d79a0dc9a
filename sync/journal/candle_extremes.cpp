#include "sync/journal/candle_extremes.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/statement.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace fb::journal {

namespace {

constexpr qint64 kMinute = 60'000;

// True when [first, last] lies inside one of `ranges` (sorted, merged, disjoint).
bool inside(const QVector<QPair<qint64, qint64>>& ranges, qint64 first, qint64 last)
{
    auto it = std::upper_bound(ranges.cbegin(), ranges.cend(), first,
                               [](qint64 m, const auto& r) { return m < r.first; });
    return it != ranges.cbegin() && std::prev(it)->second >= last;
}

std::optional<Decimal> decimalOrNull(const QVariant& v)
{
    if (v.isNull())
        return std::nullopt;
    return Decimal::parse(v.toString());
}

} // namespace

int noteEvictedExtremes(Database& db, const QString& endpoint, const QString& symbol,
                        const QVector<MinuteRange>& inner,
                        const QVector<QPair<qint64, qint64>>& kept,
                        const QVector<QPair<qint64, qint64>>& coverage)
{
    QSet<QPair<qint64, qint64>> known;
    QSqlQuery q =
        sqlOn(db).run(QStringLiteral("SELECT first_minute, last_minute FROM "
                                     "candle_extremes WHERE endpoint = ? AND symbol = ?"),
                      {endpoint, symbol}, QStringLiteral("read the extremes of evicted candles"));
    while (q.next())
        known.insert({q.value(0).toLongLong(), q.value(1).toLongLong()});
    int noted = 0;
    for (const MinuteRange& r : inner) {
        if (r.isEmpty() || known.contains({r.first, r.last}) || inside(kept, r.first, r.last) ||
            !inside(coverage, r.first, r.last))
            continue;
        known.insert({r.first, r.last});
        const auto [low, high] = cachedExtremes(db, endpoint, symbol, r);
        sqlOn(db).run(
            QStringLiteral("INSERT INTO candle_extremes(endpoint, symbol, "
                           "first_minute, last_minute, low, high) VALUES (?, ?, ?, ?, "
                           "?, ?) ON CONFLICT DO NOTHING"),
            {endpoint, symbol, r.first, r.last,
             low ? QVariant(low->toPlainString()) : QVariant(QMetaType(QMetaType::QString)),
             high ? QVariant(high->toPlainString()) : QVariant(QMetaType(QMetaType::QString))},
            QStringLiteral("keep the extremes of evicted candles"));
        ++noted;
    }
    return noted;
}

QVector<CandleWindow> windowsToFetch(Database& db, const QString& endpoint,
                                     const QVector<CandleWindow>& windows,
                                     std::optional<qint64> keptFrom)
{
    if (!keptFrom)
        return windows;
    QHash<QString, QSet<QPair<qint64, qint64>>> known; // per symbol, read once
    QVector<CandleWindow> out;
    for (const CandleWindow& w : windows) {
        if (w.lastMinute >= *keptFrom) {
            out.append(w);
            continue;
        }
        const qint64 margin = (kChartMarginMinutes + 1) * kMinute;
        const CandleWindow inner{w.symbol, w.firstMinute + margin, w.lastMinute - margin};
        if (inner.lastMinute < inner.firstMinute)
            continue; // no minute counts for its MAE/MFE
        auto it = known.find(w.symbol);
        if (it == known.end()) {
            it = known.insert(w.symbol, {});
            QSqlQuery q = sqlOn(db).run(
                QStringLiteral("SELECT first_minute, last_minute FROM candle_extremes WHERE "
                               "endpoint = ? AND symbol = ?"),
                {endpoint, w.symbol}, QStringLiteral("read the extremes of evicted candles"));
            while (q.next())
                it->insert({q.value(0).toLongLong(), q.value(1).toLongLong()});
        }
        if (!it->contains({inner.firstMinute, inner.lastMinute}))
            out.append(inner);
    }
    return out;
}

std::optional<CandleExtremes> storedExtremes(Database& db, const QString& endpoint,
                                             const QString& symbol, const MinuteRange& inner)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT low, high FROM candle_extremes WHERE endpoint = ? AND symbol = ? "
                       "AND first_minute = ? AND last_minute = ?"),
        {endpoint, symbol, inner.first, inner.last},
        QStringLiteral("read the extremes of evicted candles"));
    if (!q.next())
        return std::nullopt;
    return CandleExtremes{decimalOrNull(q.value(0)), decimalOrNull(q.value(1))};
}

CandleExtremes cachedExtremes(Database& db, const QString& endpoint, const QString& symbol,
                              const MinuteRange& inner)
{
    // Decimals as text: compared as Decimal here, never by SQLite (text order is not numeric
    // order).
    Statement& select = sqlOn(db).statement(
        QStringLiteral("SELECT low, high FROM candles WHERE endpoint = ? AND symbol = ? AND "
                       "open_time BETWEEN ? AND ?"));
    Statement::Scope scope(select);
    select.bindText(1, endpoint);
    select.bindText(2, symbol);
    select.bindInt64(3, inner.first);
    select.bindInt64(4, inner.last);
    CandleExtremes extremes;
    const QString what = QStringLiteral("read cached candles");
    while (select.next(what)) {
        const Decimal low = Decimal::parse(select.view(0)).value_or(Decimal());
        const Decimal high = Decimal::parse(select.view(1)).value_or(Decimal());
        if (!extremes.low || low < *extremes.low)
            extremes.low = low;
        if (!extremes.high || high > *extremes.high)
            extremes.high = high;
    }
    return extremes;
}

QVector<Candle> extremesAsCandles(const CandleExtremes& extremes, const MinuteRange& inner)
{
    if (!extremes.low || !extremes.high || inner.isEmpty())
        return {};
    return {Candle{inner.first, *extremes.low, *extremes.high, *extremes.low, *extremes.high}};
}

} // namespace fb::journal
