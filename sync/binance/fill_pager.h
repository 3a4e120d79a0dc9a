#pragma once
// Pagination of GET /fapi/v1/userTrades for one symbol (API sheet §5.4).
//
// * With a stored cursor (the last fill id of this symbol): fromId = lastId + 1, limit 1000,
//   until a short page or a fill after `to`. Trade ids grow with time per symbol, so this covers
//   everything after the cursor whatever the time range.
// * Without one: 7-day windows [t, t + 7d - 1 ms] from `from` until the first page that holds a
//   fill, then fromId = last id + 1 (never combined with startTime/endTime, which the API
//   forbids) until a short page or a fill later than `to` (left for the next run). A first sync
//   of a symbol therefore costs one request per empty week before its first fill plus one per
//   1000 fills, instead of one per week plus one per 1000 fills in a week.
//
// After each accept(), persist lastId() and coveredThrough() with the page's rows; construct a
// new pager from them to resume (a stored lastId switches to fromId pagination).

#include "models/domain/records.h"
#include "sync/binance/pager_core.h"

namespace fb::binance {

// ≤ 7 days per window: endTime - startTime = 7 d - 1 ms.
inline constexpr qint64 kFillWindowMs = 7 * kMsPerDay;

// How far past exchange-now a fill's time may be before it is implausible: well above the
// error of a measured clock offset and any matching-engine lag, far below a wrong time.
inline constexpr qint64 kFutureTimeToleranceMs = 10 * 60'000;

// Why a fill's time cannot be right (negative, or after latestPlausibleMs); empty when it can.
QString implausibleTimeReason(qint64 timeMs, qint64 latestPlausibleMs);

struct FillCursor
{
    std::optional<qint64> lastId; // highest fill id stored for the symbol
    qint64 coveredThrough = -1;   // every fill with time <= this is stored (ms)
};

class FillPager
{
public:
    FillPager(const QString& symbol, qint64 from, qint64 to, const FillCursor& resume = {},
              int limit = kUserTradesMaxLimit, qint64 windowMs = kFillWindowMs);

    std::optional<Request> next() const { return m_core.next(); }
    // The fills of the page to store: new to this pager and inside the range being walked.
    QList<Fill> accept(const QList<Fill>& page);
    // Fills timed before 1970 or after `latestMs` (exchange time: exchange-now +
    // kFutureTimeToleranceMs) are kept by accept() whatever the window, for the caller to
    // flag; without this call every time is plausible.
    void setLatestPlausibleTime(qint64 latestMs) { m_core.setLatestPlausibleTime(latestMs); }
    // Fills before `fromMs` met on an id walk are passed, not kept (IdWindowPager::setKeepFrom).
    void setKeepFrom(qint64 fromMs) { m_core.setKeepFrom(fromMs); }
    bool done() const { return m_core.done(); }
    // Non-empty when pagination cannot continue (e.g. a full page without new ids). done() is
    // then true and the symbol should be marked failed with this reason.
    QString error() const { return m_core.error(); }
    QStringList warnings() const { return m_core.warnings(); }

    QString symbol() const { return m_symbol; }
    FillCursor cursor() const { return {m_core.lastId(), m_core.coveredThrough()}; }
    std::optional<qint64> lastId() const { return m_core.lastId(); }
    qint64 coveredThrough() const { return m_core.coveredThrough(); }
    PagerProgress progress() const { return m_core.progress(); }
    qint64 estimatedRemainingRequests() const { return m_core.estimatedRemainingRequests(); }

private:
    QString m_symbol;
    IdWindowPager m_core;
};

} // namespace fb::binance
