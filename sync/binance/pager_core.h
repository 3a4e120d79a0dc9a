#pragma once
// Shared pieces of the pagination state machines ("pagers").
//
// A pager is pure: it turns "what has been fetched so far" into the next Request, and a page of
// records into "what to store" plus a new cursor. It never touches the network, the clock or the
// database, so the sync engine drives it one page at a time (pager.next() -> client -> engine
// commits accept()'s rows together with coveredThrough()) and a test drives it with lists.
//
// Time windows are inclusive millisecond ranges [start, end], matching the API's inclusive
// startTime/endTime.

#include "sync/binance/endpoints.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace fb::binance {

inline constexpr qint64 kMsPerDay = 86'400'000;

struct TimeWindow
{
    qint64 start = 0;
    qint64 end = 0; // inclusive
};

struct PagerProgress
{
    qint64 windowsDone = 0;
    qint64 windowsTotal = 0;
};

// How many windows of `spanMs` milliseconds (inclusive count) cover [from, to]; 0 if from > to.
qint64 windowCount(qint64 from, qint64 to, qint64 spanMs);
// The window starting at `start`: [start, min(start + spanMs - 1, to)].
TimeWindow windowAt(qint64 start, qint64 to, qint64 spanMs);

// The engine of the fill and order pagers: time windows, continued by id when a window returns a
// full page, or (for fills with a stored cursor) pure id pagination. Works on (id, time) keys;
// FillPager/OrderPager map their records onto it.
//
//   Windows:  [byTime(ws, we)] --full--> [fromId(last+1)] --full, all rows <= we--> (repeat)
//                  |  short page               |  short page, or a row beyond we
//                  v                           v
//             next window (ws = we + 1) ... until ws > to  -> done
//   Ids:      [fromId(last+1)] --full--> (repeat);  short page or a row beyond `to` -> done
//
// With `idsAfterFirstRow` (fills: ids grow with time per symbol) the first window page that
// yields a row switches to Ids for the rest of the range: the empty windows before a symbol's
// first fill cost one request each, and after it one request per `limit` rows, not one per
// window. A pager resumed with the lastId it persisted is in Ids from the start, so a resume
// continues exactly where the walk stopped.
class IdWindowPager
{
public:
    using TimeRequest = std::function<Request(qint64 start, qint64 end, int limit)>;
    using IdRequest = std::function<Request(qint64 fromId, int limit)>;
    struct Row
    {
        qint64 id = 0;
        qint64 time = 0;
    };

    // Windows from max(from, coveredThrough + 1) to `to`; or, when lastId is given, id
    // pagination from lastId + 1 (covering everything up to `to`).
    IdWindowPager(qint64 from, qint64 to, qint64 spanMs, int limit, TimeRequest byTime,
                  IdRequest byId, std::optional<qint64> lastId, qint64 coveredThrough,
                  bool idsAfterFirstRow = false);

    std::optional<Request> next() const;
    // The indices of the rows to store (in range and not seen before), in page order.
    QList<qsizetype> accept(const QList<Row>& rows);

    // Rows whose time cannot be right (negative, or later than `latestMs`, exchange time) are
    // kept rather than taken for rows of another window: they are stored and flagged
    // (docs/design.md §2.11). They move the id cursor past them, never the time coverage.
    void setLatestPlausibleTime(qint64 latestMs) { m_latestPlausibleMs = latestMs; }
    // Walking by id from before the range (fills from fromId 0, docs/design.md D76): rows
    // timed before `fromMs` move the id cursor but are not kept (they are outside the range).
    void setKeepFrom(qint64 fromMs) { m_keepFromMs = fromMs; }
    bool plausibleTime(qint64 timeMs) const
    {
        return !m_latestPlausibleMs || (timeMs >= 0 && timeMs <= *m_latestPlausibleMs);
    }

    bool done() const { return m_done; }
    QString error() const { return m_error; }
    QStringList warnings() const { return m_warnings; }
    std::optional<qint64> lastId() const { return m_lastId; }
    qint64 coveredThrough() const { return m_coveredThrough; }
    PagerProgress progress() const;
    qint64 estimatedRemainingRequests() const;
    bool idMode() const { return m_idMode; }
    TimeWindow currentWindow() const { return m_window; }

private:
    void finishWindow();
    void cover(qint64 through);
    void fail(const QString& reason);

    void switchToIds();

    qint64 m_to;
    qint64 m_spanMs;
    int m_limit;
    bool m_idsAfterFirstRow = false;
    bool m_switched = false; // walked windows, then Ids after the first row
    qint64 m_walkStart = 0;  // where the windows began (progress after a switch)
    TimeRequest m_byTime;
    IdRequest m_byId;
    bool m_idMode = false;
    bool m_continuing = false; // inside a full window, paging by id
    TimeWindow m_window;
    std::optional<qint64> m_lastId;
    qint64 m_coveredThrough;
    qint64 m_windowsDone = 0;
    qint64 m_windowsTotal = 0;
    bool m_done = false;
    QString m_error;
    QStringList m_warnings;
    std::optional<qint64> m_latestPlausibleMs;
    std::optional<qint64> m_keepFromMs;
};

} // namespace fb::binance
