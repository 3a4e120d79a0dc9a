#pragma once
// Internal to the journal: how each raw record type maps onto its table. One traits class per
// record type keeps column order, binding and reading side by side, so they cannot drift apart.

#include "models/domain/records.h"
#include "sync/journal/database.h"
#include "sync/journal/raw_store.h"

#include <QSqlQuery>

namespace fb::journal::detail {

// Named parameters :p0, :p1, ... and a binder that fills them in order. The hot path binds by
// name because Qt's positional bindValue(int) formats a placeholder name on every call, which
// was a quarter of the upsert profile.
const QString& paramName(int index);
QString paramList(int first, int count); // ":p0, :p1, ..."

class Binder
{
public:
    explicit Binder(QSqlQuery& query, int first = 0)
        : m_query(query)
        , m_next(first)
    {}
    void operator()(const QVariant& value)
    {
        m_query.bindValue(paramName(m_next++), Database::sqlValue(value));
    }
    int next() const { return m_next; }

private:
    QSqlQuery& m_query;
    int m_next;
};

// Every natural key is (account, text, 64-bit id): (account, symbol, id) for fills,
// (account, incomeType, tranId) for income, (account, symbol, orderId) for orders.
struct RawKey
{
    QString account;
    QString part;
    qint64 id = 0;
    // The id first: it almost always decides, and it is the cheapest to compare.
    bool operator==(const RawKey& other) const
    {
        return id == other.id && part == other.part && account == other.account;
    }
};

struct RawTable
{
    RecordKind kind;
    QString table;
    QStringList keyColumns;   // natural key, first column is always `account`
    QStringList valueColumns; // every other typed column, in binding order
    // A column whose increase marks a normal update of the record rather than a conflict
    // (orders: update_time). Empty when every change is a conflict.
    QString progressColumn;

    // Parameters in binding order (raw_json is bound as UTF-8 bytes and cast to TEXT, which
    // spares two UTF-16 conversions of the longest value):
    // `rows` rows of: keys, values, raw_json, first_seen_at, updated_at.
    QString insertSql(int rows) const;
    // `rows` keys -> the stored key columns, raw_json, version[, progress] of those that exist.
    QString selectExistingSql(int rows) const;
    QString updateSql() const; // values, raw_json, updated_at, keys
    int paramsPerInsertRow() const { return int(keyColumns.size() + valueColumns.size()) + 3; }
    QString selectRowSql() const; // keys, values, raw_json; WHERE clause appended by callers
};

template <typename Record> struct RawTraits;

template <> struct RawTraits<Fill>
{
    static const RawTable& table();
    static void bindKey(Binder& bind, const Fill& fill);
    static void bindValues(Binder& bind, const Fill& fill);
    static QString naturalKey(const Fill& fill);
    static RawKey key(const Fill& fill);
    static std::optional<qint64> progress(const Fill&) { return std::nullopt; }
    static void validate(const Fill& fill);
    static QByteArray raw(const Fill& fill);
    static Fill read(const QSqlQuery& query); // columns as selectRowSql()
};

template <> struct RawTraits<Income>
{
    static const RawTable& table();
    static void bindKey(Binder& bind, const Income& income);
    static void bindValues(Binder& bind, const Income& income);
    static QString naturalKey(const Income& income);
    static RawKey key(const Income& income);
    static std::optional<qint64> progress(const Income&) { return std::nullopt; }
    static void validate(const Income& income);
    static QByteArray raw(const Income& income);
    static Income read(const QSqlQuery& query);
};

template <> struct RawTraits<Order>
{
    static const RawTable& table();
    static void bindKey(Binder& bind, const Order& order);
    static void bindValues(Binder& bind, const Order& order);
    static QString naturalKey(const Order& order);
    static RawKey key(const Order& order);
    static std::optional<qint64> progress(const Order& order) { return order.updateTime; }
    static void validate(const Order& order);
    static QByteArray raw(const Order& order);
    static Order read(const QSqlQuery& query);
};

// Positions have no versioning: the snapshot is replaced.
QString positionColumns();
void bindPosition(QSqlQuery& query, const Position& position, qint64 fetchedAt);
Position readPosition(const QSqlQuery& query);

// Content comparison of two raw JSON texts: equal bytes, or equal canonical JSON.
bool sameContent(const QByteArray& a, const QByteArray& b);
// The fields whose values differ, as "field=value; ..." for the old and the new text.
std::pair<QString, QString> changedFields(const QByteArray& oldRaw, const QByteArray& newRaw);

// Column readers that refuse text that is not what the journal wrote (corruption, or a foreign
// writer): better a clear error than a silently wrong amount.
Decimal readDecimal(const QSqlQuery& query, int column);
std::optional<Decimal> readOptionalDecimal(const QSqlQuery& query, int column);
Side readSide(const QSqlQuery& query, int column);
PositionSide readPositionSide(const QSqlQuery& query, int column);
QVariant nullVariant();

} // namespace fb::journal::detail
