#include "sync/journal/candle_store.h"

#include "models/domain/trade.h"
#include "sync/journal/candle_extremes.h"
#include "sync/journal/database.h"
#include "sync/journal/settings_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/statement.h"
#include "sync/journal/transaction.h"

#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

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
QVector<QPair<qint64, qint64>> spansOver(Database& db, const QString& endpoint,
                                         const QString& symbol, qint64 first, qint64 last)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT first_minute, last_minute FROM candle_spans WHERE endpoint = ? AND "
                       "symbol = ? AND first_minute <= ? AND last_minute >= ? ORDER BY "
                       "first_minute"),
        {endpoint, symbol, last, first}, QStringLiteral("read the candle coverage"));
    QVector<QPair<qint64, qint64>> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    return out;
}

// Sorted ranges of minutes with overlapping and adjacent ones joined.
QVector<QPair<qint64, qint64>> merged(QVector<QPair<qint64, qint64>> ranges)
{
    std::sort(ranges.begin(), ranges.end());
    QVector<QPair<qint64, qint64>> out;
    for (const auto& r : std::as_const(ranges)) {
        if (!out.isEmpty() && r.first <= out.last().second + kMinute)
            out.last().second = std::max(out.last().second, r.second);
        else
            out.append(r);
    }
    return out;
}

// Every minute of `symbol` asked for, as disjoint, non-adjacent ranges by first minute: one
// query however many trades the symbol has (docs/design.md D164).
QVector<QPair<qint64, qint64>> coverageOf(Database& db, const QString& endpoint,
                                          const QString& symbol)
{
    QSqlQuery q = sqlOn(db).run(QStringLiteral("SELECT first_minute, last_minute FROM "
                                               "candle_spans WHERE endpoint = ? AND symbol = ? "
                                               "ORDER BY first_minute"),
                                {endpoint, symbol}, QStringLiteral("read the candle coverage"));
    QVector<QPair<qint64, qint64>> spans;
    while (q.next())
        spans.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    return merged(std::move(spans));
}

// The last minute of [first, last] not in `coverage` (merged), if any.
std::optional<qint64> lastUncovered(const QVector<QPair<qint64, qint64>>& coverage, qint64 first,
                                    qint64 last)
{
    if (last < first)
        return std::nullopt;
    // The range starting at or before `last` with the largest start.
    auto it = std::upper_bound(coverage.cbegin(), coverage.cend(), last,
                               [](qint64 m, const auto& r) { return m < r.first; });
    if (it == coverage.cbegin() || std::prev(it)->second < last)
        return last;
    // `last` is covered by a maximal range: the minute before it is not.
    const qint64 before = std::prev(it)->first - kMinute;
    return before >= first ? std::optional<qint64>(before) : std::nullopt;
}

} // namespace

CandleWindow chartWindow(const QString& symbol, qint64 openTime, qint64 closeTime)
{
    return {symbol, floorMinute(openTime) - kChartMarginMinutes * kMinute,
            floorMinute(closeTime) + kChartMarginMinutes * kMinute};
}

CandleStore::CandleStore(Database& db, const QString& endpoint)
    : m_db(db)
    , m_endpoint(endpoint)
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
            QStringLiteral("INSERT INTO candles(endpoint, symbol, open_time, open, high, low, "
                           "close, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (endpoint, symbol, open_time) DO NOTHING"),
            {m_endpoint, symbol, c.openTime, c.open.toString(), c.high.toString(), c.low.toString(),
             c.close.toString(), nowMs},
            QStringLiteral("cache a candle"));
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    for (const auto& [first, last] : spans) {
        sqlOn(m_db).run(QStringLiteral("INSERT INTO candle_spans(endpoint, symbol, "
                                       "first_minute, last_minute, fetched_at) VALUES (?, ?, ?, "
                                       "?, ?) ON CONFLICT DO NOTHING"),
                        {m_endpoint, symbol, first, last, nowMs},
                        QStringLiteral("note the minutes asked for"));
    }
    scope.commit();
    return added;
}

