#include "sync/journal/run_store.h"

#include "sync/journal/database.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

namespace {

QVariant optionalMs(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> readOptionalMs(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QVariant optionalText(const QString& text)
{
    return text.isEmpty() ? detail::nullVariant() : QVariant(text);
}

QString inList(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return QStringLiteral("(") + marks.join(QStringLiteral(", ")) + QStringLiteral(")");
}

const QString kRunColumns = QStringLiteral(
    "id, account, status, params_json, fingerprint, range_from, range_to, created_at, "
    "started_at, updated_at, ended_at, paused_until, inserted, updated, duplicates, "
    "failed_symbols, retries, requests, weight, planned_units, done_units, error, summary_json, "
    "reconciliation_json, trades_inserted, trades_updated, invalid_trades, batches_done, "
    "batches_total");

const QString kSymbolColumns = QStringLiteral(
    "run_id, symbol, status, records_fetched, inserted, duplicates, error, retries, started_at, "
    "ended_at");

// The schema's CHECK constraints keep unknown names out; a file written by something else is
// reported, never guessed at.
template <typename Parse> auto readStatus(Parse parse, const QString& name, const QString& runId)
{
    const auto status = parse(name);
    if (!status)
        throw JournalError(
            JournalError::Kind::Corrupt,
            QStringLiteral("Run %1 has an unknown status '%2' in the journal.").arg(runId, name));
    return *status;
}

RunRecord readRun(const QSqlQuery& q)
{
    RunRecord r;
    r.id = q.value(0).toString();
    r.account = q.value(1).toString();
    r.status = readStatus(parseRunStatus, q.value(2).toString(), r.id);
    r.paramsJson = q.value(3).toString();
    r.fingerprint = q.value(4).toString();
    r.rangeFrom = readOptionalMs(q.value(5));
    r.rangeTo = readOptionalMs(q.value(6));
    r.createdAt = q.value(7).toLongLong();
    r.startedAt = readOptionalMs(q.value(8));
    r.updatedAt = q.value(9).toLongLong();
    r.endedAt = readOptionalMs(q.value(10));
    r.pausedUntil = readOptionalMs(q.value(11));
    r.counters.inserted = q.value(12).toLongLong();
    r.counters.updated = q.value(13).toLongLong();
    r.counters.duplicates = q.value(14).toLongLong();
    r.counters.failedSymbols = q.value(15).toLongLong();
    r.counters.retries = q.value(16).toLongLong();
    r.counters.requests = q.value(17).toLongLong();
    r.counters.weight = q.value(18).toLongLong();
    r.counters.plannedUnits = q.value(19).toLongLong();
    r.counters.doneUnits = q.value(20).toLongLong();
    r.error = q.value(21).toString();
    r.summaryJson = q.value(22).toString();
    r.reconciliationJson = q.value(23).toString();
    r.counters.tradesInserted = q.value(24).toLongLong();
    r.counters.tradesUpdated = q.value(25).toLongLong();
    r.counters.invalidTrades = q.value(26).toLongLong();
    r.counters.batchesDone = q.value(27).toLongLong();
    r.counters.batchesTotal = q.value(28).toLongLong();
    return r;
}

RunSymbolRecord readSymbol(const QSqlQuery& q)
{
    RunSymbolRecord s;
    s.runId = q.value(0).toString();
    s.symbol = q.value(1).toString();
    s.status = readStatus(parseSymbolStatus, q.value(2).toString(), s.runId);
    s.recordsFetched = q.value(3).toLongLong();
    s.inserted = q.value(4).toLongLong();
    s.duplicates = q.value(5).toLongLong();
    s.error = q.value(6).toString();
    s.retries = q.value(7).toLongLong();
    s.startedAt = readOptionalMs(q.value(8));
    s.endedAt = readOptionalMs(q.value(9));
    return s;
}

QVariantList counterValues(const RunCounters& c)
{
    return {c.inserted, c.updated, c.duplicates,   c.failedSymbols, c.retries,
            c.requests, c.weight,  c.plannedUnits, c.doneUnits};
}

// The report counters, stored after error/summary/reconciliation in kRunColumns' order.
QVariantList reportValues(const RunCounters& c)
{
    return {c.tradesInserted, c.tradesUpdated, c.invalidTrades, c.batchesDone, c.batchesTotal};
}

const QString kReportAssignments =
    QStringLiteral("trades_inserted = ?, trades_updated = ?, invalid_trades = ?, "
                   "batches_done = ?, batches_total = ?");

void requireOneRow(const QSqlQuery& query, const QString& what, const QString& id)
{
    if (query.numRowsAffected() != 1)
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Could not %1: there is no %2.").arg(what, id));
}

} // namespace

RunStore::RunStore(Database& db)
    : m_db(db)
{}

void RunStore::createRun(const RunRecord& run, const QStringList& symbols)
{
    if (run.id.isEmpty() || run.account.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("A run needs an id and an account."));
    WriteScope scope(m_db);
    const qint64 now = Database::nowMs();
    const qint64 created = run.createdAt != 0 ? run.createdAt : now;
    QVariantList values{run.id,
                        run.account,
                        runStatusName(run.status),
                        run.paramsJson.isEmpty() ? QStringLiteral("{}") : run.paramsJson,
                        run.fingerprint,
                        optionalMs(run.rangeFrom),
                        optionalMs(run.rangeTo),
                        created,
                        optionalMs(run.startedAt),
                        run.updatedAt != 0 ? run.updatedAt : created,
                        optionalMs(run.endedAt),
                        optionalMs(run.pausedUntil)};
    values += counterValues(run.counters);
    values << optionalText(run.error) << optionalText(run.summaryJson)
           << optionalText(run.reconciliationJson);
    values += reportValues(run.counters);
    sqlOn(m_db).run(QStringLiteral("INSERT INTO runs (%1) VALUES %2").arg(kRunColumns, inList(29)),
                    values, QStringLiteral("create run %1").arg(run.id));
    addSymbols(run.id, symbols);
    scope.commit();
}

void RunStore::addSymbols(const QString& runId, const QStringList& symbols)
{
    if (symbols.isEmpty())
        return;
    WriteScope scope(m_db);
    QSqlQuery insert = sqlOn(m_db).prepare(
        QStringLiteral("INSERT INTO run_symbols (run_id, symbol, status) VALUES (?, ?, 'pending') "
                       "ON CONFLICT (run_id, symbol) DO NOTHING"));
    for (const QString& symbol : symbols) {
        Database::bind(insert, 0, runId);
        Database::bind(insert, 1, symbol);
        sqlOn(m_db).exec(insert, QStringLiteral("add symbol %1 to run %2").arg(symbol, runId));
    }
    scope.commit();
}

void RunStore::saveRun(const RunRecord& run)
{
    WriteScope scope(m_db);
    QVariantList values{run.account,
                        runStatusName(run.status),
                        run.paramsJson.isEmpty() ? QStringLiteral("{}") : run.paramsJson,
                        run.fingerprint,
                        optionalMs(run.rangeFrom),
                        optionalMs(run.rangeTo),
                        optionalMs(run.startedAt),
                        Database::nowMs(),
                        optionalMs(run.endedAt),
                        optionalMs(run.pausedUntil)};
    values += counterValues(run.counters);
    values << optionalText(run.error) << optionalText(run.summaryJson)
           << optionalText(run.reconciliationJson);
    values += reportValues(run.counters);
    values << run.id;
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("UPDATE runs SET account = ?, status = ?, params_json = ?, fingerprint = ?, "
                       "range_from = ?, range_to = ?, started_at = ?, updated_at = ?, "
                       "ended_at = ?, paused_until = ?, inserted = ?, updated = ?, "
                       "duplicates = ?, failed_symbols = ?, retries = ?, requests = ?, "
                       "weight = ?, planned_units = ?, done_units = ?, error = ?, "
                       "summary_json = ?, reconciliation_json = ?, ") +
            kReportAssignments + QStringLiteral(" WHERE id = ?"),
        values, QStringLiteral("save run %1").arg(run.id));
    requireOneRow(query, QStringLiteral("save the run"), run.id);
    scope.commit();
}

void RunStore::updateStatus(const QString& runId, RunStatus status, const QString& error)
{
    WriteScope scope(m_db);
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("UPDATE runs SET status = ?, error = ?, updated_at = ? "
                                       "WHERE id = ?"),
                        {runStatusName(status), optionalText(error), Database::nowMs(), runId},
                        QStringLiteral("set the status of run %1").arg(runId));
    requireOneRow(query, QStringLiteral("set the run status"), runId);
    scope.commit();
}

