#pragma once
// The sharing outbox (docs/sharing.md): one row per shared local change, written in the same
// transaction as the change (add() joins the caller's transaction), and the replicator's small
// state (device id, pull cursor, last outcomes) in share_state. Rows leave only when the desk
// server has acknowledged them: the outbox survives restarts and kill -9.

#include <QLatin1String>
#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;
struct ShareScope;

// A sync commit's raw records and trades of one symbol (ref = symbol), or the account's income
// (ref = "").
inline constexpr QLatin1String kOutboxRecords{"records"};
// An annotation saved or removed (ref = trade key, account = "").
inline constexpr QLatin1String kOutboxAnnotation{"annotation"};
// A daily note saved or removed (ref = 'YYYY-MM-DD', account = "").
inline constexpr QLatin1String kOutboxDayNote{"day_note"};

struct OutboxEntry
{
    qint64 seq = 0;
    QString kind;
    QString account;
    QString ref;
    qint64 createdAt = 0;
    int attempts = 0;
    QString lastError; // empty unless the server refused the row's last push
    QString scope;     // records rows: the ShareScope JSON (share_scope.h); empty = everything

    bool operator==(const OutboxEntry& other) const = default;
};

// Keys of share_state.
inline constexpr QLatin1String kShareDeviceId{"device_id"};
inline constexpr QLatin1String kSharePullCursor{"pull_cursor"};
inline constexpr QLatin1String kShareLastPushAt{"last_push_at"};
inline constexpr QLatin1String kShareLastPullAt{"last_pull_at"};
inline constexpr QLatin1String kShareDeskUrl{"desk_url"};
// "1" when the desktop shares this journal in the background (Settings → Share), else absent/"0".
inline constexpr QLatin1String kShareDesktopEnabled{"desktop_sharing"};

class OutboxStore
{
public:
    explicit OutboxStore(Database& db);

    // Queues a change; joins the caller's transaction (the change's own). Returns its seq.
    qint64 add(QLatin1String kind, const QString& account, const QString& ref);
    // A records change naming the rows it wrote (share_scope.h): the push sends those alone.
    qint64 addScoped(const QString& account, const QString& ref, const ShareScope& scope);
    // The oldest `limit` rows, oldest first; rows in `skip` are passed over (the background
    // worker's held refusals, docs/sharing.md).
    QVector<OutboxEntry> pending(int limit, const QSet<qint64>& skip = {});
    // Of `seqs`, those still queued.
    QSet<qint64> stillQueued(const QSet<qint64>& seqs);
    qint64 pendingCount();
    // Rows whose last push the server refused (they stay queued).
    qint64 failedCount();
    // The reason of the newest refused row; empty when none was refused.
    QString lastFailure();
    // The server has applied these rows: they leave the outbox.
    void acknowledge(const QVector<qint64>& seqs);
    // The server refused these rows: attempts + 1 and the reason, kept for `desk status`.
    void recordFailure(const QVector<qint64>& seqs, const QString& error);

    // This journal's device id (32 hex digits, made by schema step 9).
    QString deviceId();
    // "<device id>:<seq>": the idempotency key of one row, unique for ever.
    static QString idempotencyKey(const QString& deviceId, qint64 seq);

    std::optional<QString> state(QLatin1String key);
    void setState(QLatin1String key, const QString& value);

private:
    Database& m_db;
};

} // namespace fb::journal
