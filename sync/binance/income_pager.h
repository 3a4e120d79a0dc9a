#pragma once
// Pagination of GET /fapi/v1/income over [from, to] (API sheet §5.3), oldest first.
//
// `page` was removed from the endpoint in October 2026, so the walk is by time only:
//
//   window [ws, we] (<= 30 days)  --short page-->  next window, until past `to`
//        | full page, mixed times: startTime = time of the last row (not +1: several rows
//        |   share a millisecond) and rows already seen, keyed (incomeType, tranId), are dropped
//        | full page, all in one millisecond T: startTime cannot move past T, so T is split:
//        v   [T, T] once per incomeType, then the walk resumes at T + 1
//
// coveredThrough() is the last millisecond whose rows have all been returned by accepted pages;
// persist it with each page and construct a pager with it to resume (rows of the boundary
// millisecond may come again; the journal's upsert ignores them).
//
// Limit of the split: an incomeType is only fetched if it is in the known list or appeared in
// the full page; a [T, T] query of one type that is itself full cannot be paged further. Both
// are reported in warnings() (the journal then says the millisecond may be incomplete).

#include "models/domain/records.h"
#include "sync/binance/pager_core.h"

#include <QHash>
#include <QSet>

namespace fb::binance {

// Income's maximum startTime..endTime span is undocumented (COIN-M documents 1 year); the
// exchange keeps 3 months of income, so one window covers any range it can serve: a 90-day
// range (90 d + 1 ms inclusive) is one walk of ceil(rows/1000) pages, not four windows each
// ending in a short page (docs/design.md D78; 30 days was the sheet's "safe" span).
inline constexpr qint64 kIncomeWindowMs = 92 * kMsPerDay;
// The sheet's "safe" span, used once the exchange refuses kIncomeWindowMs (docs/design.md D94).
inline constexpr qint64 kIncomeFallbackWindowMs = 30 * kMsPerDay;

struct ApiError;
// True when the exchange refused an income request because its startTime..endTime span is too
// long: -1127 "More than %s hours between startTime and endTime." (API sheet §4.3), or a 400
// with that message under another code.
bool isSpanTooLong(const ApiError& error);

class IncomePager
{
public:
    // coveredThrough < from starts at `from`.
    IncomePager(qint64 from, qint64 to, qint64 coveredThrough = -1, int limit = kIncomeMaxLimit,
                qint64 windowMs = kIncomeWindowMs);

    std::optional<Request> next() const;
    // The rows of the page not returned before (by (incomeType, tranId)), and a row whose key
    // was returned before with other content: that is the exchange contradicting itself, for the
    // journal to version and raise as a conflict (docs/design.md §1.1), never to drop.
    // `unreadable` elements of the page (set aside by the parser) count towards a full page.
    QList<Income> accept(const QList<Income>& page, qsizetype unreadable = 0);
    bool done() const { return m_done; }
    QString error() const { return m_error; }
    QStringList warnings() const { return m_warnings; }

    qint64 coveredThrough() const { return m_coveredThrough; }
    PagerProgress progress() const { return {m_windowsDone, m_windowsTotal}; }
    qint64 estimatedRemainingRequests() const;
    bool splitting() const { return m_splitTime.has_value(); }
    qint64 windowMs() const { return m_windowMs; }
    // The exchange refused the current request's span: continue with windows of `windowMs`
    // from where the walk is (the next request's startTime and the rows already seen at it are
    // kept, so nothing is skipped or returned twice). False when that would not shorten the
    // request (a split millisecond, or a window already that short): the error is then real.
    bool narrowWindow(qint64 windowMs);

    // The documented incomeType values (API sheet §5.3), used to split a full millisecond.
    static QStringList knownIncomeTypes();

private:
    using Key = std::pair<QString, qint64>; // (incomeType, tranId)

    void finishWindow();
    void finishSplit();
    void cover(qint64 through);

    qint64 m_to;
    qint64 m_windowMs;
    int m_limit;
    TimeWindow m_window;
    qint64 m_position = 0; // startTime of the next request within the window
    // Rows already returned whose time is m_position (or the split ms), with their raw text.
    QHash<Key, QByteArray> m_seen;
    std::optional<qint64> m_splitTime;
    QStringList m_splitTypes;
    qsizetype m_splitIndex = 0;
    qint64 m_coveredThrough;
    qint64 m_windowsDone = 0;
    qint64 m_windowsTotal = 0;
    bool m_done = false;
    QString m_error;
    QStringList m_warnings;
};

} // namespace fb::binance
