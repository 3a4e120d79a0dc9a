#include "models/money/decimal.h"
#include "models/money/decimal_bytes.h"

#include <QHashFunctions>

#include <algorithm>
#include <array>
#include <cstring>

namespace fb {
namespace {

using M = Decimal::Mantissa;

constexpr std::array<M, Decimal::MaxDigits + 1> makePowers()
{
    std::array<M, Decimal::MaxDigits + 1> powers{};
    powers[0] = 1;
    for (size_t i = 1; i < powers.size(); ++i)
        powers[i] = powers[i - 1] * 10;
    return powers;
}
constexpr auto kPow10 = makePowers();
constexpr M kLimit = kPow10[Decimal::MaxDigits]; // exclusive bound on |mantissa|

M checked(M value, const char* what)
{
    if (value >= kLimit || value <= -kLimit)
        throw DecimalOverflow(std::string("decimal overflow in ") + what);
    return value;
}

M mulChecked(M a, M b, const char* what)
{
    M result = 0;
    if (__builtin_mul_overflow(a, b, &result))
        throw DecimalOverflow(std::string("decimal overflow in ") + what);
    return checked(result, what);
}

// Brings a mantissa from `from` to a larger scale `to`.
M rescaleUp(M mantissa, int from, int to, const char* what)
{
    // Sums of amounts at one scale (a report adds millions) skip the checked 128-bit multiply.
    if (to == from)
        return mantissa;
    if (to - from > Decimal::MaxDigits)
        throw DecimalOverflow(std::string("decimal overflow in ") + what);
    return mulChecked(mantissa, kPow10[to - from], what);
}

// Divides non-negative n by positive d, rounding half-even.
M divideHalfEven(M n, M d)
{
    M q = n / d;
    const M r = n % d;
    // Compare 2r with d without overflowing: r >= d - r  <=>  2r >= d.
    const M rest = d - r;
    if (r > rest || (r == rest && (q % 2) != 0))
        ++q;
    return q;
}

// One step of long division: 10 * remainder = digit * denominator + rest, for
// 0 <= remainder < denominator < 10^38. 10 * remainder itself may not fit in 128 bits (a
// divisor of 38 digits made every division to more places overflow; found by
// tests/fuzz/fuzz_decimal), so it is built by ten additions that never exceed
// 2 * denominator < 2^128, unsigned.
struct QuotientDigit
{
    M digit;
    M rest;
};
QuotientDigit nextQuotientDigit(M remainder, M denominator)
{
    __extension__ typedef unsigned __int128 U;
    const auto r = static_cast<U>(remainder);
    const auto d = static_cast<U>(denominator);
    U accumulated = 0; // < d before each addition
    M digit = 0;
    for (int k = 0; k < 10; ++k) {
        accumulated += r;
        if (accumulated >= d) {
            accumulated -= d;
            ++digit;
        }
    }
    return {digit, static_cast<M>(accumulated)};
}

// Writes the digits of `value` (>= 0) so that they end just before `end`; returns their start.
// `end` has at least 40 chars before it (|mantissa| < 10^38 has at most 39 digits).
char* mantissaDigits(M value, char* end)
{
    char* p = end;
    if (value == 0) {
        *--p = '0';
        return p;
    }
    // 128-bit division is a library call per digit; nearly every amount fits in 64 bits, where
    // it is a single instruction. (Formatting is on the hot path of every stored fill.)
    constexpr M kMax64 = static_cast<M>(~std::uint64_t(0));
    while (value > kMax64) {
        *--p = static_cast<char>('0' + static_cast<int>(value % 10));
        value /= 10;
    }
    for (auto small = static_cast<std::uint64_t>(value); small > 0; small /= 10)
        *--p = static_cast<char>('0' + static_cast<int>(small % 10));
    return p;
}

// The longest text format() writes: a sign, "0." and MaxScale places, or a sign, 39 digits
// and a point.
constexpr size_t kFormatBuffer = Decimal::PlainCharsCapacity;

// mantissa / 10^scale as text into `out` (kFormatBuffer chars), without a heap allocation (the
// journal formats every stored amount: fills, trades, their parts); returns the length.
size_t formatInto(char* out, M mantissa, int scale)
{
    const bool negative = mantissa < 0;
    char digitBuffer[48];
    char* const digitsEnd = digitBuffer + sizeof digitBuffer;
    const char* const digits = mantissaDigits(negative ? -mantissa : mantissa, digitsEnd);
    const auto count = static_cast<size_t>(digitsEnd - digits);
    char* p = out;
    if (negative)
        *p++ = '-';
    if (scale <= 0) {
        std::memcpy(p, digits, count);
        return static_cast<size_t>(p + count - out);
    }
    const auto places = static_cast<size_t>(scale);
    if (count <= places) {
        *p++ = '0';
        *p++ = '.';
        std::memset(p, '0', places - count);
        p += places - count;
        std::memcpy(p, digits, count);
        p += count;
    } else {
        std::memcpy(p, digits, count - places);
        p += count - places;
        *p++ = '.';
        std::memcpy(p, digits + (count - places), places);
        p += places;
    }
    return static_cast<size_t>(p - out);
}

std::string format(M mantissa, int scale)
{
    char buffer[kFormatBuffer];
    return std::string(buffer, formatInto(buffer, mantissa, scale));
}

} // namespace

Decimal Decimal::fromScaled(Mantissa mantissa, int scale)
{
    if (scale < 0 || scale > MaxScale)
        throw DecimalOverflow("decimal scale out of range");
    return Decimal(checked(mantissa, "fromScaled"), scale);
}

std::optional<Decimal> Decimal::parse(std::string_view text, std::string* error)
{
    // The quoted text is built only for a refusal: the journal parses millions of decimals on
    // its report path, and building it for every one cost an allocation each.
    auto quotedText = [&] {
        return "\"" + std::string(text.substr(0, 40)) + (text.size() > 40 ? "…\"" : "\"");
    };
    auto fail = [&](const std::string& why) -> std::optional<Decimal> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.empty())
        return fail("an empty string is not a decimal number");
    if (text.size() > static_cast<size_t>(MaxTextLength))
        return fail("the decimal number " + quotedText() + " is too long");

