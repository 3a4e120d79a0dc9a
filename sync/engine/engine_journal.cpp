#include "sync/engine/engine_journal.h"
#include "sync/engine/engine_journal_write.h"
#include "sync/engine/first_builds.h"

#include "models/domain/computable.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/share_scope.h"
#include "sync/journal/transaction.h"
#include "sync/journal/unreadable_store.h"

#include <QJsonDocument>
#include <QSet>

namespace fb::sync {

using journal::Transaction;

namespace {

// Flags each record of `failure` once (an open conflict about it is not repeated).
void flagUnusableRecords(journal::Database& db, const QString& account,
                         const SymbolComputeFailure& failure, qint64 nowMs)
{
    journal::ConflictStore conflicts(db);
    auto flag = [&](const QString& recordKind, const QString& key) {
        if (conflicts.hasOpen(journal::kConflictUnusableRecord, key))
            return;
        journal::Conflict c;
        c.kind = journal::kConflictUnusableRecord;
        c.account = account;
        c.recordKind = recordKind;
        c.naturalKey = key;
        c.detail = failure.message;
        c.createdAt = nowMs;
        conflicts.add(c);
    };
    for (const qint64 id : failure.fillIds)
        flag(QStringLiteral("fill"), journal::RawStore::fillKey(account, failure.symbol, id));
    for (const Income& row : failure.incomeRows)
        flag(QStringLiteral("income"),
             journal::RawStore::incomeKey(account, row.incomeType, row.tranId));
}

// Flags each stored fill whose time cannot be right, once per fill (docs/design.md §2.11).
void flagImplausibleFills(journal::Database& db, const QString& account, const QString& symbol,
                          const QMap<qint64, QString>& fills, qint64 nowMs)
{
    journal::ConflictStore conflicts(db);
    for (auto it = fills.begin(); it != fills.end(); ++it) {
        const QString key = journal::RawStore::fillKey(account, symbol, it.key());
        if (conflicts.hasOpen(journal::kConflictImplausibleTime, key))
            continue;
        journal::Conflict c;
        c.kind = journal::kConflictImplausibleTime;
        c.account = account;
        c.recordKind = QStringLiteral("fill");
        c.naturalKey = key;
        c.detail = QStringLiteral("Fill %1 of %2: %3; it is stored as received and used in "
                                  "its trade at that time.")
                       .arg(it.key())
                       .arg(symbol, it.value());
        c.createdAt = nowMs;
        conflicts.add(c);
    }
}

} // namespace

journal::ShareScope shareScopeOf(const QVector<Fill>& fills, const QVector<Order>& orders,
                                 const journal::TradeChanges& trades)
{
    journal::ShareScope scope;
    for (const Fill& f : fills)
        scope.fillIds.insert(f.id);
    for (const Order& o : orders)
        scope.orderIds.insert(o.orderId);
    for (const QStringList* keys : {&trades.insertedKeys, &trades.changedKeys, &trades.removedKeys})
        scope.tradeKeys.unite(QSet<QString>(keys->begin(), keys->end()));
    return scope;
}

// The symbol row's error: what is wrong and what happens now (the record stays, listed).
QString computeFailureText(const SymbolComputeFailure& failure)
{
    QString text = failure.reason;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (failure.fillIds.isEmpty() && failure.incomeRows.isEmpty()) // totals, or a position
        return QStringLiteral("%1; its records are kept as received, and %2 stays failed until "
                              "the exchange corrects them.")
            .arg(text, failure.symbol);
    return QStringLiteral("%1; the record is kept as received and listed under Conflicts, and "
                          "%2 stays failed until the exchange corrects it.")
        .arg(text, failure.symbol);
}

Coverage toPlannerCoverage(const std::optional<journal::Coverage>& stored)
{
    Coverage c;
    if (stored) {
        c.fromMs = stored->coveredFrom;
        c.toMs = stored->coveredTo;
        c.lastId = stored->lastId;
    }
    return c;
}

EngineJournal::EngineJournal(const QString& path, EngineHooks hooks, int busyTimeoutMs,
                             int walCheckpointPages)
    : m_db(std::make_unique<journal::Database>(
          path, journal::OpenOptions{.mode = journal::OpenMode::ReadWrite,
                                     .purpose = QStringLiteral("sync-engine"),
                                     .migrate = true,
                                     .busyTimeoutMs = busyTimeoutMs,
                                     .walAutocheckpointPages = walCheckpointPages}))
    , m_hooks(std::move(hooks))
{}

void EngineJournal::storePositions(const QString& account, const QVector<Position>& positions)
{
    write([&] { journal::RawStore(*m_db).replacePositions(account, positions); });
}

void EngineJournal::storeSymbolPrecisions(const QVector<journal::SymbolPrecision>& symbols,
                                          qint64 nowMs)
{
    write([&] { journal::storeSymbolPrecisions(*m_db, symbols, nowMs); });
}

std::optional<Coverage> EngineJournal::coverage(const QString& account, const QString& stream,
                                                const QString& symbol)
{
    const auto stored = journal::CoverageStore(*m_db).coverage(account, stream, symbol);
    if (!stored)
        return std::nullopt;
    return toPlannerCoverage(stored);
}

journal::UpsertCounts EngineJournal::commitIncomePage(const QString& runId,
                                                      const QVector<Income>& rows,
                                                      const QString& account,
                                                      const std::optional<Coverage>& newCoverage,
                                                      const journal::RunCounters& counters,
                                                      const QVector<UnreadableRecord>& unreadable)
{
    return write([&] {
        const journal::UpsertCounts counts = journal::RawStore(*m_db).upsertIncome(rows);
        if (counts.inserted + counts.updated > 0) { // shared (docs/sharing.md)
            journal::ShareScope scope;
            for (const Income& row : rows)
                scope.incomes.insert({row.incomeType, row.tranId});
            journal::OutboxStore(*m_db).addScoped(account, QString(), scope);
        }
        journal::UnreadableStore(*m_db).keep(unreadable, journal::Database::nowMs());
        if (newCoverage) {
            journal::Coverage c;
            c.account = account;
            c.stream = kIncomeStream;
            c.coveredFrom = newCoverage->fromMs;
            c.coveredTo = newCoverage->toMs;
            journal::CoverageStore(*m_db).setCoverage(c);
        }
        journal::RunCounters total = counters;
        total.inserted += counts.inserted;
        total.updated += counts.updated;
        total.duplicates += counts.duplicates;
        journal::RunStore(*m_db).updateCounters(runId, total);
        return counts;
    });
}

QVector<SymbolFacts> EngineJournal::gatherFacts(const RunParams& params,
                                                const QVector<Position>& positions,
                                                const QStringList& restrictTo, qint64 rereadMs)
{
    Transaction snapshot(*m_db, Transaction::Mode::Deferred);
    QMap<QString, SymbolFacts> facts;
    auto factFor = [&](const QString& symbol) -> SymbolFacts& {
        auto it = facts.find(symbol);
        if (it == facts.end()) {
            SymbolFacts f;
            f.symbol = symbol;
            it = facts.insert(symbol, f);
        }
        return *it;
    };
    for (const journal::IncomeSymbolStats& income : journal::RawStore(*m_db).incomeSymbolStats(
             params.account, params.rangeFromMs, params.rangeToMs)) {
        SymbolFacts& f = factFor(income.symbol);
        f.newestTradeIncomeMs = income.newestTradeIncomeMs;
        f.hasIncomeInRange = income.hasRowsInRange;
        f.firstTradeIncomeMs = income.firstTradeIncomeMs;
    }
    for (const Position& p : positions) {
        if (!p.positionAmt.isZero())
            factFor(p.symbol).hasOpenPosition = true;
    }
    for (const QString& symbol : journal::TradeStore(*m_db).openTradeSymbols(params.account))
        factFor(symbol).hasOpenTrade = true;
    for (const QString& s : journal::RawStore(*m_db).knownSymbols(params.account))
        factFor(s);
    for (const QString& s : params.symbols)
        factFor(s).requestedByUser = true;

    journal::CoverageStore coverage(*m_db);
    QVector<SymbolFacts> result;
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        if (!restrictTo.isEmpty() && !restrictTo.contains(it.key()))
            continue;
        it->fills = toPlannerCoverage(coverage.coverage(params.account, kFillsStream, it.key()));
        it->orders = toPlannerCoverage(coverage.coverage(params.account, kOrdersStream, it.key()));
        // The fills the run will page through: the commissions of the spans the planner finds
        // missing, not of the whole range (an incremental sync of a 1M-fill symbol counted
        // 1M rows before every run and planned 1,000 pages it never made; D171).
        for (const TimeSpan& span :
             missingSpans(it->fills, params.rangeFromMs, params.rangeToMs, rereadMs))
            it->commissionsToFetch += journal::RawStore(*m_db).commissionCount(
                params.account, it.key(), span.fromMs, span.toMs);
        // Orders behind the fills (a run stopped between a symbol's fills and their orders):
        // the fills stored without their order say where the order walk must start (D77).
        // Looked up in resumed runs and where the orders coverage lags (a clean incremental
        // sync scans nothing).
        const bool fillsStored = !it->fills.isEmpty() || it->fills.lastId;
        if (!restrictTo.isEmpty() ||
            (fillsStored && (it->orders.isEmpty() || it->orders.toMs < it->fills.toMs))) {
            journal::RawStore raw(*m_db);
            const std::optional<qint64> orphan = raw.smallestOrderlessFillOrderId(
                params.account, it.key(), params.rangeFromMs, params.rangeToMs);
            // The walk continues after the last order stored below it: a walk that stopped
            // half-way then ends with the same orders as one that never stopped.
            if (orphan) {
                const std::optional<qint64> below =
                    raw.largestOrderIdBelow(params.account, it.key(), *orphan);
                it->orderlessFillOrderId = below ? *below + 1 : *orphan;
            }
        }
        it->algoWalkStart = journal::RawStore(*m_db).algoWalkStart(params.account, it.key());
        if (const std::optional<qint64> newest =
                journal::RawStore(*m_db).newestFillTime(params.account, it.key())) {
            const Coverage algo =
                toPlannerCoverage(coverage.coverage(params.account, kAlgoOrdersStream, it.key()));
            it->algoBehind = algo.isEmpty() || algo.toMs < *newest;
        }
        it->feesToValue =
            !journal::KlineStore(*m_db).missingForSymbols(params.account, {it.key()}).isEmpty();
        result.append(*it);
    }
    snapshot.commit();
    return result;
}

