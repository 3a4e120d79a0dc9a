// The Settings dialog: a full round trip through QSettings and the key file fallback (no
// keychain answers in this test: D-Bus points at a socket that does not exist, so the keychain
// path must fail cleanly), and Test connection against in-process simulators: a read-only key,
// a wrong secret, and a key that may also trade and withdraw.
//
// HOME and the XDG folders are temporary: nothing of the user's is read or written.

#include "ui/accounts_page.h"
#include "ui/app_settings.h"
#include "ui/resume_banner.h"
#include "ui/secret_store.h"
#include "ui/settings_dialog.h"

#include "sync/simulator/simulator.h"
#include "tests/support/file_mode.h"
#include "tests/support/private_home.h"
#include "tests/support/sim_fixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace fb;

namespace {

constexpr int kTimeoutMs = 20'000;

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT
public:
    explicit TestSettings(const QString& home)
        : m_home(home)
    {}

private slots:
    // The banner of an incomplete run counts its trades as trades and its raw records as records
    // (it said "5370 trades inserted so far" of a run that had inserted 126 trades and 5370
    // records).
    void resumeBannerCountsTrades()
    {
        journal::RunRecord run;
        run.id = QStringLiteral("sync_20261101_000000_00000001");
        run.account = QStringLiteral("main");
        run.status = journal::RunStatus::Paused;
        run.createdAt = 1;
        run.counters.inserted = 5370;
        run.counters.tradesInserted = 126;
        ui::ResumeBanner banner;
        banner.showRun(run);
        const auto* label = banner.findChild<QLabel*>();
        QVERIFY(label);
        const QString text = label->text();
        QVERIFY2(text.contains(QStringLiteral(" records saved, 126 trades inserted")) &&
                     text.contains(QLocale().toString(5370) + QStringLiteral(" records saved")) &&
                     text.contains(QStringLiteral("It was paused.")),
                 qPrintable(text));
    }

    void initTestCase()
    {
        QVERIFY2(m_sim.start(account({})), qPrintable(m_sim.errorString()));
        QVERIFY2(m_tradingKeySim.start(account({{QStringLiteral("enableWithdrawals"), true},
                                                {QStringLiteral("enableFutures"), true}})),
                 qPrintable(m_tradingKeySim.errorString()));
    }