    size_t pos = 0;
    const bool negative = text[0] == '-';
    if (negative)
        pos = 1;
    M mantissa = 0;
    int scale = 0;
    int significant = 0;
    bool seenPoint = false;
    int digitsBefore = 0;
    int digitsAfter = 0;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '.') {
            if (seenPoint)
                return fail(quotedText() + " has more than one decimal point");
            seenPoint = true;
            continue;
        }
        if (c < '0' || c > '9')
            return fail(quotedText() + " is not a plain decimal number (only digits, one '.' and a "
                                       "leading '-' are allowed)");
        (seenPoint ? digitsAfter : digitsBefore)++;
        if (mantissa != 0 || c != '0')
            ++significant;
        if (significant > MaxDigits)
            return fail(quotedText() + " has more than 38 significant digits");
        mantissa = mantissa * 10 + (c - '0');
        if (seenPoint)
            ++scale;
    }
    if (digitsBefore == 0)
        return fail(quotedText() + " has no digits before the decimal point");
    if (seenPoint && digitsAfter == 0)
        return fail(quotedText() + " has no digits after the decimal point");
    if (scale > MaxScale)
        return fail(quotedText() + " has more than 36 digits after the decimal point");
    return Decimal(negative ? -mantissa : mantissa, scale);
}

std::optional<Decimal> Decimal::parse(const QString& text, QString* error)
{
    return parse(QStringView(text), error);
}

std::optional<Decimal> Decimal::parse(QStringView text, QString* error)
{
    // Non-Latin-1 characters can never be part of a decimal; map them to '?' so they fail.
    std::string ascii;
    ascii.reserve(static_cast<size_t>(text.size()));
    for (QChar c : text)
        ascii.push_back(c.unicode() < 128 ? static_cast<char>(c.unicode()) : '?');
    std::string why;
    auto result = parse(std::string_view(ascii), error ? &why : nullptr);
    if (!result && error)
        *error = QString::fromStdString(why);
    return result;
}

std::string Decimal::toStdString() const
{
    const Decimal n = normalized();
    return format(n.m_mantissa, n.m_scale);
}

QString Decimal::toPlainString() const
{
    return QString::fromStdString(format(m_mantissa, m_scale));
}

QByteArray Decimal::toPlainBytes() const
{
    char buffer[kFormatBuffer];
    return QByteArray(buffer, qsizetype(formatInto(buffer, m_mantissa, m_scale)));
}

size_t Decimal::toPlainChars(char* out) const
{
    return formatInto(out, m_mantissa, m_scale);
}

QByteArray canonicalBytes(const Decimal& value)
{
    const Decimal n = value.normalized();
    char buffer[kFormatBuffer];
    return QByteArray(buffer, qsizetype(formatInto(buffer, n.mantissa(), n.scale())));
}

QString Decimal::toFixedString(int places) const
{
    places = std::clamp(places, 0, MaxScale);
    const Decimal rounded = roundHalfEven(places);
    const M mantissa = rescaleUp(rounded.m_mantissa, rounded.m_scale, places, "toFixedString");
    return QString::fromStdString(format(mantissa, places));
}

Decimal Decimal::operator-() const
{
    return Decimal(-m_mantissa, m_scale);
}

