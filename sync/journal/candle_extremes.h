#pragma once
// What MAE/MFE keep of a trade window's candles once the cache's cap evicts them (schema v20,
// table candle_extremes; docs/design.md D112, D166): per endpoint, symbol and inner
// minutes (the minutes strictly between a trade's entry and exit minutes), the lowest low and
// the highest high of their candles, exact decimals as the exchange sent them. Market data of
// the endpoint, like the candles: true for every trade with those inner minutes, whatever its
// account; a trade whose window moves (a rebuild) has other inner minutes and finds nothing.

#include "models/domain/excursion.h"
#include "sync/journal/candle_store.h"

#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

// The extremes of one window's candles: both nullopt when the exchange had no candle in it.
struct CandleExtremes
{
    std::optional<Decimal> low;
    std::optional<Decimal> high;
    bool operator==(const CandleExtremes& other) const = default;
};

// Before the candles of `endpoint`'s `symbol` outside `kept` (sorted, merged minute ranges) are
// dropped: records the extremes of every window of `inner` (inner minute ranges of the
// symbol's trades, duplicates allowed) whose candles are about to go — not wholly inside `kept`,
// every minute asked for and answered (`coverage`: the symbol's merged asked-for ranges) and
// not recorded yet. Windows with a minute never asked for are left out: their trades stay
// pending. Runs inside the caller's transaction. Returns the windows recorded.
int noteEvictedExtremes(Database& db, const QString& endpoint, const QString& symbol,
                        const QVector<MinuteRange>& inner,
                        const QVector<QPair<qint64, qint64>>& kept,
                        const QVector<QPair<qint64, qint64>>& coverage);

// The recorded extremes of `endpoint`'s `symbol` over exactly these inner minutes, if any.
std::optional<CandleExtremes> storedExtremes(Database& db, const QString& endpoint,
                                             const QString& symbol, const MinuteRange& inner);

// The lowest low and highest high of the cached candles of `inner` (no candle: both unset),
// compared as Decimal, a text that is not a decimal reading as 0 (as CandleStore::candles reads
// it). What computeExcursion needs of a window's candles, without building each candle.
CandleExtremes cachedExtremes(Database& db, const QString& endpoint, const QString& symbol,
                              const MinuteRange& inner);

// The windows a fetch plans under the cap (docs/design.md D166): of `windows` (chart
// windows), those ending at or after `keptFrom` whole (chart and MAE/MFE), and of each older one
// only its inner minutes while `endpoint` has not kept their extremes yet — fetched once, kept as
// extremes by the next evict (CandleStore::evict), never asked for again. All of `windows` when
// `keptFrom` is nullopt (every window is kept).
QVector<CandleWindow> windowsToFetch(Database& db, const QString& endpoint,
                                     const QVector<CandleWindow>& windows,
                                     std::optional<qint64> keptFrom);

// Candles that stand for recorded extremes in computeExcursion (which reads only the lows and
// highs of the inner minutes): none, or one at the window's first minute.
QVector<Candle> extremesAsCandles(const CandleExtremes& extremes, const MinuteRange& inner);

} // namespace fb::journal
