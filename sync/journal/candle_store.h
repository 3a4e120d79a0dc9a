#pragma once
// The journal's cache of closed 1-minute candles of traded symbols (schema v13; docs/journal.md,
// docs/design.md D112–D114): what the trade chart draws and MAE/MFE are measured on.
//
// candles: natural key (symbol, open minute), decimals as text; a closed candle never changes,
// so a second insert of the same minute is ignored. candle_spans: the minutes already asked
// for, whether or not the exchange had a candle for each, so that what is cached (or known to
// have no candle) is never asked again and an interrupted fetch resumes where it stopped.
// candle_symbols: symbols whose candles the exchange does not serve (delisted), with a reason.

#include "models/domain/excursion.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;
}

namespace fb {
struct JournalTrade;
}

namespace fb::journal {

// The minutes a closed trade's chart and excursion need (docs/design.md D113).
struct CandleWindow
{
    QString symbol;
    qint64 firstMinute = 0; // minute opens, both included
    qint64 lastMinute = 0;
    bool operator==(const CandleWindow& other) const = default;
};

// Minutes of chart before the entry minute and after the exit minute.
inline constexpr int kChartMarginMinutes = 10;

// The window of a trade open over [openTime, closeTime]: its entry minute minus the margin to
// its exit minute plus the margin.
CandleWindow chartWindow(const QString& symbol, qint64 openTime, qint64 closeTime);

class CandleStore
{
public:
    explicit CandleStore(Database& db);

    // One answered request: its candles (those outside [firstMinute, lastMinute] are ignored)
    // and the span as asked, in one transaction (or the caller's). Returns the new candles.
    int storeSpan(const QString& symbol, qint64 firstMinute, qint64 lastMinute,
                  const QVector<Candle>& candles, qint64 nowMs);
    // The same for several spans (first, last minute) of one answer: a candle is kept when it
    // lies in one of them.
    int storeSpans(const QString& symbol, const QVector<QPair<qint64, qint64>>& spans,
                   const QVector<Candle>& candles, qint64 nowMs);
    // The cached candles of [firstMinute, lastMinute], oldest first.
    QVector<Candle> candles(const QString& symbol, qint64 firstMinute, qint64 lastMinute);
    // True when every minute of [firstMinute, lastMinute] was asked for (an empty range is).
    bool covered(const QString& symbol, qint64 firstMinute, qint64 lastMinute);
    // The minutes of `windows` (any symbol, overlapping allowed) not asked for yet, per symbol,
    // sorted and distinct; minutes at or after `closedBefore` (a candle still open) are left out.
    QHash<QString, QVector<qint64>> missingMinutes(const QVector<CandleWindow>& windows,
                                                   qint64 closedBefore);

    void setUnavailable(const QString& symbol, const QString& reason, qint64 nowMs);
    std::optional<QString> unavailableReason(const QString& symbol);

    // The chart windows of every closed trade (of `accounts`, or of every account when empty)
    // whose symbol is not unavailable, oldest trade first.
    QVector<CandleWindow> closedTradeWindows(const QStringList& accounts = {});

    qint64 candleCount();
    qint64 spanCount();

private:
    Database& m_db;
};

// Each trade's excursion from the cached candles (docs/design.md D112), in the order given:
// computed when every minute it needs (innerMinutes) was asked for, candlesUnavailable when its
// symbol has no candles; open trades and trades still waiting for candles get neither. The
// trades must be loaded with their parts (TradeFilter::withParts): the fill prices count, and a
// trade read without them gets no excursion rather than a too small one.
QVector<TradeExcursion> loadExcursions(Database& db, const QVector<JournalTrade>& trades);

} // namespace fb::journal
