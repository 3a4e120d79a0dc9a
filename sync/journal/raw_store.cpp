// Writing raw records: the batch upsert of design.md §1 (see raw_store.h for the rules).

#include "sync/journal/raw_store.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

using detail::Binder;
using detail::RawKey;
using detail::RawTable;
using detail::RawTraits;

QString recordKindName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Fill:
        return QStringLiteral("fill");
    case RecordKind::Income:
        return QStringLiteral("income");
    case RecordKind::Order:
        return QStringLiteral("order");
    }
    return QStringLiteral("fill");
}

UpsertCounts& UpsertCounts::operator+=(const UpsertCounts& other)
{
    inserted += other.inserted;
    updated += other.updated;
    duplicates += other.duplicates;
    return *this;
}

QString RawStore::fillKey(const QString& account, const QString& symbol, qint64 id)
{
    return account + QLatin1Char(':') + symbol + QLatin1Char(':') + QString::number(id);
}

QString RawStore::incomeKey(const QString& account, const QString& incomeType, qint64 tranId)
{
    return account + QLatin1Char(':') + incomeType + QLatin1Char(':') + QString::number(tranId);
}

QString RawStore::orderKey(const QString& account, const QString& symbol, qint64 orderId)
{
    return account + QLatin1Char(':') + symbol + QLatin1Char(':') + QString::number(orderId);
}

RawStore::RawStore(Database& db)
    : m_db(db)
{}

