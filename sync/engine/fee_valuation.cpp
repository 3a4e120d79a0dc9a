#include "sync/engine/fee_valuation.h"

#include "sync/binance/klines.h"

#include <QLoggingCategory>
#include <QMap>
#include <QSet>
#include <QTimer>

#include <algorithm>

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
    m_queue.clear();
    m_inFlight = 0;
    m_done = std::move(done);
    m_pageDone = std::move(pageDone);
    m_closedBeforeMs = closedBeforeMs;
    ++m_generation;
    const auto pairs = byPair(needs);
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it) {
        const auto wanted = std::make_shared<QSet<qint64>>(it.value().cbegin(), it.value().cend());
        for (const binance::KlineSpan& span : binance::planKlineRequests(it.value()))
            m_queue.append({it.key(), span, wanted});
    }
    m_running = true;
    // Never synchronous: the caller's stack unwinds before the first request or `done`.
    QTimer::singleShot(0, this, [this, generation = m_generation] {
        if (generation == m_generation)
            sendNext();
    });
}

void FeePriceFetcher::setParallel(int requests)
{
    m_parallel = std::max(1, requests);
    if (m_running)
        sendNext();
}

void FeePriceFetcher::sendNext()
{
    // A pair that failed after its retries in this run is not asked again: its other spans
    // would fail too, each after the same backoff, and the run's end waits for them. The next
    // sync asks again.
    while (!m_queue.isEmpty() && m_failedPairs.contains(m_queue.constFirst().pair)) {
        m_problems << QStringLiteral("%1 prices are not asked for again in this run")
                          .arg(m_queue.takeFirst().pair);
    }
    if (m_queue.isEmpty() && m_inFlight == 0)
        return finish();
    // While batches fetch, one request at a time (setParallel): prices never take more than
    // one of the client's request slots, so a slow or hung price request never holds the fills
    // of the batches that follow.
    while (!m_queue.isEmpty() && m_inFlight < m_parallel)
        sendOne(m_queue.takeFirst());
}

void FeePriceFetcher::sendOne(const Job& job)
{
    const binance::Request request =
        binance::klinesRequest(job.pair, job.span.firstMinute, job.span.lastMinute);
    ++m_inFlight;
    m_client.fetchKlines(request, [this, alive = m_alive, generation = m_generation, job,
                                   weight = request.weight()](const auto& result) {
        if (!*alive || generation != m_generation)
            return;
        --m_inFlight;
        if (m_pageDone)
            m_pageDone(weight);
        if (!result.ok()) {
            m_failedPairs.insert(job.pair);
            m_problems << QStringLiteral("%1 prices could not be fetched: %2")
                              .arg(job.pair, result.error.message);
        } else {
            for (const binance::Kline& k : result.value->klines) {
                if (job.wanted->contains(k.openTime) && k.closeTime < m_closedBeforeMs)
                    m_closes.append({job.pair, k.openTime, k.close});
            }
            for (const QString& u : result.value->unreadable)
                m_problems << QStringLiteral("%1: an unreadable candle (%2)").arg(job.pair, u);
        }
        sendNext();
    });
}

void FeePriceFetcher::finish()
{
    m_running = false;
    for (const QString& p : std::as_const(m_problems))
        qCWarning(lcFees).noquote() << p;
    qCInfo(lcFees) << "fetched" << m_closes.size() << "fee prices";
    Done done = std::exchange(m_done, {});
    if (done)
        done(m_closes, m_problems);
}

} // namespace fb::sync
