#include "sync/journal/trade_store.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/encode_ahead.h"
#include "sync/journal/logging.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_rows.h"
#include "sync/journal/transaction.h"

#include <QHash>
#include <QSet>

#include <limits>

#include <algorithm>

namespace fb::journal {

namespace {

// WHERE clause of a filter; the columns match the indexes of schema v2 so that symbol and time
// filters are index searches.
QString whereClause(const TradeFilter& filter, QVariantList* values)
{
    QStringList conditions;
    if (!filter.account.isEmpty()) {
        conditions.append(QStringLiteral("account = ?"));
        values->append(filter.account);
    }
    if (!filter.symbol.isEmpty()) {
        conditions.append(QStringLiteral("symbol = ?"));
        values->append(filter.symbol);
    }
    if (filter.openFromMs) {
        conditions.append(QStringLiteral("open_time >= ?"));
        values->append(*filter.openFromMs);
    }
    if (filter.openToMs) {
        conditions.append(QStringLiteral("open_time <= ?"));
        values->append(*filter.openToMs);
    }
    if (filter.status) {
        conditions.append(QStringLiteral("status = ?"));
        values->append(tradeStatusName(*filter.status));
    }
    if (filter.query) {
        // The read side's clause speaks of trades t and annotations a: a subquery keeps this
        // statement's own unprefixed columns unambiguous.
        const QString clause = detail::tradeFilterClause(*filter.query, *values);
        if (!clause.isEmpty())
            conditions.append(QStringLiteral("key IN (SELECT t.key FROM trades t LEFT JOIN "
                                             "annotations a ON a.trade_key = t.key") +
                              clause + QLatin1Char(')'));
    }
    if (conditions.isEmpty())
        return {};
    return QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QString selectSql(const TradeFilter& filter, QVariantList* values)
{
    QString sql = QStringLiteral("SELECT ") + detail::tradeColumns().join(QStringLiteral(", ")) +
                  QStringLiteral(" FROM trades") + whereClause(filter, values) +
                  QStringLiteral(" ORDER BY open_time, key");
    if (filter.limit >= 0 || filter.offset > 0) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        values->append(filter.limit);
        values->append(filter.offset);
    }
    return sql;
}

void bindAll(QSqlQuery& query, const QVariantList& values, int first = 0)
{
    for (int i = 0; i < values.size(); ++i)
        Database::bind(query, first + i, values.at(i));
}

QVector<JournalTrade> loadRows(Database& db, const QString& sql, const QVariantList& values,
                               bool withParts)
{
    std::optional<Transaction> snapshot; // trades and their parts from one snapshot
    if (!db.inTransaction())
        snapshot.emplace(db, Transaction::Mode::Deferred);

    QSqlQuery query = sqlOn(db).prepare(sql);
    bindAll(query, values);
    sqlOn(db).exec(query, QStringLiteral("read trades"));
    QVector<JournalTrade> trades;
    while (query.next())
        trades.append(detail::readTrade(query));

    // A trade stored before schema 8 with commission in another asset has no valuation yet: its
    // parts are what effectiveValuation() (the export, the desktop) names as not valued.
    const auto needsParts = [withParts](const JournalTrade& t) {
        if (withParts)
            return true;
        if (t.valuation.computed)
            return false;
        for (auto it = t.commission.cbegin(); it != t.commission.cend(); ++it) {
            if (it.key() != t.marginAsset && !it.value().isZero())
                return true;
        }
        return false;
    };
    if (!trades.isEmpty() && std::any_of(trades.cbegin(), trades.cend(), needsParts)) {
        QSqlQuery parts =
            sqlOn(db).prepare(QStringLiteral("SELECT parts_json FROM trades WHERE key = ?"));
        QSqlQuery funding = sqlOn(db).prepare(
            QStringLiteral("SELECT tran_id FROM trade_funding WHERE trade_key = ? ORDER BY seq"));
        for (JournalTrade& trade : trades) {
            if (!needsParts(trade))
                continue;
            Database::bind(parts, 0, trade.key);
            sqlOn(db).exec(parts, QStringLiteral("read the fills of a trade"));
            if (parts.next())
                trade.fills = detail::readPartsJson(parts.value(0).toString().toUtf8(), trade.key);
            Database::bind(funding, 0, trade.key);
            sqlOn(db).exec(funding, QStringLiteral("read the funding of a trade"));
            while (funding.next())
                trade.fundingTranIds.append(funding.value(0).toLongLong());
        }
    }
    // The trader's risk overrides (docs/design.md D105): few, read in one pass.
    if (!trades.isEmpty()) {
        QSqlQuery overrides =
            sqlOn(db).run(QStringLiteral("SELECT trade_key, risk_override FROM annotations WHERE "
                                         "risk_override IS NOT NULL"),
                          {}, QStringLiteral("read risk overrides"));
        QHash<QString, Decimal> byKey;
        while (overrides.next()) {
            if (const auto risk = Decimal::parse(overrides.value(1).toString()))
                byKey.insert(overrides.value(0).toString(), *risk);
        }
        if (!byKey.isEmpty()) {
            for (JournalTrade& trade : trades) {
                const auto it = byKey.constFind(trade.key);
                if (it != byKey.cend())
                    trade.riskOverride = it.value();
            }
        }
    }
    if (snapshot)
        snapshot->commit();
    return trades;
}

void bindEncoded(Statement& statement, int index, const detail::EncodedValue& value)
{
    // The journal's binding rule (Database::sqlValue): NULL only from a QVariant that holds no
    // value (detail::nullVariant()); a null QString inside a QVariant is ''.
    switch (value.kind) {
    case detail::EncodedValue::Kind::Null:
        statement.bindNull(index);
        return;
    case detail::EncodedValue::Kind::Integer:
    case detail::EncodedValue::Kind::Bool:
        statement.bindInt64(index, value.integer);
        return;
    case detail::EncodedValue::Kind::Text:
        statement.bindUtf8(index, value.text);
        return;
    }
}

// A trade as it is bound and digested: each value converted once, for both (pure CPU, so it
// is done ahead on a helper thread while the previous trades are written: EncodeAhead).
struct EncodedTrade
{
    QVector<detail::EncodedValue> values;
    QByteArray partsJson;
    QString hash;
};

EncodedTrade encodeTrade(const JournalTrade& trade)
{
    EncodedTrade encoded;
    encoded.values = detail::encodeTradeValues(trade);
    const QVector<detail::EncodedPart> parts = detail::encodeParts(trade);
    encoded.hash = detail::contentHash(trade, encoded.values, parts);
    encoded.partsJson = detail::partsJson(parts);
    return encoded;
}

// The statements that write one trade's rows, prepared once per connection.
struct TradeWriter
{
    TradeWriter(Database& database, const QString& symbol)
        : db(database)
        // One sentence per symbol, not per trade: it is only read when a write fails.
        , what(QStringLiteral("store the trades of %1").arg(symbol))
        , insertTrade(sqlOn(database).statement(insertSql()))
        , updateTrade(sqlOn(database).statement(updateSql()))
        , deleteFunding(sqlOn(database).statement(
              QStringLiteral("DELETE FROM trade_funding WHERE trade_key = ?")))
        , insertFunding(sqlOn(database).statement(QStringLiteral(
              "INSERT INTO trade_funding (trade_key, seq, tran_id) VALUES (?, ?, ?)")))
    {}