void RunStore::updateCounters(const QString& runId, const RunCounters& counters)
{
    WriteScope scope(m_db);
    QVariantList values = counterValues(counters);
    values += reportValues(counters);
    values << Database::nowMs() << runId;
    QSqlQuery query =
        sqlOn(m_db).run(QStringLiteral("UPDATE runs SET inserted = ?, updated = ?, duplicates = ?, "
                                       "failed_symbols = ?, retries = ?, requests = ?, weight = ?, "
                                       "planned_units = ?, done_units = ?, ") +
                            kReportAssignments + QStringLiteral(", updated_at = ? WHERE id = ?"),
                        values, QStringLiteral("update the counters of run %1").arg(runId));
    requireOneRow(query, QStringLiteral("update the run counters"), runId);
    scope.commit();
}

void RunStore::finishRun(const QString& runId, RunStatus status, const QString& summaryJson,
                         const QString& reconciliationJson, const QString& error)
{
    WriteScope scope(m_db);
    const qint64 now = Database::nowMs();
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("UPDATE runs SET status = ?, summary_json = ?, reconciliation_json = ?, "
                       "error = ?, ended_at = ?, updated_at = ? WHERE id = ?"),
        {runStatusName(status), optionalText(summaryJson), optionalText(reconciliationJson),
         optionalText(error), now, now, runId},
        QStringLiteral("finish run %1").arg(runId));
    requireOneRow(query, QStringLiteral("finish the run"), runId);
    scope.commit();
}

