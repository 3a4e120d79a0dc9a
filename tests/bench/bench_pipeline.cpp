#include "tests/bench/bench_pipeline.h"

#include "models/domain/lifecycle.h"
#include "sync/engine/commit_grouping.h"
#include "sync/engine/first_builds.h"
#include "sync/journal/database.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"
#include "tests/bench/bench_common.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <malloc.h>
#include <sqlite3.h>

#include <stdexcept>
#include <time.h>

namespace fb::bench {
namespace {

const QString kAccount = QStringLiteral("main");

double secondsOf(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

qint64 fileBytes(const QString& path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

qint64 walBytes(const QString& path)
{
    return QFileInfo(path + QStringLiteral("-wal")).size();
}

void removeJournal(const QString& path)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

journal::OpenOptions writer(int walPages = 1000)
{
    journal::OpenOptions o{journal::OpenMode::ReadWrite, QStringLiteral("bench"), true};
    o.walAutocheckpointPages = walPages;
    return o;
}

// The process's CPU time: the journal encodes trades on a helper thread while this one writes
// (EncodeAhead, D174), and that work counts too. Nothing else runs in the process meanwhile.
double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// The CPU time of every timed() part so far: on a shared machine the wall time also counts
// waiting for a core, the CPU time does not (it leaves out waiting for the disk).
double g_timedCpu = 0;

// Times `body` into `slot`.
template <typename F> auto timed(double& slot, F&& body) -> decltype(body())
{
    QElapsedTimer t;
    t.start();
    const double cpu = processCpuSeconds();
    if constexpr (std::is_void_v<decltype(body())>) {
        body();
        slot += secondsOf(t);
        g_timedCpu += processCpuSeconds() - cpu;
    } else {
        auto result = body();
        slot += secondsOf(t);
        g_timedCpu += processCpuSeconds() - cpu;
        return result;
    }
}

// Load, rebuild and store one symbol's trades (the second half of commitBatch's per-symbol work):
// `ahead` holds the build when the symbol was new to the journal (D178), else it is read back.
qint64 rebuildSymbol(journal::Database& db, const QString& symbol, PhaseTimes& phases,
                     std::optional<sync::SymbolRebuild> ahead = std::nullopt)
{
    SymbolTrades built;
    if (ahead) {
        built = std::move(ahead->built.trades);
    } else {
        journal::RawStore raw(db);
        const SymbolHistory history =
            timed(phases.load, [&] { return raw.loadSymbolHistory(kAccount, symbol); });
        built = timed(phases.build, [&] { return buildSymbolTrades(history); });
    }
    timed(phases.store,
          [&] { journal::TradeStore(db).replaceSymbolTrades(kAccount, symbol, built); });
    return built.trades.size();
}

void sampleRss(PipelineResult& r, int batch, int batches)
{
    for (int q = 1; q <= 4; ++q) {
        if (batch + 1 == (batches * q + 3) / 4 && r.rssAtQuarterKb.size() < q)
            r.rssAtQuarterKb.append(currentRssKb());
    }
}

void check(int rc, sqlite3* db, const char* what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

} // namespace

PipelineResult runPipeline(const FillSource& source, const QString& dbPath, int batchSymbols,
                           int commitRecordCap, int walPages, qint64 commitGroupMs)
{
    removeJournal(dbPath);
    // Hand the heap an earlier measurement left behind back to the kernel, so that each run's
    // RSS figures start from the same floor (glibc keeps freed memory otherwise).
    malloc_trim(0);
    PipelineResult r;
    g_timedCpu = 0;
    {
        journal::Database db(dbPath, writer(walPages));
        r.rssBeforeKb = currentRssKb();
        r.peakWasReset = resetPeakRss();
        const int batches = (source.symbolCount() + batchSymbols - 1) / batchSymbols;
        const QVector<int> order = source.syncOrder();
        // Like the engine: a symbol whose fetched records pass the cap commits them on their
        // own (raw records and coverage, no rebuild); its last part commits with the batch,
        // where every symbol of the batch is rebuilt from the journal. So the fills held in
        // memory never exceed the cap per symbol, whatever the history's size.
        const auto commitAlone = [&](const QVector<Fill>& part) {
            double commitPart = 0;
            std::optional<journal::Transaction> tx;
            timed(commitPart, [&] { tx.emplace(db); });
            timed(r.phases.upsert, [&] { journal::RawStore(db).upsertFills(part); });
            timed(commitPart, [&] { tx->commit(); });
            r.phases.commit += commitPart;
            r.peakWalBytes = std::max(r.peakWalBytes, walBytes(dbPath));
            r.fills += part.size();
            ++r.partialCommits;
        };
        // Like the engine (D175): a batch is held and committed with the next ones while the
        // last commit ended less than commitGroupMs ago and the held fills stay under the cap.
        sync::CommitGrouping grouping(commitGroupMs, commitRecordCap);
        QVector<sync::SymbolFetch> held; // each symbol's last part, as the engine holds it
        qint64 heldFills = 0;
        for (int b = 0; b < batches; ++b) {
            const int first = b * batchSymbols;
            const int last = std::min(source.symbolCount(), first + batchSymbols);
            for (int k = first; k < last; ++k) {
                const int i = order.at(k);
                QElapsedTimer gen;
                gen.start();
                QVector<Fill> fills = source.fillsOf(i);
                r.genSeconds += secondsOf(gen);
                r.largestSymbolFills = std::max(r.largestSymbolFills, qint64(fills.size()));
                qsizetype start = 0;
                for (; fills.size() - start > commitRecordCap; start += commitRecordCap)
                    commitAlone(fills.mid(start, commitRecordCap));
                heldFills += fills.size() - start;
                sync::SymbolFetch f;
                f.symbol = source.symbol(i);
                f.ok = true;
                f.fills = fills.mid(start);
                held.append(f);
            }
            if (!grouping.commitNow(heldFills, b + 1 < batches)) {
                sampleRss(r, b, batches);
                continue;
            }

            double commitPart = 0;
            std::optional<journal::Transaction> tx;
            timed(commitPart, [&] { tx.emplace(db); });
            journal::RawStore raw(db);
            // Like the engine (D178): the symbols new to the journal are built from these
            // fills on a helper thread while this one upserts them; reading their funding and
            // positions counts as loading, waiting for a build as building.
            std::optional<sync::FirstBuilds> firstBuilds;
            timed(r.phases.load,
                  [&] { firstBuilds.emplace(sync::firstBuildInputs(db, kAccount, held)); });
            for (qsizetype k = 0; k < held.size(); ++k) {
                const sync::SymbolFetch& f = held.at(k);
                timed(r.phases.upsert, [&] { raw.upsertFills(f.fills); });
                std::optional<sync::SymbolRebuild> ahead =
                    timed(r.phases.build, [&] { return firstBuilds->take(k); });
                r.trades += rebuildSymbol(db, f.symbol, r.phases, std::move(ahead));
                r.fills += f.fills.size();
                r.transactionOfSymbol.insert(f.symbol, r.groupedCommits);
            }
            firstBuilds.reset();
            timed(commitPart, [&] { tx->commit(); });
            grouping.committed();
            r.phases.commit += commitPart;
            r.peakWalBytes = std::max(r.peakWalBytes, walBytes(dbPath));
            ++r.groupedCommits;
            held.clear();
            heldFills = 0;
            sampleRss(r, b, batches);
        }
        // The engine's end of a run: what the WAL bound left in the log goes into the file.
        timed(r.phases.commit, [&] { db.checkpointWal(); });
        r.peakRssKb = peakRssKb();
    }
    r.seconds = r.phases.total();
    r.cpuSeconds = g_timedCpu;
    r.dbBytes = fileBytes(dbPath);
    return r;
}

PipelineResult runNaive(const FillSource& source, const QString& dbPath)
{
    removeJournal(dbPath);
    PipelineResult r;
    journal::Database db(dbPath, writer());
    r.rssBeforeKb = currentRssKb();
    for (const int i : source.syncOrder()) {
        QElapsedTimer gen;
        gen.start();
        const QVector<Fill> fills = source.fillsOf(i);
        r.genSeconds += secondsOf(gen);
        journal::RawStore raw(db);
        for (const Fill& f : fills) {
            double part = 0;
            std::optional<journal::Transaction> tx;
            timed(part, [&] { tx.emplace(db); });
            timed(r.phases.upsert, [&] { raw.upsertFills({f}); });
            timed(part, [&] { tx->commit(); });
            r.phases.commit += part;
        }
        double part = 0;
        std::optional<journal::Transaction> tx;
        timed(part, [&] { tx.emplace(db); });
        r.trades += rebuildSymbol(db, source.symbol(i), r.phases);
        timed(part, [&] { tx->commit(); });
        r.phases.commit += part;
        r.fills += fills.size();
    }
    r.seconds = r.phases.total();
    r.peakRssKb = peakRssKb();
    r.dbBytes = fileBytes(dbPath);
    return r;
}

LimitResult runPhysicalLimit(const FillSource& source, const QString& dbPath, int walPages)
{
    removeJournal(dbPath);
    LimitResult r;
    sqlite3* db = nullptr;
    check(sqlite3_open(dbPath.toUtf8().constData(), &db), db, "open");
    // The journal's writer pragmas (journal::Database::openJournal): without its 64 MiB page
    // cache the limit spilled pages SQLite's default 2 MiB cache cannot hold, and was slower
    // than the journal could be (docs/design.md D153).
    const QByteArray pragmas = QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                              "PRAGMA cache_size=-65536; "
                                              "PRAGMA wal_autocheckpoint=%1;")
                                   .arg(walPages)
                                   .toUtf8();
    check(sqlite3_exec(db, pragmas.constData(), nullptr, nullptr, nullptr), db, "pragmas");
    // The journal's fills table (sync/journal/schema_steps.cpp), column for column.
    check(sqlite3_exec(db,
                       "CREATE TABLE fills (account TEXT NOT NULL, symbol TEXT NOT NULL, "
                       "id INTEGER NOT NULL, order_id INTEGER NOT NULL, side TEXT NOT NULL "
                       "CHECK (side = 'BUY' OR side = 'SELL'), price TEXT NOT NULL, qty TEXT "
                       "NOT NULL, quote_qty TEXT NOT NULL, realized_pnl TEXT NOT NULL, "
                       "commission TEXT NOT NULL, commission_asset TEXT NOT NULL, margin_asset "
                       "TEXT NOT NULL, time INTEGER NOT NULL, position_side TEXT NOT NULL CHECK "
                       "(position_side = 'BOTH' OR position_side = 'LONG' OR position_side = "
                       "'SHORT'), buyer INTEGER NOT NULL, maker INTEGER NOT NULL, raw_json TEXT "
                       "NOT NULL, version INTEGER NOT NULL DEFAULT 1, first_seen_at INTEGER NOT "
                       "NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (account, symbol, id)) "
                       "WITHOUT ROWID",
                       nullptr, nullptr, nullptr),
          db, "create fills");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO fills VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                             "?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, ?18)",
                             -1, &insert, nullptr),
          db, "prepare");
    const qint64 now = journal::Database::nowMs();
    QElapsedTimer timer;
    double seconds = 0;
    double cpu = 0;
    timer.start();
    double cpuStart = processCpuSeconds();
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    seconds += secondsOf(timer);
    cpu += processCpuSeconds() - cpuStart;
    for (const int i : source.syncOrder()) {
        const QVector<Fill> fills = source.fillsOf(i); // not timed
        timer.restart();
        cpuStart = processCpuSeconds();
        for (const Fill& f : fills) {
            const auto text = [&](int index, const QString& value) {
                const QByteArray utf8 = value.toUtf8();
                sqlite3_bind_text(insert, index, utf8.constData(), int(utf8.size()),
                                  SQLITE_TRANSIENT);
            };
            text(1, f.account);
            text(2, f.symbol);
            sqlite3_bind_int64(insert, 3, f.id);
            sqlite3_bind_int64(insert, 4, f.orderId);
            text(5, sideName(f.side));
            text(6, f.price.toString());
            text(7, f.qty.toString());
            text(8, f.quoteQty.toString());
            text(9, f.realizedPnl.toString());
            text(10, f.commission.toString());
            text(11, f.commissionAsset);
            text(12, f.marginAsset);
            sqlite3_bind_int64(insert, 13, f.time);
            text(14, positionSideName(f.positionSide));
            sqlite3_bind_int(insert, 15, f.buyer ? 1 : 0);
            sqlite3_bind_int(insert, 16, f.maker ? 1 : 0);
            sqlite3_bind_text(insert, 17, f.raw.constData(), int(f.raw.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 18, now);
            check(sqlite3_step(insert), db, "insert");
            sqlite3_reset(insert);
        }
        seconds += secondsOf(timer);
        cpu += processCpuSeconds() - cpuStart;
        r.fills += fills.size();
    }
    timer.restart();
    cpuStart = processCpuSeconds();
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    // Like the pipeline's end: the log into the file (a no-op when the COMMIT did it already).
    check(sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr), db,
          "checkpoint");
    seconds += secondsOf(timer);
    cpu += processCpuSeconds() - cpuStart;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    r.seconds = seconds;
    r.cpuSeconds = cpu;
    r.dbBytes = fileBytes(dbPath);
    return r;
}

} // namespace fb::bench
