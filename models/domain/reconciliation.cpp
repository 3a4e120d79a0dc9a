#include "models/domain/reconciliation.h"

#include <QJsonArray>

#include <map>
#include <tuple>

namespace fb {

namespace {

const QString kRealizedPnl = QStringLiteral("realizedPnl");
const QString kCommission = QStringLiteral("commission");
const QString kFunding = QStringLiteral("funding");

using LineKey = std::tuple<QString, QString, QString>; // symbol, asset, check

struct Sums
{
    Decimal journal;
    Decimal income;
};

bool readDecimal(const QJsonObject& object, const char* name, Decimal* out, QString* error)
{
    const QJsonValue value = object.value(QLatin1String(name));
    const auto parsed = value.isString() ? Decimal::parse(value.toString()) : std::nullopt;
    if (!parsed) {
        if (error)
            *error = QStringLiteral("reconciliation line field '%1' is not a decimal string")
                         .arg(QLatin1String(name));
        return false;
    }
    *out = *parsed;
    return true;
}

} // namespace

QString ReconciliationLine::describe() const
{
    return QStringLiteral("%1 %2 in %3: journal %4, income %5, difference %6")
        .arg(symbol, check, asset, journal.toString(), income.toString(), difference.toString());
}

QJsonObject ReconciliationLine::toJson() const
{
    return QJsonObject{{QStringLiteral("symbol"), symbol},
                       {QStringLiteral("asset"), asset},
                       {QStringLiteral("check"), check},
                       {QStringLiteral("journal"), journal.toString()},
                       {QStringLiteral("income"), income.toString()},
                       {QStringLiteral("difference"), difference.toString()},
                       {QStringLiteral("matches"), matches}};
}

std::optional<ReconciliationLine> ReconciliationLine::fromJson(const QJsonObject& object,
                                                               QString* error)
{
    ReconciliationLine line;
    for (const auto& [name, field] :
         {std::pair{"symbol", &line.symbol}, std::pair{"asset", &line.asset},
          std::pair{"check", &line.check}}) {
        const QJsonValue value = object.value(QLatin1String(name));
        if (!value.isString()) {
            if (error)
                *error = QStringLiteral("reconciliation line field '%1' is not a string")
                             .arg(QLatin1String(name));
            return std::nullopt;
        }
        *field = value.toString();
    }
    if (!readDecimal(object, "journal", &line.journal, error) ||
        !readDecimal(object, "income", &line.income, error) ||
        !readDecimal(object, "difference", &line.difference, error))
        return std::nullopt;
    const QJsonValue matches = object.value(QStringLiteral("matches"));
    if (!matches.isBool()) {
        if (error)
            *error = QStringLiteral("reconciliation line field 'matches' is not a boolean");
        return std::nullopt;
    }
    line.matches = matches.toBool();
    return line;
}

bool ReconciliationReport::allMatch() const
{
    for (const ReconciliationLine& line : lines) {
        if (!line.matches)
            return false;
    }
    return true;
}

QVector<ReconciliationLine> ReconciliationReport::mismatches() const
{
    QVector<ReconciliationLine> result;
    for (const ReconciliationLine& line : lines) {
        if (!line.matches)
            result.append(line);
    }
    return result;
}

QJsonObject ReconciliationReport::toJson() const
{
    QJsonArray array;
    for (const ReconciliationLine& line : lines)
        array.append(line.toJson());
    return QJsonObject{{QStringLiteral("allMatch"), allMatch()}, {QStringLiteral("lines"), array}};
}

std::optional<ReconciliationReport> ReconciliationReport::fromJson(const QJsonObject& object,
                                                                   QString* error)
{
    const QJsonValue lines = object.value(QStringLiteral("lines"));
    if (!lines.isArray()) {
        if (error)
            *error = QStringLiteral("reconciliation report has no 'lines' array");
        return std::nullopt;
    }
    ReconciliationReport report;
    for (const QJsonValue& value : lines.toArray()) {
        const auto line = ReconciliationLine::fromJson(value.toObject(), error);
        if (!line)
            return std::nullopt;
        report.lines.append(*line);
    }
    return report;
}

ReconciliationReport reconcile(const QVector<Fill>& fills, const QVector<Income>& income,
                               const QVector<SymbolTrades>& built)
{
    // std::map keeps the lines ordered by (symbol, asset, check) for a stable report.
    std::map<LineKey, Sums> sums;
    for (const Fill& fill : fills) {
        sums[{fill.symbol, fill.marginAsset, kRealizedPnl}].journal += fill.realizedPnl;
        sums[{fill.symbol, fill.commissionAsset, kCommission}].journal += fill.commissionCost();
    }
    for (const SymbolTrades& symbol : built) {
        for (const JournalTrade& trade : symbol.trades) {
            // A trade with no funding row says nothing about funding: no line for it.
            if (!trade.fundingTranIds.isEmpty())
                sums[{trade.symbol, trade.marginAsset, kFunding}].journal += trade.funding;
        }
        for (const Income& row : symbol.unattributedFunding)
            sums[{row.symbol, row.asset, kFunding}].journal += row.income;
    }
    for (const Income& row : income) {
        if (row.incomeType == QLatin1String("REALIZED_PNL"))
            sums[{row.symbol, row.asset, kRealizedPnl}].income += row.income;
        else if (row.incomeType == QLatin1String("COMMISSION"))
            sums[{row.symbol, row.asset, kCommission}].income -= row.income; // a cost: positive
        else if (row.incomeType == QLatin1String("FUNDING_FEE"))
            sums[{row.symbol, row.asset, kFunding}].income += row.income;
    }

    ReconciliationReport report;
    for (const auto& [key, sum] : sums) {
        ReconciliationLine line;
        std::tie(line.symbol, line.asset, line.check) = key;
        line.journal = sum.journal;
        line.income = sum.income;
        line.difference = sum.journal - sum.income;
        line.matches = line.difference.isZero();
        report.lines.append(line);
    }
    return report;
}

} // namespace fb
