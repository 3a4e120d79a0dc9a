#pragma once
// Prices for commission paid in another asset than the margin asset (docs/design.md §2.5,
// "Fees in another asset"): once a batch's fills are known, the (pair, minute) closes they need
// and the journal does not hold are fetched from GET /fapi/v1/klines, grouped per pair into the
// cheapest requests (binance::planKlineRequests), and handed back to be stored with the batch,
// in its transaction. A failed request never fails a symbol: its minutes simply stay without a
// price, the trades say so, and the next sync asks again.

#include "models/domain/fee_valuation.h"
#include "sync/binance/binance_client.h"
#include "sync/journal/kline_store.h"

#include <QObject>

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
    // are kept, since an open candle still changes. `done` runs once every request answered
    // (never synchronously); each answer's weight goes to `pageDone`.
    void start(const QVector<FeePriceNeed>& needs, qint64 closedBeforeMs, Done done,
               std::function<void(qint64 weight)> pageDone = {});
    bool isRunning() const { return m_pending > 0; }
    // Prices never hold a batch's fills for long: after this, `done` runs with the closes that
    // arrived, the rest are reported as problems and valued by a later sync (their answers, if
    // they come, are ignored). A hung klines request would otherwise hold every batch behind it.
    static constexpr int kMaxWaitMs = 3'000;

private:
    void finishOne();

    binance::BinanceClient& m_client;
    int m_pending = 0;
    quint64 m_generation = 0; // answers of an earlier start() or after the deadline are ignored
    QVector<journal::KlineClose> m_closes;
    QStringList m_problems;
    Done m_done;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fb::sync
