#pragma once
// Prices for commission paid in another asset than the margin asset (docs/design.md §2.5,
// "Fees in another asset"): once a batch's fills are known, the (pair, minute) closes they need
// and the journal does not hold are fetched from GET /fapi/v1/klines, grouped per pair into the
// cheapest requests (binance::planKlineRequests), and handed back to be stored and valued in a
// commit of their own, after the batch's (SyncEngine's sync_engine_fees.cpp). A failed request
// never fails a symbol: its minutes simply stay without a price, the trades say so, and the next
// sync asks again.

#include "models/domain/fee_valuation.h"
#include "sync/binance/binance_client.h"
#include "sync/journal/kline_store.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace fb::sync {

class FeePriceFetcher : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QVector<journal::KlineClose>& closes,
                                    const QStringList& problems)>;

    explicit FeePriceFetcher(binance::BinanceClient& client, QObject* parent = nullptr);
    ~FeePriceFetcher() override;

    // The request weight fetching `needs` costs (for the plan's progress units).
    static qint64 plannedWeight(const QVector<FeePriceNeed>& needs);

    // Fetches the closes of `needs`; only candles closed before `closedBeforeMs` (exchange time)
    // are kept, since an open candle still changes. The requests go out one at a time; `done`
    // runs once every request answered (never synchronously); each answer's weight goes to
    // `pageDone`.
    void start(const QVector<FeePriceNeed>& needs, qint64 closedBeforeMs, Done done,
               std::function<void(qint64 weight)> pageDone = {});
    bool isRunning() const { return m_running; }
    // How many requests may be in flight at once: 1 (the default) while batches fetch, the
    // client's whole share once the run only waits for prices.
    void setParallel(int requests);

private:
    struct Job
    {
        QString pair;
        binance::KlineSpan span;
        std::shared_ptr<const QSet<qint64>> wanted; // the pair's needed minutes
    };
    void sendNext();
    void sendOne(const Job& job);
    void finish();

    binance::BinanceClient& m_client;
    bool m_running = false;
    int m_parallel = 1;
    int m_inFlight = 0;
    quint64 m_generation = 0; // answers of an earlier start() are ignored
    QVector<Job> m_queue;
    QSet<QString> m_failedPairs; // pairs whose request failed after its retries: not asked again
    qint64 m_closedBeforeMs = 0;
    std::function<void(qint64)> m_pageDone;
    QVector<journal::KlineClose> m_closes;
    QStringList m_problems;
    Done m_done;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fb::sync
