// Signing, query encoding, the clock offset and redaction.
#include "sync/binance/clock.h"
#include "sync/binance/diagnostics.h"
#include "sync/binance/signer.h"

#include <QTest>
#include <QUrl>

using namespace fb::binance;

namespace {
// The published example credentials of the Binance docs (API sheet §2.2).
const QByteArray kSecret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
const QByteArray kApiKey = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
} // namespace

class TestSigning : public QObject
{
    Q_OBJECT
private slots:
    void publishedVector()
    {
        const QByteArray message = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&"
                                   "timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
        QCOMPARE(Signer::hmacSha256Hex(kSecret, message),
                 QByteArray("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
        QCOMPARE(Signer::hmacSha256Hex(kSecret, "symbol=BTCUSDT&timestamp=1591702613943"),
                 QByteArray("8a22fe81851a943577a5d6f4d13c65d01d57c4f4a15ee583d231daf989254967"));
    }

    void signedQueryPutsRecvWindowTimestampAndSignatureLast()
    {
        const Signer signer(kApiKey, kSecret);
        const QByteArray query =
            encodeQuery({{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
                         {QStringLiteral("side"), QStringLiteral("BUY")},
                         {QStringLiteral("type"), QStringLiteral("LIMIT")},
                         {QStringLiteral("quantity"), QStringLiteral("1")},
                         {QStringLiteral("price"), QStringLiteral("9000")},
                         {QStringLiteral("timeInForce"), QStringLiteral("GTC")}});
        QCOMPARE(signer.signedQuery(query, 1591702613943, 5000),
                 QByteArray("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&"
                            "timeInForce=GTC&recvWindow=5000&timestamp=1591702613943&signature="
                            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
        // recvWindow <= 0: left out (server default); an empty query starts with timestamp.
        QCOMPARE(signer.signedQuery({}, 1591702613943, 0),
                 QByteArray("timestamp=1591702613943&signature=" +
                            Signer::hmacSha256Hex(kSecret, "timestamp=1591702613943")));
    }

    void nonAsciiSymbolIsPercentEncodedUtf8AndSignedEncoded()
    {
        const QString symbol = QString::fromUtf8("币安人生USDT");
        const QByteArray query = encodeQuery(
            {{QStringLiteral("symbol"), symbol}, {QStringLiteral("limit"), QStringLiteral("5")}});
        QCOMPARE(query, QByteArray("symbol=%E5%B8%81%E5%AE%89%E4%BA%BA%E7%94%9FUSDT&limit=5"));
        const Signer signer(kApiKey, kSecret);
        // Reference value computed independently (Python hmac over the encoded string).
        QCOMPARE(signer.signedQuery(query, 1700000000000, 10000),
                 query + "&recvWindow=10000&timestamp=1700000000000&signature="
                         "ddd652e8e97e55a6e8b81786926f7b94ed44fdc3fe757c47362948afd779a8e5");
    }

    void reservedCharactersAreEncoded()
    {
        QCOMPARE(encodeQuery({{QStringLiteral("a b"), QString::fromUtf8("x&y=z/é+~-._")}}),
                 QByteArray("a%20b=x%26y%3Dz%2F%C3%A9%2B~-._"));
    }

    void qurlKeepsTheSignedBytesVerbatim()
    {
        // The client hands the encoded query to QUrl; what goes on the wire must be exactly the
        // bytes that were signed.
        const QByteArray query =
            encodeQuery({{QStringLiteral("symbol"), QString::fromUtf8("币安人生USDT")},
                         {QStringLiteral("x"), QString::fromUtf8("a b&c=d/é+~:@?%")}}) +
            "&timestamp=1&signature=abc";
        QUrl url(QStringLiteral("https://fapi.binance.com/fapi/v1/userTrades"));
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
        QCOMPARE(url.query(QUrl::FullyEncoded).toLatin1(), query);
        QVERIFY(url.toEncoded().endsWith(QByteArray("?" + query)));
    }

    void clockOffsetUsesTheRoundTripMidpoint()
    {
        QCOMPARE(clockOffsetMs(1000, 1200, 5000), qint64(3900));
        QCOMPARE(clockOffsetMs(1000, 1000, 900), qint64(-100));
        QCOMPARE(clockOffsetMs(1761955200000, 1761955200301, 1761955200000), qint64(-150));
        qint64 local = 10'000;
        ServerClock clock([&local] { return local; });
        clock.setOffsetMs(-2500);
        QCOMPARE(clock.now(), qint64(7500));
        local += 100;
        QCOMPARE(clock.serverNow()(), qint64(7600));
    }

    void redactRemovesTheSignature()
    {
        const QUrl url(QStringLiteral("https://fapi.binance.com/fapi/v1/income?startTime=1&"
                                      "timestamp=2&signature=deadbeef"));
        const QString text = redact(url);
        QVERIFY2(!text.contains(QLatin1String("signature")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("deadbeef")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("startTime=1&timestamp=2")));
        QCOMPARE(redactQuery("signature=x&a=1"), QByteArray("a=1"));
        QCOMPARE(redact(QUrl(QStringLiteral("https://user:pw@h/p?signature=1"))),
                 QStringLiteral("https://h/p"));
    }

    void scrubAndExcerpt()
    {
        const QString echoed = QStringLiteral("bad key ") + QString::fromLatin1(kApiKey);
        const QString clean = scrub(echoed, {kApiKey, kSecret, QByteArray()});
        QCOMPARE(clean, QStringLiteral("bad key ***"));
        const QString long_ = excerpt(QByteArray(500, 'x'));
        QCOMPARE(long_.size(), 120);
        QCOMPARE(excerpt("{\n  \"code\": -1121\n}"), QStringLiteral("{ \"code\": -1121 }"));
    }
};

QTEST_GUILESS_MAIN(TestSigning)
#include "test_signing.moc"
