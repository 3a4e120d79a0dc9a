#include "sync/simulator/generator.h"

#include "sync/simulator/logging.h"
#include "sync/simulator/stops.h"
#include "sync/simulator/trader.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <queue>
#include <thread>
#include <tuple>
#include <vector>

namespace fb::sim {
namespace {

constexpr qint64 kDay = 86400000;
// The doc's own example of a tranId above 2^53 (it would not survive a double); the generator
// gives it to a FUNDING_FEE row in the middle of the history.
constexpr qint64 kBigTranId = 4480321991774044580LL;

// Fills per symbol: a Zipf-like share (the first symbols trade most), at least a few each.
QVector<int> allocateFills(int fills, int symbols)
{
    QVector<int> out(symbols, 0);
    if (symbols <= 0 || fills <= 0)
        return out;
    const int floor = std::min(4, fills / symbols);
    qint64 rest = fills - static_cast<qint64>(floor) * symbols;
    QVector<qint64> weights(symbols);
    for (int i = 0; i < symbols; ++i)
        weights[i] = 1000000 / (i + 3);
    const qint64 total = std::accumulate(weights.begin(), weights.end(), qint64(0));
    qint64 given = 0;
    for (int i = 0; i < symbols; ++i) {
        const qint64 share = rest * weights[i] / total;
        out[i] = floor + static_cast<int>(share);
        given += share;
    }
    for (int i = 0; given < rest; i = (i + 1) % symbols, ++given)
        ++out[i];
    return out;
}

Income transfer(qint64 time, const QString& asset, const Decimal& amount)
{
    Income row;
    row.incomeType = QStringLiteral("TRANSFER");
    row.income = toScale(amount, kMoneyScale);
    row.asset = asset;
    row.info = row.incomeType;
    row.time = time;
    return row;
}

QVector<Income> transfers(const GeneratorConfig& config, qint64 start, qint64 end, bool usdc,
                          qint64 bnbFrom)
{
    Rng rng(mix64(config.seed, 0xbeefULL));
    QVector<Income> rows;
    const qint64 first = start + rng.range(1000, 60000);
    const qint64 deposit = 10000LL * std::max(1, config.fills / 4000);
    rows.append(transfer(first, QStringLiteral("USDT"), Decimal::fromInt(deposit)));
    if (usdc)
        rows.append(transfer(first + rng.range(1000, 60000), QStringLiteral("USDC"),
                             Decimal::fromInt(20000)));
    rows.append(transfer(bnbFrom - rng.range(60000, 3600000), QStringLiteral("BNB"),
                         Decimal::fromScaled(rng.range(5000, 50000), 3)));
    for (qint64 t = first + 12 * kDay; t < end; t += rng.range(8, 16) * kDay) {
        const qint64 cents = rng.range(50000, 500000);
        const Decimal amount = Decimal::fromScaled(rng.percent(70) ? cents : -cents, 2);
        rows.append(transfer(t + rng.range(0, kDay / 2), QStringLiteral("USDT"), amount));
    }
    return rows;
}

// Merges the per-symbol income lists (each already in time order) and numbers the rows: every
// type but FUNDING_FEE shares one growing sequence; FUNDING_FEE rows get large ids around
// kBigTranId and, within a millisecond, come after the other rows, so that the result is ordered
// by (time, tranId). One TRANSFER then reuses a COMMISSION's tranId (ids are unique per type
// only, as on Binance).
QVector<Income> mergeAndNumber(QVector<QVector<Income>> lists, quint64 seed)
{
    struct Head
    {
        qint64 time;
        bool funding;
        qsizetype list;
        qsizetype pos;
        bool operator>(const Head& o) const
        {
            return std::tie(time, funding, list, pos) > std::tie(o.time, o.funding, o.list, o.pos);
        }
    };
    const auto head = [&](qsizetype list, qsizetype pos) {
        const Income& row = lists[list][pos];
        return Head{row.time, row.incomeType == QLatin1String("FUNDING_FEE"), list, pos};
    };
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> queue;
    qsizetype total = 0;
    for (qsizetype i = 0; i < lists.size(); ++i) {
        total += lists[i].size();
        if (!lists[i].isEmpty())
            queue.push(head(i, 0));
    }
    QVector<Income> sorted;
    sorted.reserve(total);
    while (!queue.empty()) {
        const Head h = queue.top();
        queue.pop();
        sorted.append(std::move(lists[h.list][h.pos]));
        if (h.pos + 1 < lists[h.list].size())
            queue.push(head(h.list, h.pos + 1));
    }

    Rng rng(mix64(seed, 0x7a1dULL));
    qint64 next = 9800000000LL + static_cast<qint64>(rng.below(100000000));
    QVector<qsizetype> funding;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        if (sorted[i].incomeType == QLatin1String("FUNDING_FEE")) {
            funding.append(i);
            continue;
        }
        sorted[i].tranId = next;
        next += rng.range(1, 5);
    }
    const qsizetype middle = funding.size() / 2;
    for (qsizetype k = middle; k < funding.size(); ++k)
        sorted[funding[k]].tranId =
            k == middle ? kBigTranId : sorted[funding[k - 1]].tranId + rng.range(1, 900);
    for (qsizetype k = middle - 1; k >= 0; --k)
        sorted[funding[k]].tranId = sorted[funding[k + 1]].tranId - rng.range(1, 900);

