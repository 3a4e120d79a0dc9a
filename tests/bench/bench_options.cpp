// fillbook-bench's command line: every option sets a field of Options (bench_common.h); an
// unknown option or a bad value prints the usage and stops the run.
#include "sync/engine/engine_config.h"
#include "tests/bench/bench_common.h"

#include <QStringList>
#include <QTextStream>

namespace fb::bench {

bool parseOptions(const QStringList& args, Options& o)
{
    o.commitGroupMs = sync::EngineConfig{}.commitGroupMs; // the engine's, unless given
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        o.given << a;
        const QString next = i + 1 < args.size() ? args[i + 1] : QString();
        bool ok = true;
        if (a == QLatin1String("--fills")) {
            o.fillCounts.clear();
            for (const QString& part : next.split(QLatin1Char(','), Qt::SkipEmptyParts))
                o.fillCounts.append(part.toInt(&ok));
            ++i;
        } else if (a == QLatin1String("--symbols")) {
            o.symbols = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--commit-cap")) {
            o.commitRecordCap = next.toInt(&ok);
            ok = ok && o.commitRecordCap > 0;
            ++i;
        } else if (a == QLatin1String("--commit-group-ms")) {
            o.commitGroupMs = next.toLongLong(&ok);
            ok = ok && o.commitGroupMs >= 0;
            ++i;
        } else if (a == QLatin1String("--pipeline-pairs")) {
            o.pipelinePairs = next.toInt(&ok);
            ok = ok && o.pipelinePairs > 0;
            ++i;
        } else if (a == QLatin1String("--naive-fills")) {
            o.naiveFills = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--sync-fills")) {
            o.syncFills = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--sync-symbols")) {
            o.syncSymbols = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--sync-seconds")) {
            o.syncSeconds = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--upsert-fills")) {
            o.upsertFills = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--generate-fills")) {
            o.generateFills = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--sort-trades")) {
            o.sortTrades = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--report-db")) {
            o.reportDb = next;
            ++i;
        } else if (a == QLatin1String("--dir")) {
            o.workDir = next;
            ++i;
        } else if (a == QLatin1String("--weight-accounts")) {
            // SYMBOLS:FILLS[,SYMBOLS:FILLS...]; an empty list skips the section.
            o.weightAccounts.clear();
            for (const QString& part : next.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QStringList sf = part.split(QLatin1Char(':'));
                bool okSymbols = sf.size() == 2;
                bool okFills = okSymbols;
                if (okSymbols)
                    o.weightAccounts.append({sf[0].toInt(&okSymbols), sf[1].toInt(&okFills)});
                ok = ok && okSymbols && okFills;
            }
            ++i;
        } else if (a == QLatin1String("--weight-only")) {
            o.weightOnly = true;
        } else if (a == QLatin1String("--rate-latencies") ||
                   a == QLatin1String("--rate-budget-latencies")) {
            QVector<int>& latencies = a == QLatin1String("--rate-latencies")
                                          ? o.rate.latenciesMs
                                          : o.rate.budgetLatenciesMs;
            latencies.clear(); // an empty list skips the runs
            for (const QString& part : next.split(QLatin1Char(','), Qt::SkipEmptyParts))
                latencies.append(part.toInt(&ok));
            ++i;
        } else if (a == QLatin1String("--rate-account") ||
                   a == QLatin1String("--rate-default-account") ||
                   a == QLatin1String("--rate-budget-account")) {
            const QStringList sf = next.split(QLatin1Char(':'));
            bool okFills = sf.size() == 2;
            ok = okFills;
            const std::pair<int, int> account =
                ok ? std::pair<int, int>{sf[0].toInt(&ok), sf[1].toInt(&okFills)}
                   : std::pair<int, int>{};
            ok = ok && okFills;
            (a == QLatin1String("--rate-account")           ? o.rate.account
             : a == QLatin1String("--rate-default-account") ? o.rate.defaultAccount
                                                            : o.rate.budgetAccount) = account;
            ++i;
        } else if (a == QLatin1String("--rate-only")) {
            o.rateOnly = true;
        } else if (a == QLatin1String("--flat-histories")) {
            o.flat.histories.clear(); // an empty list skips the section
            for (const QString& part : next.split(QLatin1Char(','), Qt::SkipEmptyParts))
                o.flat.histories.append(part.toInt(&ok));
            ++i;
        } else if (a == QLatin1String("--flat-only")) {
            o.flatOnly = true;
        } else if (a == QLatin1String("--realrun-histories")) {
            o.realrun.histories.clear(); // an empty list skips the section
            for (const QString& part : next.split(QLatin1Char(','), Qt::SkipEmptyParts))
                o.realrun.histories.append(part.toInt(&ok));
            ++i;
        } else if (a == QLatin1String("--realrun-runs")) {
            o.realrun.runs = next.toInt(&ok);
            ok = ok && o.realrun.runs > 0;
            ++i;
        } else if (a == QLatin1String("--realrun-days")) {
            o.realrun.days = next.toInt(&ok);
            ok = ok && o.realrun.days >= 1 && o.realrun.days <= 90;
            ++i;
        } else if (a == QLatin1String("--realrun-max-gap-ms")) {
            o.realrun.maxGapMs = next.toUInt(&ok);
            ok = ok && o.realrun.maxGapMs >= 1;
            ++i;
        } else if (a == QLatin1String("--realrun-rebuild")) {
            o.realrun.rebuild = true;
        } else if (a == QLatin1String("--realrun-only")) {
            o.realrunOnly = true;
        } else if (a == QLatin1String("--desktop-only")) {
            o.desktopOnly = true;
        } else if (a == QLatin1String("--fillbook")) {
            o.desktop.fillbook = next;
            ++i;
        } else if (a == QLatin1String("--stall-fills")) {
            o.desktop.stallFills = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--stall-runs")) {
            o.desktop.stallRuns = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--paint-trades")) {
            o.desktop.paintTrades = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--paint-runs")) {
            o.desktop.paintRuns = next.toInt(&ok);
            ++i;
        } else if (a == QLatin1String("--hang-account")) {
            const QStringList sf = next.split(QLatin1Char(':'));
            bool okFills = sf.size() == 2;
            ok = okFills;
            if (ok)
                o.hangAccount = {sf[0].toInt(&ok), sf[1].toInt(&okFills)};
            ok = ok && okFills;
            ++i;
        } else if (a == QLatin1String("--hang-latency-ms")) {
            o.hangLatencyMs = next.toInt(&ok);
            ok = ok && o.hangLatencyMs >= 0;
            ++i;
        } else if (a == QLatin1String("--hang-pairs")) {
            o.hangPairs = next.toInt(&ok);
            ok = ok && o.hangPairs > 0;
            ++i;
        } else if (a == QLatin1String("--hang-only")) {
            o.hangOnly = true;
        } else if (a == QLatin1String("--issue12")) {
            o.issue12 = true;
        } else if (a == QLatin1String("--share-annotations")) {
            o.share.annotations = next.toInt(&ok);
            o.shareRequested = true;
            ++i;
        } else if (a == QLatin1String("--share-fills")) {
            o.share.fills = next.toInt(&ok);
            o.shareRequested = true;
            ++i;
        } else if (a == QLatin1String("--share-batch")) {
            o.share.batchSize = next.toInt(&ok);
            ok = ok && o.share.batchSize > 0;
            o.shareRequested = true;
            ++i;
        } else if (a == QLatin1String("--share-only")) {
            o.shareOnly = true;
            o.shareRequested = true;
        } else if (a == QLatin1String("--batch-symbols")) {
            o.batchSymbols = next.toInt(&ok);
            ok = ok && o.batchSymbols > 0;
            ++i;
        } else if (a == QLatin1String("--wal-pages")) {
            o.extraWalPages = next.toInt(&ok);
            ok = ok && o.extraWalPages > 0;
            ++i;
        } else if (a == QLatin1String("--pipeline-only")) {
            o.pipelineOnly = true;
        } else if (a == QLatin1String("--no-sync")) {
            o.skipSync = true;
        } else {
            ok = false;
        }
        if (!ok) {
            QTextStream(stderr)
                << "usage: fillbook-bench [--fills N[,N...]] [--symbols N] "
                   "[--commit-cap N] [--naive-fills N] [--sync-fills N] "
                   "[--sync-symbols N] "
                   "[--sync-seconds S] "
                   "[--upsert-fills N] [--generate-fills N] [--sort-trades N] "
                   "[--weight-accounts S:F[,S:F...]] [--weight-only] "
                   "[--rate-latencies MS[,MS...]] [--rate-budget-latencies MS[,MS...]] "
                   "[--rate-account S:F] "
                   "[--rate-default-account S:F] [--rate-budget-account S:F] "
                   "[--rate-only] [--flat-histories N[,N...]] [--flat-only] "
                   "[--realrun-histories N[,N...]] [--realrun-runs N] [--realrun-days N] "
                   "[--realrun-max-gap-ms MS] [--realrun-rebuild] "
                   "[--realrun-only] "
                   "[--desktop-only] [--fillbook PATH] [--stall-fills N] "
                   "[--stall-runs N] [--paint-trades N] [--paint-runs N] "
                   "[--hang-account S:F] [--hang-latency-ms N] [--hang-pairs N] [--hang-only] "
                   "[--issue12] "
                   "[--share-annotations N] [--share-fills N] [--share-batch N] "
                   "[--share-only] [--pipeline-only] [--batch-symbols N] [--wal-pages N] "
                   "[--commit-group-ms N] [--pipeline-pairs N] "
                   "[--no-sync] [--dir PATH]\n";
            return false;
        }
    }
    return true;
}

} // namespace fb::bench
