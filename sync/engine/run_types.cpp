#include "sync/engine/run_types.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace fb::sync {
namespace {

QJsonValue optionalMs(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject RunParams::toJson() const
{
    QStringList sortedSymbols = symbols;
    sortedSymbols.sort();
    QJsonObject object{{QStringLiteral("account"), account},
                       {QStringLiteral("rangeFrom"), rangeFromMs},
                       {QStringLiteral("rangeTo"), rangeToMs},
                       {QStringLiteral("rangeLabel"), rangeLabel},
                       {QStringLiteral("symbols"), QJsonArray::fromStringList(sortedSymbols)},
                       {QStringLiteral("batchSize"), batchSize}};
    // Only when known: a run stored without one keeps its JSON, and so its fingerprint.
    if (!endpoint.isEmpty())
        object.insert(QStringLiteral("endpoint"), endpoint);
    return object;
}

RunParams RunParams::fromJson(const QJsonObject& object)
{
    RunParams p;
    p.account = object.value(QStringLiteral("account")).toString();
    p.endpoint = object.value(QStringLiteral("endpoint")).toString();
    p.rangeFromMs = object.value(QStringLiteral("rangeFrom")).toInteger();
    p.rangeToMs = object.value(QStringLiteral("rangeTo")).toInteger();
    p.rangeLabel = object.value(QStringLiteral("rangeLabel")).toString();
    for (const QJsonValue& v : object.value(QStringLiteral("symbols")).toArray())
        p.symbols.append(v.toString());
    p.batchSize = object.value(QStringLiteral("batchSize")).toInt(4);
    return p;
}

QString RunParams::fingerprint() const
{
    // QJsonObject keeps keys sorted, so the compact text is canonical. The label is cosmetic.
    QJsonObject canonical = toJson();
    canonical.remove(QStringLiteral("rangeLabel"));
    const QByteArray text = QJsonDocument(canonical).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

QString makeRunId(const QDateTime& utc, quint32 random)
{
    return QStringLiteral("sync_%1_%2")
        .arg(utc.toUTC().toString(QStringLiteral("yyyyMMdd_HHmmss")))
        .arg(random, 8, 16, QLatin1Char('0'));
}

bool looksLikeRunId(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^sync_\\d{8}_\\d{6}_[0-9a-f]{8}$"));
    return pattern.match(text).hasMatch();
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Preflight:
        return QStringLiteral("preflight");
    case Phase::Income:
        return QStringLiteral("income");
    case Phase::Symbols:
        return QStringLiteral("symbols");
    case Phase::Finalizing:
        return QStringLiteral("finalizing");
    case Phase::Done:
        return QStringLiteral("done");
    }
    return {};
}

double ProgressSnapshot::fraction() const
{
    if (shownFraction >= 0.0)
        return std::min(shownFraction, 1.0);
    if (unitsPlanned <= 0)
        return 0.0;
    return std::clamp(static_cast<double>(unitsDone) / static_cast<double>(unitsPlanned), 0.0, 1.0);
}

QString ProgressSnapshot::phaseLine() const
{
    const QString inserted = tradesInserted == 1
                                 ? QStringLiteral("1 trade inserted so far")
                                 : QStringLiteral("%1 trades inserted so far").arg(tradesInserted);
    switch (phase) {
    case Phase::Preflight:
        return QStringLiteral("Checking the exchange clock and limits…");
    case Phase::Income:
        return QStringLiteral("Fetching the income ledger…");
    case Phase::Symbols: {
        QString names = currentSymbols.mid(0, 2).join(QStringLiteral(", "));
        if (currentSymbols.size() > 2 || (!names.isEmpty() && batchIndex < batchCount))
            names += QStringLiteral("…");
        return QStringLiteral("Processing %1 (batch %2/%3) — %4")
            .arg(names)
            .arg(batchIndex)
            .arg(batchCount)
            .arg(inserted);
    }
    case Phase::Finalizing:
        return QStringLiteral("Reconciling and writing the report — %1").arg(inserted);
    case Phase::Done:
        return QStringLiteral("Done — %1").arg(inserted);
    }
    return {};
}

QJsonObject ProgressSnapshot::toJson() const
{
    return QJsonObject{{QStringLiteral("runId"), runId},
                       {QStringLiteral("phase"), phaseName(phase)},
                       {QStringLiteral("batch"), batchIndex},
                       {QStringLiteral("batches"), batchCount},
                       {QStringLiteral("symbols"), QJsonArray::fromStringList(currentSymbols)},
                       {QStringLiteral("symbolsDone"), symbolsDone},
                       {QStringLiteral("symbolsTotal"), symbolsTotal},
                       {QStringLiteral("tradesInserted"), tradesInserted},
                       {QStringLiteral("tradesUpdated"), tradesUpdated},
                       {QStringLiteral("recordsInserted"), recordsInserted},
                       {QStringLiteral("duplicatesSkipped"), duplicatesSkipped},
                       {QStringLiteral("failedSymbols"), failedSymbols},
                       {QStringLiteral("retries"), retries},
                       {QStringLiteral("requests"), requests},
                       {QStringLiteral("weightUsed"), weightUsed},
                       {QStringLiteral("unitsDone"), unitsDone},
                       {QStringLiteral("unitsPlanned"), unitsPlanned},
                       {QStringLiteral("etaMs"), optionalMs(etaMs)},
                       {QStringLiteral("rateLimitedUntil"), rateLimitedUntilMs},
                       {QStringLiteral("clockOffsetMs"),
                        clockOffsetMs ? QJsonValue(*clockOffsetMs) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("clockWarning"), clockIsOff(clockOffsetMs)},
                       {QStringLiteral("line"), phaseLine()}};
}

int RunSummary::symbolsFailed() const
{
    // "(income ledger)" is reported with the failed symbols but is not a symbol: the rate is
    // over symbols only, as `status` computes it from the run's symbol rows.
    return static_cast<int>(failedSymbols.size() -
                            failedSymbols.count(QStringLiteral("(income ledger)")));
}

double RunSummary::successRate() const
{
    const int attempted = symbolsCompleted + symbolsFailed();
    return attempted == 0 ? 1.0
                          : static_cast<double>(symbolsCompleted) / static_cast<double>(attempted);
}

QJsonObject RunSummary::toJson() const
{
    QJsonObject object{{QStringLiteral("runId"), runId},
                       {QStringLiteral("status"), runStatusName(status)},
                       {QStringLiteral("recordsInserted"), recordsInserted},
                       {QStringLiteral("recordsUpdated"), recordsUpdated},
                       {QStringLiteral("duplicatesSkipped"), duplicatesSkipped},
                       {QStringLiteral("tradesInserted"), tradesInserted},
                       {QStringLiteral("tradesUpdated"), tradesUpdated},
                       {QStringLiteral("failedSymbols"), QJsonArray::fromStringList(failedSymbols)},
                       {QStringLiteral("retries"), retries},
                       {QStringLiteral("requests"), requests},
                       {QStringLiteral("weightUsed"), weightUsed},
                       {QStringLiteral("durationMs"), durationMs},
                       {QStringLiteral("symbolsTotal"), symbolsTotal},
                       {QStringLiteral("symbolsCompleted"), symbolsCompleted},
                       {QStringLiteral("invalidTrades"), invalidTrades},
                       {QStringLiteral("batchesDone"), batchesDone},
                       {QStringLiteral("batchesTotal"), batchesTotal},
                       {QStringLiteral("successRate"), successRate()},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("resumeAfter"), resumeAfterMs},
                       {QStringLiteral("exitCode"), exitCode}};
    if (clockOffsetMs)
        object.insert(QStringLiteral("clockOffsetMs"), *clockOffsetMs);
    object.insert(QStringLiteral("clockWarning"), clockIsOff(clockOffsetMs));
    if (!warnings.isEmpty())
        object.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    if (reconciliationDifferences > 0)
        object.insert(QStringLiteral("reconciliationDifferences"), reconciliationDifferences);
    return object;
}

RunSummary RunSummary::fromJson(const QJsonObject& o)
{
    RunSummary s;
    s.runId = o.value(QStringLiteral("runId")).toString();
    s.status =
        parseRunStatus(o.value(QStringLiteral("status")).toString()).value_or(RunStatus::Running);
    s.recordsInserted = o.value(QStringLiteral("recordsInserted")).toInteger();
    s.recordsUpdated = o.value(QStringLiteral("recordsUpdated")).toInteger();
    s.duplicatesSkipped = o.value(QStringLiteral("duplicatesSkipped")).toInteger();
    s.tradesInserted = o.value(QStringLiteral("tradesInserted")).toInteger();
    s.tradesUpdated = o.value(QStringLiteral("tradesUpdated")).toInteger();
    for (const QJsonValue& v : o.value(QStringLiteral("failedSymbols")).toArray())
        s.failedSymbols.append(v.toString());
    s.retries = o.value(QStringLiteral("retries")).toInt();
    s.requests = o.value(QStringLiteral("requests")).toInteger();
    s.weightUsed = o.value(QStringLiteral("weightUsed")).toInteger();
    s.durationMs = o.value(QStringLiteral("durationMs")).toInteger();
    s.symbolsTotal = o.value(QStringLiteral("symbolsTotal")).toInt();
    s.symbolsCompleted = o.value(QStringLiteral("symbolsCompleted")).toInt();
    s.invalidTrades = o.value(QStringLiteral("invalidTrades")).toInteger();
    s.batchesDone = o.value(QStringLiteral("batchesDone")).toInteger();
    s.batchesTotal = o.value(QStringLiteral("batchesTotal")).toInteger();
    s.message = o.value(QStringLiteral("message")).toString();
    s.resumeAfterMs = o.value(QStringLiteral("resumeAfter")).toInteger();
    if (o.value(QStringLiteral("clockOffsetMs")).isDouble())
        s.clockOffsetMs = o.value(QStringLiteral("clockOffsetMs")).toInteger();
    s.exitCode = o.value(QStringLiteral("exitCode")).toInt();
    s.reconciliationDifferences = o.value(QStringLiteral("reconciliationDifferences")).toInt();
    for (const QJsonValue& v : o.value(QStringLiteral("warnings")).toArray())
        s.warnings.append(v.toString());
    return s;
}

} // namespace fb::sync
