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

QVector<QPointF> thinEquityCurve(const QVector<EquityPoint>& equity, int maxPoints)
{
    QVector<QPointF> points;
    if (equity.size() <= maxPoints) {
        points.reserve(equity.size());
        for (const EquityPoint& p : equity)
            points.append(QPointF(double(p.timeMs), plotValue(p.equity)));
        return points;
    }
    const int buckets = std::max(1, maxPoints / 2);
    const qsizetype perBucket = (equity.size() + buckets - 1) / buckets;
    const auto point = [&equity](qsizetype i) {
        return QPointF(double(equity.at(i).timeMs), plotValue(equity.at(i).equity));
    };
    qsizetype lastAppended = -1;
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
        points.append(point(std::min(low, high)));
        if (low != high)
            points.append(point(std::max(low, high)));
        lastAppended = std::max(low, high);
    }
    // The last point is the final equity, whatever bucket it fell in.
    if (lastAppended != equity.size() - 1)
        points.append(point(equity.size() - 1));
    return points;
}

StatsWorker::StatsWorker(const QString& journalPath, QObject* receiver, Done done)
    : m_path(journalPath)
    , m_receiver(receiver)
    , m_done(std::move(done))
{
    m_thread.setObjectName(QStringLiteral("fillbook-stats"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
}

StatsWorker::~StatsWorker()
{
    // The connection belongs to the worker thread: it is closed there, then the thread ends.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_db.reset();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void StatsWorker::compute(quint64 generation, const TradeQuery& query, const QTimeZone& zone)
{
    QMetaObject::invokeMethod(m_context, [this, generation, query, zone] {
        StatsResult result;
        result.generation = generation;
        try {
            if (!m_db)
                m_db = std::make_unique<journal::Database>(
                    m_path, journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                 QStringLiteral("ui-stats"), false});
            result.stats = computeStats(loadClosedTrades(*m_db, query), zone);
            result.equityPlot = thinEquityCurve(result.stats.equity, kMaxPlotPoints);
            result.stats.equity.clear(); // the plot holds what the view needs
        } catch (const journal::JournalError& e) {
            result.error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            m_receiver, [done = m_done, result] { done(result); }, Qt::QueuedConnection);
    });
}

} // namespace fb::ui