QVector<Candle> CandleStore::candles(const QString& symbol, qint64 firstMinute, qint64 lastMinute)
{
    QSqlQuery q = sqlOn(m_db).run(
        QStringLiteral("SELECT open_time, open, high, low, close FROM candles WHERE endpoint = ? "
                       "AND symbol = ? AND open_time BETWEEN ? AND ? ORDER BY open_time"),
        {m_endpoint, symbol, firstMinute, lastMinute}, QStringLiteral("read cached candles"));
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
    for (const auto& [first, last] : spansOver(m_db, m_endpoint, symbol, firstMinute, lastMinute)) {
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
    // Merge each symbol's windows first, so a minute shared by two trades is planned once; then
    // one sweep against the symbol's coverage (one query per symbol, not per window).
    QMap<QString, QVector<QPair<qint64, qint64>>> bySymbol;
    for (const CandleWindow& w : windows) {
        const qint64 last = std::min(w.lastMinute, floorMinute(closedBefore) - kMinute);
        if (last >= w.firstMinute)
            bySymbol[w.symbol].append({w.firstMinute, last});
    }
    QHash<QString, QVector<qint64>> out;
    for (auto it = bySymbol.begin(); it != bySymbol.end(); ++it) {
        const QVector<QPair<qint64, qint64>> coverage = coverageOf(m_db, m_endpoint, it.key());
        auto span = coverage.cbegin();
        QVector<qint64> minutes;
        for (const auto& [first, last] : merged(std::move(it.value()))) {
            while (span != coverage.cend() && span->second < first)
                ++span;
            qint64 next = first;
            for (auto s = span; s != coverage.cend() && s->first <= last; ++s) {
                for (; next < s->first; next += kMinute)
                    minutes.append(next);
                next = std::max(next, s->second + kMinute);
            }
            for (; next <= last; next += kMinute)
                minutes.append(next);
        }
        if (!minutes.isEmpty())
            out.insert(it.key(), minutes);
    }
    return out;
}

QVector<std::optional<qint64>> CandleStore::lastMissingMinutes(const QVector<CandleWindow>& windows,
                                                               qint64 closedBefore)
{
    QHash<QString, QVector<QPair<qint64, qint64>>> coverage;
    QVector<std::optional<qint64>> out;
    out.reserve(windows.size());
    const qint64 lastClosed = floorMinute(closedBefore) - kMinute;
    for (const CandleWindow& w : windows) {
        auto it = coverage.find(w.symbol);
        if (it == coverage.end())
            it = coverage.insert(w.symbol, coverageOf(m_db, m_endpoint, w.symbol));
        out.append(lastUncovered(it.value(), w.firstMinute, std::min(w.lastMinute, lastClosed)));
    }
    return out;
}

void CandleStore::setUnavailable(const QString& symbol, const QString& reason, qint64 nowMs)
{
    WriteScope scope(m_db);
    sqlOn(m_db).run(QStringLiteral("INSERT INTO candle_symbols(endpoint, symbol, reason, "
                                   "checked_at) VALUES (?, ?, ?, ?) ON CONFLICT (endpoint, symbol) "
                                   "DO UPDATE SET reason = excluded.reason, checked_at = "
                                   "excluded.checked_at"),
                    {m_endpoint, symbol, reason, nowMs},
                    QStringLiteral("note a symbol without candles"));
    scope.commit();
}

std::optional<QString> CandleStore::unavailableReason(const QString& symbol)
{
    const QVariant v =
        sqlOn(m_db).scalar(QStringLiteral("SELECT reason FROM candle_symbols WHERE endpoint = ? "
                                          "AND symbol = ?"),
                           {m_endpoint, symbol}, QStringLiteral("read a symbol without candles"));
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    return v.toString();
}

QVector<CandleWindow> CandleStore::closedTradeWindows(const QStringList& accounts)
{
    QString sql = QStringLiteral("SELECT t.symbol, t.open_time, t.close_time FROM trades t "
                                 "WHERE t.status = 'CLOSED' AND t.close_time IS NOT NULL AND "
                                 "NOT EXISTS (SELECT 1 FROM candle_symbols c WHERE c.endpoint = ? "
                                 "AND c.symbol = t.symbol) ");
    QVariantList bound{m_endpoint};
    if (!accounts.isEmpty()) {
        QStringList marks;
        for (const QString& account : accounts) {
            marks << QStringLiteral("?");
            bound << account;
        }
        sql += QStringLiteral("AND t.account IN (%1) ").arg(marks.join(QLatin1Char(',')));
    }
    // No ORDER BY: in open-time order SQLite walks trades_by_status and reads each row at
    // random (2.3 s on 1,000,000 trades against 0.3 s for the scan); no planner needs an order.
    Statement& st = sqlOn(m_db).statement(sql);
    Statement::Scope reset(st);
    for (int i = 0; i < bound.size(); ++i)
        st.bindText(i + 1, bound.at(i).toString());
    QHash<QByteArray, QString> names; // one QString per symbol, not one per trade
    QVector<CandleWindow> out;
    while (st.next(QStringLiteral("find the trades to chart"))) {
        const std::string_view symbol = st.view(0);
        const QByteArray raw = QByteArray::fromRawData(symbol.data(), qsizetype(symbol.size()));
        auto it = names.find(raw);
        if (it == names.end())
            it = names.insert(QByteArray(raw.constData(), raw.size()), QString::fromUtf8(raw));
        out.append(chartWindow(it.value(), st.int64(1), st.int64(2)));
    }
    return out;
}

std::optional<qint64> CandleStore::keepFrom(const QVector<CandleWindow>& windows, qint64 maxMinutes)
{
    QVector<qint64> ends;
    QHash<qint64, qint64> minutesEnding; // per last minute, the minutes of the windows ending then
    for (const CandleWindow& w : windows) {
        auto it = minutesEnding.find(w.lastMinute);
        if (it == minutesEnding.end()) {
            ends.append(w.lastMinute);
            it = minutesEnding.insert(w.lastMinute, 0);
        }
        it.value() += (w.lastMinute - w.firstMinute) / kMinute + 1;
    }
    std::sort(ends.begin(), ends.end(), std::greater<>());
    qint64 total = 0;
    for (qsizetype i = 0; i < ends.size(); ++i) {
        total += minutesEnding.value(ends.at(i));
        if (total > maxMinutes) // the newest ones always fit, even one longer than the cap
            return i == 0 ? ends.at(0) : ends.at(i - 1);
    }
    return std::nullopt;
}

qint64 CandleStore::evict(const QVector<CandleWindow>& windows, std::optional<qint64> keptFrom)
{
    WriteScope scope(m_db);
    SettingsStore settings(m_db);
    const QString key = QStringLiteral("candle_cache_kept_from");
    if (!keptFrom) {
        settings.remove(key);
        scope.commit();
        return 0;
    }
    QMap<QString, QVector<QPair<qint64, qint64>>> kept;
    QHash<QString, QVector<MinuteRange>> droppedInner; // the inner minutes of older windows
    for (const CandleWindow& w : windows) {
        if (w.lastMinute >= *keptFrom)
            kept[w.symbol].append({w.firstMinute, w.lastMinute});
        else
            droppedInner[w.symbol].append({w.firstMinute + (kChartMarginMinutes + 1) * kMinute,
                                           w.lastMinute - (kChartMarginMinutes + 1) * kMinute});
    }
    // Every endpoint's: a window is kept on each endpoint that has its symbol (at most the
    // endpoints times the cap).
    QVector<QPair<QString, QString>> cached; // (endpoint, symbol)
    QSqlQuery q =
        sqlOn(m_db).run(QStringLiteral("SELECT DISTINCT endpoint, symbol FROM candle_spans"), {},
                        QStringLiteral("list the cached symbols"));
    while (q.next())
        cached.append({q.value(0).toString(), q.value(1).toString()});
    qint64 dropped = 0;
    for (const auto& [endpoint, symbol] : std::as_const(cached)) {
        const QVector<QPair<qint64, qint64>> keep = merged(kept.value(symbol));
        QSqlQuery spans = sqlOn(m_db).run(
            QStringLiteral("SELECT first_minute, last_minute, fetched_at FROM candle_spans WHERE "
                           "endpoint = ? AND symbol = ? ORDER BY first_minute"),
            {endpoint, symbol}, QStringLiteral("read the candle coverage"));
        bool outside = false;
        struct Span
        {
            qint64 first, last, fetchedAt;
        };
        QVector<Span> inside; // the spans cut to the kept windows
        QVector<QPair<qint64, qint64>> asked;
        while (spans.next()) {
            const qint64 first = spans.value(0).toLongLong();
            const qint64 last = spans.value(1).toLongLong();
            asked.append({first, last});
            qint64 insideMinutes = 0;
            for (const auto& [keepFirst, keepLast] : keep) {
                const qint64 from = std::max(first, keepFirst);
                const qint64 to = std::min(last, keepLast);
                if (from <= to) {
                    inside.append({from, to, spans.value(2).toLongLong()});
                    insideMinutes += (to - from) / kMinute + 1;
                }
            }
            outside = outside || insideMinutes != (last - first) / kMinute + 1;
        }
        if (!outside)
            continue;
        // What MAE/MFE read of the candles about to go (D112): their trades keep their figures.
        noteEvictedExtremes(m_db, endpoint, symbol, droppedInner.value(symbol), keep,
                            merged(std::move(asked)));
        // Candles lie only inside asked-for spans (storeSpans), so dropping those outside the
        // kept windows drops every candle outside them too.
        qint64 from = std::numeric_limits<qint64>::min();
        for (qsizetype i = 0; i <= keep.size(); ++i) {
            const qint64 to =
                i < keep.size() ? keep.at(i).first - kMinute : std::numeric_limits<qint64>::max();
            if (from <= to)
                dropped +=
                    sqlOn(m_db)
                        .run(QStringLiteral("DELETE FROM candles WHERE endpoint = ? AND "
                                            "symbol = ? AND open_time BETWEEN ? AND ?"),
                             {endpoint, symbol, from, to}, QStringLiteral("evict cached candles"))
                        .numRowsAffected();
            if (i < keep.size())
                from = keep.at(i).second + kMinute;
        }
        sqlOn(m_db).run(
            QStringLiteral("DELETE FROM candle_spans WHERE endpoint = ? AND symbol = ?"),
            {endpoint, symbol}, QStringLiteral("evict candle spans"));
        for (const Span& span : std::as_const(inside))
            sqlOn(m_db).run(QStringLiteral("INSERT INTO candle_spans(endpoint, symbol, "
                                           "first_minute, last_minute, fetched_at) VALUES (?, ?, "
                                           "?, ?, ?) ON CONFLICT DO NOTHING"),
                            {endpoint, symbol, span.first, span.last, span.fetchedAt},
                            QStringLiteral("keep the candle spans of the newest trades"));
    }
    settings.setValue(key, QString::number(*keptFrom));
    scope.commit();
    return dropped;
}

std::optional<qint64> CandleStore::keptFrom()
{
    const std::optional<QString> v =
        SettingsStore(m_db).value(QStringLiteral("candle_cache_kept_from"));
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 minute = v->toLongLong(&ok);
    return ok ? std::optional<qint64>(minute) : std::nullopt;
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

void setCandleEndpoint(Database& db, const QStringList& accounts, const QString& endpoint)
{
    WriteScope scope(db);
    AccountStore store(db);
    for (const QString& account : accounts)
        if (store.account(account).value_or(Account{}).baseUrl != endpoint)
            store.upsert(account, endpoint);
    scope.commit();
}

std::optional<QString> candleEndpoint(Database& db, const QString& account)
{
    const std::optional<Account> a = AccountStore(db).account(account);
    if (!a || a->baseUrl.isEmpty())
        return std::nullopt;
    return a->baseUrl;
}

QHash<QString, QString> syncedEndpoints(Database& db)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT account, json_extract(params_json, '$.endpoint'), max(created_at) "
                       "FROM runs WHERE coalesce(json_extract(params_json, '$.endpoint'), '') <> "
                       "'' GROUP BY account"),
        {}, QStringLiteral("read the endpoints of the accounts' syncs"));
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

