#include "tests/bench/bench_same_rows.h"

#include "sync/journal/database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <stdexcept>
#include <time.h>

namespace fb::bench {
namespace {

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

void check(int rc, sqlite3* db, const QString& what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(what.toStdString() + ": " + sqlite3_errmsg(db));
}

QString quoted(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

// A read-only or read-write connection that closes itself.
class Connection
{
public:
    Connection(const QString& path, int flags)
    {
        const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(m_db);
            sqlite3_close(m_db);
            throw std::runtime_error("open " + path.toStdString() + ": " + message);
        }
    }
    ~Connection() { sqlite3_close(m_db); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    sqlite3* get() const { return m_db; }

    void exec(const QString& sql, const QString& what) const
    {
        check(sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, nullptr), m_db, what);
    }

    // Each row's columns as text (names, SQL, counts).
    QVector<QStringList> rows(const QString& sql) const
    {
        sqlite3_stmt* statement = nullptr;
        check(sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &statement, nullptr), m_db,
              sql);
        QVector<QStringList> result;
        int rc = 0;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            QStringList row;
            for (int c = 0; c < sqlite3_column_count(statement); ++c)
                row << QString::fromUtf8(
                    reinterpret_cast<const char*>(sqlite3_column_text(statement, c)));
            result.append(row);
        }
        sqlite3_finalize(statement);
        check(rc, m_db, sql);
        return result;
    }

    qint64 count(const QString& sql) const
    {
        const QVector<QStringList> r = rows(sql);
        return r.isEmpty() ? 0 : r.constFirst().value(0).toLongLong();
    }

private:
    sqlite3* m_db = nullptr;
};

// The tables a trigger writes: its body's DELETE FROM / UPDATE / INSERT INTO targets.
QSet<QString> triggerTargets(const QString& sql)
{
    static const QRegularExpression target(
        QStringLiteral(R"((?:DELETE\s+FROM|UPDATE|INSERT\s+INTO)\s+"?(\w+))"),
        QRegularExpression::CaseInsensitiveOption);
    QSet<QString> result;
    const qsizetype begin = sql.indexOf(QLatin1String("BEGIN"), 0, Qt::CaseInsensitive);
    auto it = target.globalMatch(sql.mid(begin < 0 ? 0 : begin));
    while (it.hasNext())
        result.insert(it.next().captured(1));
    return result;
}

// Parents before children (foreign keys), then trigger targets after every table with a trigger,
// otherwise in the schema's order.
QStringList insertOrder(const Connection& db, const QStringList& tables)
{
    QHash<QString, QSet<QString>> parents;
    for (const QString& table : tables) {
        for (const QStringList& fk :
             db.rows(QStringLiteral("SELECT \"table\" FROM pragma_foreign_key_list('%1')")
                         .arg(table))) {
            if (fk.value(0) != table)
                parents[table].insert(fk.value(0));
        }
    }
    QSet<QString> triggered;
    QSet<QString> withTriggers;
    for (const QStringList& trigger : db.rows(
             QStringLiteral("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"))) {
        withTriggers.insert(trigger.value(0));
        triggered.unite(triggerTargets(trigger.value(1)));
    }
    for (const QString& target : triggered) {
        for (const QString& source : withTriggers) {
            if (source != target)
                parents[target].insert(source);
        }
    }
    QStringList order;
    QSet<QString> placed;
    while (order.size() < tables.size()) {
        bool progress = false;
        for (const QString& table : tables) {
            if (placed.contains(table))
                continue;
            bool ready = true;
            for (const QString& parent : parents.value(table))
                ready = ready && (placed.contains(parent) || !tables.contains(parent));
            if (ready) {
                order << table;
                placed.insert(table);
                progress = true;
            }
        }
        if (!progress)
            throw std::runtime_error("the journal's tables have a foreign-key or trigger cycle");
    }
    return order;
}

QStringList userTables(const Connection& db)
{
    QStringList tables;
    for (const QStringList& row :
         db.rows(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                "NOT LIKE 'sqlite_%' AND name <> 'meta' ORDER BY rowid")))
        tables << row.value(0);
    return tables;
}

} // namespace

qint64 JournalRows::rowCount() const
{
    qint64 n = 0;
    for (const TableRows& t : tables)
        n += t.rowCount();
    return n;
}

