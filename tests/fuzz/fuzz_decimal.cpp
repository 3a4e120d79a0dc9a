// Fuzzes fb::Decimal::parse and what is done with a parsed value: printing, rounding and the
// arithmetic. Input "A" is one decimal text; "A|B" is two operands for the arithmetic checks.
//
// Properties: both parse overloads agree; a parsed value prints back as its input (leading zeros
// and the sign of zero aside) and re-parses exactly; the canonical text re-parses to an equal
// value; the only exception arithmetic may throw is DecimalOverflow (std::domain_error only for
// division by zero), and when it does not throw the results are consistent with each other.
#include "fuzz_support.h"

#include "models/money/decimal.h"

#include <QString>

#include <string>
#include <string_view>

using fb::Decimal;
using fb::DecimalOverflow;

namespace {

// The text toPlainString() must give back for an accepted input: the input without the leading
// zeros of its integer part, and without the '-' of a zero.
std::string expectedPlain(std::string_view text, const Decimal& value)
{
    bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    while (text.size() > 1 && text.front() == '0' && text[1] != '.')
        text.remove_prefix(1);
    if (value.isZero())
        negative = false;
    return (negative ? "-" : "") + std::string(text);
}

std::optional<Decimal> checkParse(std::string_view text)
{
    std::string error;
    const auto value = Decimal::parse(text, &error);
    FUZZ_CHECK(value.has_value() == error.empty());

    // The QString overload (what the JSON readers use) decides the same.
    QString qerror;
    const auto viaQString = Decimal::parse(
        QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())), &qerror);
    FUZZ_CHECK(viaQString.has_value() == value.has_value());
    if (!value)
        return std::nullopt;
    FUZZ_CHECK(viaQString->mantissa() == value->mantissa());
    FUZZ_CHECK(viaQString->scale() == value->scale());

    FUZZ_CHECK(value->scale() >= 0 && value->scale() <= Decimal::MaxScale);
    const std::string plain = value->toPlainBytes().toStdString();
    FUZZ_CHECK(plain == expectedPlain(text, *value));
    FUZZ_CHECK(value->toPlainString() == QString::fromStdString(plain));
    const auto again = Decimal::parse(plain);
    FUZZ_CHECK(again && again->mantissa() == value->mantissa() && again->scale() == value->scale());

    // Canonical text: no trailing zeros after a point, no "-0", and the same number.
    const std::string canonical = value->toStdString();
    FUZZ_CHECK(canonical.find('.') == std::string::npos || canonical.back() != '0');
    FUZZ_CHECK(canonical != "-0");
    const auto canonicalValue = Decimal::parse(canonical);
    FUZZ_CHECK(canonicalValue && *canonicalValue == *value);
    FUZZ_CHECK(qHash(*canonicalValue) == qHash(*value));
    FUZZ_CHECK(value->normalized() == *value);

    for (int places : {0, 1, 2, 8, Decimal::MaxScale}) {
        const Decimal rounded = value->roundHalfEven(places);
        FUZZ_CHECK(rounded.scale() <= std::max(places, 0));
        FUZZ_CHECK(rounded.scale() <= value->scale());
        // Rounding moves the value by at most half a unit of the last kept place.
        if (value->scale() > places) {
            try {
                const Decimal diff = (*value - rounded).abs();
                FUZZ_CHECK(diff + diff <= Decimal::fromScaled(1, places));
            } catch (const DecimalOverflow&) {
                // 99…9.9 rounds up to 10^37, which has no room for the decimal back.
            }
        }
        try {
            const QString fixed = value->toFixedString(places);
            FUZZ_CHECK(Decimal::parse(fixed) == rounded);
        } catch (const DecimalOverflow&) {
            // 38 significant digits cannot take more decimals.
        }
    }
    return value;
}

void checkArithmetic(const Decimal& a, const Decimal& b)
{
    FUZZ_CHECK((a <=> b) == (0 <=> (b <=> a)));
    if (a == b)
        FUZZ_CHECK(qHash(a) == qHash(b));
    FUZZ_CHECK(-(-a) == a);

    try {
        const Decimal sum = a + b;
        FUZZ_CHECK(sum - b == a);
        FUZZ_CHECK(b + a == sum);
    } catch (const DecimalOverflow&) {
    }
    try {
        const Decimal difference = a - b;
        FUZZ_CHECK(difference.signum() == ((a <=> b) < 0 ? -1 : ((a <=> b) > 0 ? 1 : 0)));
    } catch (const DecimalOverflow&) {
    }
    try {
        const Decimal product = a * b;
        FUZZ_CHECK(product == b * a);
        // Exact division undoes an exact product.
        if (!b.isZero())
            FUZZ_CHECK(product.divide(b, a.scale()) == a);
    } catch (const DecimalOverflow&) {
    }
    if (b.isZero()) {
        bool threw = false;
        try {
            (void)a.divide(b, 2);
        } catch (const std::domain_error&) {
            threw = true;
        }
        FUZZ_CHECK(threw);
        return;
    }
    // |a| <= |b|: the quotient is at most 1, so it fits at every scale and may not overflow.
    const bool quotientAtMostOne = a.abs() <= b.abs();
    for (int places : {0, 2, 8, 18, Decimal::MaxScale}) {
        try {
            const Decimal quotient = a.divide(b, places);
            FUZZ_CHECK(quotient.scale() == places);
            FUZZ_CHECK(quotient.isZero() || quotient.signum() == a.signum() * b.signum());
            if (quotientAtMostOne)
                FUZZ_CHECK(quotient.abs() <= Decimal::fromInt(1));
        } catch (const DecimalOverflow&) {
            FUZZ_CHECK(!quotientAtMostOne);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto bar = input.find('|');
    if (bar == std::string_view::npos) {
        checkParse(input);
        return 0;
    }
    const auto a = checkParse(input.substr(0, bar));
    const auto b = checkParse(input.substr(bar + 1));
    if (a && b)
        checkArithmetic(*a, *b);
    return 0;
}
