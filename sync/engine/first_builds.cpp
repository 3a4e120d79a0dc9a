#include "sync/engine/first_builds.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace fb::sync {

SymbolHistory historyFromRecords(SymbolHistory context, const QVector<Fill>& fills,
                                 const QVector<Order>& orders)
{
    // The upsert stores the first copy of an id and replaces it with each later one that
    // differs: the last copy is what the journal would read back.
    QHash<qint64, qsizetype> indexOf; // fill id -> its place in context.fills
    for (const Fill& fill : fills) {
        if (fill.account != context.account || fill.symbol != context.symbol)
            continue;
        Fill copy = fill;
        copy.raw.clear(); // loadSymbolHistory leaves it out: the builder never reads it
        const auto it = indexOf.constFind(fill.id);
        if (it != indexOf.cend()) {
            context.fills[*it] = std::move(copy);
            continue;
        }
        indexOf.insert(fill.id, context.fills.size());
        context.fills.append(std::move(copy));
    }
    for (const Order& order : orders) {
        if (order.account != context.account || order.symbol != context.symbol)
            continue;
        // Later copies replace earlier ones, as in the journal; only flagging ids are read.
        if (closeFlagFor(order.clientOrderId) != 0)
            context.clientOrderIds.insert(order.orderId, order.clientOrderId);
        else
            context.clientOrderIds.remove(order.orderId);
    }
    return context;
}

QVector<std::optional<FirstBuildInput>>
firstBuildInputs(journal::Database& db, const QString& account, const QVector<SymbolFetch>& fetched)
{
    QHash<QString, int> seen;
    for (const SymbolFetch& f : fetched)
        ++seen[f.symbol];
    journal::RawStore raw(db);
    journal::RebuildCutStore cuts(db);
    QVector<std::optional<FirstBuildInput>> inputs;
    inputs.reserve(fetched.size());
    for (const SymbolFetch& f : fetched) {
        const bool fresh = f.ok && seen.value(f.symbol) == 1 &&
                           !raw.holdsFillsOrOrders(account, f.symbol) &&
                           !cuts.cut(account, f.symbol);
        if (fresh)
            inputs.append(
                FirstBuildInput{raw.loadSymbolFundingAndPositions(account, f.symbol), &f});
        else
            inputs.append(std::nullopt);
    }
    return inputs;
}

namespace {

journal::EncodeAheadOptions helperOptions(const QVector<std::optional<FirstBuildInput>>& inputs)
{
    journal::EncodeAheadOptions options;
    // A helper when anything is to be built (a build costs far more than handing it over),
    // none for a commit of known symbols (every incremental sync).
    const bool any = std::any_of(inputs.cbegin(), inputs.cend(),
                                 [](const auto& input) { return input.has_value(); });
    options.threshold = any ? 1 : std::numeric_limits<qsizetype>::max();
    options.maxAhead = 1;                       // at most two builds held
    options.whenBusy = journal::WhenBusy::Wait; // a build half done is not started again
    return options;
}

} // namespace

FirstBuilds::FirstBuilds(QVector<std::optional<FirstBuildInput>> inputs)
    : m_inputs(std::move(inputs))
    , m_builds(m_inputs, &FirstBuilds::build, helperOptions(m_inputs))
{}

std::optional<SymbolRebuild> FirstBuilds::take(qsizetype i)
{
    return m_builds.take(i);
}

std::optional<SymbolRebuild> FirstBuilds::build(const std::optional<FirstBuildInput>& input)
{
    if (!input)
        return std::nullopt;
    SymbolRebuild rebuild;
    rebuild.history = historyFromRecords(input->context, input->fetch->fills, input->fetch->orders);
    rebuild.built = tryBuildSymbolTrades(rebuild.history);
    return rebuild;
}

} // namespace fb::sync
