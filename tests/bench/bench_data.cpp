#include "tests/bench/bench_data.h"

#include "sync/simulator/random.h"
#include "sync/simulator/trader.h"

#include <QJsonDocument>

#include <algorithm>
#include <numeric>

namespace fb::bench {
namespace {

// The generator's Zipf-like share (generator.cpp allocateFills): the first symbols trade most,
// so the largest symbol holds ~7.5 % of the fills over 200 symbols.
QVector<int> allocate(int fills, int symbols)
{
    QVector<int> out(symbols, 0);
    const int floor = std::min(4, fills / symbols);
    const qint64 rest = fills - qint64(floor) * symbols;
    QVector<qint64> weights(symbols);
    for (int i = 0; i < symbols; ++i)
        weights[i] = 1'000'000 / (i + 3);
    const qint64 total = std::accumulate(weights.begin(), weights.end(), qint64(0));
    qint64 given = 0;
    for (int i = 0; i < symbols; ++i) {
        const qint64 share = rest * weights[i] / total;
        out[i] = floor + int(share);
        given += share;
    }
    for (int i = 0; given < rest; i = (i + 1) % symbols, ++given)
        ++out[i];
    return out;
}

} // namespace

FillSource::FillSource(int fills, int symbols, int days, quint64 seed)
    : m_catalog(sim::symbolCatalog(symbols).mid(0, symbols))
    , m_budgets(allocate(fills, symbols))
    , m_days(days)
    , m_seed(seed)
{}

QVector<Fill> FillSource::fillsOf(int index) const
{
    sim::SymbolPlan plan;
    plan.spec = m_catalog[index];
    plan.fillBudget = m_budgets[index];
    plan.openAtEnd = index % 3 == 0;
    plan.start = kBenchNowMs - qint64(m_days) * kDayMs;
    plan.end = kBenchNowMs - 60'000;
    const qint64 span = plan.end - plan.start;
    plan.bnbFrom = plan.start + span * 3 / 10;
    plan.bnbUntil = plan.start + span * 5 / 10;
    sim::SymbolOutput out = sim::SymbolTrader(plan, sim::FeeSchedule::standard(),
                                              sim::mix64(m_seed, quint64(index) + 1))
                                .run();
    QVector<Fill> fills = std::move(out.fills);
    for (Fill& f : fills) {
        f.account = QStringLiteral("main");
        f.raw = QJsonDocument(f.toJson()).toJson(QJsonDocument::Compact);
    }
    return fills;
}

QVector<int> FillSource::syncOrder() const
{
    QVector<int> order(symbolCount());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return m_catalog[a].symbol < m_catalog[b].symbol; });
    return order;
}

} // namespace fb::bench
