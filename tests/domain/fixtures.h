#pragma once
// The domain tests' input and output: records written as compact text (the record builders of
// tests/support/records.h), and a one-line summary of a trade to compare against exact text.
#include "models/domain/lifecycle.h"
#include "tests/support/records.h"

#include <QTest>

namespace fbtest {

inline QString optionalDecimal(const std::optional<fb::Decimal>& value)
{
    return value ? value->toString() : QStringLiteral("null");
}

// "BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 pnl=10 fee=USDT:0.084
//  funding=0 net=9.916 fills=2 flags= [reason=...]" (one line)
inline QString summary(const fb::JournalTrade& t)
{
    QStringList fees;
    for (auto it = t.commission.cbegin(); it != t.commission.cend(); ++it)
        fees.append(it.key() + QLatin1Char(':') + it.value().toString());
    QStringList parts{
        t.key.section(QLatin1Char(':'), 2),
        fb::directionName(t.direction),
        fb::tradeStatusName(t.status),
        QString::number(t.openTime) + QLatin1Char('-') +
            (t.closeTime ? QString::number(*t.closeTime) : QString()),
        QStringLiteral("entry=") + t.entryQty.toString(),
        QStringLiteral("exit=") + t.exitQty.toString(),
        QStringLiteral("max=") + t.maxQty.toString(),
        QStringLiteral("avg=") + optionalDecimal(t.avgEntryPrice) + QLatin1Char('/') +
            optionalDecimal(t.avgExitPrice),
        QStringLiteral("pnl=") + t.realizedPnl.toString(),
        QStringLiteral("fee=") + fees.join(QLatin1Char(',')),
        QStringLiteral("funding=") + t.funding.toString(),
        QStringLiteral("net=") + t.netPnl.toString(),
        QStringLiteral("fills=") + QString::number(t.fillCount),
        QStringLiteral("flags=") + fb::tradeFlagNames(t.flags).join(QLatin1Char('|')),
    };
    if (t.invalidReason)
        parts.append(QStringLiteral("reason=") + *t.invalidReason);
    return parts.join(QLatin1Char(' '));
}

inline QStringList summaries(const fb::SymbolTrades& built)
{
    QStringList result;
    for (const fb::JournalTrade& trade : built.trades)
        result.append(summary(trade));
    return result;
}

inline QString tranIds(const QVector<fb::Income>& rows)
{
    QStringList ids;
    for (const fb::Income& row : rows)
        ids.append(QString::number(row.tranId));
    return ids.join(QLatin1Char(','));
}

} // namespace fbtest