JournalRows readJournalRows(const QString& path)
{
    // What a new journal already holds (meta, share_state's device id) is the schema's
    // bookkeeping, not the pipeline's rows: such a table is left out when the pipeline's journal
    // holds no more rows in it than a new one.
    QHash<QString, qint64> bookkeeping;
    {
        const QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("new.db"));
        journal::Database created(fresh, journal::OpenOptions{journal::OpenMode::ReadWrite,
                                                              QStringLiteral("bench"), true});
        const Connection db(fresh, SQLITE_OPEN_READONLY);
        for (const QString& table : userTables(db)) {
            const qint64 n = db.count(QStringLiteral("SELECT count(*) FROM %1").arg(quoted(table)));
            if (n > 0)
                bookkeeping.insert(table, n);
        }
    }
    const Connection db(path, SQLITE_OPEN_READONLY);
    JournalRows result;
    for (const QString& table : insertOrder(db, userTables(db))) {
        if (bookkeeping.contains(table)) {
            const qint64 n = db.count(QStringLiteral("SELECT count(*) FROM %1").arg(quoted(table)));
            if (n != bookkeeping.value(table))
                throw std::runtime_error("the pipeline wrote rows into " + table.toStdString() +
                                         ", which a new journal fills too");
            result.bookkeeping << table;
            continue;
        }
        TableRows t;
        t.name = table;
        for (const QStringList& column :
             db.rows(QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid")
                         .arg(table)))
            t.columns << column.value(0);
        t.symbolColumn = int(t.columns.indexOf(QStringLiteral("symbol")));
        QStringList names;
        for (const QString& c : t.columns)
            names << quoted(c);
        const QByteArray sql = QStringLiteral("SELECT %1 FROM %2")
                                   .arg(names.join(QStringLiteral(", ")), quoted(table))
                                   .toUtf8();
        sqlite3_stmt* select = nullptr;
        check(sqlite3_prepare_v2(db.get(), sql.constData(), -1, &select, nullptr), db.get(),
              QStringLiteral("read %1").arg(table));
        int rc = 0;
        while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
            for (int c = 0; c < t.columns.size(); ++c) {
                Cell cell;
                cell.type = sqlite3_column_type(select, c);
                if (cell.type == SQLITE_INTEGER) {
                    cell.integer = sqlite3_column_int64(select, c);
                } else if (cell.type == SQLITE_FLOAT) {
                    cell.real = sqlite3_column_double(select, c);
                } else if (cell.type == SQLITE_TEXT || cell.type == SQLITE_BLOB) {
                    const void* data =
                        cell.type == SQLITE_TEXT
                            ? static_cast<const void*>(sqlite3_column_text(select, c))
                            : sqlite3_column_blob(select, c);
                    cell.bytes =
                        QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(select, c));
                }
                t.cells.push_back(std::move(cell));
            }
        }
        sqlite3_finalize(select);
        check(rc, db.get(), QStringLiteral("read %1").arg(table));
        result.tables.append(std::move(t));
    }
    return result;
}

