#include "tests/bench/bench_share.h"

#include "sync/journal/database.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/share/replicator.h"
#include "tests/bench/bench_common.h"
#include "tests/bench/bench_share_data.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTextStream>

#include <stdexcept>

#ifndef FILLBOOK_SOURCE_DIR
#error "FILLBOOK_SOURCE_DIR must name the source tree (scripts/desk-test-server)"
#endif

namespace fb::bench {

namespace {

const QString kDatabase = QStringLiteral("fillbook_bench");

double secondsOf(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

QString readLine(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readLine()).trimmed();
}

// The private cluster of the sharing tests, started and stopped by the same script.
class BenchServer
{
public:
    explicit BenchServer(const QString& stateDir)
        : m_state(stateDir)
    {
        script(QStringLiteral("start"));
        m_started = true;
        m_port = readLine(m_state + QStringLiteral("/port")).toInt();
        m_password = readLine(m_state + QStringLiteral("/password"));
        if (m_port == 0 || m_password.isEmpty())
            throw std::runtime_error("desk-test-server wrote no port or password");
    }
    ~BenchServer()
    {
        if (m_started) {
            try {
                script(QStringLiteral("stop"));
            } catch (...) {
            }
        }
    }
    BenchServer(const BenchServer&) = delete;
    BenchServer& operator=(const BenchServer&) = delete;

    journal::DeskEndpoint endpoint(const QString& database) const
    {
        journal::DeskEndpoint e;
        e.host = QStringLiteral("127.0.0.1");
        e.port = m_port;
        e.database = database;
        e.user = QStringLiteral("fillbook_admin");
        e.password = m_password;
        e.sslMode = QStringLiteral("disable");
        return e;
    }

    // psql with the connection in its environment (the password never on a command line);
    // `-c` runs one command (SQL or a backslash command such as \copy). Returns stdout.
    QString psql(const QString& database, const QString& command) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGHOST"), QStringLiteral("127.0.0.1"));
        env.insert(QStringLiteral("PGPORT"), QString::number(m_port));
        env.insert(QStringLiteral("PGUSER"), QStringLiteral("fillbook_admin"));
        env.insert(QStringLiteral("PGPASSWORD"), m_password);
        env.insert(QStringLiteral("PGDATABASE"), database);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("psql"),
                {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"),
                 QStringLiteral("-t"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                 QStringLiteral("-c"), command});
        if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            throw std::runtime_error(
                QStringLiteral("psql failed on '%1': %2")
                    .arg(command.left(120), QString::fromUtf8(p.readAllStandardError()).trimmed())
                    .toStdString());
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

private:
    void script(const QString& command)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(
            QStringLiteral("bash"),
            {QStringLiteral(FILLBOOK_SOURCE_DIR "/scripts/desk-test-server"), command, m_state});
        if (!p.waitForFinished(120'000) || p.exitStatus() != QProcess::NormalExit ||
            p.exitCode() != 0)
            throw std::runtime_error(
                QStringLiteral("scripts/desk-test-server %1 failed").arg(command).toStdString());
    }