    const auto first = [&](const char* type) {
        return std::find_if(sorted.begin(), sorted.end(), [type](const Income& r) {
            return r.incomeType == QLatin1String(type);
        });
    };
    const auto firstTransfer = first("TRANSFER");
    const auto firstCommission = first("COMMISSION");
    if (firstTransfer != sorted.end() && firstCommission != sorted.end())
        firstTransfer->tranId = firstCommission->tranId;
    return sorted;
}

// Runs the symbols' traders on a few threads. Each trader has its own seeded PRNG and results
// are collected by index, so the outcome does not depend on scheduling.
QVector<SymbolOutput> runTraders(const QVector<SymbolPlan>& plans, const FeeSchedule& fees,
                                 quint64 seed)
{
    QVector<SymbolOutput> outputs(plans.size());
    std::atomic<qsizetype> next{0};
    const auto work = [&] {
        for (qsizetype i = next++; i < plans.size(); i = next++)
            outputs[i] = SymbolTrader(plans[i], fees, mix64(seed, quint64(i) + 1)).run();
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && qsizetype(t) < plans.size(); ++t)
        pool.emplace_back(work);
    work();
    for (std::thread& t : pool)
        t.join();
    return outputs;
}

} // namespace

Account generateAccount(const GeneratorConfig& config)
{
    QElapsedTimer timer;
    timer.start();
    const qint64 now = config.nowMs > 0 ? config.nowMs : QDateTime::currentMSecsSinceEpoch();
    const int symbolCount = std::max(1, config.symbols);
    const qint64 start = now - static_cast<qint64>(std::max(1, config.days)) * kDay;
    const qint64 end = now - 60000;
    const qint64 span = end - start;

    Account account;
    account.hedgeMode = config.hedge;
    account.createTime = start - 400 * kDay;
    const QVector<SymbolSpec> catalog = symbolCatalog(symbolCount);
    const QVector<int> budgets = allocateFills(config.fills, symbolCount);

    Rng planRng(mix64(config.seed, 0x91a7ULL));
    QVector<SymbolPlan> plans;
    bool usdc = false;
    for (int i = 0; i < symbolCount; ++i) {
        SymbolPlan plan;
        plan.spec = catalog[i];
        plan.fillBudget = budgets[i];
        plan.hedgeMode = config.hedge;
        plan.bothBooksAtOnce = config.hedge && i % 2 == 0;
        plan.startMidPosition = i == std::min(1, symbolCount - 1) || planRng.percent(25);
        plan.liquidation = i == std::min(1, symbolCount - 1);
        plan.adl = i == std::min(2, symbolCount - 1);
        plan.openAtEnd = i % 3 == 0;
        plan.start = start;
        plan.end = end;
        plan.bnbFrom = start + span * 3 / 10;
        plan.bnbUntil = start + span * 5 / 10;
        usdc = usdc || plan.spec.quoteAsset == QLatin1String("USDC");
        plans.append(plan);
    }

    QVector<QVector<Income>> income;
    QVector<Position> positions;
    QVector<SymbolOutput> outputs = runTraders(plans, account.fees, config.seed);
    for (int i = 0; i < symbolCount; ++i) {
        SymbolOutput& out = outputs[i];
        SymbolSpec spec = plans[i].spec;
        spec.markPrice = out.lastPrice;
        account.addSymbol(spec);
        for (const auto& [side, state] : out.starting)
            account.setStartingPosition(spec.symbol, side, state);
        StopPlanInput stopInput{spec, &out.fills, &out.orders, out.starting,
                                mix64(config.seed, quint64(i) + 1)};
        QVector<AlgoOrder> stops = generateStops(stopInput);
        account.setSymbolRecords(spec.symbol, std::move(out.fills), std::move(out.orders));
        account.setAlgoOrders(spec.symbol, std::move(stops));
        income.append(std::move(out.income));
        positions.append(std::move(out.positions));
    }
    outputs.clear();
    QVector<Income> moves = transfers(config, start, end, usdc, plans.first().bnbFrom);
    std::sort(moves.begin(), moves.end(), incomeLess);
    income.append(std::move(moves));
    account.setIncome(mergeAndNumber(std::move(income), config.seed));
    account.setPositions(positions);
    qCDebug(lcSim) << "generated" << account.fillCount() << "fills," << account.income().size()
                   << "income rows," << account.orderCount() << "orders in" << timer.elapsed()
                   << "ms";
    return account;
}

} // namespace fb::sim
