#include "sync/journal/desk_schema.h"

#include "sync/journal/desk_sql.h"

namespace fb::journal::desk_schema {

namespace {

// The advisory lock key of schema changes ("FBJM").
constexpr qint64 kSchemaLock = 0x46424a4d;

QStringList statements(std::initializer_list<const char*> sql)
{
    QStringList list;
    for (const char* statement : sql)
        list.append(QString::fromUtf8(statement));
    return list;
}

// v1: what devices share (docs/sharing.md). change_seq orders every shared row for pulls; pushes
// take it under one advisory lock so that it grows in commit order. applied_keys holds each
// outbox row applied (device id + local seq), written in the same transaction as the rows.
QStringList version1()
{
    return statements({
        R"(CREATE TABLE fillbook.desk_meta (
            key    text PRIMARY KEY,
            value  text NOT NULL
        ))",
        "CREATE SEQUENCE fillbook.change_seq",
        R"(CREATE TABLE fillbook.applied_keys (
            idem_key    text PRIMARY KEY,
            device_id   text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        ))",
        R"(CREATE TABLE fillbook.annotations (
            trade_key         text    PRIMARY KEY,
            notes             text    NOT NULL,
            tags_json         text    NOT NULL,
            setup             text    NOT NULL,
            rating            integer,
            mistakes_json     text    NOT NULL,
            screenshots_json  text    NOT NULL,
            created_at        bigint  NOT NULL,
            updated_at        bigint  NOT NULL,
            deleted           boolean NOT NULL DEFAULT false,
            origin_device     text    NOT NULL,
            change_seq        bigint  NOT NULL
        ))",
        "CREATE INDEX annotations_by_change ON fillbook.annotations(change_seq)",
        R"(CREATE TABLE fillbook.raw_records (
            account        text    NOT NULL,
            record_kind    text    NOT NULL CHECK (record_kind IN ('fill', 'order', 'income')),
            natural_key    text    NOT NULL,
            raw_json       text    NOT NULL,
            version        integer NOT NULL,
            origin_device  text    NOT NULL,
            change_seq     bigint  NOT NULL,
            PRIMARY KEY (account, record_kind, natural_key)
        ))",
        R"(CREATE TABLE fillbook.trades (
            key            text   PRIMARY KEY,
            account        text   NOT NULL,
            symbol         text   NOT NULL,
            row_json       text   NOT NULL,
            origin_device  text   NOT NULL,
            change_seq     bigint NOT NULL
        ))",
        "CREATE INDEX trades_by_symbol ON fillbook.trades(account, symbol)",
    });
}

// v2 (issue 13): version vectors. The server keeps each device's latest version of a note (a
// device's newer version has seen its older one), so two concurrent versions both stay until a
// version that has seen both replaces them; a push deletes the other devices' versions its own
// dominates. Rows from v1 get {} (unversioned). Daily notes are shared the same way.
QStringList version2()
{
    return statements({
        "ALTER TABLE fillbook.annotations ADD COLUMN vector_json text NOT NULL DEFAULT '{}'",
        "ALTER TABLE fillbook.annotations DROP CONSTRAINT annotations_pkey",
        "ALTER TABLE fillbook.annotations ADD PRIMARY KEY (trade_key, origin_device)",
        R"(CREATE TABLE fillbook.day_notes (
            day            text    NOT NULL,
            origin_device  text    NOT NULL,
            notes          text    NOT NULL,
            created_at     bigint  NOT NULL,
            updated_at     bigint  NOT NULL,
            deleted        boolean NOT NULL DEFAULT false,
            vector_json    text    NOT NULL,
            change_seq     bigint  NOT NULL,
            PRIMARY KEY (day, origin_device)
        ))",
        "CREATE INDEX day_notes_by_change ON fillbook.day_notes(change_seq)",
    });
}

