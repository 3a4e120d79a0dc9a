#pragma once
// Reconciliation as sums per UTC hour (docs/design.md §2.9, D169). Every line of
// reconcile() is a sum over records, each record counted under one (asset, check) that depends
// on that record alone: a fill's realized PnL under its margin asset and its commission cost
// under its commission asset, an income row under its own asset, and a funding row's journal
// side under the margin asset of the trade it is attributed to (§2.7: only when the row's asset
// is empty or that margin asset) or else its own asset. So the report of a range is the sum of
// the sums of its hours, and an hour's sums can be kept until one of its records changes.

#include "models/domain/lifecycle.h"
#include "models/domain/reconciliation.h"

#include <QHash>

#include <map>
#include <optional>

namespace fb {

inline constexpr qint64 kReconHourMs = 3'600'000;

// The start of the UTC hour holding `ms`, and the first hour start at or after `ms`.
qint64 reconHourFloor(qint64 ms);
qint64 reconHourCeil(qint64 ms);

struct CheckSum
{
    Decimal journal;
    Decimal income;

    bool operator==(const CheckSum& other) const = default;
};

// (asset, check) -> both sides; a key exists when either side mentions it, as in reconcile().
using CheckSums = std::map<std::pair<QString, QString>, CheckSum>;

// The sums of one hour, with the smallest and largest id of its fills (none: no fill). `fromMs`
// is where the records summed start: the hour's start for a complete hour; later for the hour
// holding a range start read from a flat point inside it (only its fill ids serve then).
struct HourSums
{
    qint64 hourMs = 0;
    qint64 fromMs = 0;
    std::optional<qint64> minFillId;
    std::optional<qint64> maxFillId;
    CheckSums sums;

    bool operator==(const HourSums& other) const = default;
};

void addFillSums(CheckSums& sums, const Fill& fill);
// The income side of a REALIZED_PNL, COMMISSION or FUNDING_FEE row (others are ignored).
void addIncomeSums(CheckSums& sums, const Income& row);
// The journal side of a FUNDING_FEE row counted under `asset`.
void addFundingJournal(CheckSums& sums, const Income& row, const QString& asset);
void addCheckSums(CheckSums& into, const CheckSums& from);

// tranId -> margin asset of the trade each attributed funding row went to.
QHash<qint64, QString> attributedFundingAssets(const QVector<JournalTrade>& trades);
// The asset reconcile() counts a funding row's journal side under.
QString fundingJournalAsset(const Income& row, const QHash<qint64, QString>& attributed);

// The hours [fromHourMs, toHourMs) (hour starts) from the records given, which must be every
// fill, income row and funding row of the symbol in those hours; an hour without records gets
// empty sums (each complete: fromMs = hourMs). `attributed` as from attributedFundingAssets
// over trades holding those rows.
QVector<HourSums> hourlySums(const QVector<Fill>& fills, const QVector<Income>& income,
                             const QHash<qint64, QString>& attributed, qint64 fromHourMs,
                             qint64 toHourMs);

// The lines reconcile() forms from these sums, ordered by (asset, check). Throws
// DecimalOverflow as reconcile() would.
QVector<ReconciliationLine> reconciliationLines(const QString& symbol, const CheckSums& sums);

} // namespace fb
