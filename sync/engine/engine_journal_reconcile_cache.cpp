// Reconciliation from kept hour sums (docs/design.md §2.9, D169). Each check's sums
// are sums over records, and each record is counted under an (asset, check) that depends on it
// alone (models/domain/reconciliation_sums.h), so a range's report is the sum of its hours'.
// An hour is kept only once a reconciliation read every record of it, and the schema's
// triggers delete it as soon as one of them changes: a kept hour's sums are the ones its
// records give now.
#include "sync/engine/engine_journal_reconcile_cache.h"

#include "models/domain/funding.h"
#include "sync/journal/recon_hour_store.h"

#include <QSet>

namespace fb::sync {

namespace {

bool anyProblem(const QVector<Fill>& fills, const QVector<Income>& income)
{
    for (const Fill& f : fills) {
        if (fillComputeProblem(f))
            return true;
    }
    for (const Income& row : income) {
        if (incomeComputeProblem(row))
            return true;
    }
    return false;
}

// The hours without a record the journal cannot compute with (§2.10: such an hour is never
// kept, so a run over it reads it and names the record as before).
QVector<HourSums> computableHours(const QVector<HourSums>& hours, const QVector<Fill>& fills,
                                  const QVector<Income>& income)
{
    QSet<qint64> bad;
    for (const Fill& f : fills) {
        if (fillComputeProblem(f))
            bad.insert(reconHourFloor(f.time));
    }
    for (const Income& row : income) {
        if (incomeComputeProblem(row))
            bad.insert(reconHourFloor(row.time));
    }
    QVector<HourSums> out;
    for (const HourSums& hour : hours) {
        if (!bad.contains(hour.hourMs))
            out.append(hour);
    }
    return out;
}

// The latest flat point at or before `limit` (and the rebuild cut) among `trades` built from
// `history` read from `fromMs` on (nullopt: everything), as a cut to read from.
std::optional<journal::RangeCut> reconCutFor(journal::Database& db, const QString& account,
                                             const SymbolHistory& history,
                                             const QVector<JournalTrade>& trades,
                                             std::optional<qint64> fromMs, qint64 limit)
{
    const std::optional<journal::RebuildCut> cut =
        journal::RebuildCutStore(db).cut(account, history.symbol);
    if (!cut || cut->rules != kTradeRulesRevision)
        return std::nullopt; // kept in that row: nowhere to keep it
    const std::optional<qint64> flat =
        latestFlatPointAtOrBefore(trades, std::min(limit, cut->cutMs));
    if (!flat || (fromMs && *flat < *fromMs))
        return std::nullopt;
    return rangeCutAt(db, account, history, *flat);
}

} // namespace

std::optional<CachedReconciliation>
reconcileFromHours(journal::Database& db, const RunParams& params, const QString& symbol)
{
    const QString& account = params.account;
    const qint64 from = params.rangeFromMs;
    const qint64 to = params.rangeToMs;
    const qint64 first = reconHourCeil(from);  // the first hour wholly inside the range
    const qint64 end = reconHourFloor(to + 1); // the end of the last one
    if (end <= first)
        return std::nullopt;
    journal::ReconHourStore store(db);
    const std::optional<journal::RangeCut> cut =
        journal::RebuildCutStore(db).reconCut(account, symbol, kTradeRulesRevision);
    if (!cut)
        return std::nullopt;
    const qint64 head = from < first ? first - kReconHourMs : first;
    const QVector<HourSums> kept = store.hours(account, symbol, head, end, kTradeRulesRevision);

    CachedReconciliation out;
    CheckSums sums;
    qsizetype i = 0;
    journal::RawStore raw(db);
    try {
        if (head < first) {
            // The hour holding the range start: its records from the start on, read by its
            // fills' id range and the income index.
            // Its marker's fill ids hold every fill from its fromMs on.
            if (kept.isEmpty() || kept.first().hourMs != head || kept.first().fromMs > from)
                return std::nullopt;
            const HourSums& hour = kept.first();
            ++i;
            QVector<Fill> fills;
            if (hour.minFillId)
                fills =
                    raw.fillsBetweenIds(account, symbol, *hour.minFillId, *hour.maxFillId, from);
            const QVector<Income> income = raw.incomeBetween(account, from, first - 1, symbol);
            if (anyProblem(fills, income))
                return std::nullopt;
            for (const Fill& f : fills) {
                if (f.time < first)
                    addFillSums(sums, f);
            }
            for (const Income& row : income) {
                addIncomeSums(sums, row);
                if (row.incomeType == QLatin1String("FUNDING_FEE")) {
                    // Attributed or not, a row with an asset is counted under it (§2.7); one
                    // without needs the lifecycle open at its time.
                    if (row.asset.isEmpty())
                        return std::nullopt;
                    addFundingJournal(sums, row, row.asset);
                }
            }
        }
        // The kept hours from the first one on, while they follow each other.
        qint64 next = first;
        for (; i < kept.size() && kept[i].hourMs == next && kept[i].fromMs == next;
             ++i, next += kReconHourMs)
            addCheckSums(sums, kept[i].sums);
        const qint64 tail = next; // everything from here on is read
        if (cut->cutMs > tail)
            return std::nullopt;

        SymbolHistory history =
            raw.loadSymbolHistorySince(account, symbol, cut->cutMs, cut->floorFillId);
        if (!cutHolds(history))
            return std::nullopt;
        const QVector<Income> income = raw.incomeBetween(account, tail, to, symbol);
        // Only the funding of the part read is attributed, like the income it is compared with.
        QVector<Income> funding;
        for (const Income& row : history.funding) {
            if (row.time >= tail && row.time <= to)
                funding.append(row);
        }
        history.funding = funding;
        QVector<Fill> fills;
        for (const Fill& f : history.fills) {
            if (f.time >= tail && f.time <= to)
                fills.append(f);
        }
        for (const Income& row : income) {
            if (incomeComputeProblem(row))
                return std::nullopt;
        }
        const SymbolBuild built = tryBuildSymbolTrades(history);
        if (!built.ok())
            return std::nullopt;
        const QHash<qint64, QString> attributed = attributedFundingAssets(built.trades.trades);
        for (const Fill& f : fills)
            addFillSums(sums, f);
        for (const Income& row : income) {
            addIncomeSums(sums, row);
            if (row.incomeType == QLatin1String("FUNDING_FEE"))
                addFundingJournal(sums, row, fundingJournalAsset(row, attributed));
        }
        out.lines = reconciliationLines(symbol, sums);
        out.update.account = account;
        out.update.symbol = symbol;
        out.update.hours = hourlySums(fills, income, attributed, tail, std::max(tail, end));
        out.update.reconCut =
            reconCutFor(db, account, history, built.trades.trades, cut->cutMs, std::max(tail, end));
    } catch (const DecimalOverflow&) {
        return std::nullopt; // the reference path names the amounts
    }
    return out;
}

ReconCacheUpdate hoursFromHistory(journal::Database& db, const RunParams& params,
                                  const SymbolHistory& history, std::optional<qint64> historyFromMs,
                                  const QVector<Income>& rangeIncome, const SymbolTrades& built)
{
    ReconCacheUpdate update;
    update.account = params.account;
    update.symbol = history.symbol;
    const qint64 from = params.rangeFromMs;
    const qint64 first = reconHourCeil(from);
    const qint64 end = reconHourFloor(params.rangeToMs + 1);
    if (end <= first)
        return update;
    // The hour holding the range start too: whole when the history read holds all of it,
    // else from where the read started (its fill ids then serve a later run's partial hour).
    const qint64 start = from < first ? first - kReconHourMs : first;
    const qint64 readFrom = historyFromMs ? std::max(start, *historyFromMs) : start;
    QVector<Income> income;
    if (readFrom < from)
        income =
            journal::RawStore(db).incomeBetween(params.account, readFrom, from - 1, history.symbol);
    QVector<Income> funding;
    for (const Income& row : rangeIncome) {
        if (row.time >= start && row.time < end)
            income.append(row);
    }
    for (const Income& row : income) {
        if (row.incomeType == QLatin1String("FUNDING_FEE"))
            funding.append(row);
    }
    // Which trade each of these funding rows goes to (§2.7: a row's attribution depends on the
    // lifecycles alone, not on the other rows).
    QVector<JournalTrade> trades = built.trades;
    for (JournalTrade& trade : trades) {
        trade.funding = Decimal();
        trade.fundingTranIds.clear();
    }
    attributeFunding(trades, funding);
    try {
        QVector<HourSums> hours =
            hourlySums(history.fills, income, attributedFundingAssets(trades), start, end);
        if (!hours.isEmpty())
            hours.first().fromMs = std::max(hours.first().hourMs, readFrom);
        update.hours = computableHours(hours, history.fills, income);
    } catch (const DecimalOverflow&) {
        update.hours.clear();
    }
    update.reconCut = reconCutFor(db, params.account, history, built.trades, historyFromMs, end);
    return update;
}

void storeReconCache(journal::Database& db, const QVector<ReconCacheUpdate>& updates)
{
    journal::ReconHourStore store(db);
    journal::RebuildCutStore cuts(db);
    for (const ReconCacheUpdate& update : updates) {
        store.store(update.account, update.symbol, kTradeRulesRevision, update.hours);
        if (update.reconCut)
            cuts.setReconCut(update.account, update.symbol, kTradeRulesRevision, update.reconCut);
    }
}

} // namespace fb::sync