namespace {

// Records per statement. Binding is per value either way; what a multi-row statement saves is
// the per-statement cost (Qt's exec bookkeeping, cursor setup, statement journal), about a
// third of the time per fill. 50 rows of the widest table stay far below SQLite's parameter
// limit.
constexpr qsizetype kChunkRows = 50;

struct Stored
{
    QByteArray raw;
    int version = 0;
    qint64 progress = 0;
};

// The generic upsert (rules in raw_store.h), a chunk of records at a time:
//   1. one SELECT finds which keys of the chunk are already stored (with their raw JSON);
//   2. one multi-row INSERT stores the new ones;
//   3. each known key is compared: equal content is a duplicate (nothing written), different
//      content is versioned (history row, update, conflict).
// A chunk that holds the same key twice is done record by record, so the second copy is
// compared with the first.
template <typename Record> class Upsert
{
public:
    using Traits = RawTraits<Record>;

    Upsert(Database& db, qint64 now)
        : m_db(db)
        , m_table(Traits::table())
        , m_kind(recordKindName(m_table.kind))
        , m_what(QStringLiteral("store %1 records").arg(m_kind))
        , m_now(now)
    {}

    void chunk(const Record* records, qsizetype count)
    {
        for (qsizetype i = 0; i < count; ++i)
            Traits::validate(records[i]);
        if (hasRepeatedKey(records, count)) {
            for (qsizetype i = 0; i < count; ++i)
                chunk(records + i, 1);
            return;
        }

        QVector<std::optional<Stored>> stored(count);
        QSqlQuery& select = statement(m_selects, count, &RawTable::selectExistingSql);
        Binder bindSelect(select);
        for (qsizetype i = 0; i < count; ++i)
            Traits::bindKey(bindSelect, records[i]);
        m_db.exec(select, m_what);
        while (select.next()) {
            const RawKey key{select.value(0).toString(), select.value(1).toString(),
                             select.value(2).toLongLong()};
            for (qsizetype i = 0; i < count; ++i) {
                if (Traits::key(records[i]) == key) {
                    stored[i] =
                        Stored{select.value(3).toString().toUtf8(), select.value(4).toInt(),
                               m_table.progressColumn.isEmpty() ? 0 : select.value(5).toLongLong()};
                    break;
                }
            }
        }
        select.finish();

        QVector<qsizetype> fresh;
        for (qsizetype i = 0; i < count; ++i) {
            if (!stored.at(i))
                fresh.append(i);
        }
        insert(records, fresh);
        for (qsizetype i = 0; i < count; ++i) {
            if (stored.at(i))
                compare(records[i], *stored.at(i));
        }
    }

    const UpsertCounts& counts() const { return m_counts; }

private:
    bool hasRepeatedKey(const Record* records, qsizetype count) const
    {
        for (qsizetype i = 1; i < count; ++i) {
            const RawKey key = Traits::key(records[i]);
            for (qsizetype j = 0; j < i; ++j) {
                if (Traits::key(records[j]) == key)
                    return true;
            }
        }
        return false;
    }

    QSqlQuery& statement(QHash<qsizetype, QSqlQuery>& cache, qsizetype rows,
                         QString (RawTable::*sql)(int) const)
    {
        auto it = cache.find(rows);
        if (it == cache.end())
            it = cache.insert(rows, m_db.prepare((m_table.*sql)(int(rows))));
        return it.value();
    }

    void insert(const Record* records, const QVector<qsizetype>& indexes)
    {
        if (indexes.isEmpty())
            return;
        QSqlQuery& insert = statement(m_inserts, indexes.size(), &RawTable::insertSql);
        Binder bind(insert);
        for (qsizetype i : indexes) {
            Traits::bindKey(bind, records[i]);
            Traits::bindValues(bind, records[i]);
            bind(Traits::raw(records[i])); // UTF-8 bytes, CAST to TEXT by the statement
            bind(m_now);
            bind(m_now);
        }
        m_db.exec(insert, m_what);
        if (insert.numRowsAffected() != indexes.size())
            throw JournalError(JournalError::Kind::Other,
                               QStringLiteral("Could not %1: %2 of %3 new records were stored; "
                                              "the journal changed during the write.")
                                   .arg(m_what)
                                   .arg(insert.numRowsAffected())
                                   .arg(indexes.size()));
        m_counts.inserted += indexes.size();
    }

    void compare(const Record& record, const Stored& old)
    {
        const QByteArray raw = Traits::raw(record);
        if (detail::sameContent(old.raw, raw)) {
            ++m_counts.duplicates;
            return;
        }

        const QString naturalKey = Traits::naturalKey(record);
        if (!m_history)
            m_history = m_db.prepare(
                QStringLiteral("INSERT INTO record_history(record_kind, account, natural_key, "
                               "version, raw_json, replaced_at) VALUES (?, ?, ?, ?, ?, ?)"));
        Database::bind(*m_history, 0, m_kind);
        Database::bind(*m_history, 1, record.account);
        Database::bind(*m_history, 2, naturalKey);
        Database::bind(*m_history, 3, old.version);
        Database::bind(*m_history, 4, QString::fromUtf8(old.raw));
        Database::bind(*m_history, 5, m_now);
        m_db.exec(*m_history, m_what);

        if (!m_update)
            m_update = m_db.prepare(m_table.updateSql());
        Binder bind(*m_update);
        Traits::bindValues(bind, record);
        bind(raw);
        bind(m_now);
        Traits::bindKey(bind, record);
        m_db.exec(*m_update, m_what);
        ++m_counts.updated;

        // An order moving forward in time (NEW -> PARTIALLY_FILLED -> FILLED) is the exchange
        // reporting progress, not rewriting history: versioned, but no conflict for the user.
        const std::optional<qint64> progress = Traits::progress(record);
        if (progress && *progress > old.progress)
            return;

        const auto [oldSummary, newSummary] = detail::changedFields(old.raw, raw);
        Conflict conflict;
        conflict.kind = kConflictRecordChanged;
        conflict.account = record.account;
        conflict.recordKind = m_kind;
        conflict.naturalKey = naturalKey;
        conflict.oldSummary = oldSummary;
        conflict.newSummary = newSummary;
        conflict.detail = QStringLiteral("The exchange sent %1 %2 again with different content; "
                                         "its new version (%3) is kept and version %4 is in "
                                         "the history.")
                              .arg(m_kind, naturalKey)
                              .arg(old.version + 1)
                              .arg(old.version);
        conflict.createdAt = m_now;
        ConflictStore(m_db).add(conflict);
        qCWarning(lcJournal).noquote()
            << conflict.detail << "old:" << oldSummary << "new:" << newSummary;
    }

    Database& m_db;
    const RawTable& m_table;
    const QString m_kind;
    const QString m_what;
    const qint64 m_now;
    UpsertCounts m_counts;
    QHash<qsizetype, QSqlQuery> m_selects; // by row count
    QHash<qsizetype, QSqlQuery> m_inserts; // by row count
    std::optional<QSqlQuery> m_history;
    std::optional<QSqlQuery> m_update;
};

template <typename Record> UpsertCounts upsertBatch(Database& db, const QVector<Record>& records)
{
    if (records.isEmpty())
        return {};
    WriteScope scope(db);
    Upsert<Record> upsert(db, Database::nowMs());
    for (qsizetype start = 0; start < records.size(); start += kChunkRows)
        upsert.chunk(records.constData() + start, qMin(kChunkRows, records.size() - start));
    scope.commit();
    return upsert.counts();
}

} // namespace

UpsertCounts RawStore::upsertFills(const QVector<Fill>& fills)
{
    return upsertBatch(m_db, fills);
}

UpsertCounts RawStore::upsertIncome(const QVector<Income>& income)
{
    return upsertBatch(m_db, income);
}

UpsertCounts RawStore::upsertOrders(const QVector<Order>& orders)
{
    return upsertBatch(m_db, orders);
}

void RawStore::replacePositions(const QString& account, const QVector<Position>& positions)
{
    if (account.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Cannot store positions without an account."));
    WriteScope scope(m_db);
    const QString what = QStringLiteral("store positions");
    m_db.run(QStringLiteral("DELETE FROM positions WHERE account = ?"), {account}, what);
    QSqlQuery insert = m_db.prepare(QStringLiteral("INSERT INTO positions (%1) VALUES (%2)")
                                        .arg(detail::positionColumns(), detail::paramList(0, 14)));
    const qint64 now = Database::nowMs();
    for (Position position : positions) {
        if (position.account.isEmpty())
            position.account = account;
        if (position.account != account)
            throw JournalError(JournalError::Kind::Usage,
                               QStringLiteral("A position of account %1 was passed to replace "
                                              "the positions of %2.")
                                   .arg(position.account, account));
        detail::bindPosition(insert, position, now);
        m_db.exec(insert, what);
    }
    scope.commit();
}

} // namespace fb::journal
