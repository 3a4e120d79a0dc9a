#include "sync/engine/fee_valuation.h"

#include "sync/binance/klines.h"

#include <QLoggingCategory>
#include <QMap>
#include <QSet>
#include <QTimer>

namespace fb::sync {

namespace {
Q_LOGGING_CATEGORY(lcFees, "fillbook.sync.fees")

QMap<QString, QVector<qint64>> byPair(const QVector<FeePriceNeed>& needs)
{
    QMap<QString, QVector<qint64>> out;
    for (const FeePriceNeed& n : needs)
        out[n.pair].append(n.minute);
    return out;
}
} // namespace

FeePriceFetcher::FeePriceFetcher(binance::BinanceClient& client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{}

FeePriceFetcher::~FeePriceFetcher()
{
    *m_alive = false;
}

qint64 FeePriceFetcher::plannedWeight(const QVector<FeePriceNeed>& needs)
{
    qint64 weight = 0;
    const auto pairs = byPair(needs);
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it) {
        for (const binance::KlineSpan& span : binance::planKlineRequests(it.value()))
            weight += span.weight();
    }
    return weight;
}

void FeePriceFetcher::start(const QVector<FeePriceNeed>& needs, qint64 closedBeforeMs, Done done,
                            std::function<void(qint64)> pageDone)
{
    m_closes.clear();
    m_problems.clear();
    m_done = std::move(done);
    m_pending = 1; // released below, once every request is queued
    const quint64 generation = ++m_generation;
    QTimer::singleShot(kMaxWaitMs, this, [this, generation] {
        if (generation != m_generation || m_pending <= 0)
            return;
        m_problems << QStringLiteral("%1 price request(s) not answered within %2 s: those fees "
                                     "are valued by a later sync")
                          .arg(m_pending)
                          .arg(kMaxWaitMs / 1000);
        ++m_generation;
        m_pending = 1;
        finishOne();
    });
    const auto pairs = byPair(needs);
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it) {
        const QString pair = it.key();
        const auto wanted = std::make_shared<QSet<qint64>>(it.value().cbegin(), it.value().cend());
        for (const binance::KlineSpan& span : binance::planKlineRequests(it.value())) {
            const binance::Request request =
                binance::klinesRequest(pair, span.firstMinute, span.lastMinute);
            ++m_pending;
            m_client.fetchKlines(request, [this, alive = m_alive, generation, pair, wanted,
                                           closedBeforeMs, weight = request.weight(),
                                           pageDone](const auto& result) {
                if (!*alive || generation != m_generation)
                    return;
                if (pageDone)
                    pageDone(weight);
                if (!result.ok()) {
                    m_problems << QStringLiteral("%1 prices could not be fetched: %2")
                                      .arg(pair, result.error.message);
                } else {
                    for (const binance::Kline& k : result.value->klines) {
                        if (wanted->contains(k.openTime) && k.closeTime < closedBeforeMs)
                            m_closes.append({pair, k.openTime, k.close});
                    }
                    for (const QString& u : result.value->unreadable)
                        m_problems << QStringLiteral("%1: an unreadable candle (%2)").arg(pair, u);
                }
                finishOne();
            });
        }
    }
    // Never synchronous: the caller's stack unwinds before `done` runs.
    QTimer::singleShot(0, this, [this] { finishOne(); });
}

void FeePriceFetcher::finishOne()
{
    if (--m_pending > 0)
        return;
    for (const QString& p : std::as_const(m_problems))
        qCWarning(lcFees).noquote() << p;
    qCInfo(lcFees) << "fetched" << m_closes.size() << "fee prices";
    Done done = std::exchange(m_done, {});
    if (done)
        done(m_closes, m_problems);
}

} // namespace fb::sync
