#pragma once
// Exact decimal numbers for prices, quantities and money.
//
// A Decimal is a signed 128-bit integer mantissa and a scale (digits after the point):
// value = mantissa / 10^scale. The scale is kept as parsed, so "0.00000000" prints back
// verbatim through toPlainString(), while toString() gives the canonical form of the
// export format (docs/design.md §5.3): no exponent, no trailing zeros, no point when whole.
//
// There is no conversion from or to floating point on purpose. Every operation is exact;
// the only rounding is the explicit half-even rounding in divide() and roundHalfEven().
// Results that do not fit (|mantissa| >= 10^38 or scale > MaxScale) throw DecimalOverflow:
// money that large is a bug upstream, and silently wrapping would be far worse.

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fb {

// GCC/Clang extension; marked so that -Wpedantic accepts it.
__extension__ typedef __int128 Int128;

class DecimalOverflow : public std::overflow_error
{
public:
    using std::overflow_error::overflow_error;
};

class Decimal
{
public:
    using Mantissa = Int128;

    // |mantissa| < 10^38 < 2^127. A sum of two such mantissas may not fit in 128 bits (2 * 10^38
    // > 2^127), so additions check for the wrap before checking the bound.
    static constexpr int MaxDigits = 38;
    static constexpr int MaxScale = 36;
    // Longest text accepted by parse(): digits, sign and point plus generous leading zeros.
    static constexpr int MaxTextLength = 80;

    constexpr Decimal() = default;
    static Decimal fromInt(std::int64_t value) { return Decimal(value, 0); }
    // value = mantissa / 10^scale
    static Decimal fromScaled(Mantissa mantissa, int scale);

    // Parses a plain decimal: optional '-', digits, optional '.' and digits.
    // Rejects exponents, NaN/Inf, '+', spaces, empty strings, lone points and overlong input.
    // On failure returns nullopt and, if given, a one-sentence reason in *error.
    static std::optional<Decimal> parse(std::string_view text, std::string* error = nullptr);
    static std::optional<Decimal> parse(const QString& text, QString* error = nullptr);
    static std::optional<Decimal> parse(QStringView text, QString* error = nullptr);

    // Canonical text: "-1.5", "0", "68290.1". Used for storage and export.
    std::string toStdString() const;
    QString toString() const { return QString::fromStdString(toStdString()); }
    // Keeps the scale: "68290.10", "0.00000000". Reproduces exchange text.
    QString toPlainString() const;
    // The same as ASCII bytes, for the journal's hot paths (no UTF-16 round trip).
    QByteArray toPlainBytes() const;
    // The same into `out` (at least PlainCharsCapacity chars), without a heap allocation: the
    // journal binds every stored amount this way. Returns the length.
    static constexpr size_t PlainCharsCapacity = 96;
    size_t toPlainChars(char* out) const;
    // Fixed number of decimals (rounded half-even if needed), for display.
    QString toFixedString(int places) const;

    Mantissa mantissa() const { return m_mantissa; }
    int scale() const { return m_scale; }

    bool isZero() const { return m_mantissa == 0; }
    bool isNegative() const { return m_mantissa < 0; }
    bool isPositive() const { return m_mantissa > 0; }
    int signum() const { return m_mantissa > 0 ? 1 : (m_mantissa < 0 ? -1 : 0); }

    Decimal abs() const { return m_mantissa < 0 ? -*this : *this; }
    Decimal operator-() const;
    Decimal operator+(const Decimal& other) const;
    Decimal operator-(const Decimal& other) const;
    Decimal operator*(const Decimal& other) const;
    Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
    Decimal& operator-=(const Decimal& other) { return *this = *this - other; }

    // this / divisor rounded half-even to `places` decimals. Throws std::domain_error on /0.
    Decimal divide(const Decimal& divisor, int places) const;
    // Rounded half-even to `places` decimals (never increases the scale).
    Decimal roundHalfEven(int places) const;
    // Same value with trailing zeros removed from the scale.
    Decimal normalized() const;

    // Numeric comparison: 1.50 == 1.5.
    std::strong_ordering operator<=>(const Decimal& other) const;
    bool operator==(const Decimal& other) const { return (*this <=> other) == 0; }

private:
    constexpr Decimal(Mantissa mantissa, int scale)
        : m_mantissa(mantissa)
        , m_scale(scale)
    {}

    Mantissa m_mantissa = 0;
    int m_scale = 0;
};

// Hash of the numeric value (equal values hash equally whatever their scale).
size_t qHash(const Decimal& value, size_t seed = 0);

} // namespace fb

Q_DECLARE_METATYPE(fb::Decimal)