    void roundTripWithTheFileFallback()
    {
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(ui::AppSettings::load(), secrets);
        dialog.show();
        // Nothing stored yet; the keychain read fails (no D-Bus) and finds no file either.
        QTRY_COMPARE_WITH_TIMEOUT(dialog.storageLabel()->text(),
                                  QStringLiteral("No key is stored for this account. Use a "
                                                 "read-only key."),
                                  kTimeoutMs);
        dialog.accountEdit()->setText(QStringLiteral("alice"));
        dialog.endpointBox()->setCurrentIndex(
            dialog.endpointBox()->findData(QStringLiteral("custom")));
        dialog.customUrlEdit()->setText(QStringLiteral("https://proxy.example.net"));
        dialog.apiKeyEdit()->setText(QStringLiteral("KEY-alice-1"));
        dialog.apiSecretEdit()->setText(QStringLiteral("SECRET-alice-1"));
        dialog.rangeBox()->setCurrentIndex(dialog.rangeBox()->findData(30));
        dialog.batchSizeBox()->setValue(7);
        dialog.retryAttemptsBox()->setValue(3);
        dialog.periodicBox()->setValue(15);
        // The candle cache's bound, with what it means (D172).
        QCOMPARE(dialog.candleCacheBox()->value(), 250'000);
        QCOMPARE(dialog.candleCacheHint()->text(),
                 QStringLiteral("The charts of your newest trades, up to 173 days of 1-minute "
                                "candles (about 17 MB). Older trades keep their MAE and MFE but "
                                "show no chart."));
        dialog.candleCacheBox()->setValue(1'000'000);
        QCOMPARE(dialog.candleCacheHint()->text(),
                 QStringLiteral("The charts of your newest trades, up to 694 days of 1-minute "
                                "candles (about 70 MB). Older trades keep their MAE and MFE but "
                                "show no chart."));
        dialog.autoResumeBox()->setChecked(true);
        dialog.timeZoneBox()->setCurrentIndex(
            dialog.timeZoneBox()->findData(QStringLiteral("Europe/Berlin")));

        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        // The keychain refused: the key went to the file and the dialog says so, visibly,
        // before it closes.
        const QString keyFile = ui::SecretStore::fallbackPath(QStringLiteral("alice"));
        QTRY_COMPARE_WITH_TIMEOUT(dialog.keyFileEdit()->text(), keyFile, kTimeoutMs);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.storageLabel()->isVisible());
        QVERIFY(dialog.storageLabel()->text().startsWith(QStringLiteral("⚠ No keychain is "
                                                                        "available")));
        // Defect 10: the warning wraps over the dialog's width instead of squeezing into one
        // line, and the file's path is whole and selectable in its own field.
        QVERIFY(dialog.storageLabel()->wordWrap());
        QVERIFY(dialog.storageLabel()->text().contains(QStringLiteral("the file below")));
        QVERIFY(dialog.keyFileEdit()->isVisible());
        QVERIFY(dialog.keyFileEdit()->isReadOnly());
        QVERIFY(dialog.width() <= 1440);
        // Every line of it shown (the dialog grew to fit once the layout ran).
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog.storageLabel()->height() >=
                dialog.storageLabel()->heightForWidth(dialog.storageLabel()->width()),
            kTimeoutMs);
        QCOMPARE(dialog.apiKeyEdit()->placeholderText(),
                 QStringLiteral("stored in the key file — type to replace"));
        QCOMPARE(dialog.saveButton()->text(), QStringLiteral("OK, close"));
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not closed yet
        // The documented place (docs/desktop.md), next to fillbook.conf: not under the
        // organisation folder AppConfigLocation would add (…/fillbook/fillbook/secrets).
        QCOMPARE(keyFile, m_home + QStringLiteral("/config/fillbook/secrets/") +
                              QFileInfo(keyFile).fileName());
        QCOMPARE(fbtest::fileMode(keyFile), 0600);
        QCOMPARE(fbtest::fileMode(QFileInfo(keyFile).absolutePath()), 0700);
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("KEY-alice-1\nSECRET-alice-1"));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        ui::AppSettings expected;
        expected.account = QStringLiteral("alice");
        expected.endpoint = QStringLiteral("custom");
        expected.customBaseUrl = QUrl(QStringLiteral("https://proxy.example.net"));
        expected.defaultRangeDays = 30;
        expected.batchSize = 7;
        expected.retryAttempts = 3;
        expected.periodicMinutes = 15;
        expected.candleCacheMinutes = 1'000'000;
        expected.autoResume = true;
        expected.timeZoneId = QStringLiteral("Europe/Berlin");
        // The one account of the list, renamed (issue 14).
        expected.accounts = {{QStringLiteral("alice"), QStringLiteral("custom"),
                              QUrl(QStringLiteral("https://proxy.example.net"))}};
        QCOMPARE(dialog.settings(), expected);
        QCOMPARE(ui::AppSettings::load(), expected);
        // The secret is in the key file only, never in the preferences.
        const QString conf = m_home + QStringLiteral("/config/fillbook/fillbook.conf");
        QFile prefs(conf);
        QVERIFY2(prefs.open(QIODevice::ReadOnly), qPrintable(conf));
        const QByteArray prefText = prefs.readAll();
        QVERIFY(prefText.contains("batchSize=7"));
        QVERIFY(!prefText.contains("SECRET"));
        QVERIFY(!prefText.contains("KEY-alice"));

        const ui::StoredCredentials stored = secrets.readNow(QStringLiteral("alice"));
        QCOMPARE(stored.location, ui::StoredCredentials::Location::File);
        QCOMPARE(stored.credentials.apiKey, QByteArray("KEY-alice-1"));
        QCOMPARE(stored.credentials.apiSecret, QByteArray("SECRET-alice-1"));

        // Opened again: the warning is there from the start.
        ui::SettingsDialog again(ui::AppSettings::load(), secrets);
        again.show();
        QTRY_COMPARE_WITH_TIMEOUT(again.keyFileEdit()->text(), keyFile, kTimeoutMs);
        // A stored key reads as stored, not as "not set".
        QCOMPARE(again.apiKeyEdit()->placeholderText(),
                 QStringLiteral("stored in the key file — type to replace"));
        QCOMPARE(again.apiSecretEdit()->placeholderText(),
                 QStringLiteral("stored in the key file — type to replace"));
        QCOMPARE(again.batchSizeBox()->value(), 7);
        QCOMPARE(again.candleCacheBox()->value(), 1'000'000);
        // A bound edited by hand out of the dialog's range, or not a number, reads as the default.
        for (const QVariant& bad : {QVariant(5), QVariant(QStringLiteral("lots"))}) {
            QSettings().setValue(QStringLiteral("charts/candleCacheMinutes"), bad);
            QCOMPARE(ui::AppSettings::load().candleCacheMinutes, qint64(250'000));
        }
        QCOMPARE(again.timeZoneBox()->currentData().toString(), QStringLiteral("Europe/Berlin"));
    }

    // Defect 10: with --demo the dialog shows the demo account, read-only, and Save keeps the
    // production account's stored settings and key exactly as they were.
    void demoModeLeavesTheProductionAccountAlone()
    {
        ui::SecretStore secrets;
        bool written = false;
        secrets.write(QStringLiteral("prod"), {"KEY-prod", "SECRET-prod"},
                      [&](bool ok, const QString&) { written = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(written, kTimeoutMs);
        ui::AppSettings production;
        production.account = QStringLiteral("prod");
        production.endpoint = QStringLiteral("testnet");
        production.batchSize = 3;
        production.save();

        ui::SettingsDialog dialog(ui::AppSettings::load(), secrets);
        dialog.setDemoAccount(QStringLiteral("demo"));
        dialog.show();
        QCOMPARE(dialog.accountEdit()->text(), QStringLiteral("demo"));
        QVERIFY(!dialog.accountEdit()->isEnabled());
        QVERIFY(!dialog.apiKeyEdit()->isEnabled());
        QVERIFY(!dialog.apiSecretEdit()->isEnabled());
        QVERIFY(!dialog.testButton()->isEnabled());
        QVERIFY(!dialog.endpointBox()->isEnabled());
        QCOMPARE(dialog.apiKeyEdit()->placeholderText(),
                 QStringLiteral("Demo exchange — no key needed"));
        QVERIFY(dialog.apiKeyEdit()->text().isEmpty());
        QVERIFY(dialog.storageLabel()->text().startsWith(QStringLiteral("Demo mode")));
        // The stored key's read (started when the dialog opened) does not overwrite that.
        QTest::qWait(200);
        QVERIFY(dialog.storageLabel()->text().startsWith(QStringLiteral("Demo mode")));

        dialog.batchSizeBox()->setValue(9);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const ui::AppSettings after = ui::AppSettings::load();
        QCOMPARE(after.account, QStringLiteral("prod"));
        QCOMPARE(after.endpoint, QStringLiteral("testnet"));
        QCOMPARE(after.batchSize, 9); // preferences are the user's, demo or not
        QCOMPARE(dialog.settings().account, QStringLiteral("prod"));
        const ui::StoredCredentials stored = secrets.readNow(QStringLiteral("prod"));
        QCOMPARE(stored.credentials.apiKey, QByteArray("KEY-prod"));
        QCOMPARE(stored.credentials.apiSecret, QByteArray("SECRET-prod"));
        QCOMPARE(secrets.readNow(QStringLiteral("demo")).location,
                 ui::StoredCredentials::Location::None);
        ui::AppSettings().save(); // the next tests start from the defaults
    }

    // Issue 14: settings written before the list of accounts read as a list of that one account.
    void oneAccountSettingsBecomeTheFirstOfTheList()
    {
        {
            QSettings old;
            old.clear();
            old.setValue(QStringLiteral("account/name"), QStringLiteral("old"));
            old.setValue(QStringLiteral("account/endpoint"), QStringLiteral("testnet"));
            old.setValue(QStringLiteral("sync/batchSize"), 6);
        }
        const ui::AppSettings loaded = ui::AppSettings::load();
        QCOMPARE(loaded.account, QStringLiteral("old"));
        QCOMPARE(loaded.batchSize, 6);
        QCOMPARE(loaded.accounts.size(), 1);
        QCOMPARE(loaded.accounts.first().name, QStringLiteral("old"));
        QCOMPARE(loaded.accounts.first().endpoint, QStringLiteral("testnet"));
        loaded.save();
        QCOMPARE(ui::AppSettings::load(), loaded); // saved as a list now, read back the same
        ui::AppSettings().save();
    }

    // Issue 14: two accounts, each with its own name, endpoint and key; removing one takes it
    // off the list only (its key stays where it was stored).
    void twoAccountsEachWithTheirOwnKey()
    {
        ui::AppSettings().save();
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(ui::AppSettings::load(), secrets);
        dialog.show();
        ui::AccountsPage* page = dialog.accountsPage();
        QCOMPARE(page->list()->count(), 1);
        QVERIFY(!page->removeButton()->isEnabled()); // the last account stays
        QCOMPARE(page->removeNote()->text(),
                 QStringLiteral("Removing an account only takes it off this list: its trades "
                                "stay in the journal, and its key stays where it is stored."));
        dialog.apiKeyEdit()->setText(QStringLiteral("KEY-main"));
        dialog.apiSecretEdit()->setText(QStringLiteral("SECRET-main"));
        QTest::mouseClick(page->addButton(), Qt::LeftButton);
        QCOMPARE(page->list()->count(), 2);
        QCOMPARE(dialog.accountEdit()->text(), QStringLiteral("account2"));
        QVERIFY(dialog.apiKeyEdit()->text().isEmpty()); // main's typed key waits for Save
        dialog.accountEdit()->clear();
        QTest::keyClicks(dialog.accountEdit(), QStringLiteral("alt"));
        QCOMPARE(page->list()->item(1)->text(), QStringLiteral("alt"));
        dialog.endpointBox()->setCurrentIndex(
            dialog.endpointBox()->findData(QStringLiteral("testnet")));
        dialog.apiKeyEdit()->setText(QStringLiteral("KEY-alt"));
        dialog.apiSecretEdit()->setText(QStringLiteral("SECRET-alt"));
        // Back to main: its form and its typed key again.
        page->list()->setCurrentRow(0);
        QCOMPARE(dialog.accountEdit()->text(), QStringLiteral("main"));
        QCOMPARE(dialog.endpointBox()->currentData().toString(), QStringLiteral("production"));
        QCOMPARE(dialog.apiKeyEdit()->text(), QStringLiteral("KEY-main"));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        // No keychain here: both keys went to their files, and the dialog says so first.
        QTRY_COMPARE_WITH_TIMEOUT(dialog.saveButton()->text(), QStringLiteral("OK, close"),
                                  kTimeoutMs);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const ui::AppSettings saved = ui::AppSettings::load();
        QCOMPARE(saved.account, QStringLiteral("main")); // the account shown when saved
        QCOMPARE(saved.accounts.size(), 2);
        QCOMPARE(saved.accounts.at(0).name, QStringLiteral("main"));
        QCOMPARE(saved.accounts.at(1).name, QStringLiteral("alt"));
        QCOMPARE(saved.accounts.at(1).endpoint, QStringLiteral("testnet"));
        QCOMPARE(secrets.readNow(QStringLiteral("main")).credentials.apiKey,
                 QByteArray("KEY-main"));
        QCOMPARE(secrets.readNow(QStringLiteral("alt")).credentials.apiSecret,
                 QByteArray("SECRET-alt"));

        // Opened again: two rows; alt removed, saved: the list is main alone, alt's key stays.
        ui::SettingsDialog again(saved, secrets);
        again.show();
        ui::AccountsPage* page2 = again.accountsPage();
        QCOMPARE(page2->list()->count(), 2);
        page2->list()->setCurrentRow(1);
        QCOMPARE(again.accountEdit()->text(), QStringLiteral("alt"));
        QVERIFY(page2->removeButton()->isEnabled());
        QTest::mouseClick(page2->removeButton(), Qt::LeftButton);
        QCOMPARE(page2->list()->count(), 1);
        QCOMPARE(again.accountEdit()->text(), QStringLiteral("main"));
        QTest::mouseClick(again.saveButton(), Qt::LeftButton);
        QCOMPARE(again.result(), int(QDialog::Accepted));
        const ui::AppSettings after = ui::AppSettings::load();
        QCOMPARE(after.accounts.size(), 1);
        QCOMPARE(after.accounts.first().name, QStringLiteral("main"));
        QCOMPARE(secrets.readNow(QStringLiteral("alt")).credentials.apiKey, QByteArray("KEY-alt"));
        ui::AppSettings().save();
    }

    void saveWithoutNewKeysKeepsTheStoredOnes()
    {
        ui::SecretStore secrets;
        bool written = false;
        secrets.write(QStringLiteral("bob"), {"KEY-bob", "SECRET-bob"},
                      [&](bool ok, const QString&) { written = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(written, kTimeoutMs);
        ui::AppSettings s;
        s.account = QStringLiteral("bob");
        ui::SettingsDialog dialog(s, secrets);
        dialog.show();
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton); // key fields left empty
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(secrets.readNow(QStringLiteral("bob")).credentials.apiSecret,
                 QByteArray("SECRET-bob"));
    }

    void keyFileInTheOldFolderMovesToTheDocumentedOne()
    {
        // Releases before issue 10 wrote the file to …/fillbook/fillbook/secrets/.
        const QString keyFile = ui::SecretStore::fallbackPath(QStringLiteral("carol"));
        const QString oldFolder = m_home + QStringLiteral("/config/fillbook/fillbook/secrets");
        const QString oldFile = oldFolder + QLatin1Char('/') + QFileInfo(keyFile).fileName();
        QVERIFY(QDir().mkpath(oldFolder));
        QVERIFY(::chmod(QFile::encodeName(oldFolder).constData(), 0700) == 0);
        {
            QFile old(oldFile);
            QVERIFY(old.open(QIODevice::WriteOnly, QFile::ReadOwner | QFile::WriteOwner));
            old.write("KEY-carol\nSECRET-carol");
        }
        QVERIFY(!QFileInfo::exists(keyFile));

        ui::SecretStore secrets;
        const ui::StoredCredentials stored = secrets.readNow(QStringLiteral("carol"));
        QCOMPARE(stored.location, ui::StoredCredentials::Location::File);
        QCOMPARE(stored.credentials.apiKey, QByteArray("KEY-carol"));
        QCOMPARE(stored.credentials.apiSecret, QByteArray("SECRET-carol"));
        QVERIFY(stored.warning.contains(keyFile));
        QVERIFY(QFileInfo::exists(keyFile));
        QVERIFY(!QFileInfo::exists(oldFile));
        QVERIFY(!QFileInfo::exists(oldFolder)); // emptied, so removed
        QCOMPARE(fbtest::fileMode(keyFile), 0600);
        QCOMPARE(fbtest::fileMode(QFileInfo(keyFile).absolutePath()), 0700);
    }

    void testConnectionWithAReadOnlyKey()
    {
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(pointedAt(*m_sim), secrets);
        dialog.apiKeyEdit()->setText(QString::fromLatin1(sim::kDemoApiKey));
        dialog.apiSecretEdit()->setText(QString::fromLatin1(sim::kDemoApiSecret));
        const auto [ok, warning] = runTest(dialog);
        QVERIFY(ok);
        QVERIFY(!warning);
        QVERIFY2(dialog.testResultLabel()->text().startsWith(
                     QStringLiteral("Connected with a read-only key (wallet balance ")),
                 qPrintable(dialog.testResultLabel()->text()));
        // The balance carries its asset ("10,000.00 USDT"), and the message wraps.
        QVERIFY2(dialog.testResultLabel()->text().contains(QStringLiteral(" USDT")),
                 qPrintable(dialog.testResultLabel()->text()));
        QVERIFY(dialog.testResultLabel()->wordWrap());
    }

    void testConnectionWithAWrongSecret()
    {
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(pointedAt(*m_sim), secrets);
        dialog.apiKeyEdit()->setText(QString::fromLatin1(sim::kDemoApiKey));
        dialog.apiSecretEdit()->setText(QStringLiteral("not-the-secret"));
        const auto [ok, warning] = runTest(dialog);
        QVERIFY(!ok);
        QVERIFY(warning);
        const QString text = dialog.testResultLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("signature"), Qt::CaseInsensitive), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("not-the-secret")));
    }

    void testConnectionWarnsAboutTradingAndWithdrawals()
    {
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(pointedAt(*m_tradingKeySim), secrets);
        dialog.apiKeyEdit()->setText(QString::fromLatin1(sim::kDemoApiKey));
        dialog.apiSecretEdit()->setText(QString::fromLatin1(sim::kDemoApiSecret));
        const auto [ok, warning] = runTest(dialog);
        QVERIFY(ok);
        QVERIFY(warning);
        QCOMPARE(dialog.testResultLabel()->text(),
                 QStringLiteral("Connected, but this key can also withdraw, trade futures. "
                                "Fillbook only reads: create a read-only key for it."));
    }

    void testConnectionUsesTheStoredKeyWhenNoneIsTyped()
    {
        ui::SecretStore secrets;
        ui::AppSettings s = pointedAt(*m_sim);
        s.account = QStringLiteral("stored");
        bool written = false;
        secrets.write(s.account, {sim::kDemoApiKey, sim::kDemoApiSecret},
                      [&](bool ok, const QString&) { written = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(written, kTimeoutMs);
        ui::SettingsDialog dialog(s, secrets);
        const auto [ok, warning] = runTest(dialog);
        QVERIFY(ok);
        QVERIFY(!warning);
    }

    void plainHttpToARemoteHostIsRefusedBeforeAnythingIsSent()
    {
        ui::SecretStore secrets;
        ui::AppSettings s;
        s.endpoint = QStringLiteral("custom");
        s.customBaseUrl = QUrl(QStringLiteral("http://example.com"));
        ui::SettingsDialog dialog(s, secrets);
        dialog.apiKeyEdit()->setText(QStringLiteral("k"));
        dialog.apiSecretEdit()->setText(QStringLiteral("s"));
        const auto [ok, warning] = runTest(dialog);
        QVERIFY(!ok);
        QVERIFY(!dialog.testResultLabel()->text().isEmpty());
    }

private:
    static sim::SimulatorConfig account(const QJsonObject& restrictions)
    {
        sim::SimulatorConfig c = fbtest::simAccount(3, 2, 50, 10);
        c.apiRestrictions = restrictions;
        return c;
    }

    static ui::AppSettings pointedAt(const sim::Simulator& simulator)
    {
        ui::AppSettings s;
        s.account = QStringLiteral("main");
        s.endpoint = QStringLiteral("custom");
        s.customBaseUrl = simulator.baseUrl();
        return s;
    }

    static std::pair<bool, bool> runTest(ui::SettingsDialog& dialog)
    {
        // As a trader clicks it: in the shown dialog (the Account tab's button is hidden until
        // then).
        dialog.show();
        QSignalSpy finished(&dialog, &ui::SettingsDialog::testFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        if (finished.isEmpty() && !finished.wait(kTimeoutMs))
            return {false, false};
        return {finished.first().at(0).toBool(), finished.first().at(1).toBool()};
    }

    QString m_home;
    fbtest::SimulatedExchange m_sim;
    fbtest::SimulatedExchange m_tradingKeySim;
};

int main(int argc, char** argv)
{
    return fbtest::runInPrivateHome<TestSettings>(argc, argv);
}

#include "test_settings.moc"