    // Built once: the writer is made per symbol, and the statement cache is keyed by this text.
    static const QString& insertSql()
    {
        static const QString sql =
            QStringLiteral("INSERT INTO trades (%1, parts_json, content_hash, created_at, "
                           "updated_at) VALUES (%2)")
                .arg(detail::tradeColumns().join(QStringLiteral(", ")),
                     detail::placeholders(detail::tradeColumns().size() + 4));
        return sql;
    }

    static const QString& updateSql()
    {
        static const QString sql = buildUpdateSql();
        return sql;
    }

    static QString buildUpdateSql()
    {
        QStringList sets;
        const QStringList columns = detail::tradeColumns();
        for (qsizetype i = 1; i < columns.size(); ++i) // every column but the key
            sets.append(columns.at(i) + QStringLiteral(" = ?"));
        sets << QStringLiteral("parts_json = ?") << QStringLiteral("content_hash = ?")
             << QStringLiteral("updated_at = ?");
        return QStringLiteral("UPDATE trades SET %1 WHERE key = ?")
            .arg(sets.join(QStringLiteral(", ")));
    }

    void insert(const JournalTrade& trade, const EncodedTrade& encoded, qint64 now)
    {
        int index = 1;
        for (const detail::EncodedValue& value : encoded.values)
            bindEncoded(insertTrade, index++, value);
        insertTrade.bindUtf8(index++, encoded.partsJson);
        insertTrade.bindText(index++, encoded.hash);
        insertTrade.bindInt64(index++, now);
        insertTrade.bindInt64(index++, now);
        insertTrade.execute(what);
        insertFundingIds(trade);
    }

