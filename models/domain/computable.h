#pragma once
// Records the journal cannot compute with (docs/design.md §2.10). A Decimal holds at most 38
// digits; an exchange record may carry more digits than the builder, funding attribution and
// reconciliation can add or multiply without overflow (a 30-decimal price times a 30-decimal
// quantity, a 37-digit commission). Such a record is a per-record error: it is kept verbatim
// and named, and only its symbol fails — never an abort of the whole sync.
//
// The rule: every amount brought to at least 8 decimal places (the precision other amounts are
// added at) keeps at most kMaxComputableDigits significant digits, so that sums of many such
// amounts still fit; for a fill the same holds for its notional, price × quantity.

#include "models/domain/lifecycle.h"
#include "models/domain/reconciliation.h"

#include <optional>

namespace fb {

inline constexpr int kMaxComputableDigits = 34;

// One plain sentence naming the record and the amount, or nullopt when it can be computed with.
std::optional<QString> fillComputeProblem(const Fill& fill);
std::optional<QString> incomeComputeProblem(const Income& row);

// What buildSymbolTrades() gave, or why it could not: never throws.
struct SymbolBuild
{
    SymbolTrades trades;
    std::optional<QString> error; // one sentence; set when the symbol could not be built
    QVector<qint64> badFillIds;   // fills that cannot be computed with (see fillComputeProblem)
    QVector<qint64> badTranIds;   // funding rows that cannot be computed with

    bool ok() const { return !error.has_value(); }
};

// buildSymbolTrades() guarded: records that cannot be computed with, and any overflow of the
// symbol's totals, give an error for this symbol instead of an exception.
SymbolBuild tryBuildSymbolTrades(const SymbolHistory& history);

// reconcile() of one symbol guarded the same way: nullopt and *error set instead of a throw.
// `built`, when given, receives the trades built from `history` (when the build succeeded).
std::optional<ReconciliationReport>
tryReconcileSymbol(const QString& symbol, const QVector<Fill>& fills, const QVector<Income>& income,
                   const SymbolHistory& history, QString* error, SymbolTrades* built = nullptr);

// tryReconcileSymbol() over the time range [fromMs, toMs] (docs/design.md §2.9): the fills and
// funding of `history` inside it are compared with `income` (the range's rows), while the
// lifecycles come from every fill of `history` (a trade may have opened before the range).
std::optional<ReconciliationReport>
tryReconcileSymbolInRange(const QString& symbol, const SymbolHistory& history,
                          const QVector<Income>& income, qint64 fromMs, qint64 toMs, QString* error,
                          SymbolTrades* built = nullptr);

} // namespace fb
