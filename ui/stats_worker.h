#pragma once
// Computes the Statistics tab off the UI thread: a thread of its own with its own read-only
// journal connection (opened and closed on that thread, JournalReaderThread), so that reading up to
// 100,000 closed trades and summing them in exact decimals never stalls the window. Only the newest
// request counts: a result for an older one is dropped by the view.

#include "ui/journal_reader_thread.h"
#include "ui/models/trade_stats.h"

#include <QObject>
#include <QPointF>
#include <QTimeZone>

#include <functional>

namespace fb::ui {

struct AssetStatsResult
{
    TradeStats stats; // without its equity points: the plot below holds what the view needs
    // The equity curve as plot coordinates (ms, value), thinned to at most kMaxPlotPoints
    // keeping each bucket's lowest and highest point, so drawdowns stay visible.
    QVector<QPointF> equityPlot;
    QVector<Decimal> equityValues; // the exact equity of each plot point, for tooltips
};

struct StatsResult
{
    quint64 generation = 0;
    QMap<QString, AssetStatsResult> assets; // one entry per margin asset, never summed
    int unknownEntryTrades = 0;             // INCOMPLETE_START trades matching the filter
    bool unknownEntryIncluded = false;
    QString error;
};

QVector<QPointF> thinEquityCurve(const QVector<EquityPoint>& equity, int maxPoints);
// The indices into `equity` that thinEquityCurve plots, in order.
QVector<qsizetype> thinEquityIndices(const QVector<EquityPoint>& equity, int maxPoints);

class StatsWorker
{
public:
    static constexpr int kMaxPlotPoints = 2000;
    using Done = std::function<void(const StatsResult& result)>;

    // `receiver` lives on the calling thread; `done` runs there, queued.
    StatsWorker(const QString& journalPath, QObject* receiver, Done done);
    // The destructor closes the connection on the thread, then joins it.
    StatsWorker(const StatsWorker&) = delete;
    StatsWorker& operator=(const StatsWorker&) = delete;

    void compute(quint64 generation, const TradeQuery& query, const QTimeZone& zone,
                 bool includeUnknownEntry);

private:
    JournalReaderThread m_reader;
    Done m_done;
};

} // namespace fb::ui