SameRowsResult runSameRowsLimit(const JournalRows& rows, const QString& sourcePath,
                                const QString& dbPath, int walPages,
                                const QHash<QString, int>& batchOfSymbol)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    // The journal's real schema, made by the journal's own code.
    {
        journal::OpenOptions options{journal::OpenMode::ReadWrite, QStringLiteral("bench"), true};
        options.walAutocheckpointPages = walPages;
        journal::Database created(dbPath, options);
    }
    SameRowsResult r;
    const Connection db(dbPath, SQLITE_OPEN_READWRITE);
    // The writer's pragmas (journal::Database::openJournal and applyPragmas; D153, D154).
    db.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                           "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=%1; "
                           "PRAGMA journal_size_limit=4194304; PRAGMA busy_timeout=5000; "
                           "PRAGMA foreign_keys=ON;")
                .arg(walPages),
            QStringLiteral("pragmas"));
    for (const TableRows& t : rows.tables) {
        if (db.count(QStringLiteral("SELECT count(*) FROM %1").arg(quoted(t.name))) != 0)
            throw std::runtime_error("a new journal already has rows in " + t.name.toStdString() +
                                     "; the same-rows limit would not write the same rows");
    }

    // One prepared INSERT per table (untimed, as the journal keeps its statements prepared).
    std::vector<sqlite3_stmt*> inserts;
    for (const TableRows& t : rows.tables) {
        QStringList names;
        QStringList params;
        for (qsizetype c = 0; c < t.columns.size(); ++c) {
            names << quoted(t.columns.at(c));
            params << QLatin1Char('?') + QString::number(c + 1);
        }
        const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                   .arg(quoted(t.name), names.join(QStringLiteral(", ")),
                                        params.join(QStringLiteral(", ")))
                                   .toUtf8();
        sqlite3_stmt* statement = nullptr;
        check(sqlite3_prepare_v3(db.get(), sql.constData(), -1, SQLITE_PREPARE_PERSISTENT,
                                 &statement, nullptr),
              db.get(), QStringLiteral("prepare %1").arg(t.name));
        inserts.push_back(statement);
    }

    // Which rows go into which transaction.
    int batches = 1;
    for (int b : batchOfSymbol)
        batches = std::max(batches, b + 1);
    QVector<QVector<QVector<qint64>>> rowsOf(batches); // batch -> table -> row numbers
    for (int b = 0; b < batches; ++b)
        rowsOf[b].resize(rows.tables.size());
    for (qsizetype ti = 0; ti < rows.tables.size(); ++ti) {
        const TableRows& t = rows.tables.at(ti);
        for (qint64 row = 0; row < t.rowCount(); ++row) {
            int batch = batches - 1;
            if (!batchOfSymbol.isEmpty() && t.symbolColumn >= 0) {
                const Cell& symbol = t.cells[size_t(row * t.columns.size() + t.symbolColumn)];
                batch = batchOfSymbol.value(QString::fromUtf8(symbol.bytes), batches - 1);
            }
            rowsOf[batch][ti].append(row);
        }
    }

    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    for (int b = 0; b < batches; ++b) {
        check(sqlite3_exec(db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db.get(),
              QStringLiteral("begin"));
        for (qsizetype ti = 0; ti < rows.tables.size(); ++ti) {
            const TableRows& t = rows.tables.at(ti);
            sqlite3_stmt* insert = inserts[size_t(ti)];
            const int width = int(t.columns.size());
            for (qint64 row : rowsOf[b][ti]) {
                const Cell* cells = &t.cells[size_t(row * width)];
                for (int c = 0; c < width; ++c) {
                    const Cell& cell = cells[c];
                    switch (cell.type) {
                    case SQLITE_INTEGER:
                        sqlite3_bind_int64(insert, c + 1, cell.integer);
                        break;
                    case SQLITE_FLOAT:
                        sqlite3_bind_double(insert, c + 1, cell.real);
                        break;
                    case SQLITE_TEXT:
                        sqlite3_bind_text(insert, c + 1, cell.bytes.constData(),
                                          int(cell.bytes.size()), SQLITE_STATIC);
                        break;
                    case SQLITE_BLOB:
                        sqlite3_bind_blob(insert, c + 1, cell.bytes.constData(),
                                          int(cell.bytes.size()), SQLITE_STATIC);
                        break;
                    default:
                        sqlite3_bind_null(insert, c + 1);
                    }
                }
                check(sqlite3_step(insert), db.get(), QStringLiteral("insert into %1").arg(t.name));
                sqlite3_reset(insert);
                ++r.rows;
            }
        }
        check(sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr), db.get(),
              QStringLiteral("commit"));
        ++r.transactions;
    }
    // Like the pipeline's end (the engine's end of a run): the log into the file.
    check(sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr),
          db.get(), QStringLiteral("checkpoint"));
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    r.cpuSeconds = threadCpuSeconds() - cpuStart;
    for (sqlite3_stmt* statement : inserts)
        sqlite3_finalize(statement);

    // The copy is complete: the same count in every table, and no row of either side missing
    // from the other.
    r.complete = true;
    db.exec(QStringLiteral("ATTACH DATABASE '%1' AS source")
                .arg(QString(sourcePath).replace(QLatin1Char('\''), QStringLiteral("''"))),
            QStringLiteral("attach the pipeline's journal"));
    for (const TableRows& t : rows.tables) {
        const QString name = quoted(t.name);
        const qint64 copied = db.count(QStringLiteral("SELECT count(*) FROM main.%1").arg(name));
        const qint64 source = db.count(QStringLiteral("SELECT count(*) FROM source.%1").arg(name));
        const qint64 onlySource = db.count(
            QStringLiteral("SELECT count(*) FROM (SELECT * FROM source.%1 EXCEPT SELECT * FROM "
                           "main.%1)")
                .arg(name));
        const qint64 onlyCopy = db.count(
            QStringLiteral("SELECT count(*) FROM (SELECT * FROM main.%1 EXCEPT SELECT * FROM "
                           "source.%1)")
                .arg(name));
        if (copied != source || copied != t.rowCount() || onlySource != 0 || onlyCopy != 0) {
            r.complete = false;
            r.mismatch = QStringLiteral("%1: %2 rows in the pipeline's journal, %3 in the copy")
                             .arg(t.name)
                             .arg(source)
                             .arg(copied);
            break;
        }
    }
    db.exec(QStringLiteral("DETACH DATABASE source"), QStringLiteral("detach"));
    return r;
}

} // namespace fb::bench
