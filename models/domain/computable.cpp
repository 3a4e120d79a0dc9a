#include "models/domain/computable.h"

namespace fb {

namespace {

constexpr Decimal::Mantissa limitOf(int digits)
{
    Decimal::Mantissa limit = 1;
    for (int i = 0; i < digits; ++i)
        limit *= 10;
    return limit;
}
constexpr Decimal::Mantissa kComputableLimit = limitOf(kMaxComputableDigits);

// Brought to at least 8 decimal places, does |value| keep at most kMaxComputableDigits digits?
// (One rescale and one comparison: this runs for every amount of every rebuilt fill.)
bool computable(const Decimal& value)
{
    try {
        const Decimal::Mantissa m = (value + Decimal::fromScaled(0, 8)).mantissa();
        return m < kComputableLimit && m > -kComputableLimit;
    } catch (const DecimalOverflow&) {
        return false;
    }
}

QString amountProblem(const QString& record, const char* field, const Decimal& value)
{
    return QStringLiteral("%1: its %2 %3 has more digits than the journal can compute with "
                          "(%4 at most, counting 8 decimal places)")
        .arg(record, QLatin1String(field), value.toPlainString())
        .arg(kMaxComputableDigits);
}

} // namespace

std::optional<QString> fillComputeProblem(const Fill& fill)
{
    // Named only when something is wrong: this runs for every fill of every rebuild.
    const auto record = [&] {
        return QStringLiteral("fill %1 of %2").arg(fill.id).arg(fill.symbol);
    };
    const std::pair<const char*, const Decimal*> amounts[] = {
        {"price", &fill.price},
        {"quantity", &fill.qty},
        {"realized PnL", &fill.realizedPnl},
        {"commission", &fill.commission},
    };
    for (const auto& [name, value] : amounts) {
        if (!computable(*value))
            return amountProblem(record(), name, *value);
    }
    try {
        if (computable(fill.price * fill.qty))
            return std::nullopt;
    } catch (const DecimalOverflow&) {
    }
    return QStringLiteral("%1: its price %2 times its quantity %3 has more digits than the "
                          "journal can compute with (%4 at most, counting 8 decimal places)")
        .arg(record(), fill.price.toPlainString(), fill.qty.toPlainString())
        .arg(kMaxComputableDigits);
}

std::optional<QString> incomeComputeProblem(const Income& row)
{
    if (computable(row.income))
        return std::nullopt;
    const QString record =
        QStringLiteral("%1 row %2%3")
            .arg(row.incomeType)
            .arg(row.tranId)
            .arg(row.symbol.isEmpty() ? QString() : QStringLiteral(" of ") + row.symbol);
    return amountProblem(record, "income", row.income);
}

SymbolBuild tryBuildSymbolTrades(const SymbolHistory& history)
{
    SymbolBuild out;
    for (const Fill& fill : history.fills) {
        if (const auto problem = fillComputeProblem(fill)) {
            out.badFillIds.append(fill.id);
            if (!out.error)
                out.error = *problem;
        }
    }
    for (const Income& row : history.funding) {
        if (const auto problem = incomeComputeProblem(row)) {
            out.badTranIds.append(row.tranId);
            if (!out.error)
                out.error = *problem;
        }
    }
    for (auto it = history.currentPosition.cbegin(); it != history.currentPosition.cend(); ++it) {
        if (!out.error && !computable(it.value())) {
            out.error = amountProblem(QStringLiteral("the %1 position of %2")
                                          .arg(positionSideName(it.key()), history.symbol),
                                      "size", it.value());
        }
    }
    if (out.error)
        return out;
    try {
        out.trades = buildSymbolTrades(history);
    } catch (const std::exception& e) {
        // Every record fits, yet their totals do not (many amounts near the limit).
        out.error = QStringLiteral("the amounts of %1 add up to more digits than the journal "
                                   "can compute with (%2)")
                        .arg(history.symbol, QString::fromUtf8(e.what()));
    }
    return out;
}

std::optional<ReconciliationReport>
tryReconcileSymbol(const QString& symbol, const QVector<Fill>& fills, const QVector<Income>& income,
                   const SymbolHistory& history, QString* error, SymbolTrades* builtOut)
{
    auto fail = [&](const QString& why) -> std::optional<ReconciliationReport> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    for (const Income& row : income) {
        if (const auto problem = incomeComputeProblem(row))
            return fail(*problem);
    }
    const SymbolBuild built = tryBuildSymbolTrades(history);
    if (!built.ok())
        return fail(*built.error);
    if (builtOut)
        *builtOut = built.trades;
    try {
        return reconcile(fills, income, {built.trades});
    } catch (const std::exception& e) {
        return fail(QStringLiteral("the amounts of %1 add up to more digits than the journal "
                                   "can compute with (%2)")
                        .arg(symbol, QString::fromUtf8(e.what())));
    }
}

std::optional<ReconciliationReport> tryReconcileSymbolInRange(const QString& symbol,
                                                              const SymbolHistory& history,
                                                              const QVector<Income>& income,
                                                              qint64 fromMs, qint64 toMs,
                                                              QString* error, SymbolTrades* built)
{
    QVector<Fill> fills;
    for (const Fill& f : history.fills) {
        if (f.time >= fromMs && f.time <= toMs)
            fills.append(f);
    }
    // Only funding inside the range is attributed, like the income it is compared with.
    SymbolHistory inRange = history;
    inRange.funding.clear();
    for (const Income& i : history.funding) {
        if (i.time >= fromMs && i.time <= toMs)
            inRange.funding.append(i);
    }
    return tryReconcileSymbol(symbol, fills, income, inRange, error, built);
}

} // namespace fb