void RunStore::saveSymbol(const RunSymbolRecord& s)
{
    WriteScope scope(m_db);
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("UPDATE run_symbols SET status = ?, records_fetched = ?, inserted = ?, "
                       "duplicates = ?, error = ?, retries = ?, started_at = ?, ended_at = ? "
                       "WHERE run_id = ? AND symbol = ?"),
        {symbolStatusName(s.status), s.recordsFetched, s.inserted, s.duplicates,
         optionalText(s.error), s.retries, optionalMs(s.startedAt), optionalMs(s.endedAt), s.runId,
         s.symbol},
        QStringLiteral("save symbol %1 of run %2").arg(s.symbol, s.runId));
    requireOneRow(query, QStringLiteral("save the run symbol"),
                  s.runId + QLatin1Char('/') + s.symbol);
    scope.commit();
}

void RunStore::setSymbolStatus(const QString& runId, const QString& symbol, SymbolStatus status,
                               const QString& error)
{
    WriteScope scope(m_db);
    const qint64 now = Database::nowMs();
    const bool starts = status == SymbolStatus::InProgress;
    const bool ends = status == SymbolStatus::Completed || status == SymbolStatus::Failed ||
                      status == SymbolStatus::Skipped;
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral(
            "UPDATE run_symbols SET status = ?, error = ?, "
            "started_at = CASE WHEN ? AND started_at IS NULL THEN ? ELSE started_at END, "
            "ended_at = CASE WHEN ? THEN ? ELSE ended_at END "
            "WHERE run_id = ? AND symbol = ?"),
        {symbolStatusName(status), optionalText(error), starts ? 1 : 0, now, ends ? 1 : 0, now,
         runId, symbol},
        QStringLiteral("set the status of symbol %1 of run %2").arg(symbol, runId));
    requireOneRow(query, QStringLiteral("set the run symbol status"),
                  runId + QLatin1Char('/') + symbol);
    scope.commit();
}

QVector<RunRecord> RunStore::selectRuns(const QString& tail, const QVariantList& values)
{
    QSqlQuery query = sqlOn(m_db).run(QStringLiteral("SELECT ") + kRunColumns +
                                          QStringLiteral(" FROM runs ") + tail,
                                      values, QStringLiteral("read runs"));
    QVector<RunRecord> runs;
    while (query.next())
        runs.append(readRun(query));
    return runs;
}

std::optional<RunRecord> RunStore::run(const QString& runId)
{
    const QVector<RunRecord> runs = selectRuns(QStringLiteral("WHERE id = ?"), {runId});
    if (runs.isEmpty())
        return std::nullopt;
    return runs.first();
}

std::optional<RunRecord> RunStore::latestRun(const QString& account)
{
    const QVector<RunRecord> runs = listRuns(1, account);
    if (runs.isEmpty())
        return std::nullopt;
    return runs.first();
}

