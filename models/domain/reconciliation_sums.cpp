#include "models/domain/reconciliation_sums.h"

namespace fb {

namespace {

const QString kRealizedPnl = QStringLiteral("realizedPnl");
const QString kCommission = QStringLiteral("commission");
const QString kFunding = QStringLiteral("funding");

} // namespace

qint64 reconHourFloor(qint64 ms)
{
    qint64 hour = ms - ms % kReconHourMs;
    if (hour > ms)
        hour -= kReconHourMs; // negative times: % keeps the sign
    return hour;
}

qint64 reconHourCeil(qint64 ms)
{
    const qint64 floor = reconHourFloor(ms);
    return floor == ms ? ms : floor + kReconHourMs;
}

void addFillSums(CheckSums& sums, const Fill& fill)
{
    sums[{fill.marginAsset, kRealizedPnl}].journal += fill.realizedPnl;
    sums[{fill.commissionAsset, kCommission}].journal += fill.commissionCost();
}

void addIncomeSums(CheckSums& sums, const Income& row)
{
    if (row.incomeType == QLatin1String("REALIZED_PNL"))
        sums[{row.asset, kRealizedPnl}].income += row.income;
    else if (row.incomeType == QLatin1String("COMMISSION"))
        sums[{row.asset, kCommission}].income -= row.income; // a cost: positive
    else if (row.incomeType == QLatin1String("FUNDING_FEE"))
        sums[{row.asset, kFunding}].income += row.income;
}

void addFundingJournal(CheckSums& sums, const Income& row, const QString& asset)
{
    sums[{asset, kFunding}].journal += row.income;
}

void addCheckSums(CheckSums& into, const CheckSums& from)
{
    for (const auto& [key, sum] : from) {
        CheckSum& target = into[key];
        target.journal += sum.journal;
        target.income += sum.income;
    }
}

QHash<qint64, QString> attributedFundingAssets(const QVector<JournalTrade>& trades)
{
    QHash<qint64, QString> assets;
    for (const JournalTrade& trade : trades) {
        for (const qint64 tranId : trade.fundingTranIds)
            assets.insert(tranId, trade.marginAsset);
    }
    return assets;
}

QString fundingJournalAsset(const Income& row, const QHash<qint64, QString>& attributed)
{
    // An attributed row has the trade's margin asset or none (§2.7).
    const auto it = attributed.constFind(row.tranId);
    return it == attributed.cend() ? row.asset : it.value();
}

QVector<HourSums> hourlySums(const QVector<Fill>& fills, const QVector<Income>& income,
                             const QHash<qint64, QString>& attributed, qint64 fromHourMs,
                             qint64 toHourMs)
{
    QVector<HourSums> hours;
    for (qint64 h = fromHourMs; h < toHourMs; h += kReconHourMs)
        hours.append(HourSums{h, h, std::nullopt, std::nullopt, {}});
    const auto slot = [&](qint64 time) -> HourSums* {
        if (time < fromHourMs || time >= toHourMs)
            return nullptr;
        return &hours[qsizetype((time - fromHourMs) / kReconHourMs)];
    };
    for (const Fill& fill : fills) {
        if (HourSums* hour = slot(fill.time)) {
            addFillSums(hour->sums, fill);
            hour->minFillId = std::min(hour->minFillId.value_or(fill.id), fill.id);
            hour->maxFillId = std::max(hour->maxFillId.value_or(fill.id), fill.id);
        }
    }
    for (const Income& row : income) {
        if (HourSums* hour = slot(row.time)) {
            addIncomeSums(hour->sums, row);
            if (row.incomeType == QLatin1String("FUNDING_FEE"))
                addFundingJournal(hour->sums, row, fundingJournalAsset(row, attributed));
        }
    }
    return hours;
}

QVector<ReconciliationLine> reconciliationLines(const QString& symbol, const CheckSums& sums)
{
    QVector<ReconciliationLine> lines;
    for (const auto& [key, sum] : sums) {
        ReconciliationLine line;
        line.symbol = symbol;
        line.asset = key.first;
        line.check = key.second;
        line.journal = sum.journal;
        line.income = sum.income;
        line.difference = sum.journal - sum.income;
        line.matches = line.difference.isZero();
        lines.append(line);
    }
    return lines;
}

} // namespace fb
