#pragma once
// Reconciliation (docs/design.md §2.9): the journal's own sums against the exchange's income
// ledger, per symbol and asset, exactly. Stored with each sync run, so it round-trips through JSON.

#include "models/domain/lifecycle.h"

#include <QJsonObject>

namespace fb {

struct ReconciliationLine
{
    QString symbol;
    QString asset;
    QString check;       // "realizedPnl", "commission" or "funding"
    Decimal journal;     // what the journal says (fills / built trades)
    Decimal income;      // what the income ledger says, as a positive cost for "commission"
    Decimal difference;  // journal - income
    bool matches = true; // difference is exactly zero

    // One plain sentence, e.g. "BTCUSDT commission in USDT: journal 0.5, income 0.3,
    // difference 0.2".
    QString describe() const;
    QJsonObject toJson() const;
    static std::optional<ReconciliationLine> fromJson(const QJsonObject& object,
                                                      QString* error = nullptr);
    bool operator==(const ReconciliationLine& other) const = default;
};

struct ReconciliationReport
{
    QVector<ReconciliationLine> lines; // ordered by (symbol, asset, check)

    bool allMatch() const;
    QVector<ReconciliationLine> mismatches() const;
    // {"allMatch": bool, "lines": [{symbol, asset, check, journal, income, difference,
    // matches}, ...]}, decimals as canonical strings.
    QJsonObject toJson() const;
    static std::optional<ReconciliationReport> fromJson(const QJsonObject& object,
                                                        QString* error = nullptr);
    bool operator==(const ReconciliationReport& other) const = default;
};

// Compares, per (symbol, asset), exactly:
//  - "realizedPnl": Σ fill realizedPnl (asset = the fill's marginAsset) vs Σ income REALIZED_PNL;
//  - "commission":  Σ fill commissionCost() (asset = commissionAsset) vs −Σ income COMMISSION;
//  - "funding":     Σ trade funding (asset = the trade's marginAsset) + Σ unattributed funding
//                   (asset = the row's) vs Σ income FUNDING_FEE.
// Income rows of other types are ignored. A line exists for every (symbol, asset, check) that
// either side mentions, matching or not, so the report also shows what was checked.
// The three inputs must cover the same records (normally: the journal's fills and income of the
// symbols in question, and the trades built from exactly those), otherwise differences are
// expected. Pure, O(n log n).
ReconciliationReport reconcile(const QVector<Fill>& fills, const QVector<Income>& income,
                               const QVector<SymbolTrades>& built);

} // namespace fb
