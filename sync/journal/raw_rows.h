#pragma once
// Internal to the journal: how each raw record type maps onto its table. One traits class per
// record type keeps column order, binding and reading side by side, so they cannot drift apart.

#include "models/domain/records.h"
#include "sync/journal/database.h"
#include "sync/journal/raw_store.h"

#include <QSqlQuery>

namespace fb::journal::detail {

// "?, ?, ?" for `count` positional parameters.
QString placeholders(qsizetype count);

// Binds a record's values in order to the positional parameters (?) of a Statement.
class Binder
{
public:
    explicit Binder(Statement& statement, int first = 1)
        : m_statement(statement)
        , m_next(first)
    {}
    void operator()(const QString& text) { m_statement.bindText(m_next++, text); }
    void operator()(const QByteArray& utf8) { m_statement.bindUtf8(m_next++, utf8); }
    void operator()(qint64 value) { m_statement.bindInt64(m_next++, value); }
    void operator()(int value) { m_statement.bindInt64(m_next++, value); }
    void operator()(bool value) { m_statement.bindInt64(m_next++, value ? 1 : 0); }
    // As Decimal::toPlainBytes() writes it (the scale kept), without a heap allocation.
    void operator()(const Decimal& value)
    {
        char text[Decimal::PlainCharsCapacity];
        m_statement.bindChars(m_next++, text, qsizetype(value.toPlainChars(text)));
    }
    void operator()(const std::optional<QString>& text)
    {
        if (text)
            m_statement.bindText(m_next++, *text);
        else
            m_statement.bindNull(m_next++);
    }
    int next() const { return m_next; }

private:
    Statement& m_statement;
    int m_next;
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

    // One row: keys, values, raw_json, first_seen_at, updated_at; a known key inserts nothing.
    QString insertSql() const;
    // keys -> raw_json, version[, progress] of the stored row.
    QString selectStoredSql() const;
    QString updateSql() const;    // values, raw_json, updated_at, keys
    QString selectRowSql() const; // keys, values, raw_json; WHERE clause appended by callers
};

template <typename Record> struct RawTraits;

template <> struct RawTraits<Fill>
{
    static const RawTable& table();
    static void bindKey(Binder& bind, const Fill& fill);
    static void bindValues(Binder& bind, const Fill& fill);
    static QString naturalKey(const Fill& fill);
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
    static std::optional<qint64> progress(const Order& order) { return order.updateTime; }
    static void validate(const Order& order);
    static QByteArray raw(const Order& order);
    static Order read(const QSqlQuery& query);
};

template <> struct RawTraits<AlgoOrder>
{
    static const RawTable& table();
    static void bindKey(Binder& bind, const AlgoOrder& algo);
    static void bindValues(Binder& bind, const AlgoOrder& algo);
    static QString naturalKey(const AlgoOrder& algo);
    // NEW -> TRIGGERED/CANCELED moves updateTime forward: progress, not a conflict.
    static std::optional<qint64> progress(const AlgoOrder& algo) { return algo.updateTime; }
    static void validate(const AlgoOrder& algo);
    static QByteArray raw(const AlgoOrder& algo);
    static AlgoOrder read(const QSqlQuery& query);
};

// Positions have no versioning: the snapshot is replaced.
QString positionColumns();
void bindPosition(Statement& insert, const Position& position, qint64 fetchedAt);
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