    void update(const JournalTrade& trade, const EncodedTrade& encoded, qint64 now)
    {
        int index = 1;
        for (qsizetype i = 1; i < encoded.values.size(); ++i) // the key goes last
            bindEncoded(updateTrade, index++, encoded.values.at(i));
        updateTrade.bindUtf8(index++, encoded.partsJson);
        updateTrade.bindText(index++, encoded.hash);
        updateTrade.bindInt64(index++, now);
        updateTrade.bindText(index++, trade.key);
        updateTrade.execute(what);
        deleteFunding.bindText(1, trade.key);
        deleteFunding.execute(what);
        insertFundingIds(trade);
    }

    void insertFundingIds(const JournalTrade& trade)
    {
        const QByteArray key = trade.key.toUtf8();
        for (qsizetype seq = 0; seq < trade.fundingTranIds.size(); ++seq) {
            insertFunding.bindUtf8(1, key);
            insertFunding.bindInt64(2, seq);
            insertFunding.bindInt64(3, trade.fundingTranIds.at(seq));
            insertFunding.execute(what);
        }
    }

    Database& db;
    const QString what;
    Statement& insertTrade;
    Statement& updateTrade;
    Statement& deleteFunding;
    Statement& insertFunding;
};

void validateInput(const QString& account, const QString& symbol, const SymbolTrades& trades)
{
    if (account.isEmpty() || symbol.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Trades are replaced per account and symbol; both "
                                          "must be given."));
    QSet<QString> keys;
    for (const JournalTrade& trade : trades.trades) {
        if (trade.account != account || trade.symbol != symbol)
            throw JournalError(JournalError::Kind::Usage,
                               QStringLiteral("Trade %1 does not belong to %2 %3.")
                                   .arg(trade.key, account, symbol));
        if (trade.key.isEmpty() || keys.contains(trade.key))
            throw JournalError(
                JournalError::Kind::Usage,
                QStringLiteral("Trade key '%1' is empty or given twice.").arg(trade.key));
        keys.insert(trade.key);
    }
}

} // namespace

TradeStore::TradeStore(Database& db)
    : m_db(db)
{}

