#pragma once
// The journal's cache of closed 1-minute candles of traded symbols (schema v13, keyed by the
// exchange endpoint since v20; docs/journal.md, docs/design.md D112–D114, D165): what
// the trade chart draws and MAE/MFE are measured on.
//
// candles: natural key (endpoint, symbol, open minute), decimals as text; a closed candle never
// changes, so a second insert of the same minute is ignored. candle_spans: the minutes already
// asked for, whether or not the exchange had a candle for each, so that what is cached (or known to
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

// The cache's bound (docs/design.md D166): the chart windows of the newest closed trades
// (by exit minute), of every account, as long as their minutes add up to at most this many
// (about 17 MB of candles, 70 bytes each in the demo journal); older trades' candles are not
// fetched and are evicted.
inline constexpr qint64 kDefaultCandleCacheMinutes = 250'000;

// The window of a trade open over [openTime, closeTime]: its entry minute minus the margin to
// its exit minute plus the margin.
CandleWindow chartWindow(const QString& symbol, qint64 openTime, qint64 closeTime);

// The cache of one exchange endpoint (the base URL without a trailing slash, or "demo", as runs
// record it: sync::endpointLabel). Every method but closedTradeWindows' trades, evict() and the
// counts is about that endpoint's candles only.
class CandleStore
{
public:
    CandleStore(Database& db, const QString& endpoint);
    const QString& endpoint() const { return m_endpoint; }

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
    // For each of `windows`, in order, the last of its minutes before `closedBefore`'s minute
    // that was not asked for yet (nullopt: the window is complete). One query per symbol.
    QVector<std::optional<qint64>> lastMissingMinutes(const QVector<CandleWindow>& windows,
                                                      qint64 closedBefore);

    void setUnavailable(const QString& symbol, const QString& reason, qint64 nowMs);
    std::optional<QString> unavailableReason(const QString& symbol);

    // The chart windows of every closed trade (of `accounts`, or of every account when empty)
    // whose symbol is not unavailable on this endpoint, in no particular order.
    QVector<CandleWindow> closedTradeWindows(const QStringList& accounts = {});

    // The cap (docs/design.md D166). The exit-side minute (CandleWindow::lastMinute)
    // from which windows are kept: walking `windows` newest last minute first, those whose
    // lengths add up to at most `maxMinutes` (all windows sharing the last one's last minute
    // too). nullopt: every window is kept.
    static std::optional<qint64> keepFrom(const QVector<CandleWindow>& windows, qint64 maxMinutes);
    // Drops the candles and asked-for minutes of every symbol that lie outside the windows
    // whose lastMinute is at or after `keptFrom` (of `windows`: every account's closed trades'),
    // and records `keptFrom` for the readers. Returns the candles dropped. One transaction.
    qint64 evict(const QVector<CandleWindow>& windows, std::optional<qint64> keptFrom);
    // What evict() recorded last: trades whose window ends before it have no cached candles.
    std::optional<qint64> keptFrom();

    qint64 candleCount(); // of every endpoint
    qint64 spanCount();

private:
    Database& m_db;
    QString m_endpoint;
};

// Records that the candles of `accounts` come from `endpoint` (accounts.base_url): what
// loadExcursions and the chart read. Every fetch writes it for the accounts it plans.
void setCandleEndpoint(Database& db, const QStringList& accounts, const QString& endpoint);
// The endpoint the candles of `account` come from; nullopt before any fetch named one.
std::optional<QString> candleEndpoint(Database& db, const QString& account);
// Per account, the endpoint its latest sync recorded (RunParams::endpoint; accounts whose runs
// recorded none are absent): where `fillbook-cli candles` fetches its candles from.
QHash<QString, QString> syncedEndpoints(Database& db);

// Each trade's excursion from the cached candles of its account's endpoint (candleEndpoint;
// docs/design.md D112), in the order given:
// computed when every minute it needs (innerMinutes) was asked for, candlesUnavailable when its
// symbol has no candles; open trades and trades still waiting for candles get neither. The
// trades must be loaded with their parts (TradeFilter::withParts): the fill prices count, and a
// trade read without them gets no excursion rather than a too small one.
QVector<TradeExcursion> loadExcursions(Database& db, const QVector<JournalTrade>& trades);

} // namespace fb::journal