    QString m_state;
    bool m_started = false;
    int m_port = 0;
    QString m_password;
};

struct PushFigures
{
    qint64 rowsWritten = 0;
    qint64 changes = 0;
    int batches = 0;
    double seconds = 0;      // the whole push (SQLite reads, server, acknowledgements)
    double applySeconds = 0; // inside DeskStore::apply: JSON, statements, commit
    qint64 peakRssKb = 0;    // over the push (VmHWM reset at its start when the kernel allows)
};

PushFigures push(const QString& journalPath, const journal::DeskEndpoint& endpoint, int batchSize)
{
    journal::Database db(journalPath, journal::OpenOptions{journal::OpenMode::ReadWrite,
                                                           QStringLiteral("bench"), true});
    journal::DeskConnection desk(endpoint, QStringLiteral("bench"));
    PushFigures f;
    QElapsedTimer apply;
    share::ReplicatorHooks hooks;
    hooks.afterBlobUpload = [&apply] { apply.start(); };
    hooks.afterServerCommit = [&apply, &f] { f.applySeconds += secondsOf(apply); };
    share::Replicator replicator(db, desk, hooks, batchSize);
    resetPeakRss();
    QElapsedTimer t;
    t.start();
    const share::PushReport report = replicator.push();
    f.seconds = secondsOf(t);
    f.peakRssKb = peakRssKb();
    f.rowsWritten = report.rowsWritten;
    f.changes = report.changes;
    f.batches = report.batches;
    if (journal::OutboxStore(db).pendingCount() != 0)
        throw std::runtime_error("the push left rows in the outbox");
    return f;
}

struct CopyFigures
{
    qint64 rows = 0;
    double seconds = 0;
};

// COPY FROM STDIN (psql's \copy) of `where`'s rows of fillbook.`table` into an identical scratch
// table (LIKE … INCLUDING ALL: the same columns, generated column, defaults, keys and indexes;
// no row-level security, which the superuser bypasses anyway). Only the COPY is timed.
CopyFigures copyRate(const BenchServer& server, const QDir& dir, const QString& table,
                     const QString& where)
{
    const QString columns = server.psql(
        kDatabase, QStringLiteral("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                                  "FROM information_schema.columns WHERE table_schema = "
                                  "'fillbook' AND table_name = '%1' AND is_generated = 'NEVER'")
                       .arg(table));
    const QString csv = dir.filePath(QStringLiteral("copy-%1.csv").arg(table));
    server.psql(kDatabase, QStringLiteral("\\copy (SELECT %1 FROM fillbook.%2 WHERE %3) TO '%4' "
                                          "WITH (FORMAT csv)")
                               .arg(columns, table, where, csv));
    server.psql(kDatabase,
                QStringLiteral("CREATE SCHEMA IF NOT EXISTS bench_copy; DROP TABLE IF EXISTS "
                               "bench_copy.%1; CREATE TABLE bench_copy.%1 (LIKE fillbook.%1 "
                               "INCLUDING ALL)")
                    .arg(table));
    QElapsedTimer t;
    t.start();
    server.psql(kDatabase, QStringLiteral("\\copy bench_copy.%1(%2) FROM '%3' WITH (FORMAT csv)")
                               .arg(table, columns, csv));
    CopyFigures c;
    c.seconds = secondsOf(t);
    c.rows = server.psql(kDatabase, QStringLiteral("SELECT count(*) FROM bench_copy.%1").arg(table))
                 .toLongLong();
    server.psql(kDatabase, QStringLiteral("DROP TABLE bench_copy.%1").arg(table));
    QFile::remove(csv);
    return c;
}

qint64 count(const BenchServer& server, const QString& sql)
{
    return server.psql(kDatabase, sql).toLongLong();
}

void check(bool ok, const QString& what)
{
    if (!ok)
        throw std::runtime_error(
            QString(QStringLiteral("server rows differ from the journal: ") + what).toStdString());
}

QString ratio(double push, double copy)
{
    return copy > 0 ? fmtPercent(push / copy) : QStringLiteral("n/a");
}

} // namespace

QString runShareSection(const ShareBenchOptions& o, const QDir& dir,
                        const std::function<void(const QString&)>& progress)
{
    QString text;
    QTextStream out(&text);
    out << QStringLiteral("\n## 8. Sharing: push to a desk server vs PostgreSQL's COPY (issue 13; "
                          "batches of %1 outbox rows)\n\n")
               .arg(o.batchSize);
    progress(QStringLiteral("share: starting PostgreSQL"));
    BenchServer server(dir.filePath(QStringLiteral("desk-state")));
    server.psql(QStringLiteral("postgres"),
                QStringLiteral("DROP DATABASE IF EXISTS %1").arg(kDatabase));
    server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(kDatabase));
    const journal::DeskEndpoint endpoint = server.endpoint(kDatabase);
    {
        journal::DeskConnection desk(endpoint, QStringLiteral("bench"));
        journal::desk_schema::upgrade(desk);
    }
    out << QStringLiteral("- server: ")
        << server.psql(kDatabase, QStringLiteral("SELECT version()"))
        << QStringLiteral(" (the tests' cluster settings: fsync off), loopback, role "
                          "fillbook_admin (superuser)\n");

