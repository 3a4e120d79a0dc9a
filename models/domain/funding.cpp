#include "models/domain/funding.h"

#include <algorithm>
#include <limits>

namespace fb {

namespace {

constexpr qint64 kMinTime = std::numeric_limits<qint64>::min();
constexpr qint64 kMaxTime = std::numeric_limits<qint64>::max();

struct Interval
{
    qint64 lower = kMinTime;
    qint64 upper = kMaxTime;
    qsizetype trade = 0; // index into the caller's vector
};

Interval intervalOf(const JournalTrade& trade, qsizetype index)
{
    Interval interval;
    interval.lower = trade.hasFlag(FlagIncompleteStart) ? kMinTime : trade.openTime;
    interval.upper = trade.closeTime.value_or(kMaxTime);
    interval.trade = index;
    return interval;
}

} // namespace

QVector<Income> attributeFunding(QVector<JournalTrade>& trades, const QVector<Income>& funding)
{
    // The lifecycles of one book follow each other: each opens no earlier than the previous one
    // closed. Sorted by (lower, upper), both bounds are therefore non-decreasing within a book,
    // so the trades holding t are a contiguous run found by one binary search.
    QVector<QVector<Interval>> books(3);
    for (qsizetype i = 0; i < trades.size(); ++i)
        books[static_cast<int>(trades[i].positionSide)].append(intervalOf(trades[i], i));
    for (QVector<Interval>& book : books) {
        std::sort(book.begin(), book.end(), [](const Interval& a, const Interval& b) {
            if (a.lower != b.lower)
                return a.lower < b.lower;
            if (a.upper != b.upper)
                return a.upper < b.upper;
            return a.trade < b.trade;
        });
    }

    QVector<Income> rows = funding;
    std::sort(rows.begin(), rows.end(), [](const Income& a, const Income& b) {
        return a.time != b.time ? a.time < b.time : a.tranId < b.tranId;
    });

    QVector<Income> unattributed;
    for (const Income& row : rows) {
        const qint64 t = row.time;
        qsizetype found = -1;
        int matches = 0;
        for (const QVector<Interval>& book : books) {
            auto it =
                std::lower_bound(book.cbegin(), book.cend(), t,
                                 [](const Interval& iv, qint64 time) { return iv.upper < time; });
            // Two matches are enough to know the row is ambiguous.
            for (; it != book.cend() && it->lower <= t && matches < 2; ++it) {
                if (it->upper >= t) {
                    found = it->trade;
                    ++matches;
                }
            }
        }
        const bool sameAsset =
            found >= 0 && (row.asset.isEmpty() || row.asset == trades[found].marginAsset);
        if (matches == 1 && sameAsset) {
            JournalTrade& trade = trades[found];
            trade.funding += row.income;
            trade.fundingTranIds.append(row.tranId);
        } else {
            unattributed.append(row);
        }
    }
    return unattributed;
}

} // namespace fb
