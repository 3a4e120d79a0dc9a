#pragma once
// GET /fapi/v1/klines (API sheet §5.12): 1-minute candles of a pair, used to value a commission
// paid in another asset than the trade's margin asset (BNB) at the close of the fill's minute
// (docs/design.md §2.5, "Fees in another asset").
//
// The endpoint is public (no key, no signature) and its weight depends on `limit`: 1-99 -> 1,
// 100-499 -> 2, 500-1000 -> 5, over 1000 -> 10. planKlineRequests() groups the minutes a sync
// needs into as few requests as possible at the least total weight.

#include "models/money/decimal.h"
#include "sync/binance/endpoints.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::binance {

inline constexpr int kKlinesMaxLimit = 1500;
inline constexpr qint64 kMinuteMs = 60'000;

// The request weight of a klines request with this limit (API sheet §5.12).
int klinesWeight(int limit);

// The open time of the minute holding `ms` (floor, also for times before 1970).
qint64 minuteOpen(qint64 ms);

// 1-minute candles of `pair` with open times in [firstMinute, lastMinute] (both minute opens),
// limit = the number of candles in that span (at most kKlinesMaxLimit).
Request klinesRequest(const QString& pair, qint64 firstMinute, qint64 lastMinute);

struct Kline
{
    qint64 openTime = 0;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    qint64 closeTime = 0;

    bool operator==(const Kline& other) const = default;
};

struct KlinePage
{
    QList<Kline> klines;
    // Elements that could not be read, each "element N: reason": set aside, the page's other
    // candles are kept (their minutes simply have no price).
    QStringList unreadable;
};

// An array of arrays [openTime, "open", "high", "low", "close", "volume", closeTime, ...]. Only
// a body that is not a JSON array fails; an element that is not such an array, has a time that
// is not an exact integer or a price that is not a positive decimal is set aside.
std::optional<KlinePage> parseKlineList(const QByteArray& body, QString* error = nullptr);

// One request of a plan: the minute opens it covers, both ends included.
struct KlineSpan
{
    qint64 firstMinute = 0;
    qint64 lastMinute = 0;
    int candles() const
    {
        const quint64 width = (quint64(lastMinute) - quint64(firstMinute)) / quint64(kMinuteMs);
        return width >= quint64(kKlinesMaxLimit) ? kKlinesMaxLimit + 1 : int(width) + 1;
    }
    int weight() const { return klinesWeight(candles()); }
    bool operator==(const KlineSpan& other) const = default;
};

// The cheapest cover of `minutes` (minute opens, any order, duplicates allowed) by spans of at
// most kKlinesMaxLimit candles: least total weight, then fewest requests. O(n log n).
QVector<KlineSpan> planKlineRequests(QVector<qint64> minutes);

} // namespace fb::binance
