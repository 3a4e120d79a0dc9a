#pragma once
// Target 3's fair limit (issue 12: "Pipeline >= 80 % of the SQLite C-API limit for the same
// rows"): every row the pipeline left in its journal, read back after the pipeline ran, written
// again through the SQLite C API into a fresh journal with the journal's real schema (every
// table, index, trigger and foreign key), one prepared INSERT per table, on a connection set up
// as the journal's writer (docs/design.md D153), ending with the same checkpoint.

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace fb::bench {

// One value as SQLite stored it: its storage class and its bytes.
struct Cell
{
    int type = 0; // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
    qint64 integer = 0;
    double real = 0;
    QByteArray bytes;
};

struct TableRows
{
    QString name;
    QStringList columns;
    int symbolColumn = -1;   // index in `columns`, -1 when the table has none
    std::vector<Cell> cells; // row-major, columns.size() per row
    qint64 rowCount() const
    {
        return columns.isEmpty() ? 0 : qint64(cells.size()) / columns.size();
    }
};

// Every table's rows, in the order they can be inserted: parents before the tables whose
// foreign keys point at them, and the tables the journal's triggers write (rebuild_cuts) after
// the tables whose triggers write them.
struct JournalRows
{
    QVector<TableRows> tables;
    // Tables left out: a new journal holds the same number of rows in them (meta is never read).
    QStringList bookkeeping;
    qint64 rowCount() const;
};

// Reads every row of every table of the journal at `path` except the schema's bookkeeping
// (`meta`, and any table a new journal fills with as many rows) and SQLite's own tables.
JournalRows readJournalRows(const QString& path);

struct SameRowsResult
{
    qint64 rows = 0; // written, all tables
    int transactions = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    // Every table of the copy holds exactly the pipeline's rows (counted, and compared row for
    // row with EXCEPT both ways); `mismatch` names the first table that does not.
    bool complete = false;
    QString mismatch;
};

// Writes `rows` into a new journal at `dbPath` (created through journal::Database, closed,
// reopened with sqlite3_open and the writer's pragmas) and times it. With `batchOfSymbol` empty,
// one transaction; otherwise one per batch, a row going into its symbol's batch (rows without a
// symbol into the last), as the pipeline groups its symbols into transactions. `sourcePath` is
// the pipeline's journal, compared with the copy afterwards (untimed).
SameRowsResult runSameRowsLimit(const JournalRows& rows, const QString& sourcePath,
                                const QString& dbPath, int walPages,
                                const QHash<QString, int>& batchOfSymbol = {});

} // namespace fb::bench