void EngineJournal::recordPlan(const QString& runId, const RunPlan& plan, qint64 nowMs)
{
    write([&] {
        journal::RunStore runs(*m_db);
        QSet<QString> existing;
        for (const journal::RunSymbolRecord& s : runs.runSymbols(runId))
            existing.insert(s.symbol);
        QStringList toAdd;
        for (const SymbolPlan& p : plan.symbols) {
            if (!existing.contains(p.symbol))
                toAdd << p.symbol;
        }
        for (const QString& s : plan.upToDate) {
            if (!existing.contains(s))
                toAdd << s;
        }
        runs.addSymbols(runId, toAdd);
        for (const QString& s : plan.upToDate) {
            journal::RunSymbolRecord r;
            r.runId = runId;
            r.symbol = s;
            r.status = SymbolStatus::Completed;
            r.startedAt = nowMs;
            r.endedAt = nowMs;
            runs.saveSymbol(r); // nothing new since the last sync: no request needed
        }
    });
}

void EngineJournal::markInProgress(const QString& runId, const QStringList& symbols, qint64 nowMs)
{
    write([&] {
        journal::RunStore runs(*m_db);
        for (const journal::RunSymbolRecord& s : runs.runSymbols(runId)) {
            if (!symbols.contains(s.symbol))
                continue;
            journal::RunSymbolRecord r = s;
            r.status = SymbolStatus::InProgress;
            r.startedAt = nowMs;
            r.error.clear();
            runs.saveSymbol(r);
        }
    });
}