    Table t({QStringLiteral("what"), QStringLiteral("rows"), QStringLiteral("journal built in"),
             QStringLiteral("push"), QStringLiteral("push rate"), QStringLiteral("of it in apply"),
             QStringLiteral("COPY (limit)"), QStringLiteral("COPY rate"),
             QStringLiteral("push / COPY"), QStringLiteral("peak RSS of the push")});
    if (o.annotations > 0) {
        const QString path = dir.filePath(QStringLiteral("share-annotations.db"));
        progress(QStringLiteral("share: building %1 annotations").arg(o.annotations));
        const double built = buildAnnotationJournal(path, o.annotations);
        progress(QStringLiteral("share: pushing them"));
        const PushFigures p = push(path, endpoint, o.batchSize);
        check(count(server, QStringLiteral("SELECT count(*) FROM fillbook.annotations")) ==
                  o.annotations,
              QStringLiteral("annotations"));
        progress(QStringLiteral("share: COPY of the same annotations"));
        const CopyFigures c =
            copyRate(server, dir, QStringLiteral("annotations"), QStringLiteral("true"));
        const double pushRate = double(p.rowsWritten) / p.seconds;
        const double copyRateValue = double(c.rows) / c.seconds;
        t.add({QStringLiteral("annotations (%1 outbox rows, %2 batches)")
                   .arg(fmtInt(p.changes))
                   .arg(p.batches),
               fmtInt(p.rowsWritten), fmtSeconds(built), fmtSeconds(p.seconds), fmtRate(pushRate),
               fmtPercent(p.applySeconds / p.seconds), fmtSeconds(c.seconds),
               fmtRate(copyRateValue), ratio(pushRate, copyRateValue), fmtMb(p.peakRssKb)});
    }
    if (o.fills > 0) {
        const QString path = dir.filePath(QStringLiteral("share-records.db"));
        progress(QStringLiteral("share: building a %1-fill account").arg(o.fills));
        const RecordsJournal j = buildRecordsJournal(path, o.fills, o.symbols);
        progress(QStringLiteral("share: pushing its records (%1 fills, %2 orders, %3 income, "
                                "%4 trades)")
                     .arg(j.fills)
                     .arg(j.orders)
                     .arg(j.income)
                     .arg(j.trades));
        const PushFigures p = push(path, endpoint, o.batchSize);
        const auto kindCount = [&](const char* kind) {
            return count(server, QStringLiteral("SELECT count(*) FROM fillbook.raw_records WHERE "
                                                "account = 'main' AND record_kind = '%1'")
                                     .arg(QLatin1String(kind)));
        };
        check(kindCount("fill") == j.fills, QStringLiteral("fills"));
        check(kindCount("order") == j.orders, QStringLiteral("orders"));
        check(kindCount("income") == j.income, QStringLiteral("income"));
        check(count(server, QStringLiteral("SELECT count(*) FROM fillbook.trades")) == j.trades,
              QStringLiteral("trades"));
        check(p.rowsWritten == j.fills + j.orders + j.income + j.trades,
              QStringLiteral("rows written"));
        progress(QStringLiteral("share: COPY of the same records"));
        const CopyFigures raw = copyRate(server, dir, QStringLiteral("raw_records"),
                                         QStringLiteral("account = 'main'"));
        const CopyFigures trades =
            copyRate(server, dir, QStringLiteral("trades"), QStringLiteral("account = 'main'"));
        const double copySeconds = raw.seconds + trades.seconds;
        const double pushRate = double(p.rowsWritten) / p.seconds;
        const double copyRateValue = double(raw.rows + trades.rows) / copySeconds;
        t.add({QStringLiteral("a %1-fill account: %2 fills, %3 orders, %4 income, %5 trades "
                              "(%6 outbox rows, %7 batches)")
                   .arg(fmtInt(o.fills), fmtInt(j.fills), fmtInt(j.orders), fmtInt(j.income),
                        fmtInt(j.trades), fmtInt(p.changes))
                   .arg(p.batches),
               fmtInt(p.rowsWritten), fmtSeconds(j.seconds), fmtSeconds(p.seconds),
               fmtRate(pushRate), fmtPercent(p.applySeconds / p.seconds), fmtSeconds(copySeconds),
               fmtRate(copyRateValue), ratio(pushRate, copyRateValue), fmtMb(p.peakRssKb)});
    }
    out << QStringLiteral("- push rate: rows the server inserted or changed per second of "
                          "Replicator::push (SQLite reads, JSON, statements, commits, "
                          "acknowledgements); \"in apply\": the share spent inside "
                          "DeskStore::apply (JSON building, statements, commit)\n"
                          "- COPY: psql's \\copy (COPY FROM STDIN) of the same rows, exported "
                          "from the server as CSV, into an identical scratch table "
                          "(LIKE … INCLUDING ALL); only the COPY is timed\n\n");
    out << t.render();
    return text;
}

} // namespace fb::bench
