// A symbol's rebuild from its last flat point (docs/design.md D126): the trades before the
// symbol's rebuild cut are final, so a rebuild reads only the fills and funding from the cut on
// and replaces only the trades opened from it on. Whatever the cut, the stored trades are the
// ones a full rebuild gives: a cut is used only while it provably holds, and a full rebuild is
// the fallback for every case it cannot vouch for.
#include "sync/engine/engine_journal.h"

#include "sync/journal/rebuild_cut_store.h"

#include <algorithm>
#include <array>
#include <limits>

namespace fb::sync {

namespace {

constexpr qint64 kMinTime = std::numeric_limits<qint64>::min();
constexpr qint64 kMaxTime = std::numeric_limits<qint64>::max();

} // namespace

// Does the stored cut still hold for `history` (the fills and funding from the cut on)? The
// trades before the cut were built from a starting position that made every book flat at the
// cut; the full builder derives the starting position from the current one, so it still makes
// every book flat there exactly when each book's current position equals what its fills from
// the cut on add up to. (Late records before the cut are the triggers' business: they delete
// the cut.)
bool cutHolds(const SymbolHistory& history)
{
    constexpr std::array<PositionSide, 3> kBooks{PositionSide::Both, PositionSide::Long,
                                                 PositionSide::Short};
    for (const PositionSide side : kBooks) {
        Decimal after;
        for (const Fill& fill : history.fills) {
            if (fill.positionSide == side)
                after += fill.signedQty();
        }
        if (!(history.currentPosition.value(side) - after).isZero())
            return false;
    }
    return true;
}

std::optional<qint64> latestRebuildCut(const QVector<JournalTrade>& trades)
{
    if (trades.isEmpty())
        return std::nullopt;
    struct Span
    {
        qint64 lower;
        qint64 upper;
    };
    QVector<Span> spans;
    spans.reserve(trades.size());
    bool allClosed = true;
    qint64 lastClose = kMinTime;
    for (const JournalTrade& t : trades) {
        const qint64 lower = t.hasFlag(FlagIncompleteStart) ? kMinTime : t.openTime;
        const qint64 upper = t.closeTime.value_or(kMaxTime);
        allClosed = allClosed && t.closeTime.has_value();
        lastClose = std::max(lastClose, upper);
        spans.append({lower, upper});
    }
    if (allClosed && lastClose < kMaxTime)
        return lastClose + 1; // every trade is over: the next fill starts afresh
    // The latest opening time that no earlier trade spans: every trade that opened before it
    // also closed before it.
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.lower < b.lower; });
    std::optional<qint64> best;
    qint64 reach = kMinTime; // the latest close among the trades opened before spans[i]
    for (qsizetype i = 0; i < spans.size();) {
        const qint64 at = spans[i].lower;
        if (at != kMinTime && reach < at)
            best = at;
        for (; i < spans.size() && spans[i].lower == at; ++i)
            reach = std::max(reach, spans[i].upper);
    }
    return best;
}

std::optional<qint64> latestFlatPointAtOrBefore(const QVector<JournalTrade>& trades, qint64 limit)
{
    struct Span
    {
        qint64 lower;
        qint64 upper;
    };
    QVector<Span> spans;
    spans.reserve(trades.size());
    for (const JournalTrade& t : trades)
        spans.append({t.hasFlag(FlagIncompleteStart) ? kMinTime : t.openTime,
                      t.closeTime.value_or(kMaxTime)});
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.lower < b.lower; });
    // A time C is flat when every trade opened before it closed before it: with the trades
    // sorted by opening, C in (latest close of the trades opened before a group, the group's
    // opening], or after every close. The candidates only grow, so the last one wins.
    std::optional<qint64> best;
    qint64 reach = kMinTime;
    for (qsizetype i = 0; i < spans.size();) {
        const qint64 at = spans[i].lower;
        if (at != kMinTime && std::min(at, limit) > reach)
            best = std::min(at, limit);
        for (; i < spans.size() && spans[i].lower == at; ++i)
            reach = std::max(reach, spans[i].upper);
    }
    if (reach < kMaxTime && limit > reach)
        best = limit;
    return best;
}

journal::RangeCut rangeCutAt(journal::Database& db, const QString& account,
                             const SymbolHistory& history, qint64 cutMs)
{
    qint64 floor = journal::RawStore(db).largestFillId(account, history.symbol).value_or(0) + 1;
    for (const Fill& fill : history.fills) {
        if (fill.time >= cutMs)
            floor = std::min(floor, fill.id);
    }
    return {cutMs, floor};
}

