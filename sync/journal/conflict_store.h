#pragma once
// Conflicts the user can see and resolve (docs/design.md §1.1, §1.3): an exchange record that
// came back with different content (`record_changed`), and an annotation whose trade key
// disappeared in a rebuild (`orphaned_annotation`), and a record too large to compute with
// (`unusable_record`). Conflicts are never deleted; resolving one
// records when and how.

#include <QLatin1String>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

inline constexpr QLatin1String kConflictRecordChanged{"record_changed"};
inline constexpr QLatin1String kConflictOrphanedAnnotation{"orphaned_annotation"};
// An exchange record kept verbatim that the journal cannot compute with (docs/design.md §2.10):
// its symbol fails until the record is gone or corrected.
inline constexpr QLatin1String kConflictUnusableRecord{"unusable_record"};
// An exchange record that could not be read at all, kept verbatim in unreadable_records
// (docs/design.md §2.11).
inline constexpr QLatin1String kConflictUnreadableRecord{"unreadable_record"};
// A fill whose time cannot be right (before 1970, or later than the exchange's clock), stored
// and used like any fill, and flagged (docs/design.md §2.11).
inline constexpr QLatin1String kConflictImplausibleTime{"implausible_time"};

struct Conflict
{
    qint64 id = 0;
    QString kind;
    QString account;
    QString recordKind; // "fill", "income", "order"; empty for an orphaned annotation
    QString naturalKey; // "main:BTCUSDT:6240193381" (record) or the trade key (annotation)
    QString oldSummary; // the fields that changed, old values: "price=68290.10; qty=0.010"
    QString newSummary; // the same fields, new values
    QString detail;     // one sentence for people
    qint64 createdAt = 0;
    std::optional<qint64> resolvedAt;
    QString resolution;

    bool isOpen() const { return !resolvedAt.has_value(); }
};

class ConflictStore
{
public:
    explicit ConflictStore(Database& db);

    // Inserts a conflict (createdAt defaults to now); returns its id.
    qint64 add(Conflict conflict);
    QVector<Conflict> listOpen(const QString& account = {});
    // The oldest open conflicts, at most `limit` (a journal may hold thousands); walks only open
    // conflicts (the conflicts_open partial index on created_at).
    QVector<Conflict> oldestOpen(int limit);
    // Every conflict, newest first.
    QVector<Conflict> listAll(const QString& account = {});
    std::optional<Conflict> conflict(qint64 id);
    qint64 openCount(const QString& account = {});
    // Marks one open conflict resolved. False when there is no open conflict with that id.
    bool resolve(qint64 id, const QString& resolution);
    // Resolves every open conflict of `kind` about `naturalKey`; returns how many.
    int resolveOpen(QLatin1String kind, const QString& naturalKey, const QString& resolution);
    bool hasOpen(QLatin1String kind, const QString& naturalKey);

private:
    QVector<Conflict> select(const QString& where, const QVariantList& values);

    Database& m_db;
};

} // namespace fb::journal