Decimal Decimal::operator+(const Decimal& other) const
{
    const int scale = std::max(m_scale, other.m_scale);
    const M a = rescaleUp(m_mantissa, m_scale, scale, "addition");
    const M b = rescaleUp(other.m_mantissa, other.m_scale, scale, "addition");
    // |a|, |b| < 10^38 but 2 * 10^38 > 2^127: two large mantissas can wrap (caught by UBSan in
    // tests/fuzz/fuzz_decimal), and any sum that would is far beyond the limit anyway.
    M sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        throw DecimalOverflow("decimal overflow in addition");
    return Decimal(checked(sum, "addition"), scale);
}

Decimal Decimal::operator-(const Decimal& other) const
{
    return *this + (-other);
}

Decimal Decimal::operator*(const Decimal& other) const
{
    // Strip trailing zeros first so that e.g. "1000.00000000" x "0.10000000" fits comfortably.
    const Decimal a = normalized();
    const Decimal b = other.normalized();
    const M mantissa = mulChecked(a.m_mantissa, b.m_mantissa, "multiplication");
    const int scale = a.m_scale + b.m_scale;
    if (scale > MaxScale)
        throw DecimalOverflow("decimal overflow in multiplication (too many decimal places)");
    return Decimal(mantissa, scale);
}

Decimal Decimal::divide(const Decimal& divisor, int places) const
{
    if (divisor.isZero())
        throw std::domain_error("division of a decimal by zero");
    places = std::clamp(places, 0, MaxScale);
    const bool negative = (m_mantissa < 0) != (divisor.m_mantissa < 0);
    const Decimal a = normalized().abs();
    const Decimal b = divisor.normalized().abs();
    // a/b * 10^places = A * 10^(places + sb - sa) / B
    const int exponent = places + b.m_scale - a.m_scale;
    M numerator = a.m_mantissa;
    M denominator = b.m_mantissa;
    M quotient = 0;
    if (exponent >= 0) {
        // Long division, one digit at a time, so that A * 10^exponent never has to fit.
        quotient = numerator / denominator;
        M remainder = numerator % denominator;
        for (int i = 0; i < exponent; ++i) {
            quotient = mulChecked(quotient, 10, "division");
            const auto [digit, rest] = nextQuotientDigit(remainder, denominator);
            quotient += digit;
            remainder = rest;
        }
        // Half-even on the final remainder.
        const M rest = denominator - remainder;
        if (remainder > rest || (remainder == rest && remainder != 0 && (quotient % 2) != 0))
            ++quotient;
    } else {
        if (-exponent > MaxDigits)
            return Decimal(0, places); // far below half a unit in the last place
        M scaledDenominator = 0;
        if (__builtin_mul_overflow(denominator, kPow10[-exponent], &scaledDenominator))
            return Decimal(0, places);
        quotient = divideHalfEven(numerator, scaledDenominator);
    }
    return Decimal(checked(negative ? -quotient : quotient, "division"), places);
}

Decimal Decimal::roundHalfEven(int places) const
{
    places = std::clamp(places, 0, MaxScale);
    if (m_scale <= places)
        return *this;
    const M divisor = kPow10[m_scale - places];
    const bool negative = m_mantissa < 0;
    const M rounded = divideHalfEven(negative ? -m_mantissa : m_mantissa, divisor);
    return Decimal(negative ? -rounded : rounded, places);
}

Decimal Decimal::normalized() const
{
    if (m_mantissa == 0)
        return Decimal(0, 0);
    M mantissa = m_mantissa;
    int scale = m_scale;
    while (scale > 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        --scale;
    }
    return Decimal(mantissa, scale);
}

std::strong_ordering Decimal::operator<=>(const Decimal& other) const
{
    const int scale = std::max(m_scale, other.m_scale);
    // Equal-scale comparison; both mantissas fit after rescaling only if digits allow, so
    // compare normalized values when rescaling would overflow.
    M a = 0;
    M b = 0;
    const bool aOverflow = __builtin_mul_overflow(m_mantissa, kPow10[scale - m_scale], &a);
    const bool bOverflow =
        __builtin_mul_overflow(other.m_mantissa, kPow10[scale - other.m_scale], &b);
    if (!aOverflow && !bOverflow)
        return a <=> b;
    // One side has far more integer digits than the other can reach at this scale.
    if (signum() != other.signum())
        return signum() <=> other.signum();
    const bool thisBigger = aOverflow; // the overflowing side has the larger magnitude
    if (signum() >= 0)
        return thisBigger ? std::strong_ordering::greater : std::strong_ordering::less;
    return thisBigger ? std::strong_ordering::less : std::strong_ordering::greater;
}

size_t qHash(const Decimal& value, size_t seed)
{
    const Decimal n = value.normalized();
    const Int128 m = n.mantissa();
    const auto low = static_cast<quint64>(m);
    const auto high = static_cast<quint64>(m >> 64);
    return ::qHashMulti(seed, low, high, n.scale());
}

} // namespace fb