BatchCommit EngineJournal::commitBatch(const QString& runId, const RunParams& params,
                                       const QVector<SymbolFetch>& fetched,
                                       journal::RunCounters counters, qint64 nowMs)
{
    return write([&] {
        BatchCommit result;
        journal::RawStore raw(*m_db);
        journal::CoverageStore coverage(*m_db);
        journal::RunStore runs(*m_db);
        QMap<QString, journal::RunSymbolRecord> rows;
        for (const journal::RunSymbolRecord& s : runs.runSymbols(runId))
            rows.insert(s.symbol, s);
        // Symbols new to the journal are built from the batch's records on a helper thread
        // while this one upserts them (D178); the others are read back below.
        FirstBuilds firstBuilds(firstBuildInputs(*m_db, params.account, fetched));

        // One symbol's commit: raw records, rebuilt trades, coverage and its row. `row` and
        // `out` are the caller's staging copies, merged only when the symbol's savepoint holds.
        auto commitSymbol = [&](qsizetype index, journal::RunSymbolRecord& row, BatchCommit& out) {
            const SymbolFetch& f = fetched.at(index);
            journal::UpsertCounts counts = raw.upsertFills(f.fills);
            journal::UpsertCounts orderCounts = raw.upsertOrders(f.orders);
            orderCounts += commitAlgoOrders(*m_db, params, f); // D108
            out.records += counts;
            out.records += orderCounts;
            flagImplausibleFills(*m_db, params.account, f.symbol, f.implausibleFills, nowMs);

            // Rebuild the symbol's books inside this transaction, so trades never disagree
            // with the raw layer they come from: a symbol new to the journal was built from
            // these very records (D178); a known one from its last flat point when its rebuild
            // cut holds, else from everything the journal knows (D126).
            std::optional<SymbolRebuild> builtAhead = firstBuilds.take(index);
            out.builtFromBatch += builtAhead ? 1 : 0;
            SymbolRebuild rebuild = builtAhead
                                        ? std::move(*builtAhead)
                                        : loadAndBuildSymbol(*m_db, params.account, f.symbol, true);
            const SymbolHistory& history = rebuild.history;
            const SymbolBuild& built = rebuild.built;
            if (!built.ok()) {
                // A record the journal cannot compute with (docs/design.md §2.10): the raw
                // records stay stored and flagged, the symbol's trades and coverage stay as
                // they were, and only this symbol fails.
                SymbolComputeFailure failure{f.symbol, *built.error, {}, built.badFillIds, {}};
                for (const Income& funding : history.funding) {
                    if (built.badTranIds.contains(funding.tranId))
                        failure.incomeRows.append(funding);
                }
                failure.message = computeFailureText(failure);
                flagUnusableRecords(*m_db, params.account, failure, nowMs);
                row.status = SymbolStatus::Failed;
                row.error = failure.message;
                row.recordsFetched += f.recordsFetched;
                row.inserted += counts.inserted + orderCounts.inserted;
                row.duplicates += counts.duplicates + orderCounts.duplicates;
                runs.saveSymbol(row);
                out.computeFailures.append(failure);
                ++out.failed;
                return;
            }
            // Fees valued (§2.5), initial risk (D103), trades replaced, the next cut stored.
            const journal::TradeChanges changes =
                storeSymbolBuild(*m_db, params.account, f.symbol, rebuild, params.rangeFromMs);
            out.insertedTradeKeys += changes.insertedKeys;
            // Shared (docs/sharing.md) when anything of the symbol changed.
            if (counts.inserted + counts.updated + orderCounts.inserted + orderCounts.updated > 0 ||
                !changes.isEmpty())
                journal::OutboxStore(*m_db).addScoped(params.account, f.symbol,
                                                      shareScopeOf(f.fills, f.orders, changes));
            out.changedTradeKeys += changes.changedKeys;
            // The run's invalid trades are those it wrote (inserted or changed) flagged INVALID;
            // the journal-wide count is `status`'s. A symbol is rebuilt once per run (a resume
            // retries only symbols whose trades were not stored), so none is counted twice.
            for (const JournalTrade& trade : built.trades.trades) {
                if (trade.hasFlag(FlagInvalid) && (changes.insertedKeys.contains(trade.key) ||
                                                   changes.changedKeys.contains(trade.key)))
                    ++out.invalidTrades;
            }

            const Coverage fillsBefore =
                toPlannerCoverage(coverage.coverage(params.account, kFillsStream, f.symbol));
            const Coverage fillsAfter =
                extendCoverage(fillsBefore, params.rangeFromMs, params.rangeToMs, f.newestFillId);
            coverage.setCoverage({params.account, kFillsStream, f.symbol, fillsAfter.fromMs,
                                  fillsAfter.toMs, fillsAfter.lastId, 0});
            if (f.ordersFetched) {
                const Coverage ordersBefore =
                    toPlannerCoverage(coverage.coverage(params.account, kOrdersStream, f.symbol));
                const Coverage ordersAfter = extendCoverage(ordersBefore, params.rangeFromMs,
                                                            params.rangeToMs, std::nullopt);
                coverage.setCoverage({params.account, kOrdersStream, f.symbol, ordersAfter.fromMs,
                                      ordersAfter.toMs, std::nullopt, 0});
            }

            row.status = SymbolStatus::Completed;
            row.error.clear();
            row.recordsFetched += f.recordsFetched;
            row.inserted += counts.inserted + orderCounts.inserted;
            row.duplicates += counts.duplicates + orderCounts.duplicates;
            runs.saveSymbol(row);
            ++out.completed;
        };

        for (qsizetype index = 0; index < fetched.size(); ++index) {
            const SymbolFetch& f = fetched.at(index);
            journal::RunSymbolRecord row = rows.value(f.symbol);
            row.runId = runId;
            row.symbol = f.symbol;
            row.retries += f.retries;
            row.endedAt = nowMs;
            // Unreadable elements are kept whatever becomes of the symbol: nothing the
            // exchange sent may disappear unseen (docs/design.md §2.11).
            journal::UnreadableStore(*m_db).keep(f.unreadable, nowMs);
            if (!f.ok) {
                row.status = f.skipped ? SymbolStatus::Skipped : SymbolStatus::Failed;
                row.error = f.error;
                runs.saveSymbol(row);
                (f.skipped ? result.skipped : result.failed)++;
                continue;
            }
            // Each symbol in a savepoint of its own: whatever a guard missed undoes this
            // symbol alone, which fails with the reason; the batch's others commit.
            BatchCommit staged;
            journal::RunSymbolRecord stagedRow = row;
            journal::Savepoint savepoint(*m_db);
            try {
                commitSymbol(index, stagedRow, staged);
                savepoint.release();
            } catch (const journal::JournalError&) {
                throw;
            } catch (const std::exception& e) {
                savepoint.rollback();
                row.status = SymbolStatus::Failed;
                row.error = QStringLiteral("Its records could not be committed (%1); none of "
                                           "them was kept, and the next sync fetches them again.")
                                .arg(QString::fromUtf8(e.what()));
                runs.saveSymbol(row);
                result.computeFailures.append({f.symbol, row.error, row.error, {}, {}});
                ++result.failed;
                continue;
            }
            result.records += staged.records;
            result.insertedTradeKeys += staged.insertedTradeKeys;
            result.changedTradeKeys += staged.changedTradeKeys;
            result.completed += staged.completed;
            result.failed += staged.failed;
            result.invalidTrades += staged.invalidTrades;
            result.builtFromBatch += staged.builtFromBatch;
            result.computeFailures += staged.computeFailures;
        }
        counters.inserted += result.records.inserted;
        counters.updated += result.records.updated;
        counters.duplicates += result.records.duplicates;
        counters.failedSymbols += result.failed;
        counters.tradesInserted += result.insertedTradeKeys.size();
        counters.tradesUpdated += result.changedTradeKeys.size();
        counters.invalidTrades += result.invalidTrades;
        counters.batchesDone += 1;
        runs.updateCounters(runId, counters);
        return result;
    });
}

