// Writing raw records: the batch upsert of docs/design.md §1.1 (see raw_store.h for the rules).

#include "sync/journal/raw_store.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/logging.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

namespace fb::journal {

using detail::Binder;
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
    case RecordKind::AlgoOrder:
        return QStringLiteral("algo_order");
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

QString RawStore::algoOrderKey(const QString& account, qint64 algoId)
{
    return account + QLatin1String(":algo:") + QString::number(algoId);
}

RawStore::RawStore(Database& db)
    : m_db(db)
{}

namespace {

struct Stored
{
    QByteArray raw;
    int version = 0;
    qint64 progress = 0;
};

// The generic upsert (rules in raw_store.h), one record at a time on statements the connection
// keeps prepared:
//   1. INSERT ... ON CONFLICT DO NOTHING: a new key is stored, and that is the whole cost of
//      the common case (a first sync);
//   2. a change count of 0 means the key is known: its stored raw JSON is read and compared;
//      equal content is a duplicate (nothing written), different content is versioned (history
//      row, update, conflict).
// The same key twice in one call is handled by the same rule: the second copy is compared with
// the first.
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
        , m_insert(sqlOn(db).statement(m_table.insertSql()))
    {}

    void add(const Record& record)
    {
        Traits::validate(record);
        const QByteArray raw = Traits::raw(record);
        Binder bind(m_insert);
        Traits::bindKey(bind, record);
        Traits::bindValues(bind, record);
        bind(raw);
        bind(m_now);
        bind(m_now);
        if (m_insert.execute(m_what) == 1) {
            ++m_counts.inserted;
            return;
        }
        compare(record, raw, stored(record));
    }

    const UpsertCounts& counts() const { return m_counts; }

private:
    Stored stored(const Record& record)
    {
        if (m_selectSql.isEmpty())
            m_selectSql = m_table.selectStoredSql();
        Statement& select = sqlOn(m_db).statement(m_selectSql);
        Statement::Scope scope(select);
        Binder bind(select);
        Traits::bindKey(bind, record);
        if (!select.next(m_what))
            throw JournalError(JournalError::Kind::Other,
                               QStringLiteral("Could not %1: %2 was neither new nor stored; the "
                                              "journal changed during the write.")
                                   .arg(m_what, Traits::naturalKey(record)));
        return Stored{select.utf8(0), int(select.int64(1)),
                      m_table.progressColumn.isEmpty() ? 0 : select.int64(2)};
    }

    void compare(const Record& record, const QByteArray& raw, const Stored& old)
    {
        if (detail::sameContent(old.raw, raw)) {
            ++m_counts.duplicates;
            return;
        }

        const QString naturalKey = Traits::naturalKey(record);
        Statement& history = sqlOn(m_db).statement(
            QStringLiteral("INSERT INTO record_history(record_kind, account, natural_key, "
                           "version, raw_json, replaced_at) VALUES (?, ?, ?, ?, ?, ?)"));
        Binder bindHistory(history);
        bindHistory(m_kind);
        bindHistory(record.account);
        bindHistory(naturalKey);
        bindHistory(old.version);
        bindHistory(old.raw);
        bindHistory(m_now);
        history.execute(m_what);

        Statement& update = sqlOn(m_db).statement(m_table.updateSql());
        Binder bind(update);
        Traits::bindValues(bind, record);
        bind(raw);
        bind(m_now);
        Traits::bindKey(bind, record);
        update.execute(m_what);
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
    Statement& m_insert;
    QString m_selectSql; // built on the first known key
    UpsertCounts m_counts;
};

template <typename Record> UpsertCounts upsertBatch(Database& db, const QVector<Record>& records)
{
    if (records.isEmpty())
        return {};
    WriteScope scope(db);
    Upsert<Record> upsert(db, Database::nowMs());
    for (const Record& record : records)
        upsert.add(record);
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

UpsertCounts RawStore::upsertAlgoOrders(const QVector<AlgoOrder>& algoOrders)
{
    return upsertBatch(m_db, algoOrders);
}

void RawStore::replacePositions(const QString& account, const QVector<Position>& positions)
{
    if (account.isEmpty())
        throw JournalError(JournalError::Kind::Usage,
                           QStringLiteral("Cannot store positions without an account."));
    WriteScope scope(m_db);
    const QString what = QStringLiteral("store positions");
    sqlOn(m_db).run(QStringLiteral("DELETE FROM positions WHERE account = ?"), {account}, what);
    Statement& insert =
        sqlOn(m_db).statement(QStringLiteral("INSERT INTO positions (%1) VALUES (%2)")
                                  .arg(detail::positionColumns(), detail::placeholders(14)));
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
        insert.execute(what);
    }
    scope.commit();
}

} // namespace fb::journal
