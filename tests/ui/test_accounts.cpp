// Issue 14: several accounts in one journal, several symbols at once and saved filters.
//
// Two simulated exchanges over loopback, each its own account with its own key, synced into one
// journal by "Sync all accounts" together with a third account whose key is wrong: that one
// fails alone, the panel says which. Then the reports and calendar per account and for all
// accounts (fillbook-cli, JSON) equal sums computed here from the trade rows themselves; the
// account filter, the symbol picker ("3 symbols") and saved filters in the window (offscreen);
// and the CLI's --account, --symbol A,B and --filter NAME with their one-sentence refusals.

#include "tests/support/cli_process.h"
#include "ui/filter_caption.h"
#include "ui/main_window.h"
#include "ui/resume_banner.h"
#include "ui/saved_filters_box.h"
#include "ui/symbol_picker.h"
#include "ui/sync_panel.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include "models/money/decimal.h"
#include "sync/engine/sync_worker.h"
#include "sync/journal/database.h"
#include "sync/journal/run_store.h"
#include "sync/journal/saved_filters.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_queries.h"
#include "sync/simulator/simulator.h"
#include "tests/support/sim_fixture.h"
#include "ui/models/trade_table_model.h"

#include <QComboBox>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <map>

using namespace fb;

namespace {

constexpr int kSyncTimeoutMs = 400'000;

using Result = fbtest::CliResult;

Result runCli(const QStringList& arguments)
{
    return fbtest::runProgram(QStringLiteral(FILLBOOK_CLI_PATH), arguments, 60'000);
}

// A closed trade as the reports count it, read straight from the table.
struct Row
{
    QString account;
    QString symbol;
    QString asset;
    Decimal net;
    qint64 closeTime = 0;
    bool counted = false; // closed and with a known entry
};

// key: account or "" for every account; value: asset -> (trades, net)
using Sums = std::map<QString, std::map<QString, std::pair<qint64, Decimal>>>;

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        sync::registerSyncMetaTypes();
        QVERIFY2(m_main.start(fbtest::smallAccount(7)), qPrintable(m_main.errorString()));
        sim::SimulatorConfig alt = fbtest::smallAccount(11);
        alt.apiKey = "KEY-alt-account";
        alt.apiSecret = "SECRET-alt-account";
        QVERIFY2(m_alt.start(alt), qPrintable(m_alt.errorString()));
        m_path = m_dir.filePath(QStringLiteral("two.sqlite"));
    }

    // Sync all: main and alt complete, "bad" (alt's exchange with main's key) fails alone.
    void syncAllAccountsOneWrongKeyFailsAlone()
    {
        ui::MainWindow window(context());
        window.setCredentialsLookup(
            [this](const QString& account,
                   std::function<void(const QByteArray&, const QByteArray&)> done) {
                if (account == QLatin1String("alt"))
                    done("KEY-alt-account", "SECRET-alt-account");
                else if (account == QLatin1String("bad"))
                    done(sim::kDemoApiKey, sim::kDemoApiSecret); // not alt's exchange's key
                else
                    done({}, {});
            });
        window.show();
        ui::SyncPanel* panel = window.syncPanel();
        QVERIFY(panel->syncAllButton()->isVisible());
        QVERIFY(panel->accountBox()->isVisible());
        QCOMPARE(panel->accountBox()->count(), 3);
        QCOMPARE(panel->accountBox()->currentText(), QStringLiteral("main"));

        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QSignalSpy all(&window, &ui::MainWindow::syncAllFinished);
        QTest::mouseClick(panel->syncAllButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(all.count(), 1, kSyncTimeoutMs);
        QCOMPARE(finished.count(), 3); // one run each, in the list's order
        QCOMPARE(all.first().at(0).toStringList(), QStringList{QStringLiteral("bad")});
        const QString text = all.first().at(1).toString();
        QVERIFY2(text.startsWith(QStringLiteral("2 of 3 accounts synced; failed: bad: ")),
                 qPrintable(text));
        QCOMPARE(panel->noticeLabel()->text(), text);
        QVERIFY(panel->noticeLabel()->isVisible()); // stays until the next run
        QVERIFY(!window.isSyncingAll());

        journal::Database db(m_path, journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                          QStringLiteral("test"), false});
        journal::RunStore runs(db);
        QCOMPARE(runs.latestRun(QStringLiteral("main"))->status, journal::RunStatus::Completed);
        QCOMPARE(runs.latestRun(QStringLiteral("alt"))->status, journal::RunStatus::Completed);
        QCOMPARE(runs.latestRun(QStringLiteral("bad"))->status, journal::RunStatus::Failed);
        QCOMPARE(journal::tradeAccounts(db),
                 (QStringList{QStringLiteral("alt"), QStringLiteral("main")}));
        // Each account's trades come from its own exchange: the two histories differ.
        const QVector<Row> rows = readRows();
        qint64 mainTrades = 0, altTrades = 0;
        for (const Row& r : rows) {
            mainTrades += r.account == QLatin1String("main");
            altTrades += r.account == QLatin1String("alt");
        }
        QVERIFY(mainTrades > 20);
        QVERIFY(altTrades > 20);
        QVERIFY(mainTrades + altTrades == rows.size());
    }