QVector<TradeExcursion> loadExcursions(Database& db, const QVector<JournalTrade>& trades)
{
    // Per account, its endpoint's cache (none: nothing fetched for it yet, pending).
    QHash<QString, std::optional<QString>> endpoints;
    QHash<QPair<QString, QString>, std::optional<QString>> unavailable;
    QVector<TradeExcursion> out;
    out.reserve(trades.size());
    for (const JournalTrade& t : trades) {
        TradeExcursion& e = out.emplace_back();
        if (t.status != TradeStatus::Closed || !t.closeTime || !t.avgEntryPrice ||
            t.fills.isEmpty())
            continue;
        auto it = endpoints.find(t.account);
        if (it == endpoints.end())
            it = endpoints.insert(t.account, candleEndpoint(db, t.account));
        if (!it.value())
            continue;
        CandleStore store(db, *it.value());
        const QPair<QString, QString> key{store.endpoint(), t.symbol};
        if (!unavailable.contains(key))
            unavailable.insert(key, store.unavailableReason(t.symbol));
        if (const auto& reason = unavailable.value(key)) {
            e.candlesUnavailable = reason;
            continue;
        }
        const MinuteRange inner = innerMinutes(t.openTime, *t.closeTime);
        // Only the window's extremes: computeExcursion reads nothing else of its candles
        // (building every candle of every trade made `trades --format json` 9x slower than the
        // CSV export).
        CandleExtremes extremes;
        if (store.covered(t.symbol, inner.first, inner.last)) {
            if (!inner.isEmpty())
                extremes = cachedExtremes(db, store.endpoint(), t.symbol, inner);
        } else if (const std::optional<CandleExtremes> kept =
                       storedExtremes(db, store.endpoint(), t.symbol, inner)) {
            extremes = *kept; // evicted by the cap (D166): what its candles gave
        } else {
            continue; // pending
        }
        e.excursion = computeExcursion(t, extremesAsCandles(extremes, inner), t.effectiveRisk());
    }
    return out;
}

} // namespace fb::journal