TradeChanges TradeStore::replaceSymbolTrades(const QString& account, const QString& symbol,
                                             const SymbolTrades& trades,
                                             std::optional<qint64> fromMs)
{
    const qint64 from = fromMs.value_or(std::numeric_limits<qint64>::min());
    if (!m_db.inTransaction())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("replaceSymbolTrades() must run inside the caller's "
                                          "transaction, with the raw records it was built from."));
    validateInput(account, symbol, trades);
    // Started first: the helper encodes while this thread reads the stored trades' digests.
    // A trade encodes in microseconds: never wait for the helper's copy of one.
    EncodeAheadOptions cheap;
    cheap.whenBusy = WhenBusy::EncodeHere;
    EncodeAhead<JournalTrade, EncodedTrade> encoder(trades.trades, &encodeTrade, cheap);

    QHash<QString, QString> existing; // key -> content hash
    {
        Statement& query = sqlOn(m_db).statement(QStringLiteral(
            "SELECT key, content_hash FROM trades WHERE account = ? AND symbol = ? AND "
            "open_time >= ?"));
        Statement::Scope scope(query);
        query.bindText(1, account);
        query.bindText(2, symbol);
        query.bindInt64(3, from);
        const QString what = QStringLiteral("read stored trades");
        while (query.next(what))
            existing.insert(query.text(0), query.text(1));
    }

    // Keys with an open orphaned-annotation conflict (almost always none): read once, so that
    // inserting a trade does not cost a conflict lookup each (it was a third of the rebuild).
    QSet<QString> orphaned;
    {
        Statement& query = sqlOn(m_db).statement(QStringLiteral(
            "SELECT natural_key FROM conflicts WHERE kind = ? AND resolved_at IS NULL"));
        Statement::Scope scope(query);
        query.bindText(1, QString(kConflictOrphanedAnnotation));
        const QString what = QStringLiteral("read orphaned annotations");
        while (query.next(what))
            orphaned.insert(query.text(0));
    }

    const qint64 now = Database::nowMs();
    TradeWriter writer(m_db, symbol);
    ConflictStore conflicts(m_db);
    TradeChanges changes;
    for (qsizetype i = 0; i < trades.trades.size(); ++i) {
        const JournalTrade& trade = trades.trades.at(i);
        const EncodedTrade encoded = encoder.take(i);
        const auto it = existing.constFind(trade.key);
        if (it == existing.cend()) {
            writer.insert(trade, encoded, now);
            changes.insertedKeys.append(trade.key);
            // A key that comes back (e.g. the late fill was a mistake of the exchange and
            // vanished again) re-attaches its annotation by itself.
            if (orphaned.contains(trade.key))
                conflicts.resolveOpen(kConflictOrphanedAnnotation, trade.key,
                                      QStringLiteral("The trade reappeared after a rebuild."));
            continue;
        }
        if (it.value() != encoded.hash) {
            writer.update(trade, encoded, now);
            changes.changedKeys.append(trade.key);
        }
        existing.erase(it);
    }

    QStringList removed = existing.keys();
    std::sort(removed.begin(), removed.end());
    for (const QString& key : removed) {
        // trade_funding follows by ON DELETE CASCADE (parts live in the row); annotations have no
        // foreign key on purpose and stay.
        sqlOn(m_db).run(QStringLiteral("DELETE FROM trades WHERE key = ?"), {key},
                        QStringLiteral("remove trade %1").arg(key));
        const bool annotated =
            sqlOn(m_db)
                .scalar(QStringLiteral("SELECT count(*) FROM annotations WHERE trade_key = ?"),
                        {key})
                .toInt() > 0;
        if (annotated && !conflicts.hasOpen(kConflictOrphanedAnnotation, key)) {
            Conflict conflict;
            conflict.kind = kConflictOrphanedAnnotation;
            conflict.account = account;
            conflict.naturalKey = key;
            conflict.detail =
                QStringLiteral("Trade %1 no longer exists after its lifecycle was rebuilt (for "
                               "example an older fill arrived); its annotation is kept and can "
                               "be re-attached to another trade.")
                    .arg(key);
            conflict.createdAt = now;
            conflicts.add(conflict);
            qCInfo(lcJournal).noquote() << conflict.detail;
        }
    }
    changes.removedKeys = removed;

    const QString fundingWhat = QStringLiteral("store unattributed funding");
    Statement& clearFunding = sqlOn(m_db).statement(
        QStringLiteral("DELETE FROM unattributed_funding WHERE account = ? AND symbol = ? AND "
                       "time >= ?"));
    clearFunding.bindText(1, account);
    clearFunding.bindText(2, symbol);
    clearFunding.bindInt64(3, from);
    clearFunding.execute(fundingWhat);
    if (!trades.unattributedFunding.isEmpty()) {
        Statement& insert = sqlOn(m_db).statement(
            QStringLiteral("INSERT INTO unattributed_funding (account, symbol, tran_id, time, "
                           "income, asset) VALUES (?, ?, ?, ?, ?, ?)"));
        for (const Income& row : trades.unattributedFunding) {
            insert.bindText(1, account);
            insert.bindText(2, symbol);
            insert.bindInt64(3, row.tranId);
            insert.bindInt64(4, row.time);
            insert.bindText(5, row.income.toPlainString());
            insert.bindText(6, row.asset);
            insert.execute(fundingWhat);
        }
    }
    return changes;
}

