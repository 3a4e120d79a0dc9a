#include "ui/stats_worker.h"

#include "sync/journal/database.h"

#include <algorithm>

namespace fb::ui {

namespace {
// Chart coordinates only: never fed back into any figure.
double plotValue(const Decimal& value)
{
    return value.toString().toDouble();
}
} // namespace

QVector<qsizetype> thinEquityIndices(const QVector<EquityPoint>& equity, int maxPoints)
{
    QVector<qsizetype> indices;
    if (equity.size() <= maxPoints) {
        indices.reserve(equity.size());
        for (qsizetype i = 0; i < equity.size(); ++i)
            indices.append(i);
        return indices;
    }
    const int buckets = std::max(1, maxPoints / 2);
    const qsizetype perBucket = (equity.size() + buckets - 1) / buckets;
    for (qsizetype start = 0; start < equity.size(); start += perBucket) {
        const qsizetype end = std::min(equity.size(), start + perBucket);
        qsizetype low = start;
        qsizetype high = start;
        for (qsizetype i = start + 1; i < end; ++i) {
            if (equity.at(i).equity < equity.at(low).equity)
                low = i;
            if (equity.at(i).equity > equity.at(high).equity)
                high = i;
        }
        indices.append(std::min(low, high));
        if (low != high)
            indices.append(std::max(low, high));
    }
    // The last point is the final equity, whatever bucket it fell in.
    if (indices.last() != equity.size() - 1)
        indices.append(equity.size() - 1);
    return indices;
}

QVector<QPointF> thinEquityCurve(const QVector<EquityPoint>& equity, int maxPoints)
{
    QVector<QPointF> points;
    for (qsizetype i : thinEquityIndices(equity, maxPoints))
        points.append(QPointF(double(equity.at(i).timeMs), plotValue(equity.at(i).equity)));
    return points;
}

StatsWorker::StatsWorker(const QString& journalPath, QObject* receiver, Done done)
    : m_reader(journalPath, QStringLiteral("fillbook-stats"), QStringLiteral("ui-stats"), receiver)
    , m_done(std::move(done))
{}

void StatsWorker::compute(quint64 generation, const TradeQuery& query, const QTimeZone& zone,
                          bool includeUnknownEntry)
{
    StatsResult seed;
    seed.generation = generation;
    m_reader.request<StatsResult>(
        std::move(seed),
        [query, zone, includeUnknownEntry](journal::Database& db, StatsResult& result) {
            StatsByAsset byAsset =
                computeStatsByAsset(loadClosedTrades(db, query), zone, includeUnknownEntry);
            result.unknownEntryTrades = byAsset.unknownEntryTrades;
            result.unknownEntryIncluded = byAsset.unknownEntryIncluded;
            for (auto it = byAsset.assets.begin(); it != byAsset.assets.end(); ++it) {
                AssetStatsResult asset;
                for (qsizetype i : thinEquityIndices(it.value().equity, kMaxPlotPoints)) {
                    const EquityPoint& p = it.value().equity.at(i);
                    asset.equityPlot.append(QPointF(double(p.timeMs), plotValue(p.equity)));
                    asset.equityValues.append(p.equity);
                }
                asset.stats = std::move(it.value());
                asset.stats.equity.clear();
                result.assets.insert(it.key(), std::move(asset));
            }
        },
        m_done);
}

} // namespace fb::ui
