// Sharing in the desktop against the real PostgreSQL fixture (offscreen): Settings → Share
// round-trips the URL and user through the journal and keeps the password in the secret store
// only (here the 0600 file: no keychain answers); Test connection off the UI thread; with sharing
// on, an annotation edit in the trade detail reaches the server and the status bar shows the
// pending count, then idle; the server stopped -> offline with a retry time, and back; a wrong
// password -> one sentence, nothing lost locally.

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/private_home.h"
#include "tests/support/records.h"
#include "ui/main_window.h"
#include "ui/secret_store.h"
#include "ui/settings_dialog.h"
#include "ui/share_controller.h"
#include "ui/share_settings_page.h"
#include "ui/trade_detail.h"
#include "ui/trades_view.h"

#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace fb;

namespace {

const QString kDatabase = QStringLiteral("desk_desktop");

// Every byte under `folder` (files whose path contains `skip` left out) holds `needle`?
bool anyFileHolds(const QString& folder, const QByteArray& needle, const QString& skip = {})
{
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (!skip.isEmpty() && file.contains(skip))
            continue;
        QFile f(file);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestShareDesktop : public QObject
{
    Q_OBJECT

public:
    explicit TestShareDesktop(QString home)
        : m_home(std::move(home))
    {}

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;
    QString m_home;
    QString m_path;
    QString m_tradeKey;

    ui::AppContext context() const
    {
        ui::AppContext c;
        c.journalPath = m_path;
        c.engine.databasePath = m_path;
        c.settings.timeZoneId = QStringLiteral("UTC");
        return c;
    }

    QString serverUrl() const
    {
        return QStringLiteral("postgresql://127.0.0.1:%1/%2").arg(m_server.port()).arg(kDatabase);
    }

    QString where() const
    {
        return QStringLiteral("127.0.0.1:%1/%2").arg(m_server.port()).arg(kDatabase);
    }

    // Fills Settings → Share as a trader would and saves it through the window.
    void saveSharePage(ui::MainWindow& window, const QString& password, bool enabled = true)
    {
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(window.context().settings, secrets);
        ui::ShareSettingsPage* page = window.addSharePage(dialog);
        page->urlEdit()->setText(serverUrl());
        page->userEdit()->setText(QStringLiteral("fillbook_admin"));
        page->passwordEdit()->setText(password);
        page->enabledBox()->setChecked(enabled);
        window.applySharePage(*page);
    }

    void editNote(ui::MainWindow& window, const QString& text)
    {
        ui::TradeDetail* detail = window.tradesView()->detail();
        detail->showTrade(m_tradeKey);
        detail->notesEdit()->setPlainText(text);
        detail->saveNow();
    }

    QString serverNote()
    {
        return m_server.scalar(kDatabase, QStringLiteral("SELECT string_agg(notes, '|') FROM "
                                                         "fillbook.annotations"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
        m_server.freshDatabase(kDatabase);
        journal::DeskConnection admin(m_server.endpoint(kDatabase), QStringLiteral("test"));
        journal::desk_schema::upgrade(admin);
        m_path = m_dir.filePath(QStringLiteral("desktop.sqlite"));
        journal::Database writer(m_path);
        const JournalTrade trade =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'790'000'000'000, true);
        fbtest::addTrades(writer, {trade});
        m_tradeKey = trade.key;
    }

    void theSharePageTestsTheConnectionOffTheUiThread()
    {
        ui::SecretStore secrets;
        ui::ShareSettingsPage page({}, secrets);
        QCOMPARE(page.title(), QStringLiteral("Share"));
        QCOMPARE(page.enabledBox()->text(), QStringLiteral("Share this journal"));
        QVERIFY(!page.enabledBox()->isChecked());
        QSignalSpy finished(&page, &ui::ShareSettingsPage::testFinished);

        // A password in the URL, a plain connection to another computer: one sentence each.
        page.urlEdit()->setText(QStringLiteral("postgresql://bob:pw@127.0.0.1/desk"));
        page.testButton()->click();
        QCOMPARE(page.testResultLabel()->text(),
                 QStringLiteral("Type the password in the Password field, not in the URL."));
        page.urlEdit()->setText(
            QStringLiteral("postgresql://desk.example.com/desk?sslmode=disable"));
        page.userEdit()->setText(QStringLiteral("bob"));
        page.testButton()->click();
        QCOMPARE(page.testResultLabel()->text(),
                 QStringLiteral("A desk server on another computer (desk.example.com) needs "
                                "sslmode=verify-full: plain or unverified connections are allowed "
                                "to this computer only."));

        // The real server: a wrong password, then the right one.
        page.urlEdit()->setText(serverUrl());
        page.userEdit()->setText(QStringLiteral("fillbook_admin"));
        QCOMPARE(page.settings().url, QStringLiteral("postgresql://fillbook_admin@127.0.0.1:%1/%2")
                                          .arg(m_server.port())
                                          .arg(kDatabase));
        page.passwordEdit()->setText(QStringLiteral("wrong"));
        finished.clear();
        page.testButton()->click();
        QCOMPARE(page.testResultLabel()->text(), QStringLiteral("Testing…"));
        QVERIFY(page.testRunning());
        QVERIFY(!page.testButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(page.testResultLabel()->text(),
                 QStringLiteral("The desk server at %1 refused user 'fillbook_admin' with this "
                                "password.")
                     .arg(where()));
        page.passwordEdit()->setText(m_server.password());
        page.testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15'000);
        QCOMPARE(finished.at(1).at(0).toBool(), true);
        QCOMPARE(page.testResultLabel()->text(),
                 QStringLiteral("Connected to the desk at %1 as fillbook_admin (desk schema %2).")
                     .arg(where())
                     .arg(journal::desk_schema::CurrentVersion));
    }

    void aWrongPasswordIsOneSentenceAndNothingIsLost()
    {
        ui::MainWindow window(context());
        ui::ShareController* share = window.sharing();
        QCOMPARE(share->text(), QStringLiteral("Sharing off"));
        saveSharePage(window, QStringLiteral("not-the-password"));
        editNote(window, QStringLiteral("kept while the password is wrong"));
        QTRY_COMPARE_WITH_TIMEOUT(
            share->text(),
            QStringLiteral("Sharing failed: The desk server at %1 refused user 'fillbook_admin' "
                           "with this password. · 1 pending")
                .arg(where()),
            15'000);
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("test")});
        QCOMPARE(journal::AnnotationStore(db).annotation(m_tradeKey)->notes,
                 QStringLiteral("kept while the password is wrong"));
        QCOMPARE(journal::OutboxStore(db).pendingCount(), 1);
        QCOMPARE(m_server.scalar(kDatabase, QStringLiteral("SELECT count(*) FROM "
                                                           "fillbook.annotations")),
                 QStringLiteral("0"));
        window.sharing()->shutdown();
    }

    void theSettingsRoundTripAndThePasswordIsOnlyInTheSecretStore()
    {
        const QString kPassword = m_server.password(); // 24 random characters
        {
            ui::MainWindow window(context());
            saveSharePage(window, kPassword);
            // The keychain is asked first (it does not answer here), then the file is written.
            QTRY_VERIFY_WITH_TIMEOUT(anyFileHolds(m_home, kPassword.toUtf8()), 15'000);
        }
        ui::MainWindow window(context());
        ui::SecretStore secrets;
        ui::SettingsDialog dialog(window.context().settings, secrets);
        ui::ShareSettingsPage* page = window.addSharePage(dialog);
        // Each section in a tab of its own: the whole dialog fits a 1440×900 screen.
        QCOMPARE(dialog.tabs()->count(), 3);
        QCOMPARE(dialog.tabs()->tabText(2), QStringLiteral("Share"));
        dialog.show();
        QVERIFY2(dialog.height() <= 800, qPrintable(QString::number(dialog.height())));
        QCOMPARE(page->urlEdit()->text(), serverUrl());
        QCOMPARE(page->userEdit()->text(), QStringLiteral("fillbook_admin"));
        QVERIFY(page->enabledBox()->isChecked());
        QVERIFY(page->passwordEdit()->text().isEmpty());
        const QString secretFile = ui::SecretStore::fallbackPath(page->settings().secretName());
        // No keychain answers here: the 0600 file, and the page says so.
        QTRY_COMPARE_WITH_TIMEOUT(
            page->storageLabel()->text(),
            QStringLiteral("⚠ No keychain is available: the desk password is stored in %1, "
                           "readable only by you.")
                .arg(secretFile),
            15'000);
        QCOMPARE(page->passwordEdit()->placeholderText(),
                 QStringLiteral("stored in the key file — type to replace"));
        QVERIFY(QFile::exists(secretFile));
        QCOMPARE(QFile::permissions(secretFile) &
                     (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        // The password is in that file and nowhere else: not in the preferences (QSettings),
        // not in the journal or its WAL.
        QVERIFY(anyFileHolds(m_home, kPassword.toUtf8()));
        QVERIFY(!anyFileHolds(m_home, kPassword.toUtf8(), QStringLiteral("/secrets/")));
        QVERIFY(!anyFileHolds(m_dir.path(), kPassword.toUtf8()));
        window.sharing()->shutdown();
    }

    void anAnnotationEditReachesTheServerThenOfflineAndBack()
    {
        ui::MainWindow window(context());
        ui::ShareController* share = window.sharing();
        binance::RetryPolicy retry;
        retry.initialDelayMs = 3'000;
        retry.maxDelayMs = 3'000;
        retry.jitterPercent = 0;
        share->setTimings(60'000, retry);
        QSignalSpy shown(share, &ui::ShareController::stateShown);
        saveSharePage(window, QString()); // the stored password
        // The note queued while the password was wrong goes first.
        QTRY_COMPARE_WITH_TIMEOUT(share->text(), QStringLiteral("Sharing: idle"), 15'000);
        QCOMPARE(serverNote(), QStringLiteral("kept while the password is wrong"));
        QVERIFY(share->label()->toolTip().contains(QStringLiteral("Last push: ")));
        QVERIFY(!share->label()->toolTip().contains(QStringLiteral("Last push: never")));

        // An edit in the trade detail: pending 1 while it is pushed, then idle and on the server.
        // (The worker may finish before this thread looks: the texts shown are what counts.)
        shown.clear();
        editNote(window, QStringLiteral("shared from the desktop"));
        const auto texts = [&shown] {
            QStringList all;
            for (const QVariantList& s : shown)
                all << s.at(0).toString();
            return all;
        };
        QTRY_VERIFY_WITH_TIMEOUT(texts().contains(QStringLiteral("Sharing: pushing · 1 pending")),
                                 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(texts().constLast(), QStringLiteral("Sharing: idle"), 15'000);
        QCOMPARE(serverNote(), QStringLiteral("shared from the desktop"));

        // The server stops: offline, with the time of the next attempt; nothing is lost.
        QVERIFY(m_server.down());
        editNote(window, QStringLiteral("written while the desk is down"));
        QTRY_VERIFY_WITH_TIMEOUT(share->text().startsWith(QStringLiteral("Sharing: offline — "
                                                                         "retry in ")),
                                 20'000);
        QVERIFY2(share->text().endsWith(QStringLiteral(" s · 1 pending")),
                 qPrintable(share->text()));
        QVERIFY(share->label()->toolTip().contains(
            QStringLiteral("The desk server at %1 cannot be reached").arg(where())));
        QVERIFY(m_server.up());
        QTRY_COMPARE_WITH_TIMEOUT(share->text(), QStringLiteral("Sharing: idle"), 30'000);
        QCOMPARE(serverNote(), QStringLiteral("written while the desk is down"));

        // Sharing off: the worker stops.
        saveSharePage(window, QString(), false);
        QTRY_COMPARE(share->text(), QStringLiteral("Sharing off"));
        QVERIFY(!share->isRunning());
    }
};

int main(int argc, char** argv)
{
    return fbtest::runInPrivateHome<TestShareDesktop>(argc, argv);
}

#include "test_share_desktop.moc"