QVector<RunRecord> RunStore::listRuns(int limit, const QString& account)
{
    // Run ids start with their UTC creation time, so id breaks ties within a millisecond.
    if (account.isEmpty())
        return selectRuns(QStringLiteral("ORDER BY created_at DESC, id DESC LIMIT ?"), {limit});
    return selectRuns(QStringLiteral("WHERE account = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
                      {account, limit});
}

QVector<RunRecord> RunStore::runsWithStatus(const QVector<RunStatus>& statuses,
                                            const QString& account)
{
    if (statuses.isEmpty())
        return {};
    QVariantList values;
    for (const RunStatus status : statuses)
        values.append(runStatusName(status));
    QString tail = QStringLiteral("WHERE status IN ") + inList(statuses.size());
    if (!account.isEmpty()) {
        tail += QStringLiteral(" AND account = ?");
        values.append(account);
    }
    return selectRuns(tail + QStringLiteral(" ORDER BY created_at DESC, id DESC"), values);
}

QVector<RunSymbolRecord> RunStore::runSymbols(const QString& runId,
                                              const QVector<SymbolStatus>& statuses)
{
    QVariantList values{runId};
    QString sql = QStringLiteral("SELECT ") + kSymbolColumns +
                  QStringLiteral(" FROM run_symbols WHERE run_id = ?");
    if (!statuses.isEmpty()) {
        sql += QStringLiteral(" AND status IN ") + inList(statuses.size());
        for (const SymbolStatus status : statuses)
            values.append(symbolStatusName(status));
    }
    QSqlQuery query = sqlOn(m_db).run(sql + QStringLiteral(" ORDER BY symbol"), values,
                                      QStringLiteral("read the symbols of run %1").arg(runId));
    QVector<RunSymbolRecord> symbols;
    while (query.next())
        symbols.append(readSymbol(query));
    return symbols;
}

SymbolTally RunStore::symbolTally(const QString& runId)
{
    QSqlQuery query = sqlOn(m_db).run(
        QStringLiteral("SELECT status, count(*) FROM run_symbols WHERE run_id = ? GROUP BY status"),
        {runId}, QStringLiteral("count the symbols of run %1").arg(runId));
    SymbolTally tally;
    while (query.next()) {
        const qint64 count = query.value(1).toLongLong();
        switch (readStatus(parseSymbolStatus, query.value(0).toString(), runId)) {
        case SymbolStatus::Pending:
            tally.pending += count;
            break;
        case SymbolStatus::InProgress:
            tally.inProgress += count;
            break;
        case SymbolStatus::Completed:
            tally.completed += count;
            break;
        case SymbolStatus::Failed:
            tally.failed += count;
            break;
        case SymbolStatus::Skipped:
            tally.skipped += count;
            break;
        }
    }
    return tally;
}

int RunStore::pruneFinishedRuns(qint64 cutoffMs)
{
    WriteScope scope(m_db);
    QStringList names;
    for (const RunStatus status : {RunStatus::Completed, RunStatus::CompletedWithErrors,
                                   RunStatus::Failed, RunStatus::Discarded, RunStatus::Expired}) {
        Q_ASSERT(isFinished(status));
        names << QLatin1Char('\'') + runStatusName(status) + QLatin1Char('\'');
    }
    const QString finished = QLatin1Char('(') + names.join(QStringLiteral(", ")) + QLatin1Char(')');
    sqlOn(m_db).run(
        QStringLiteral("DELETE FROM run_symbols WHERE run_id IN (SELECT id FROM runs WHERE "
                       "status IN %1 AND created_at < ?)")
            .arg(finished),
        {cutoffMs}, QStringLiteral("prune run symbols"));
    QSqlQuery removed = sqlOn(m_db).run(
        QStringLiteral("DELETE FROM runs WHERE status IN %1 AND created_at < ?").arg(finished),
        {cutoffMs}, QStringLiteral("prune runs"));
    const int count = removed.numRowsAffected();
    scope.commit();
    return count;
}

DiscardResult RunStore::discardRun(const QString& runId)
{
    WriteScope scope(m_db);
    DiscardResult result;
    result.run = run(runId);
    if (!result.run)
        return result;
    result.holder = SyncLock(m_db).current();
    if (result.holder && result.holder->runId == runId) {
        result.outcome = DiscardResult::Outcome::BeingSynced;
        return result;
    }
    if (!isResumable(result.run->status)) {
        result.outcome = DiscardResult::Outcome::NotResumable;
        return result;
    }
    updateStatus(runId, RunStatus::Discarded,
                 QStringLiteral("Discarded by the user; the data it synced is kept."));
    scope.commit();
    result.run->status = RunStatus::Discarded;
    result.outcome = DiscardResult::Outcome::Discarded;
    return result;
}

} // namespace fb::journal
