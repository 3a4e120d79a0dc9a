// Exact decimal arithmetic: parsing, canonical printing, exact sums and products, and
// half-even division. Every expectation is an exact string.
#include "models/money/decimal.h"
#include "models/money/decimal_bytes.h"

#include <QTest>

using fb::Decimal;

namespace {
Decimal d(const char* text)
{
    auto value = Decimal::parse(std::string_view(text));
    if (!value)
        qFatal("test literal %s did not parse", text);
    return *value;
}
QString s(const Decimal& value)
{
    return value.toString();
}
} // namespace

class TestDecimal : public QObject
{
    Q_OBJECT
private slots:
    void parsesExchangeStrings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("negative commission") << "-0.07819010"
                                             << "-0.0781901";
        QTest::newRow("price") << "68290.10"
                               << "68290.1";
        QTest::newRow("zero") << "0"
                              << "0";
        QTest::newRow("zero with scale") << "0.00000000"
                                         << "0";
        QTest::newRow("negative zero") << "-0.0"
                                       << "0";
        QTest::newRow("integer") << "1000"
                                 << "1000";
        QTest::newRow("leading zeros") << "007.50"
                                       << "7.5";
        QTest::newRow("tiny") << "0.000000000000000001"
                              << "0.000000000000000001";
        QTest::newRow("38 digits") << "12345678901234567890.123456789012345678"
                                   << "12345678901234567890.123456789012345678";
    }
    void parsesExchangeStrings()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QString error;
        const auto value = Decimal::parse(text, &error);
        QVERIFY2(value.has_value(), qPrintable(error));
        QCOMPARE(value->toString(), canonical);
    }

    void keepsTheExchangeScale()
    {
        QCOMPARE(d("0.00000000").toPlainString(), QStringLiteral("0.00000000"));
        QCOMPARE(d("68290.10").toPlainString(), QStringLiteral("68290.10"));
        QCOMPARE(d("-0.07819010").toPlainString(), QStringLiteral("-0.07819010"));
        QCOMPARE(d("-0.37500000").toPlainString(), QStringLiteral("-0.37500000"));
        QCOMPARE(d("1.5").toFixedString(8), QStringLiteral("1.50000000"));
        QCOMPARE(d("2.345").toFixedString(2), QStringLiteral("2.34")); // half-even
        QCOMPARE(d("-2.355").toFixedString(2), QStringLiteral("-2.36"));
    }

    // The byte forms (the journal's hot paths) are the string forms' ASCII, at every length.
    void bytesMatchTheStrings()
    {
        QStringList texts{QStringLiteral("0"),
                          QStringLiteral("0.00000000"),
                          QStringLiteral("-0.5"),
                          QStringLiteral("68290.10"),
                          QStringLiteral("-0.000000000000000000000000000000000001"),
                          QStringLiteral("99999999999999999999999999999999999999"),
                          QStringLiteral("-9999999999999999999.9999999999999999999"),
                          QStringLiteral("18446744073709551616"),
                          QStringLiteral("18446744073709551615"),
                          QStringLiteral("1000"),
                          QStringLiteral("0.1"),
                          QStringLiteral("12.000")};
        for (const QString& text : texts) {
            const auto value = Decimal::parse(text);
            QVERIFY2(value, qPrintable(text));
            QCOMPARE(value->toPlainBytes(), value->toPlainString().toLatin1());
            QCOMPARE(value->toPlainString(), text);
            QCOMPARE(canonicalBytes(*value), value->toString().toLatin1());
            QCOMPARE(QByteArray::fromStdString(value->toStdString()), canonicalBytes(*value));
        }
        QCOMPARE(canonicalBytes(*Decimal::parse(QStringLiteral("12.000"))), QByteArray("12"));
        QCOMPARE(canonicalBytes(*Decimal::parse(QStringLiteral("-0.0500"))), QByteArray("-0.05"));
        QCOMPARE(Decimal::fromScaled(-5, 36).toPlainBytes(),
                 QByteArray("-0.000000000000000000000000000000000005"));
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("exponent") << "1e5"
                                  << "not a plain decimal";
        QTest::newRow("NaN") << "NaN"
                             << "not a plain decimal";
        QTest::newRow("Infinity") << "Infinity"
                                  << "not a plain decimal";
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("two points") << "1.2.3"
                                    << "more than one decimal point";
        QTest::newRow("plus") << "+1"
                              << "not a plain decimal";
        QTest::newRow("space") << " 1"
                               << "not a plain decimal";
        QTest::newRow("trailing space") << "1 "
                                        << "not a plain decimal";
        QTest::newRow("lone point") << "."
                                    << "no digits before";
        QTest::newRow("no integer part") << ".5"
                                         << "no digits before";
        QTest::newRow("no fraction") << "5."
                                     << "no digits after";
        QTest::newRow("lone minus") << "-"
                                    << "no digits before";
        QTest::newRow("comma") << "1,5"
                               << "not a plain decimal";
        QTest::newRow("unicode digit") << QString::fromUtf8("１") << "not a plain decimal";
        QTest::newRow("39 digits") << "123456789012345678901234567890123456789"
                                   << "more than 38 significant digits";
        QTest::newRow("overlong") << QString(81, QLatin1Char('0')) << "too long";
        QTest::newRow("scale 37") << "0.1234567890123456789012345678901234567"
                                  << "more than 36 digits after";
    }
    void rejectsGarbage()
    {
        QFETCH(QString, text);
        QFETCH(QString, reasonPart);
        QString error;
        QVERIFY(!Decimal::parse(text, &error).has_value());
        QVERIFY2(error.contains(reasonPart), qPrintable(error));
    }

    void addsAndSubtractsExactly()
    {
        QCOMPARE(s(d("0.1") + d("0.2")), QStringLiteral("0.3"));
        QCOMPARE(s(d("-0.07819010") + d("0.07819010")), QStringLiteral("0"));
        QCOMPARE(s(d("68290.10") - d("69530.10")), QStringLiteral("-1240"));
        QCOMPARE(s(d("1") - d("0.00000001")), QStringLiteral("0.99999999"));
        Decimal sum;
        for (int i = 0; i < 1000; ++i)
            sum += d("0.00000001");
        QCOMPARE(s(sum), QStringLiteral("0.00001"));
    }

    void multipliesExactly()
    {
        QCOMPARE(s(d("68290.10") * d("0.010")), QStringLiteral("682.901"));
        QCOMPARE(s(d("-1.5") * d("2")), QStringLiteral("-3"));
        QCOMPARE(s(d("0.00000001") * d("0.00000001")), QStringLiteral("0.0000000000000001"));
        // 1e12 x 1e8 with 8 decimals each: 1e20 with a 16-place fraction, all exact.
        QCOMPARE(s(d("1000000000000.12345678") * d("100000000.87654321")),
                 QStringLiteral("100000000876555555678.1082152022374638"));
        QCOMPARE(s(d("999999999999.99999999") * d("99999999.99999999")),
                 QStringLiteral("99999999999999989999.0000000000000001"));
    }

    void overflowIsAnErrorNotAWrap()
    {
        QVERIFY_THROWS_EXCEPTION(fb::DecimalOverflow,
                                 d("99999999999999999999999") * d("99999999999999999999"));
        const Decimal big = d("99999999999999999999999999999999999999");
        QVERIFY_THROWS_EXCEPTION(fb::DecimalOverflow, big + d("1"));
        QVERIFY_THROWS_EXCEPTION(fb::DecimalOverflow,
                                 d("0.000000000000000001") * d("0.0000000000000000001"));
    }

    void dividesHalfEven_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("places");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1/3") << "1"
                             << "3" << 8 << "0.33333333";
        QTest::newRow("2/3") << "2"
                             << "3" << 8 << "0.66666667";
        QTest::newRow("half down to even") << "0.125"
                                           << "1" << 2 << "0.12";
        QTest::newRow("half up to even") << "0.135"
                                         << "1" << 2 << "0.14";
        QTest::newRow("negative half") << "-0.125"
                                       << "1" << 2 << "-0.12";
        QTest::newRow("negative divisor") << "1"
                                          << "-3" << 8 << "-0.33333333";
        QTest::newRow("average price") << "1365.8020"
                                       << "0.020" << 8 << "68290.1";
        QTest::newRow("commission share") << "0.27316040"
                                          << "3" << 8 << "0.09105347";
        QTest::newRow("large") << "100000000876555555678.1082152022374638"
                               << "100000000.87654321" << 8 << "1000000000000.12345678";
        QTest::newRow("tiny quotient rounds to zero") << "0.000000001"
                                                      << "1000" << 8 << "0";
        QTest::newRow("exact half at scale 0") << "5"
                                               << "2" << 0 << "2";
        QTest::newRow("exact half odd") << "7"
                                        << "2" << 0 << "4";
    }
    void dividesHalfEven()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, places);
        QFETCH(QString, expected);
        QCOMPARE(s(Decimal::parse(a)->divide(*Decimal::parse(b), places)), expected);
    }

    // Caught by UBSan in tests/fuzz/fuzz_decimal: two mantissas near the 10^38 limit wrapped the
    // 128-bit sum (undefined behaviour) instead of throwing.
    void addingTwoLargeMantissasThrowsNotWraps()
    {
        const Decimal big = d("99999999999999999999999999999999999999");
        QVERIFY_THROWS_EXCEPTION(fb::DecimalOverflow,
                                 big + d("99999999999999999999999999999999999998"));
        QVERIFY_THROWS_EXCEPTION(fb::DecimalOverflow, -big - big);
        QVERIFY_THROWS_EXCEPTION(fb::DecimalOverflow,
                                 d("9999999999999999999.9999999999999999999") +
                                     d("9999999999999999999.9999999999999999999"));
        QCOMPARE(s(big + (-big)), QStringLiteral("0"));
        QCOMPARE(s(d("50000000000000000000000000000000000000") +
                   d("49999999999999999999999999999999999999")),
                 QStringLiteral("99999999999999999999999999999999999999"));
    }

    // Found by tests/fuzz/fuzz_decimal (input "9008|99929999999999992999999899992999999999"):
    // with a divisor of 38 digits, ten times the running remainder did not fit in 128 bits, so
    // division to many places threw DecimalOverflow although the quotient fits.
    void dividesByADivisorOf38Digits()
    {
        QCOMPARE(s(d("9008").divide(d("99929999999999992999999899992999999999"), 36)),
                 QStringLiteral("0.00000000000000000000000000000000009"));
        QCOMPARE(s(d("99999999999999999999999999999999999998")
                       .divide(d("99999999999999999999999999999999999999"), 36)),
                 QStringLiteral("1"));
        QCOMPARE(s(d("-1").divide(d("30.000000000000000000000000000000000001"), 36)),
                 QStringLiteral("-0.033333333333333333333333333333333333"));
        QCOMPARE(s(d("2").divide(d("3"), 36)),
                 QStringLiteral("0.666666666666666666666666666666666667"));
    }

    void divisionByZeroThrows()
    {
        QVERIFY_THROWS_EXCEPTION(std::domain_error, d("1").divide(d("0.000"), 8));
    }

    void roundsHalfEven()
    {
        QCOMPARE(s(d("0.123456785").roundHalfEven(8)), QStringLiteral("0.12345678"));
        QCOMPARE(s(d("0.123456775").roundHalfEven(8)), QStringLiteral("0.12345678"));
        QCOMPARE(s(d("-0.123456775").roundHalfEven(8)), QStringLiteral("-0.12345678"));
        QCOMPARE(s(d("0.123456786").roundHalfEven(8)), QStringLiteral("0.12345679"));
        QCOMPARE(s(d("1.5").roundHalfEven(8)), QStringLiteral("1.5"));
    }

    void comparesNumerically()
    {
        QVERIFY(d("1.50") == d("1.5"));
        QVERIFY(d("-0.00000001") < d("0"));
        QVERIFY(d("68290.1") > d("68290.09999999"));
        QVERIFY(d("99999999999999999999999999999999999999") >
                d("0.000000000000000000000000000000000001"));
        QVERIFY(d("-99999999999999999999999999999999999999") <
                d("-0.000000000000000000000000000000000001"));
        QCOMPARE(qHash(d("1.50")), qHash(d("1.5")));
        QCOMPARE(d("0.010").signum(), 1);
        QCOMPARE(d("-0.010").abs(), d("0.01"));
    }

    void roundTrips()
    {
        for (const char* text : {"0", "-1", "0.1", "123.456", "-0.00000001", "68290.1",
                                 "4480321991774044580", "-99999999999999999999.99999999"}) {
            const Decimal value = d(text);
            QCOMPARE(value.toString(), QString::fromLatin1(text));
            QCOMPARE(d(value.toStdString().c_str()), value);
            QCOMPARE(value.toPlainString(), QString::fromLatin1(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestDecimal)
#include "test_decimal.moc"
