// The desk URL's TLS rule (docs/sharing.md, "Connections"): plain connections only to this
// computer, verify-full for every other host; and the SCRAM verifier a new desk role's password
// is sent as (checked against Python's hashlib/hmac for the same salt).

#include "sync/journal/desk_store.h"
#include "sync/journal/outbox_store.h"
#include "sync/share/desk_password.h"
#include "sync/share/desk_url.h"

#include <QTest>

using fb::share::parseDeskUrl;

class TestDeskUrl : public QObject
{
    Q_OBJECT

private slots:
    void loopbackMayBePlain_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("sslMode");
        QTest::newRow("localhost") << "postgresql://a@localhost/desk"
                                   << "disable";
        QTest::newRow("127.0.0.1") << "postgresql://a@127.0.0.1:5433/desk"
                                   << "disable";
        QTest::newRow("127.0.0.2") << "postgresql://a@127.0.0.2/desk"
                                   << "disable";
        QTest::newRow("::1") << "postgresql://a@[::1]/desk"
                             << "disable";
        QTest::newRow("loopback asks for TLS")
            << "postgresql://a@127.0.0.1/desk?sslmode=verify-full"
            << "verify-full";
        QTest::newRow("remote default") << "postgresql://a@desk.example.com/desk"
                                        << "verify-full";
        QTest::newRow("remote with a CA") << "postgresql://a@10.1.2.3/desk?sslrootcert=/etc/ca.pem"
                                          << "verify-full";
    }

    void loopbackMayBePlain()
    {
        QFETCH(QString, url);
        QFETCH(QString, sslMode);
        const fb::share::DeskUrl parsed = parseDeskUrl(url, QStringLiteral("pw"));
        QVERIFY2(parsed.endpoint.has_value(), qPrintable(parsed.error));
        QCOMPARE(parsed.endpoint->sslMode, sslMode);
        QCOMPARE(parsed.endpoint->password, QStringLiteral("pw"));
    }

    void otherHostsNeedVerifyFull_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::newRow("disable") << "postgresql://a@desk.example.com/d?sslmode=disable"
                                 << "desk.example.com";
        QTest::newRow("require") << "postgresql://a@10.0.0.5/d?sslmode=require"
                                 << "10.0.0.5";
        QTest::newRow("verify-ca") << "postgresql://a@10.0.0.5/d?sslmode=verify-ca"
                                   << "10.0.0.5";
        QTest::newRow("prefer") << "postgresql://a@[2001:db8::1]/d?sslmode=prefer"
                                << "2001:db8::1";
        QTest::newRow("not loopback: 128.0.0.1") << "postgresql://a@128.0.0.1/d?sslmode=disable"
                                                 << "128.0.0.1";
    }

    void otherHostsNeedVerifyFull()
    {
        QFETCH(QString, url);
        QFETCH(QString, host);
        const fb::share::DeskUrl parsed = parseDeskUrl(url, QString());
        QVERIFY(!parsed.endpoint);
        QCOMPARE(parsed.error, QStringLiteral("A desk server on another computer (%1) needs "
                                              "sslmode=verify-full: plain or unverified "
                                              "connections are allowed to this computer only.")
                                   .arg(host));
    }

    void aTradeNotesAccountIsItsKeyWithoutTheLastThreeParts()
    {
        using fb::journal::DeskItem;
        using fb::journal::DeskStore;
        const auto note = [](const char* key) {
            DeskItem item;
            item.kind = fb::journal::kOutboxAnnotation;
            item.ref = QLatin1String(key);
            return DeskStore::accountOf(item);
        };
        QCOMPARE(note("main:BTCUSDT:BOTH:1001"), QStringLiteral("main"));
        QCOMPARE(note("desk:a:ETHUSDT:LONG:7"), QStringLiteral("desk:a"));
        QCOMPARE(note("k"), QStringLiteral("k"));
        DeskItem records;
        records.kind = fb::journal::kOutboxRecords;
        records.account = QStringLiteral("desk:a");
        records.ref = QStringLiteral("BTCUSDT");
        QCOMPARE(DeskStore::accountOf(records), QStringLiteral("desk:a"));
        DeskItem day;
        day.kind = fb::journal::kOutboxDayNote;
        day.ref = QStringLiteral("2026-01-02");
        QCOMPARE(DeskStore::accountOf(day), QString());
    }

    void theScramVerifierIsPostgresqls()
    {
        QByteArray salt;
        for (char i = 0; i < 16; ++i)
            salt.append(i);
        QCOMPARE(fb::share::scramSha256Verifier(QStringLiteral("pencil"), salt),
                 QStringLiteral("SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$"
                                "zHCdol2044/ZyWzPLi7oxApCkamKw9Z+E4U/QApd/5Y=:"
                                "dd5peBOitVnLNFu7VmwP+HiDaaw4OUCv396eVCWhYiE="));
        // A fresh salt each time: two verifiers of one password differ.
        QVERIFY(fb::share::scramSha256Verifier(QStringLiteral("pencil")) !=
                fb::share::scramSha256Verifier(QStringLiteral("pencil")));
    }
};

QTEST_GUILESS_MAIN(TestDeskUrl)
#include "test_desk_url.moc"