void EngineJournal::failSymbols(const QString& runId, const QString& account,
                                const QVector<SymbolComputeFailure>& failures, qint64 nowMs)
{
    if (failures.isEmpty())
        return;
    write([&] {
        journal::RunStore runs(*m_db);
        for (const SymbolComputeFailure& failure : failures) {
            flagUnusableRecords(*m_db, account, failure, nowMs);
            for (journal::RunSymbolRecord row : runs.runSymbols(runId)) {
                if (row.symbol != failure.symbol)
                    continue;
                row.status = SymbolStatus::Failed;
                row.error = failure.message;
                row.endedAt = nowMs;
                runs.saveSymbol(row);
            }
        }
    });
}

journal::UpsertCounts EngineJournal::commitSymbolChunk(const QString& runId,
                                                       const RunParams& params,
                                                       const SymbolChunk& chunk,
                                                       journal::RunCounters counters)
{
    return write([&] {
        journal::RawStore raw(*m_db);
        journal::CoverageStore coverage(*m_db);
        journal::RunStore runs(*m_db);
        journal::UpsertCounts counts = raw.upsertFills(chunk.fills);
        counts += raw.upsertOrders(chunk.orders);
        if (counts.inserted + counts.updated > 0) // shared (docs/sharing.md)
            journal::OutboxStore(*m_db).addScoped(params.account, chunk.symbol,
                                                  shareScopeOf(chunk.fills, chunk.orders));
        flagImplausibleFills(*m_db, params.account, chunk.symbol, chunk.implausibleFills,
                             journal::Database::nowMs());

        const Coverage ordersBefore =
            toPlannerCoverage(coverage.coverage(params.account, kOrdersStream, chunk.symbol));
        Coverage orders = ordersBefore;
        for (const TimeSpan& span : chunk.ordersCovered)
            orders = extendAdjacentCoverage(orders, span.fromMs, span.toMs);
        if (!orders.isEmpty() &&
            (orders.fromMs != ordersBefore.fromMs || orders.toMs != ordersBefore.toMs))
            coverage.setCoverage({params.account, kOrdersStream, chunk.symbol, orders.fromMs,
                                  orders.toMs, std::nullopt, 0});

        const Coverage fillsBefore =
            toPlannerCoverage(coverage.coverage(params.account, kFillsStream, chunk.symbol));
        Coverage fills = fillsBefore;
        for (const TimeSpan& span : chunk.fillsCovered)
            fills = extendAdjacentCoverage(fills, span.fromMs, span.toMs);
        // While orders are still being walked, fills coverage goes no further than the orders
        // coverage (a smaller claim is still true: the fills are stored either way). Orders
        // must never lag behind the fills they belong to: an incremental run asks for orders
        // only when new fills arrive, so lagging orders would never be fetched.
        if (!chunk.ordersWalkDone && !fills.isEmpty()) {
            const qint64 floor = fillsBefore.isEmpty() ? fills.fromMs - 1 : fillsBefore.toMs;
            const qint64 ordersTo = orders.isEmpty() ? fills.fromMs - 1 : orders.toMs;
            fills.toMs = std::max(floor, std::min(fills.toMs, ordersTo));
        }
        // The id cursor only ever describes stored fills: every id up to it was walked.
        if (!fills.isEmpty() && chunk.newestFillId &&
            (!fills.lastId || *chunk.newestFillId > *fills.lastId))
            fills.lastId = chunk.newestFillId;
        if (!fills.isEmpty() &&
            (fills.fromMs != fillsBefore.fromMs || fills.toMs != fillsBefore.toMs ||
             fills.lastId != fillsBefore.lastId))
            coverage.setCoverage({params.account, kFillsStream, chunk.symbol, fills.fromMs,
                                  fills.toMs, fills.lastId, 0});

        for (journal::RunSymbolRecord row : runs.runSymbols(runId)) {
            if (row.symbol != chunk.symbol)
                continue;
            row.recordsFetched += chunk.recordsFetched;
            row.inserted += counts.inserted;
            row.duplicates += counts.duplicates;
            runs.saveSymbol(row); // still in_progress: completed only by the batch commit
            break;
        }
        counters.inserted += counts.inserted;
        counters.updated += counts.updated;
        counters.duplicates += counts.duplicates;
        runs.updateCounters(runId, counters);
        return counts;
    });
}

} // namespace fb::sync