QVector<JournalTrade> TradeStore::loadTrades(const TradeFilter& filter)
{
    QVariantList values;
    const QString sql = selectSql(filter, &values);
    return loadRows(m_db, sql, values, filter.withParts);
}

std::optional<JournalTrade> TradeStore::trade(const QString& key)
{
    const QVector<JournalTrade> found =
        loadRows(m_db,
                 QStringLiteral("SELECT ") + detail::tradeColumns().join(QStringLiteral(", ")) +
                     QStringLiteral(" FROM trades WHERE key = ?"),
                 {key}, true);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QStringList TradeStore::openTradeSymbols(const QString& account)
{
    // Through trades_by_status: the open trades are few, where the planner's default
    // (trades_by_account_symbol) reads every trade of the account before every sync (0.36 s at
    // 376,000 trades).
    QSqlQuery open = sqlOn(m_db).run(
        QStringLiteral("SELECT DISTINCT symbol FROM trades INDEXED BY trades_by_status WHERE "
                       "account = ? AND status = 'OPEN'"),
        {account}, QStringLiteral("read open trades"));
    QStringList symbols;
    while (open.next())
        symbols << open.value(0).toString();
    return symbols;
}

bool TradeStore::contains(const QString& key)
{
    return sqlOn(m_db)
               .scalar(QStringLiteral("SELECT count(*) FROM trades WHERE key = ?"), {key})
               .toInt() > 0;
}

TradeCounts TradeStore::countTrades(const TradeFilter& filter)
{
    QVariantList values;
    const QString sql = QStringLiteral("SELECT count(*), "
                                       "coalesce(sum(status = 'OPEN'), 0), "
                                       "coalesce(sum(status = 'CLOSED'), 0), "
                                       "coalesce(sum(flags LIKE '%INVALID%'), 0) FROM trades") +
                        whereClause(filter, &values);
    QSqlQuery query = sqlOn(m_db).run(sql, values, QStringLiteral("count trades"));
    TradeCounts counts;
    if (query.next()) {
        counts.total = query.value(0).toLongLong();
        counts.open = query.value(1).toLongLong();
        counts.closed = query.value(2).toLongLong();
        counts.invalid = query.value(3).toLongLong();
    }
    return counts;
}

QVector<Income> TradeStore::unattributedFunding(const QString& account, const QString& symbol)
{
    QString sql = QStringLiteral(
        "SELECT u.account, u.symbol, u.tran_id, u.time, u.income, u.asset, i.info, i.raw_json "
        "FROM unattributed_funding u LEFT JOIN income i ON i.account = u.account AND "
        "i.income_type = 'FUNDING_FEE' AND i.tran_id = u.tran_id WHERE u.account = ?");
    QVariantList values{account};
    if (!symbol.isEmpty()) {
        sql += QStringLiteral(" AND u.symbol = ?");
        values.append(symbol);
    }
    sql += QStringLiteral(" ORDER BY u.time, u.tran_id");
    QSqlQuery query = sqlOn(m_db).run(sql, values, QStringLiteral("read unattributed funding"));
    QVector<Income> rows;
    while (query.next()) {
        Income row;
        row.account = query.value(0).toString();
        row.symbol = query.value(1).toString();
        row.incomeType = QStringLiteral("FUNDING_FEE");
        row.tranId = query.value(2).toLongLong();
        row.time = query.value(3).toLongLong();
        row.income = detail::readDecimal(query, 4);
        row.asset = query.value(5).toString();
        row.info = query.value(6).toString();
        row.raw = query.value(7).toString().toUtf8();
        rows.append(row);
    }
    return rows;
}

QStringList TradeStore::queryPlan(const TradeFilter& filter)
{
    QVariantList values;
    const QString sql = QStringLiteral("EXPLAIN QUERY PLAN ") + selectSql(filter, &values);
    QSqlQuery query = sqlOn(m_db).run(sql, values, QStringLiteral("explain a query"));
    QStringList plan;
    while (query.next())
        plan.append(query.value(3).toString());
    return plan;
}

} // namespace fb::journal
