#include "sync/simulator/faults.h"

#include "models/money/decimal.h"
#include "sync/simulator/random.h"

#include <array>

namespace fb::sim {
namespace {

constexpr std::uint64_t kMillion = 1000000;

struct Probability
{
    const char* key;
    quint32 FaultSpec::*field;
    FaultKind kind;
};
constexpr std::array<Probability, 7> kProbabilities{{
    {"http500", &FaultSpec::http500, FaultKind::Http500},
    {"http503", &FaultSpec::http503, FaultKind::Http503},
    {"reset", &FaultSpec::reset, FaultKind::Reset},
    {"hang", &FaultSpec::hang, FaultKind::Hang},
    {"truncate", &FaultSpec::truncate, FaultKind::Truncate},
    {"badjson", &FaultSpec::badJson, FaultKind::BadJson},
    {"http429", &FaultSpec::http429, FaultKind::Http429},
}};

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

QString faultName(FaultKind kind)
{
    for (const Probability& p : kProbabilities) {
        if (p.kind == kind)
            return QLatin1String(p.key);
    }
    return QStringLiteral("none");
}

std::optional<FaultSpec> FaultSpec::parse(const QString& text, QString* error)
{
    FaultSpec spec;
    quint64 total = 0;
    for (const QString& rawItem : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = rawItem.trimmed();
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = item.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : item.mid(eq + 1).trimmed();
        if (eq < 0 || value.isEmpty()) {
            fail(error, QStringLiteral("fault '%1' needs a value (key=value)").arg(item));
            return std::nullopt;
        }
        bool known = false;
        for (const Probability& p : kProbabilities) {
            if (key != QLatin1String(p.key))
                continue;
            known = true;
            const auto d = Decimal::parse(value);
            if (!d || d->isNegative() || *d > Decimal::fromInt(1)) {
                fail(error, QStringLiteral("fault '%1': '%2' is not a probability between 0 and 1")
                                .arg(key, value));
                return std::nullopt;
            }
            const Decimal ppm = (*d * Decimal::fromInt(kMillion)).roundHalfEven(0);
            spec.*(p.field) = static_cast<quint32>(ppm.mantissa());
            total += spec.*(p.field);
        }
        if (known)
            continue;
        bool ok = false;
        if (key == QLatin1String("skew")) {
            spec.skewMs = value.toLongLong(&ok);
        } else if (key == QLatin1String("ban-after")) {
            spec.banAfter = value.toLongLong(&ok);
            ok = ok && spec.banAfter >= 0;
        } else if (key == QLatin1String("income-max-days")) {
            spec.incomeMaxDays = value.toLongLong(&ok);
            ok = ok && spec.incomeMaxDays > 0 && spec.incomeMaxDays <= 3650;
        } else if (key == QLatin1String("fail-symbol")) {
            for (const QString& s : value.split(QLatin1Char('|'), Qt::SkipEmptyParts))
                spec.failSymbols.append(s.trimmed());
            ok = true;
        } else if (key == QLatin1String("hang-symbol")) {
            for (const QString& s : value.split(QLatin1Char('|'), Qt::SkipEmptyParts))
                spec.hangSymbols.append(s.trimmed());
            ok = true;
        } else {
            fail(error,
                 QStringLiteral("unknown fault '%1' (known: http500, http503, reset, hang, "
                                "truncate, badjson, http429, skew, fail-symbol, hang-symbol, "
                                "ban-after, income-max-days)")
                     .arg(key));
            return std::nullopt;
        }
        if (!ok) {
            fail(error, QStringLiteral("fault '%1': bad value '%2'").arg(key, value));
            return std::nullopt;
        }
    }
    if (total > kMillion) {
        fail(error, QStringLiteral("fault probabilities add up to more than 1"));
        return std::nullopt;
    }
    return spec;
}

QString FaultSpec::toString() const
{
    QStringList parts;
    for (const Probability& p : kProbabilities) {
        if (const quint32 ppm = this->*(p.field))
            parts.append(QStringLiteral("%1=%2").arg(QLatin1String(p.key),
                                                     Decimal::fromScaled(ppm, 6).toString()));
    }
    if (skewMs != 0)
        parts.append(QStringLiteral("skew=%1").arg(skewMs));
    for (const QString& s : failSymbols)
        parts.append(QStringLiteral("fail-symbol=%1").arg(s));
    for (const QString& s : hangSymbols)
        parts.append(QStringLiteral("hang-symbol=%1").arg(s));
    if (banAfter >= 0)
        parts.append(QStringLiteral("ban-after=%1").arg(banAfter));
    if (incomeMaxDays > 0)
        parts.append(QStringLiteral("income-max-days=%1").arg(incomeMaxDays));
    return parts.join(QLatin1Char(','));
}

FaultKind FaultInjector::draw(quint64 index) const
{
    const std::uint64_t u = mix64(m_seed ^ 0xfa017ULL, index) % kMillion;
    std::uint64_t cumulative = 0;
    for (const Probability& p : kProbabilities) {
        cumulative += m_spec.*(p.field);
        if (u < cumulative)
            return p.kind;
    }
    return FaultKind::None;
}

int FaultInjector::variant(quint64 index, int n) const
{
    if (n <= 1)
        return 0;
    return static_cast<int>(mix64(m_seed ^ 0x5eedULL, index) % static_cast<std::uint64_t>(n));
}

} // namespace fb::sim