// v4 (issue 13): screenshots. blobs holds each image once, by its SHA-256 (uploaded before the
// attachment that names it, ON CONFLICT DO NOTHING); attachments links a trade key to a hash,
// one row per (trade, image), a removal kept as deleted = true so that it is pulled. A blob no
// attached row names is removed by `desk gc` once older than its grace period. The server checks
// that a blob's bytes are its hash.
QStringList version4()
{
    return statements({
        R"(CREATE TABLE fillbook.blobs (
            hash        text        PRIMARY KEY,
            bytes       bytea       NOT NULL,
            size        bigint      NOT NULL,
            first_seen  timestamptz NOT NULL DEFAULT now(),
            CHECK (hash = encode(sha256(bytes), 'hex'))
        ))",
        R"(CREATE TABLE fillbook.attachments (
            trade_key      text    NOT NULL,
            hash           text    NOT NULL,
            file_name      text    NOT NULL,
            mime           text    NOT NULL,
            size           bigint  NOT NULL,
            added_at       bigint  NOT NULL,
            deleted        boolean NOT NULL DEFAULT false,
            origin_device  text    NOT NULL,
            change_seq     bigint  NOT NULL,
            PRIMARY KEY (trade_key, hash)
        ))",
        "CREATE INDEX attachments_by_change ON fillbook.attachments(change_seq)",
        "CREATE INDEX attachments_by_hash ON fillbook.attachments(hash)",
        // Step 3's groups: traders write screenshots, readers read them (SELECT comes from its
        // default privileges). Row-level security on both comes with step 5.
        "GRANT INSERT, UPDATE, DELETE ON fillbook.blobs, fillbook.attachments TO "
        "fillbook_desk_trader",
    });
}

int readVersionIn(DeskSql& sql)
{
    const bool hasMeta =
        sql.scalar(QStringLiteral("SELECT to_regclass('fillbook.desk_meta') IS NOT NULL"), {},
                   QStringLiteral("read the desk schema"))
            .toBool();
    if (!hasMeta)
        return 0;
    return sql
        .scalar(QStringLiteral("SELECT value FROM fillbook.desk_meta WHERE key = "
                               "'schema_version'"),
                {}, QStringLiteral("read the desk schema"))
        .toString()
        .toInt();
}

} // namespace

QString tooNewMessage(int foundVersion)
{
    return QStringLiteral("The desk server's schema is version %1, newer than this Fillbook "
                          "knows (%2); update Fillbook to share with it.")
        .arg(foundVersion)
        .arg(CurrentVersion);
}

const QVector<Step>& steps()
{
    static const QVector<Step> all{
        {1, QStringLiteral("shared notes, records and trades"), version1()},
        {2, QStringLiteral("versions of shared notes, daily notes"), version2()},
        {3, QStringLiteral("a desk: roles, account owners, row-level security"),
         rowLevelSecurityStatements()},
        {4, QStringLiteral("screenshots as blobs"), version4()},
        {5, QStringLiteral("row-level security on screenshots"), screenshotSecurityStatements()},
    };
    return all;
}

int readVersion(DeskConnection& desk)
{
    DeskSql sql(desk);
    return readVersionIn(sql);
}

int upgrade(DeskConnection& desk)
{
    DeskSql sql(desk);
    const int before = readVersionIn(sql);
    if (before > CurrentVersion)
        throw DeskError(DeskError::Kind::TooNew, tooNewMessage(before));
    // Up to date: nothing to take or create (a trader's role may not create schemas).
    if (before == CurrentVersion)
        return before;
    for (const Step& step : steps()) {
        DeskTransaction tx(desk);
        sql.run(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kSchemaLock},
                QStringLiteral("lock the desk schema"));
        const QString what = QStringLiteral("create the desk schema %1 (%2)")
                                 .arg(step.version)
                                 .arg(step.description);
        sql.run(QStringLiteral("CREATE SCHEMA IF NOT EXISTS fillbook"), {}, what);
        const int current = readVersionIn(sql); // again, under the lock
        if (current > CurrentVersion)
            throw DeskError(DeskError::Kind::TooNew, tooNewMessage(current));
        if (current >= step.version)
            continue;
        for (const QString& statement : step.statements)
            sql.run(statement, {}, what);
        sql.run(QStringLiteral("INSERT INTO fillbook.desk_meta(key, value) VALUES "
                               "('schema_version', ?) ON CONFLICT (key) DO UPDATE SET "
                               "value = excluded.value"),
                {QString::number(step.version)}, what);
        tx.commit(what);
    }
    return before;
}

void require(DeskConnection& desk)
{
    const int version = readVersion(desk);
    if (version > CurrentVersion)
        throw DeskError(DeskError::Kind::TooNew, tooNewMessage(version));
    if (version < CurrentVersion)
        throw DeskError(DeskError::Kind::NotInitialised,
                        version == 0
                            ? QStringLiteral("The desk server %1 has no Fillbook schema yet; "
                                             "run 'fillbook-cli desk init' first.")
                                  .arg(desk.endpoint().display())
                            : QStringLiteral("The desk server %1 is at schema %2; run "
                                             "'fillbook-cli desk init' to migrate it to %3.")
                                  .arg(desk.endpoint().display())
                                  .arg(version)
                                  .arg(CurrentVersion));
}

} // namespace fb::journal::desk_schema
