#include "sync/binance/income_pager.h"

#include "sync/binance/retry.h"

#include <QJsonDocument>

#include <algorithm>

namespace fb::binance {

namespace {
// What two versions of a row are compared by: the exchange's bytes (rows built in code have
// none: their JSON then).
QByteArray contentOf(const Income& row)
{
    return row.raw.isEmpty() ? QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact) : row.raw;
}
} // namespace

IncomePager::IncomePager(qint64 from, qint64 to, qint64 coveredThrough, int limit, qint64 windowMs)
    : m_to(to)
    , m_windowMs(windowMs)
    , m_limit(limit)
    , m_coveredThrough(std::max(coveredThrough, from - 1))
{
    const qint64 start = m_coveredThrough + 1;
    m_windowsTotal = windowCount(start, to, windowMs);
    if (m_windowsTotal == 0) {
        m_done = true;
        return;
    }
    m_window = windowAt(start, to, windowMs);
    m_position = start;
}

QStringList IncomePager::knownIncomeTypes()
{
    static const QStringList types = {
        QStringLiteral("TRANSFER"),
        QStringLiteral("WELCOME_BONUS"),
        QStringLiteral("REALIZED_PNL"),
        QStringLiteral("FUNDING_FEE"),
        QStringLiteral("COMMISSION"),
        QStringLiteral("INSURANCE_CLEAR"),
        QStringLiteral("REFERRAL_KICKBACK"),
        QStringLiteral("COMMISSION_REBATE"),
        QStringLiteral("API_REBATE"),
        QStringLiteral("CONTEST_REWARD"),
        QStringLiteral("CROSS_COLLATERAL_TRANSFER"),
        QStringLiteral("OPTIONS_PREMIUM_FEE"),
        QStringLiteral("OPTIONS_SETTLE_PROFIT"),
        QStringLiteral("INTERNAL_TRANSFER"),
        QStringLiteral("AUTO_EXCHANGE"),
        QStringLiteral("DELIVERED_SETTELMENT"), // sic: the exchange's spelling
        QStringLiteral("COIN_SWAP_DEPOSIT"),
        QStringLiteral("COIN_SWAP_WITHDRAW"),
        QStringLiteral("POSITION_LIMIT_INCREASE_FEE"),
        QStringLiteral("STRATEGY_UMFUTURES_TRANSFER"),
        QStringLiteral("FEE_RETURN"),
        QStringLiteral("BFUSD_REWARD"),
    };
    return types;
}

std::optional<Request> IncomePager::next() const
{
    if (m_done)
        return std::nullopt;
    if (m_splitTime)
        return incomeRequest(*m_splitTime, *m_splitTime, m_limit, m_splitTypes[m_splitIndex]);
    return incomeRequest(m_position, m_window.end, m_limit);
}

QList<Income> IncomePager::accept(const QList<Income>& page, qsizetype unreadable)
{
    QList<Income> fresh;
    if (m_done)
        return fresh;
    const qint64 low = m_splitTime ? *m_splitTime : m_position;
    const qint64 high = m_splitTime ? *m_splitTime : m_window.end;
    const bool full = page.size() + unreadable >= m_limit;

    QList<const Income*> inRange;
    qsizetype outOfRange = 0;
    for (const Income& row : page) {
        if (row.time < low || row.time > high) {
            ++outOfRange; // the exchange ignored our bounds; such rows must not move the cursor
            continue;
        }
        inRange.append(&row);
        const Key key(row.incomeType, row.tranId);
        const auto seen = m_seen.constFind(key);
        // The same bytes again are the boundary millisecond re-read; other bytes are another
        // version of the row, passed on so that both versions are kept.
        const QByteArray content = contentOf(row);
        if (seen == m_seen.constEnd() || *seen != content) {
            m_seen.insert(key, content);
            fresh.append(row);
        }
    }
    if (outOfRange > 0)
        m_warnings.append(QStringLiteral("%1 income row(s) outside the requested range were "
                                         "ignored")
                              .arg(outOfRange));

    if (m_splitTime) {
        if (full)
            m_warnings.append(QStringLiteral("more than %1 %2 rows in millisecond %3: some may "
                                             "be missing")
                                  .arg(m_limit)
                                  .arg(m_splitTypes[m_splitIndex])
                                  .arg(*m_splitTime));
        if (++m_splitIndex >= m_splitTypes.size())
            finishSplit();
        return fresh;
    }

    if (!full) {
        finishWindow();
        return fresh;
    }
    if (inRange.isEmpty()) {
        m_error = QStringLiteral("the exchange returned a full income page outside the "
                                 "requested range; pagination cannot advance");
        m_done = true;
        return fresh;
    }
    // Rows arrive oldest first, so everything before the last row's millisecond is complete.
    const qint64 firstTime = inRange.front()->time;
    const qint64 lastTime = inRange.back()->time;
    if (firstTime == lastTime) {
        // One millisecond fills the page: startTime = T would return the same page forever.
        m_splitTime = lastTime;
        m_splitIndex = 0;
        m_splitTypes = knownIncomeTypes();
        for (const Income* row : inRange) {
            if (!m_splitTypes.contains(row->incomeType))
                m_splitTypes.append(row->incomeType); // a type newer than the list
        }
        cover(lastTime - 1);
        return fresh;
    }
    // Keep only the keys of the new boundary millisecond: older rows cannot come back.
    QHash<Key, QByteArray> boundary;
    for (const Income* row : inRange) {
        if (row->time == lastTime)
            boundary.insert(Key(row->incomeType, row->tranId),
                            m_seen.value(Key(row->incomeType, row->tranId)));
    }
    m_seen = boundary;
    m_position = lastTime;
    cover(lastTime - 1);
    return fresh;
}

bool IncomePager::narrowWindow(qint64 windowMs)
{
    if (m_done || m_splitTime || windowMs <= 0 || m_window.end - m_position < windowMs)
        return false;
    m_windowMs = windowMs;
    m_window = windowAt(m_position, m_to, windowMs);
    m_windowsTotal = m_windowsDone + windowCount(m_position, m_to, windowMs);
    return true;
}

bool isSpanTooLong(const ApiError& error)
{
    if (error.category != ErrorCategory::Rejected)
        return false;
    return error.apiCode == -1127 ||
           (error.httpStatus == 400 &&
            error.bodyExcerpt.contains(QLatin1String("between startTime and endTime")));
}

void IncomePager::finishSplit()
{
    const qint64 t = *m_splitTime;
    m_splitTime.reset();
    m_splitTypes.clear();
    m_seen.clear();
    cover(t);
    if (t >= m_window.end) {
        finishWindow();
        return;
    }
    m_position = t + 1;
}

void IncomePager::finishWindow()
{
    cover(m_window.end);
    ++m_windowsDone;
    m_seen.clear();
    if (m_window.end >= m_to) {
        m_done = true;
        return;
    }
    m_window = windowAt(m_window.end + 1, m_to, m_windowMs);
    m_position = m_window.start;
}

void IncomePager::cover(qint64 through)
{
    m_coveredThrough = std::max(m_coveredThrough, through);
}

qint64 IncomePager::estimatedRemainingRequests() const
{
    if (m_done)
        return 0;
    qint64 remaining = m_windowsTotal - m_windowsDone;
    if (m_splitTime)
        remaining += m_splitTypes.size() - m_splitIndex;
    return remaining;
}

} // namespace fb::binance