    // fillbook-cli report: per account and for all, equal to the sums of the trade rows; the
    // two accounts' figures add up to the "all" figures per margin asset.
    void reportPerAccountAndForAllEqualTheRows()
    {
        const Sums sums = sumRows([](const Row&) { return true; });
        QVERIFY(sums.count(QStringLiteral("main")) && sums.count(QStringLiteral("alt")));
        for (const QString& account : {QString(), QStringLiteral("main"), QStringLiteral("alt")}) {
            QStringList args{QStringLiteral("--db"),   m_path,
                             QStringLiteral("report"), QStringLiteral("--by"),
                             QStringLiteral("symbol"), QStringLiteral("--format"),
                             QStringLiteral("json")};
            if (!account.isEmpty())
                args << QStringLiteral("--account") << account;
            const Result r = runCli(args);
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.err, QString());
            const QJsonArray assets = QJsonDocument::fromJson(r.out.toUtf8())
                                          .object()
                                          .value(QStringLiteral("assets"))
                                          .toArray();
            const auto& want = sums.at(account);
            QCOMPARE(assets.size(), qsizetype(want.size()));
            for (const QJsonValue& value : assets) {
                const QJsonObject asset = value.toObject();
                const auto& [trades, net] =
                    want.at(asset.value(QStringLiteral("asset")).toString());
                const QJsonObject total = asset.value(QStringLiteral("total")).toObject();
                QCOMPARE(total.value(QStringLiteral("trades")).toInteger(), trades);
                QCOMPARE(total.value(QStringLiteral("netPnl")).toString(), net.toString());
            }
        }
        // main + alt = all, per asset.
        for (const auto& [asset, figures] : sums.at(QString())) {
            qint64 trades = 0;
            Decimal net;
            for (const QString& account : {QStringLiteral("main"), QStringLiteral("alt")})
                if (const auto it = sums.at(account).find(asset); it != sums.at(account).end()) {
                    trades += it->second.first;
                    net = net + it->second.second;
                }
            QCOMPARE(trades, figures.first);
            QCOMPARE(net.toString(), figures.second.toString());
        }
    }

    // fillbook-cli calendar --account: the month of the last close, per account and for all.
    void calendarPerAccountAndForAllEqualTheRows()
    {
        qint64 last = 0;
        for (const Row& r : readRows())
            if (r.counted)
                last = std::max(last, r.closeTime);
        const QDate day = QDateTime::fromMSecsSinceEpoch(last, QTimeZone::utc()).date();
        const QString month = day.toString(QStringLiteral("yyyy-MM"));
        const Sums sums = sumRows([&](const Row& r) {
            return QDateTime::fromMSecsSinceEpoch(r.closeTime, QTimeZone::utc())
                       .date()
                       .toString(QStringLiteral("yyyy-MM")) == month;
        });
        for (const QString& account : {QString(), QStringLiteral("main"), QStringLiteral("alt")}) {
            QStringList args{QStringLiteral("--db"),    m_path, QStringLiteral("calendar"),
                             QStringLiteral("--month"), month,  QStringLiteral("--format"),
                             QStringLiteral("json")};
            if (!account.isEmpty())
                args << QStringLiteral("--account") << account;
            const Result r = runCli(args);
            QCOMPARE(r.exitCode, 0);
            const QJsonArray assets = QJsonDocument::fromJson(r.out.toUtf8())
                                          .object()
                                          .value(QStringLiteral("assets"))
                                          .toArray();
            const auto found = sums.find(account);
            QCOMPARE(assets.size(), found == sums.end() ? 0 : qsizetype(found->second.size()));
            for (const QJsonValue& value : assets) {
                const QJsonObject asset = value.toObject();
                const auto& [trades, net] =
                    found->second.at(asset.value(QStringLiteral("asset")).toString());
                const QJsonObject total = asset.value(QStringLiteral("month")).toObject();
                QCOMPARE(total.value(QStringLiteral("trades")).toInteger(), trades);
                QCOMPARE(total.value(QStringLiteral("netPnl")).toString(), net.toString());
            }
        }
    }

    // The Trades tab: the account filter, three symbols through the picker, a saved filter.
    void accountFilterSymbolPickerAndSavedFiltersInTheWindow()
    {
        journal::Database db(m_path, journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                          QStringLiteral("test"), false});
        ui::MainWindow window(context());
        window.show();
        ui::TradeFilterBar* bar = window.tradesView()->filterBar();
        ui::TradeTableModel* model = window.tradesView()->model();
        QVERIFY(bar->accountBox()->isVisible()); // two accounts have trades
        QCOMPARE(bar->accountBox()->count(), 3); // All accounts, alt, main
        QCOMPARE(bar->accountBox()->itemText(0), QStringLiteral("All accounts"));
        const QVector<Row> rows = readRows();
        QCOMPARE(loadedRows(model), rows.size());

        bar->accountBox()->setCurrentIndex(bar->accountBox()->findData(QStringLiteral("alt")));
        const auto altRows = std::count_if(rows.cbegin(), rows.cend(), [](const Row& r) {
            return r.account == QLatin1String("alt");
        });
        QTRY_COMPARE(loadedRows(model), int(altRows));
        QCOMPARE(ui::filterCaption(bar->query(), QTimeZone::utc()),
                 QStringLiteral("Filtered: account alt"));

        // Three symbols: "Several symbols…" opens the picker; the search box narrows the list.
        // The last entry (the first symbol keeps index 1).
        const int several = bar->symbolBox()->count() - 1;
        QCOMPARE(bar->symbolBox()->itemText(several), QStringLiteral("Several symbols…"));
        QCOMPARE(bar->symbolBox()->itemData(1).toString(), journal::tradeSymbols(db).first());
        bar->symbolBox()->setCurrentIndex(several);
        emit bar->symbolBox()->activated(several);
        ui::SymbolPicker* picker = bar->symbolPicker();
        QVERIFY(picker->isVisible());
        QListWidget* list = picker->list();
        QVERIFY(list->count() >= 4);
        const QString needle = list->item(0)->text().left(2);
        QTest::keyClicks(picker->searchEdit(), needle);
        for (int i = 0; i < list->count(); ++i)
            QCOMPARE(list->item(i)->isHidden(), !list->item(i)->text().contains(needle));
        picker->searchEdit()->clear();
        const QStringList three{list->item(0)->text(), list->item(1)->text(),
                                list->item(3)->text()};
        for (int i : {0, 1, 3})
            list->item(i)->setCheckState(Qt::Checked);
        QTest::mouseClick(picker->applyButton(), Qt::LeftButton);
        QVERIFY(!picker->isVisible());
        QCOMPARE(bar->symbolBox()->currentText(), QStringLiteral("3 symbols"));
        QCOMPARE(bar->query().symbols, three);
        QCOMPARE(ui::filterCaption(bar->query(), QTimeZone::utc()),
                 QStringLiteral("Filtered: account alt, 3 symbols"));
        const auto altThree = std::count_if(rows.cbegin(), rows.cend(), [&](const Row& r) {
            return r.account == QLatin1String("alt") && three.contains(r.symbol);
        });
        QVERIFY(altThree > 0 && altThree < altRows);
        QTRY_COMPARE(loadedRows(model), int(altThree));

        // Saved as "alt three"; cleared; chosen again: the same filters, the same rows.
        ui::SavedFiltersBox* saved = window.tradesView()->savedFilters();
        saved->setNameAsker([] { return QStringLiteral("alt three"); });
        QTRY_VERIFY(window.writeGate()->isOpen()); // saved at once (write_gate.h)
        QTest::mouseClick(saved->saveButton(), Qt::LeftButton);
        QCOMPARE(saved->names(), QStringList{QStringLiteral("alt three")});
        QCOMPARE(saved->box()->currentText(), QStringLiteral("alt three"));
        bar->clear();
        QCOMPARE(saved->box()->currentIndex(), 0); // the filters left the saved set
        QTRY_COMPARE(loadedRows(model), rows.size());
        saved->box()->setCurrentIndex(1);
        emit saved->box()->activated(1);
        QCOMPARE(bar->query().account, QStringLiteral("alt"));
        QCOMPARE(bar->query().symbols, three);
        QCOMPARE(bar->symbolBox()->currentText(), QStringLiteral("3 symbols"));
        QTRY_COMPARE(loadedRows(model), int(altThree));

        // The CLI reads the same saved filter; a name it does not know is one sentence, exit 2.
        Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                           QStringLiteral("--filter"), QStringLiteral("alt three"),
                           QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), qsizetype(altThree));
        // --account given with the filter replaces its account.
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                    QStringLiteral("--filter"), QStringLiteral("alt three"),
                    QStringLiteral("--account"), QStringLiteral("main"), QStringLiteral("--format"),
                    QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const auto mainThree = std::count_if(rows.cbegin(), rows.cend(), [&](const Row& row) {
            return row.account == QLatin1String("main") && three.contains(row.symbol);
        });
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), qsizetype(mainThree));
        // --symbol A,B on its own, every account.
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                    QStringLiteral("--symbol"), three.join(QLatin1Char(',')).toLower(),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(),
                 qsizetype(altThree + mainThree));
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("report"),
                    QStringLiteral("--filter"), QStringLiteral("scalps")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: there is no saved filter named 'scalps' in "
                                       "this journal (saved filters: alt three).\n"));
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("calendar"),
                    QStringLiteral("--account"), QStringLiteral("nobody")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: there is no account 'nobody' in this "
                                       "journal (accounts: alt, bad, main).\n"));

        // Deleted: gone from the list and from the journal.
        QVERIFY(saved->deleteButton()->isEnabled());
        QTest::mouseClick(saved->deleteButton(), Qt::LeftButton);
        QCOMPARE(saved->names(), QStringList());
        QVERIFY(journal::SavedFilterStore(db).list().isEmpty());
    }

    // The selected account (main) has nothing to resume: the banner offers alt's interrupted
    // run, naming alt, and Resume continues it with alt's own endpoint and key.
    void anotherAccountsInterruptedRunIsOfferedAndResumedWithItsKey()
    {
        const QString path = m_dir.filePath(QStringLiteral("banner.sqlite"));
        sync::EngineConfig config;
        config.databasePath = path;
        config.client = m_alt.clientConfig(QStringLiteral("alt"));
        config.client.requestTimeoutMs = 5000;
        config.maxBatches = 1;
        sync::RunParams params;
        params.account = QStringLiteral("alt");
        params.rangeToMs = QDateTime::currentMSecsSinceEpoch();
        params.rangeFromMs = params.rangeToMs - 30 * 86'400'000LL;
        params.rangeLabel = QStringLiteral("30 days");
        params.batchSize = 2;
        sync::SyncWorker worker;
        QSignalSpy paused(&worker, &sync::SyncWorker::finished);
        worker.startRun(config, params);
        QVERIFY(paused.wait(kSyncTimeoutMs));
        const auto first = paused.first().first().value<sync::RunSummary>();
        QCOMPARE(first.status, sync::RunStatus::Paused);

        ui::AppContext c = context();
        c.journalPath = path;
        c.engine.databasePath = path;
        ui::MainWindow window(c);
        window.setCredentialsLookup(
            [](const QString& account,
               std::function<void(const QByteArray&, const QByteArray&)> done) {
                if (account == QLatin1String("alt"))
                    done("KEY-alt-account", "SECRET-alt-account");
                else
                    done({}, {});
            });
        window.show();
        QVERIFY(window.banner()->isVisible());
        QCOMPARE(window.banner()->runId(), first.runId);
        QVERIFY2(window.banner()->text().startsWith(QStringLiteral("Account <b>alt</b>: ")),
                 qPrintable(window.banner()->text()));
        QCOMPARE(window.context().account(), QStringLiteral("main")); // still selected
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QTest::mouseClick(window.banner()->resumeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const auto resumed = finished.first().first().value<sync::RunSummary>();
        QCOMPARE(resumed.runId, first.runId);
        QCOMPARE(resumed.status, sync::RunStatus::Completed);
        QVERIFY(!window.banner()->isVisible());
    }

private:
    ui::AppContext context() const
    {
        ui::AppContext c;
        c.journalPath = m_path;
        c.engine.databasePath = m_path;
        c.engine.client = m_main.clientConfig();
        c.engine.client.requestTimeoutMs = 5000;
        c.engine.client.retry.maxAttempts = 2;
        c.engine.progressIntervalMs = 50;
        c.settings.account = QStringLiteral("main");
        c.settings.endpoint = QStringLiteral("custom");
        c.settings.customBaseUrl = m_main->baseUrl();
        c.settings.accounts = {
            {QStringLiteral("main"), QStringLiteral("custom"), m_main->baseUrl()},
            {QStringLiteral("alt"), QStringLiteral("custom"), m_alt->baseUrl()},
            {QStringLiteral("bad"), QStringLiteral("custom"), m_alt->baseUrl()},
        };
        c.settings.defaultRangeDays = 30;
        c.settings.batchSize = 3;
        c.settings.retryAttempts = 2;
        c.settings.timeZoneId = QStringLiteral("UTC");
        return c;
    }

    static int loadedRows(ui::TradeTableModel* model)
    {
        while (model->canFetchMore({}))
            model->fetchMore({});
        return model->rowCount();
    }

    QVector<Row> readRows() const
    {
        journal::Database db(m_path, journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                          QStringLiteral("test"), false});
        QSqlQuery q = journal::sqlOn(db).run(
            QStringLiteral("SELECT account, symbol, margin_asset, coalesce(net_pnl_valued, "
                           "net_pnl), status, flags, close_time FROM trades"));
        QVector<Row> rows;
        while (q.next()) {
            Row r;
            r.account = q.value(0).toString();
            r.symbol = q.value(1).toString();
            r.asset = q.value(2).toString();
            r.net = *Decimal::parse(q.value(3).toString());
            r.counted = q.value(4).toString() == QLatin1String("CLOSED") &&
                        !q.value(5).toString().contains(QLatin1String("INCOMPLETE_START"));
            r.closeTime = q.value(6).toLongLong();
            rows << r;
        }
        return rows;
    }

    // Closed trades with a known entry that pass `keep`, summed per account and for all.
    Sums sumRows(const std::function<bool(const Row&)>& keep) const
    {
        Sums sums;
        for (const Row& r : readRows()) {
            if (!r.counted || !keep(r))
                continue;
            for (const QString& key : {QString(), r.account}) {
                auto& [trades, net] = sums[key][r.asset];
                ++trades;
                net = net + r.net;
            }
        }
        return sums;
    }

    QTemporaryDir m_dir;
    QString m_path;
    fbtest::SimulatedExchange m_main;
    fbtest::SimulatedExchange m_alt;
};

QTEST_MAIN(TestAccounts)
#include "test_accounts.moc"
