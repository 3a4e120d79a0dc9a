// The desktop's read-only desk browsing view (ui/desk_browse_dialog.h), offscreen, against the
// real server of the desk_server fixture: a desk with two accounts (main pushed by trader
// browse_alice, bobby by trader browse_bob, who may read main by a grant), the view lists what
// the role may read, shows main's trades with their exact amounts, allows no edit; a trader
// without the grant (browse_dave) gets one sentence and no rows; a journal without a desk URL
// says so. FILLBOOK_DESK_BROWSE_SCREENSHOT=FILE saves the view (docs/screenshots/desk-browse.png).
#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_access.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/transaction.h"
#include "sync/share/desk_password.h"
#include "sync/share/replicator.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "ui/desk_browse_dialog.h"
#include "ui/language.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;
using fb::ui::DeskBrowseDialog;
using fb::ui::DeskBrowseSource;

namespace {

const QString kDatabase = QStringLiteral("desk_browse");
constexpr qint64 kOpen = 1'767'261'600'000; // 2026-01-01 10:00 UTC

QString password(const char* role)
{
    return QStringLiteral("pw-") + QLatin1String(role);
}

} // namespace

class TestDeskBrowse : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    DeskBrowseSource source(const char* role) const
    {
        return {QStringLiteral("postgresql://%1@127.0.0.1:%2/%3")
                    .arg(QLatin1String(role))
                    .arg(m_server.port())
                    .arg(kDatabase),
                password(role)};
    }

    // `role` pushes a journal holding `trades` of `account` (records queued as a sync would)
    // and a note on the first one.
    void push(const char* role, const QString& account, const QVector<fb::JournalTrade>& trades,
              const QString& note)
    {
        Database db(m_dir.filePath(account + QStringLiteral(".sqlite")));
        fbtest::addTrades(db, trades);
        {
            Transaction tx(db);
            for (const fb::JournalTrade& t : trades)
                OutboxStore(db).add(kOutboxRecords, account, t.symbol);
            tx.commit();
        }
        Annotation a;
        a.tradeKey = trades.first().key;
        a.notes = note;
        a.tags = {QStringLiteral("breakout"), QStringLiteral("desk")};
        AnnotationStore(db).save(a);
        DeskEndpoint e = m_server.endpoint(kDatabase);
        e.user = QLatin1String(role);
        e.password = password(role);
        DeskConnection desk(e, QStringLiteral("test"));
        fb::share::Replicator(db, desk).push();
        QCOMPARE(OutboxStore(db).pendingCount(), 0);
    }

    static QString text(QTableWidget* table, int row, int column)
    {
        QTableWidgetItem* item = table->item(row, column);
        return item ? item->text() : QStringLiteral("(none)");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
        m_server.freshDatabase(kDatabase);
        QCOMPARE(m_server.exec(QStringLiteral("postgres"),
                               QStringLiteral("DROP ROLE IF EXISTS browse_alice, browse_bob, "
                                              "browse_dave")),
                 QString());
        {
            DeskConnection admin(m_server.endpoint(kDatabase), QStringLiteral("test"));
            desk_schema::upgrade(admin);
            DeskAccess access(admin);
            for (const char* role : {"browse_alice", "browse_bob", "browse_dave"})
                access.grantGroup(QLatin1String(role), DeskAccess::Group::Trader,
                                  fb::share::scramSha256Verifier(password(role)));
        }
        fb::JournalTrade closed =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 101, kOpen, true, QStringLiteral("main"));
        closed.realizedPnl = fbtest::dec("1300.00");
        closed.netPnl = fbtest::dec("1299.53311440"); // 1300.00 - 0.054665 - 0.41222060
        const fb::JournalTrade open = fbtest::makeTrade(
            QStringLiteral("ETHUSDT"), 201, kOpen + 7'200'000, false, QStringLiteral("main"));
        push("browse_alice", QStringLiteral("main"), {closed, open},
             QStringLiteral("Waited for the retest, scaled out at 2R."));
        push("browse_bob", QStringLiteral("bobby"),
             {fbtest::makeTrade(QStringLiteral("SOLUSDT"), 301, kOpen, true,
                                QStringLiteral("bobby"))},
             QStringLiteral("Bob's own trade."));
        DeskConnection admin(m_server.endpoint(kDatabase), QStringLiteral("test"));
        QVERIFY(DeskAccess(admin).grantRead(QStringLiteral("browse_bob"), QStringLiteral("main")));
    }

    void aGrantedTraderBrowsesTheOtherAccountReadOnly()
    {
        DeskBrowseDialog dialog(source("browse_bob"), QTimeZone::utc());
        dialog.show();
        QSignalSpy listed(&dialog, &DeskBrowseDialog::accountsShown);
        QSignalSpy shown(&dialog, &DeskBrowseDialog::tradesShown);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, 30'000);
        QCOMPARE(listed.at(0).at(0).toStringList(),
                 (QStringList{QStringLiteral("bobby"), QStringLiteral("main")}));
        auto* accounts = dialog.findChild<QComboBox*>(QStringLiteral("deskAccounts"));
        QCOMPARE(accounts->count(), 2);

        accounts->setEditText(QStringLiteral("main"));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("deskOpen")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30'000);
        QCOMPARE(shown.at(0).at(0).toString(), QStringLiteral("main"));
        QCOMPARE(shown.at(0).at(1).toInt(), 2);
        QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("deskBanner"))->text(),
                 QStringLiteral("Read-only, from the desk server, account main (owner "
                                "browse_alice): 2 trade(s)."));
        QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("deskMessage"))->isVisible());

        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("deskTrades"));
        QCOMPARE(table->rowCount(), 2);
        const QStringList headers = [&] {
            QStringList h;
            for (int c = 0; c < table->columnCount(); ++c)
                h << table->horizontalHeaderItem(c)->text();
            return h;
        }();
        QCOMPARE(headers, (QStringList{QStringLiteral("Opened"), QStringLiteral("Closed"),
                                       QStringLiteral("Symbol"), QStringLiteral("Side"),
                                       QStringLiteral("Status"), QStringLiteral("Max qty"),
                                       QStringLiteral("Entry"), QStringLiteral("Exit"),
                                       QStringLiteral("Realized PnL"), QStringLiteral("Fees"),
                                       QStringLiteral("Funding"), QStringLiteral("Net PnL"),
                                       QStringLiteral("Tags"), QStringLiteral("Note")}));
        // In opening order: the closed BTC trade, then the open ETH one.
        QCOMPARE(text(table, 0, 2), QStringLiteral("BTCUSDT"));
        QCOMPARE(text(table, 0, 3), QStringLiteral("Long"));
        QCOMPARE(text(table, 0, 4), QStringLiteral("Closed"));
        QCOMPARE(text(table, 0, 5), QStringLiteral("0.01"));
        QCOMPARE(text(table, 0, 6), QStringLiteral("68,290.1 USDT"));
        QCOMPARE(text(table, 0, 7), QStringLiteral("68,415.1 USDT"));
        QCOMPARE(text(table, 0, 8), QStringLiteral("1,300.00 USDT"));
        QCOMPARE(text(table, 0, 9), QStringLiteral("0.41 USDT"));
        QCOMPARE(table->item(0, 9)->toolTip(), QStringLiteral("0.4122206 USDT"));
        QCOMPARE(text(table, 0, 10), QStringLiteral("-0.05 USDT"));
        QCOMPARE(table->item(0, 10)->toolTip(), QStringLiteral("-0.054665 USDT"));
        QCOMPARE(text(table, 0, 11), QStringLiteral("1,299.53 USDT"));
        QCOMPARE(table->item(0, 11)->toolTip(), QStringLiteral("1,299.5331144 USDT"));
        QCOMPARE(text(table, 0, 12), QStringLiteral("breakout, desk"));
        QCOMPARE(text(table, 0, 13), QStringLiteral("Waited for the retest, scaled out at 2R."));
        QCOMPARE(text(table, 1, 2), QStringLiteral("ETHUSDT"));
        QCOMPARE(text(table, 1, 1), QStringLiteral("–"));
        QCOMPARE(text(table, 1, 4), QStringLiteral("Open"));
        QCOMPARE(text(table, 1, 7), QStringLiteral("–"));
        QCOMPARE(text(table, 1, 11), QStringLiteral("-0.47 USDT"));
        QCOMPARE(text(table, 1, 13), QString());

        // Nothing can be edited: no cell is editable, and an edit request opens no editor.
        QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
        for (int r = 0; r < table->rowCount(); ++r) {
            for (int c = 0; c < table->columnCount(); ++c)
                QVERIFY(!(table->item(r, c)->flags() & Qt::ItemIsEditable));
        }
        QTableWidgetItem* note = table->item(0, 13);
        table->editItem(note);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {},
                           table->visualItemRect(note).center());
        QVERIFY(!table->isPersistentEditorOpen(note));
        QVERIFY(table->viewport()->findChildren<QLineEdit*>().isEmpty()); // no editor
        QCOMPARE(note->text(), QStringLiteral("Waited for the retest, scaled out at 2R."));

        const QString screenshot = qEnvironmentVariable("FILLBOOK_DESK_BROWSE_SCREENSHOT");
        if (!screenshot.isEmpty()) {
            table->clearSelection();
            QVERIFY(dialog.grab().save(screenshot));
        }
    }

    // Switched to Indonesian while open: amounts and dates follow the locale at once, the
    // trades are still the server's (FILLBOOK_DESK_BROWSE_SCREENSHOT_ID=FILE saves it).
    void theViewFollowsALanguageChange()
    {
        DeskBrowseDialog dialog(source("browse_bob"), QTimeZone::utc());
        dialog.show();
        QSignalSpy shown(&dialog, &DeskBrowseDialog::tradesShown);
        dialog.openAccount(QStringLiteral("main"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30'000);
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("deskTrades"));
        QCOMPARE(text(table, 0, 11), QStringLiteral("1,299.53 USDT"));
        QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("deskAccounts"))->currentText(),
                 QStringLiteral("main"));
        fb::ui::applyLanguage(fb::ui::Language::Indonesian);
        QTRY_COMPARE(text(table, 0, 11), QStringLiteral("1.299,53 USDT"));
        QCOMPARE(table->item(0, 11)->toolTip(), QStringLiteral("1.299,5331144 USDT"));
        QCOMPARE(text(table, 0, 6), QStringLiteral("68.290,1 USDT"));
        QCOMPARE(table->rowCount(), 2);
        const QString screenshot = qEnvironmentVariable("FILLBOOK_DESK_BROWSE_SCREENSHOT_ID");
        if (!screenshot.isEmpty())
            QVERIFY(dialog.grab().save(screenshot));
        fb::ui::applyLanguage(fb::ui::Language::English);
    }

    void aTraderWithoutTheGrantGetsOneSentence()
    {
        DeskBrowseDialog dialog(source("browse_dave"), QTimeZone::utc());
        dialog.show();
        QSignalSpy listed(&dialog, &DeskBrowseDialog::accountsShown);
        QSignalSpy failed(&dialog, &DeskBrowseDialog::failureShown);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, 30'000);
        QCOMPARE(listed.at(0).at(0).toStringList(), QStringList());
        auto* message = dialog.findChild<QLabel*>(QStringLiteral("deskMessage"));
        QCOMPARE(message->text(),
                 QStringLiteral("Role browse_dave may read no account on this desk yet."));

        dialog.openAccount(QStringLiteral("main"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30'000);
        const QString sentence =
            QStringLiteral("Role 'browse_dave' may not read account main on this desk; its admin "
                           "can allow it with 'fillbook-cli desk grant-read browse_dave "
                           "--account main'.");
        QCOMPARE(failed.at(0).at(0).toString(), sentence);
        QCOMPARE(message->text(), sentence);
        QVERIFY(message->isVisible());
        QCOMPARE(dialog.findChild<QTableWidget*>(QStringLiteral("deskTrades"))->rowCount(), 0);
        QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("deskBanner"))->text(),
                 QStringLiteral("Read-only, from the desk server: choose an account and press "
                                "Open."));
    }

    void aWrongPasswordIsOneSentence()
    {
        DeskBrowseSource s = source("browse_bob");
        s.password = QStringLiteral("wrong");
        DeskBrowseDialog dialog(s, QTimeZone::utc());
        QSignalSpy failed(&dialog, &DeskBrowseDialog::failureShown);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30'000);
        QCOMPARE(failed.at(0).at(0).toString(),
                 QStringLiteral("The desk server at 127.0.0.1:%1/%2 refused user 'browse_bob' "
                                "with this password.")
                     .arg(m_server.port())
                     .arg(kDatabase));
    }

    void aJournalWithoutADeskSaysSo()
    {
        DeskBrowseDialog dialog(DeskBrowseSource{}, QTimeZone::utc());
        QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("deskMessage"))->text(),
                 QStringLiteral("No desk server is set for this journal; run 'fillbook-cli desk "
                                "init --url postgresql://USER@HOST:PORT/DATABASE' first."));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("deskOpen"))->isEnabled());
        QCOMPARE(dialog.findChild<QTableWidget*>(QStringLiteral("deskTrades"))->rowCount(), 0);
    }
};

QTEST_MAIN(TestDeskBrowse)
#include "test_desk_browse.moc"