SymbolRebuild loadAndBuildSymbol(journal::Database& db, const QString& account,
                                 const QString& symbol, bool fromCut)
{
    journal::RawStore raw(db);
    SymbolRebuild out;
    if (fromCut) {
        const auto cut = journal::RebuildCutStore(db).cut(account, symbol);
        if (cut && cut->rules == kTradeRulesRevision) {
            out.history = raw.loadSymbolHistorySince(account, symbol, cut->cutMs, cut->floorFillId);
            if (cutHolds(out.history)) {
                out.built = tryBuildSymbolTrades(out.history);
                if (out.built.ok()) {
                    out.fromMs = cut->cutMs;
                    return out;
                }
                // A record it cannot compute with: the full build names it as it always did.
            }
        }
    }
    out.history = raw.loadSymbolHistory(account, symbol);
    out.built = tryBuildSymbolTrades(out.history);
    out.fromMs.reset();
    return out;
}

namespace {

// The range cut after a build (docs/design.md §2.9): the latest flat point at or before the
// range start among the trades built, when the build started at or before it; a full rebuild
// otherwise drops a range cut it cannot vouch for (one kept under other trade rules). Never
// after the rebuild cut `cutMs`: a record the journal cannot compute with, or any change, from
// the range cut on is then either before the rebuild cut (the triggers delete the row) or read
// by the reconciliation from the range cut (which then falls back to the whole history).
void storeRangeCut(journal::Database& db, const QString& account, const QString& symbol,
                   const SymbolRebuild& rebuild, const std::optional<journal::RebuildCut>& before,
                   qint64 cutMs, std::optional<qint64> rangeFromMs)
{
    journal::RebuildCutStore cuts(db);
    const bool full = !rebuild.fromMs;
    const bool sameRules = before && before->rules == kTradeRulesRevision;
    std::optional<qint64> flat;
    if (rangeFromMs && (full || *rebuild.fromMs <= *rangeFromMs))
        flat =
            latestFlatPointAtOrBefore(rebuild.built.trades.trades, std::min(*rangeFromMs, cutMs));
    std::optional<journal::RangeCut> stored =
        sameRules ? cuts.rangeCut(account, symbol, kTradeRulesRevision) : std::nullopt;
    const bool beyondCut = stored && stored->cutMs > cutMs; // a full rebuild's earlier cut
    if (beyondCut)
        stored.reset();
    if (flat && (!stored || *flat > stored->cutMs)) {
        cuts.setRangeCut(account, symbol, kTradeRulesRevision,
                         rangeCutAt(db, account, rebuild.history, *flat));
    } else if ((full && !sameRules) || beyondCut) {
        cuts.setRangeCut(account, symbol, kTradeRulesRevision, std::nullopt);
    }
}

} // namespace

journal::TradeChanges storeSymbolBuild(journal::Database& db, const QString& account,
                                       const QString& symbol, SymbolRebuild& rebuild,
                                       std::optional<qint64> rangeFromMs)
{
    journal::RebuildCutStore cuts(db);
    const std::optional<journal::RebuildCut> before = cuts.cut(account, symbol);
    QVector<JournalTrade>& trades = rebuild.built.trades.trades;
    valueSymbolFees(db, trades);                                   // docs/design.md §2.5
    applySymbolStops(db, account, symbol, trades, rebuild.fromMs); // D103
    const journal::TradeChanges changes = journal::TradeStore(db).replaceSymbolTrades(
        account, symbol, rebuild.built.trades, rebuild.fromMs);

    // The next rebuild's cut: the latest one these trades allow, else (from a cut, with none
    // among the new trades) the cut this rebuild started from, which still holds.
    std::optional<qint64> cut = latestRebuildCut(trades);
    if (!cut && rebuild.fromMs)
        cut = rebuild.fromMs;
    std::optional<journal::RebuildCut> row;
    if (cut) {
        journal::RawStore raw(db);
        qint64 floor = raw.largestFillId(account, symbol).value_or(0) + 1;
        for (const Fill& fill : rebuild.history.fills) {
            if (fill.time >= *cut)
                floor = std::min(floor, fill.id);
        }
        row = journal::RebuildCut{*cut, floor, kTradeRulesRevision};
    }
    cuts.setCut(account, symbol, row);
    if (row)
        storeRangeCut(db, account, symbol, rebuild, before, row->cutMs, rangeFromMs);
    return changes;
}

} // namespace fb::sync
