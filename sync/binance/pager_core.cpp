#include "sync/binance/pager_core.h"

#include <algorithm>

namespace fb::binance {

qint64 windowCount(qint64 from, qint64 to, qint64 spanMs)
{
    if (from > to || spanMs <= 0)
        return 0;
    return (to - from) / spanMs + 1;
}

TimeWindow windowAt(qint64 start, qint64 to, qint64 spanMs)
{
    return TimeWindow{start, std::min(start + spanMs - 1, to)};
}

IdWindowPager::IdWindowPager(qint64 from, qint64 to, qint64 spanMs, int limit, TimeRequest byTime,
                             IdRequest byId, std::optional<qint64> lastId, qint64 coveredThrough,
                             bool idsAfterFirstRow)
    : m_to(to)
    , m_spanMs(spanMs)
    , m_limit(limit)
    , m_idsAfterFirstRow(idsAfterFirstRow)
    , m_byTime(std::move(byTime))
    , m_byId(std::move(byId))
    , m_lastId(lastId)
    , m_coveredThrough(std::max(coveredThrough, from - 1))
{
    if (lastId) {
        m_idMode = true;
        m_windowsTotal = 1;
        return;
    }
    const qint64 start = m_coveredThrough + 1;
    m_walkStart = start;
    m_windowsTotal = windowCount(start, to, spanMs);
    if (m_windowsTotal == 0)
        m_done = true;
    else
        m_window = windowAt(start, to, spanMs);
}

std::optional<Request> IdWindowPager::next() const
{
    if (m_done)
        return std::nullopt;
    if (m_idMode || m_continuing)
        return m_byId(*m_lastId + 1, m_limit);
    return m_byTime(m_window.start, m_window.end, m_limit);
}

QList<qsizetype> IdWindowPager::accept(const QList<Row>& rows)
{
    QList<qsizetype> kept;
    if (m_done)
        return kept;
    const bool full = rows.size() >= m_limit;
    const bool byId = m_idMode || m_continuing;
    // Rows past this bound belong to a later window (or beyond the run's range) and are fetched
    // there; they end the current window or id walk.
    const qint64 upper = m_idMode ? m_to : m_window.end;
    bool beyond = false;
    qsizetype outOfRange = 0;
    std::optional<qint64> maxId;
    qint64 maxIdTime = 0;
    std::optional<qint64> maxImplausibleId;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        if (byId && m_lastId && row.id <= *m_lastId)
            continue; // already stored (fromId is inclusive in practice)
        if (!plausibleTime(row.time)) {
            // Not a row of another window: a time that cannot be right. Kept (and flagged by
            // the caller); dropping it here would lose it for good, as the cursor moves on.
            kept.append(i);
            if (byId && (!maxImplausibleId || row.id > *maxImplausibleId))
                maxImplausibleId = row.id;
            continue;
        }
        if (row.time > upper) {
            beyond = true;
            continue;
        }
        if (!m_idMode && row.time < m_window.start) {
            ++outOfRange; // the exchange ignored our bounds; never let it move the cursor back
            continue;
        }
        if (m_idMode && m_keepFromMs && row.time < *m_keepFromMs) {
            // Before the range: walked past, not stored.
            if (!maxId || row.id > *maxId) {
                maxId = row.id;
                maxIdTime = row.time;
            }
            continue;
        }
        kept.append(i);
        if (!maxId || row.id > *maxId) {
            maxId = row.id;
            maxIdTime = row.time;
        }
    }
    if (outOfRange > 0)
        m_warnings.append(
            QStringLiteral("%1 row(s) outside the requested window were ignored").arg(outOfRange));
    const std::optional<qint64> previousLast = m_lastId;
    if (maxId && (!m_lastId || *maxId > *m_lastId))
        m_lastId = maxId;
    // Walking by id, the cursor passes implausible rows too, or a page ending in one would
    // look like a page without new ids.
    if (maxImplausibleId && (!m_lastId || *maxImplausibleId > *m_lastId))
        m_lastId = maxImplausibleId;

    if (beyond || !full) {
        // Everything up to the bound has been seen.
        if (m_idMode) {
            cover(m_to);
            m_done = true;
        } else {
            finishWindow();
            if (!m_done && m_idsAfterFirstRow && m_lastId)
                switchToIds(); // the rest of the range by id from the first row's walk on
        }
        return kept;
    }
    // A full page: continue by id from the highest id so far.
    if (!m_lastId || (previousLast && *m_lastId <= *previousLast)) {
        fail(QStringLiteral("the exchange returned a full page without new ids; pagination "
                            "cannot advance"));
        return kept;
    }
    if (!m_idMode && m_idsAfterFirstRow)
        switchToIds(); // continue by id to `to`, not only to this window's end
    else
        m_continuing = !m_idMode;
    // Rows in the same millisecond as the last one may continue on the next page.
    cover(maxIdTime - 1);
    return kept;
}

void IdWindowPager::switchToIds()
{
    // From here the walk is exactly what a pager resumed with lastId() does: fromId = lastId + 1
    // with no time bounds (the API forbids combining them) until a short page or a row past
    // `to`. Coverage: a full page covers up to its last row's millisecond - 1, the end covers `to`.
    m_idMode = true;
    m_switched = true;
    m_continuing = false;
}

void IdWindowPager::finishWindow()
{
    cover(m_window.end);
    ++m_windowsDone;
    m_continuing = false;
    if (m_window.end >= m_to) {
        m_done = true;
        return;
    }
    m_window = windowAt(m_window.end + 1, m_to, m_spanMs);
}

void IdWindowPager::cover(qint64 through)
{
    m_coveredThrough = std::max(m_coveredThrough, through);
}

void IdWindowPager::fail(const QString& reason)
{
    m_error = reason;
    m_done = true;
}

PagerProgress IdWindowPager::progress() const
{
    if (m_switched) {
        // Still counted in windows: those whose every millisecond is covered.
        const qint64 covered = std::max<qint64>(0, (m_coveredThrough - m_walkStart + 1) / m_spanMs);
        return PagerProgress{m_done ? m_windowsTotal : std::min(covered, m_windowsTotal - 1),
                             m_windowsTotal};
    }
    if (m_idMode)
        return PagerProgress{m_done ? 1 : 0, 1};
    return PagerProgress{m_windowsDone, m_windowsTotal};
}

qint64 IdWindowPager::estimatedRemainingRequests() const
{
    if (m_done)
        return 0;
    if (m_idMode)
        return 1;
    // At least one request per window left; continuation pages cannot be known in advance.
    return m_windowsTotal - m_windowsDone;
}

} // namespace fb::binance
