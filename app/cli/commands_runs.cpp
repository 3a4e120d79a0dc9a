// `fillbook-cli reconcile` and `fillbook-cli runs prune`: looking back at runs, and tidying up.

#include "app/cli/cli_common.h"
#include "models/domain/reconciliation.h"
#include "sync/engine/run_types.h"
#include "sync/journal/run_store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace fb::cli {

using namespace fb::journal;

QList<QCommandLineOption> reconcileOptions()
{
    return {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON."))};
}

int runReconcile(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    if (args.size() > 1) {
        context.error(QStringLiteral("reconcile takes at most one run id."));
        return sync::exit_code::Usage;
    }
    const auto db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    RunStore runs(*db);
    std::optional<RunRecord> run;
    if (args.isEmpty()) {
        // The newest run that got as far as reconciling.
        for (const RunRecord& r : runs.listRuns(1000)) {
            if (!r.reconciliationJson.isEmpty()) {
                run = r;
                break;
            }
        }
        if (!run) {
            context.error(QStringLiteral("no run has a reconciliation report yet; run a sync."));
            return sync::exit_code::Usage;
        }
    } else {
        run = runs.run(args.first());
        if (!run) {
            context.error(QStringLiteral("Run '%1' not found.").arg(args.first()));
            return sync::exit_code::Usage;
        }
        if (run->reconciliationJson.isEmpty()) {
            context.error(QStringLiteral("run %1 is %2 and has no reconciliation report (only "
                                         "runs that finish produce one).")
                              .arg(run->id, runStatusName(run->status)));
            return sync::exit_code::Usage;
        }
    }
    QString error;
    const auto report = ReconciliationReport::fromJson(
        QJsonDocument::fromJson(run->reconciliationJson.toUtf8()).object(), &error);
    if (!report) {
        context.error(
            QStringLiteral("the report stored with run %1 is damaged: %2").arg(run->id, error));
        return sync::exit_code::Failed;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject o = report->toJson();
        o.insert(QStringLiteral("runId"), run->id);
        o.insert(QStringLiteral("allMatch"), report->allMatch());
        context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return report->allMatch() ? sync::exit_code::Ok : sync::exit_code::Failed;
    }
    QTextStream& out = context.out;
    out << QStringLiteral("Reconciliation of %1 (%2 lines, %3 differences)\n")
               .arg(run->id)
               .arg(report->lines.size())
               .arg(report->mismatches().size());
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(QStringLiteral("symbol").leftJustified(14),
                    QStringLiteral("asset").leftJustified(6),
                    QStringLiteral("check").leftJustified(12),
                    QStringLiteral("journal").rightJustified(20),
                    QStringLiteral("income").rightJustified(20),
                    QStringLiteral("difference").rightJustified(16));
    for (const ReconciliationLine& l : report->lines) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6%7\n")
                   .arg(l.symbol.leftJustified(14), l.asset.leftJustified(6),
                        l.check.leftJustified(12), l.journal.toString().rightJustified(20),
                        l.income.toString().rightJustified(20),
                        l.difference.toString().rightJustified(16),
                        l.matches ? QString() : QStringLiteral("  <-- differs"));
    }
    out << (report->allMatch() ? QStringLiteral("Everything matches to the last decimal.\n")
                               : QStringLiteral("Differences are facts worth a look: a fill or "
                                                "income row the other side lacks.\n"));
    return report->allMatch() ? sync::exit_code::Ok : sync::exit_code::Failed;
}

QList<QCommandLineOption> runsOptions()
{
    return {QCommandLineOption(QStringLiteral("older-than"),
                               QStringLiteral("With 'prune': remove finished runs older than this "
                                              "(e.g. 30d, 12h)."),
                               QStringLiteral("AGE"))};
}

int runRuns(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    if (args != QStringList{QStringLiteral("prune")} ||
        !parser.isSet(QStringLiteral("older-than"))) {
        context.error(QStringLiteral("usage: fillbook-cli runs prune --older-than 30d"));
        return sync::exit_code::Usage;
    }
    static const QRegularExpression agePattern(QStringLiteral("^(\\d+)([dh])$"));
    const auto m = agePattern.match(parser.value(QStringLiteral("older-than")));
    if (!m.hasMatch()) {
        context.error(QStringLiteral("--older-than '%1' is not an age like 30d or 12h.")
                          .arg(parser.value(QStringLiteral("older-than"))));
        return sync::exit_code::Usage;
    }
    const qint64 ageMs =
        m.captured(1).toLongLong() * (m.captured(2) == QLatin1String("d") ? 86'400'000 : 3'600'000);
    if (!openJournalForReading(context))
        return context.openFailure;
    Database db(context.journalPath, {OpenMode::ReadWrite, QStringLiteral("cli"), true});
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - ageMs;
    const int count = RunStore(db).pruneFinishedRuns(cutoff);
    context.out << QStringLiteral(
                       "Removed %1 finished run(s) older than %2; synced data is kept.\n")
                       .arg(count)
                       .arg(parser.value(QStringLiteral("older-than")));
    return sync::exit_code::Ok;
}

} // namespace fb::cli
