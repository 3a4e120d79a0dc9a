// Issue 15, Bahasa Indonesia: numbers and dates in each locale, exact strings; the whole window
// switched from English to Indonesian at run time (no restart) shows no English left on any
// tab, menu or dialog, and nothing clipped at 1440x900.

#include "ui/app_context.h"
#include "ui/help_menu.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"
#include "ui/note_merge_dialog.h"
#include "ui/secret_store.h"
#include "ui/settings_dialog.h"
#include "ui/trades_view.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/database.h"
#include "sync/simulator/simulator.h"
#include "tests/support/private_home.h"
#include "tests/support/sim_fixture.h"
#include "ui/models/trade_table_model.h"
#include "ui/write_gate.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>

#include <memory>

using namespace fb;

namespace {

constexpr int kSyncTimeoutMs = 120'000;
const QLocale kId(QLocale::Indonesian, QLocale::Indonesia);
const QLocale kEn(QLocale::English, QLocale::UnitedStates);

// Words that read the same in both languages: brands, units, symbols, and the trading terms
// Indonesian traders use as they are (docs/translation.md, glossary).
const QStringList kSameInBoth{QStringLiteral("Fillbook"),
                              QStringLiteral("Long"),
                              QStringLiteral("Short"),
                              QStringLiteral("Long & short"),
                              QStringLiteral("Funding"),
                              QStringLiteral("Setup"),
                              QStringLiteral("Setup:"),
                              QStringLiteral("Tab"),
                              QStringLiteral("Tag"),
                              QStringLiteral("Entry"),
                              QStringLiteral("Exit"),
                              QStringLiteral("Realized"),
                              QStringLiteral("Status"),
                              QStringLiteral("API key"),
                              QStringLiteral("API secret"),
                              QStringLiteral("Base URL"),
                              QStringLiteral("English"),
                              QStringLiteral("Bahasa Indonesia"),
                              QStringLiteral("Binance testnet"),
                              QStringLiteral("OK"),
                              QStringLiteral("UTC"),
                              QStringLiteral("main"),
                              QStringLiteral("demo"),
                              QStringLiteral("About Qt"),
                              QStringLiteral("https://…"),
                              QStringLiteral("Offline")};

// Data, not words: tickers, sides, amounts, dates, counts ("BTCUSDT", "LONG", "-1.21 USDT").
bool isData(const QString& text)
{
    if (text.startsWith(QLatin1Char('/'))) // a path
        return true;
    static const QRegularExpression data(QStringLiteral("^[A-Z0-9 .,:;+\\-−%()/·—–≈⚠✎★◀▶✕|\\n]*$"));
    return data.match(text).hasMatch();
}

QString plain(QString text)
{
    if (Qt::mightBeRichText(text)) {
        QTextDocument doc;
        doc.setHtml(text);
        text = doc.toPlainText();
    }
    // Accelerators ("&File"), not ampersands ("Long & short").
    static const QRegularExpression accelerator(QStringLiteral("&(?=\\S)"));
    return text.remove(accelerator).trimmed();
}

// Every text a person reads, keyed by where it is shown, with whether it fits.
struct Shown
{
    QString text;
    bool clipped = false;
};
using Texts = QMap<QString, Shown>;

// The texts of one widget (not of its children), keyed by `at`.
void collectOne(QWidget* w, const QString& at, Texts& out)
{
    const auto put = [&](const QString& what, const QString& text, bool clipped = false) {
        out.insert(at + QLatin1Char('/') + what, {text, clipped});
    };
    if (auto* label = qobject_cast<QLabel*>(w)) {
        // A label that does not wrap must be given its whole text's width.
        put(QStringLiteral("text"), label->text(),
            !label->wordWrap() && !label->text().isEmpty() &&
                label->width() < label->minimumSizeHint().width());
    } else if (auto* push = qobject_cast<QPushButton*>(w)) {
        // Its size hint, unless that is the style's minimum width (a "◀" button is narrower on
        // purpose): then the text and the style's margins must fit.
        const int margin = push->style()->pixelMetric(QStyle::PM_ButtonMargin, nullptr, push);
        const int need =
            std::min(push->sizeHint().width(),
                     push->fontMetrics().horizontalAdvance(plain(push->text())) + 2 * margin +
                         (push->icon().isNull() ? 0 : push->iconSize().width() + 4));
        put(QStringLiteral("text"), push->text(), push->width() < need);
    } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
        put(QStringLiteral("text"), button->text(),
            button->width() < button->minimumSizeHint().width());
    } else if (auto* box = qobject_cast<QGroupBox*>(w)) {
        put(QStringLiteral("title"), box->title());
    } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
        put(QStringLiteral("current"), combo->currentText());
    } else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
        put(QStringLiteral("placeholder"), edit->placeholderText());
    } else if (auto* tabs = qobject_cast<QTabBar*>(w)) {
        for (int i = 0; i < tabs->count(); ++i) {
            const int need = tabs->fontMetrics().horizontalAdvance(tabs->tabText(i));
            put(QStringLiteral("tab%1").arg(i), tabs->tabText(i), tabs->tabRect(i).width() < need);
        }
    } else if (auto* header = qobject_cast<QHeaderView*>(w)) {
        if (header->orientation() == Qt::Horizontal && header->model()) {
            for (int i = 0; i < header->count(); ++i)
                if (!header->isSectionHidden(i))
                    put(QStringLiteral("section%1").arg(i),
                        header->model()->headerData(i, Qt::Horizontal).toString());
        }
    } else if (auto* bar = qobject_cast<QMenuBar*>(w)) {
        int n = 0;
        for (QAction* menu : bar->actions()) {
            put(QStringLiteral("menu%1").arg(n++), menu->text());
            if (!menu->menu())
                continue;
            for (QAction* a : menu->menu()->actions())
                if (!a->isSeparator())
                    put(QStringLiteral("action%1").arg(n++), a->text());
        }
    }
    if (!w->toolTip().isEmpty())
        put(QStringLiteral("tip"), w->toolTip());
}

// Every visible widget under `root`, keyed by the widget itself (the same window, two languages).
void collect(QWidget* root, Texts& out)
{
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : widgets)
        if (w->isVisible())
            collectOne(w, QString::number(quintptr(w), 16), out);
}

// The texts of `indonesian` that are still the English ones of `english` (same place).
QStringList stillEnglish(const Texts& english, const Texts& indonesian)
{
    QStringList left;
    for (auto it = indonesian.cbegin(); it != indonesian.cend(); ++it) {
        const QString id = plain(it->text);
        const auto en = english.constFind(it.key());
        if (en == english.cend() || id.isEmpty() || plain(en->text) != id || isData(id) ||
            kSameInBoth.contains(id))
            continue;
        left << id;
    }
    left.removeDuplicates();
    return left;
}

QStringList clipped(const Texts& texts)
{
    QStringList out;
    for (const Shown& s : texts)
        if (s.clipped && !plain(s.text).isEmpty()) // an icon-only button cuts no text
            out << plain(s.text);
    return out;
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        sync::registerSyncMetaTypes();
        QVERIFY2(m_sim.start(fbtest::smallAccount()), qPrintable(m_sim.errorString()));
    }

    void cleanup() { ui::applyLanguage(ui::Language::English); }

    // The figures: one function groups and points every amount on screen.
    void numbersInEachLocale()
    {
        QCOMPARE(ui::localizedDecimal(QStringLiteral("1234567.89"), kId),
                 QStringLiteral("1.234.567,89"));
        QCOMPARE(ui::localizedDecimal(QStringLiteral("1234567.89"), kEn),
                 QStringLiteral("1,234,567.89"));
        QCOMPARE(ui::localizedDecimal(QStringLiteral("-1234.5"), kId), QStringLiteral("-1.234,5"));
        QCOMPARE(ui::localizedDecimal(QStringLiteral("999"), kId), QStringLiteral("999"));
        QCOMPARE(ui::localizedDecimal(QStringLiteral("0.00000001"), kId),
                 QStringLiteral("0,00000001"));
        // Digits beyond a double's precision come through as they are.
        QCOMPARE(ui::localizedDecimal(QStringLiteral("12345678901234567.123456789"), kId),
                 QStringLiteral("12.345.678.901.234.567,123456789"));
        QCOMPARE(ui::localizedDecimal(QStringLiteral("n/a"), kId), QStringLiteral("n/a"));
        QCOMPARE(ui::countText(214719, kId), QStringLiteral("214.719"));
        QCOMPARE(ui::countText(214719, kEn), QStringLiteral("214,719"));

        // Money through the display locale, rounded half-even on the exact decimal.
        ui::setDisplayLocale(kId);
        QCOMPARE(ui::moneyText(QStringLiteral("1234567.885"), QStringLiteral("USDT")),
                 QStringLiteral("1.234.567,88 USDT"));
        QCOMPARE(
            ui::moneyText(*Decimal::parse(QStringLiteral("-3220.155")), QStringLiteral("USDT")),
            QStringLiteral("-3.220,16 USDT"));
        QCOMPARE(ui::feesText(QStringLiteral("{\"USDT\":\"1234.5\",\"BNB\":\"0.00131\"}"),
                              QStringLiteral("USDT")),
                 QStringLiteral("1.234,50 USDT + 0,00131 BNB"));
        ui::setDisplayLocale(kEn);
        QCOMPARE(ui::moneyText(QStringLiteral("1234567.885"), QStringLiteral("USDT")),
                 QStringLiteral("1,234,567.88 USDT"));
    }

    void datesInEachLocale()
    {
        const QDateTime at(QDate(2026, 10, 1), QTime(14, 5), QTimeZone::utc());
        QCOMPARE(ui::dateText(at.date(), kId), QStringLiteral("01/10/2026"));
        QCOMPARE(ui::dateText(at.date(), kEn), QStringLiteral("10/1/2026"));
        QCOMPARE(ui::dateTimeText(at, kId), QStringLiteral("01/10/2026 14.05"));
        QCOMPARE(ui::dateTimeText(at, kEn), QStringLiteral("10/1/2026 2:05 PM"));
        QCOMPARE(ui::compactDateTimeText(at, kId), QStringLiteral("01/10 14.05"));
        QCOMPARE(ui::compactDateTimeText(at, kEn), QStringLiteral("10/1 14:05"));
        QCOMPARE(ui::monthText(at.date(), kId), QStringLiteral("Oktober 2026"));
        QCOMPARE(ui::monthText(at.date(), kEn), QStringLiteral("October 2026"));
        QCOMPARE(ui::weekdayDateText(at.date(), QLocale::ShortFormat, kId),
                 QStringLiteral("Kam 01/10/2026"));
        QCOMPARE(ui::weekdayDateText(at.date(), QLocale::LongFormat, kEn),
                 QStringLiteral("Thursday 10/1/2026"));
    }

    void languageChoice()
    {
        QCOMPARE(ui::effectiveLanguage(ui::Language::System, kId), ui::Language::Indonesian);
        QCOMPARE(ui::effectiveLanguage(ui::Language::System, QLocale(QLocale::German)),
                 ui::Language::English);
        QCOMPARE(ui::effectiveLanguage(ui::Language::English, kId), ui::Language::English);
        QCOMPARE(ui::localeFor(ui::Language::English, QLocale::c()).name(),
                 QStringLiteral("en_US"));
        QCOMPARE(
            ui::localeFor(ui::Language::English, QLocale(QLocale::English, QLocale::UnitedKingdom))
                .name(),
            QStringLiteral("en_GB"));
        QCOMPARE(ui::localeFor(ui::Language::Indonesian).name(), QStringLiteral("id_ID"));
        QCOMPARE(ui::languageFromCode(QStringLiteral("id")), ui::Language::Indonesian);
        QCOMPARE(ui::languageFromCode(QStringLiteral("xx")), ui::Language::System);
        QCOMPARE(ui::languageCode(ui::Language::English), QStringLiteral("en"));
        // The translator is embedded: Qt's own buttons too (no qtbase_id.qm exists).
        QCOMPARE(ui::applyLanguage(ui::Language::Indonesian), ui::Language::Indonesian);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Batal"));
        QCOMPARE(QCoreApplication::translate("fb::ui::MainWindow", "Trades"),
                 QStringLiteral("Trade"));
        QCOMPARE(ui::displayLocale().name(), QStringLiteral("id_ID"));
        QVERIFY(
            ui::userGuideMarkdown().startsWith(QStringLiteral("# Fillbook — panduan pengguna")));
        ui::applyLanguage(ui::Language::English);
        QVERIFY(ui::userGuideMarkdown().startsWith(QStringLiteral("# Fillbook — user guide")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        QCOMPARE(ui::displayLocale().name(), QStringLiteral("en_US"));
    }

    // The window is built in English, synced, then switched to Indonesian while it is open:
    // every tab's texts change (no restart), none stays English, none is cut at 1440x900.
    void everyTabInIndonesianAtOnce()
    {
        ui::applyLanguage(ui::Language::English);
        ui::MainWindow window(context());
        window.resize(1440, 900);
        window.show();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        auto* tabs = window.findChild<QTabWidget*>();
        QVERIFY(tabs);
        QList<Texts> english;
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(600); // the statistics, calendar and report compute in a worker
            Texts t;
            collect(&window, t);
            english << t;
        }
        const QString englishTitle = tabs->tabText(0);

        QSettings().setValue(QStringLiteral("display/language"), QStringLiteral("id"));
        ui::applyLanguage(ui::Language::Indonesian);
        QTRY_VERIFY(tabs->tabText(0) != englishTitle);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Trade"));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(600);
            Texts id;
            collect(&window, id);
            const QStringList left = stillEnglish(english.at(i), id);
            QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("tab %1 still English: %2")
                                                    .arg(tabs->tabText(i), left.join(u" | "))));
            const QStringList cut = clipped(id);
            QVERIFY2(
                cut.isEmpty(),
                qPrintable(
                    QStringLiteral("tab %1 clipped: %2").arg(tabs->tabText(i), cut.join(u" | "))));
        }
        // Amounts and dates followed: the trade table's first date is the Indonesian short one.
        const QString opened =
            window.tradesView()->model()->index(0, 0).data(Qt::DisplayRole).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d/\\d\\d/\\d{4} \\d\\d\\.\\d\\d$"))
                     .match(opened)
                     .hasMatch(),
                 qPrintable(opened));
    }

    void dialogsInIndonesian()
    {
        const auto texts = [] {
            ui::SecretStore secrets;
            ui::SettingsDialog dialog(ui::AppSettings(), secrets);
            dialog.show();
            QTest::qWait(50);
            Texts t;
            // The two dialogs are built the same way: their widgets pair by order.
            const QList<QWidget*> widgets = dialog.findChildren<QWidget*>();
            for (int n = 0; n < widgets.size(); ++n)
                if (widgets.at(n)->isVisible())
                    collectOne(widgets.at(n), QString::number(n), t);
            t.insert(QStringLiteral("title"), {dialog.windowTitle(), false});
            t.insert(QStringLiteral("about"), {ui::aboutText(QStringLiteral("3.40.1")), false});
            return t;
        };
        ui::applyLanguage(ui::Language::English);
        const Texts english = texts();
        ui::applyLanguage(ui::Language::Indonesian);
        const Texts id = texts();
        QVERIFY(!id.isEmpty());
        const QStringList left = stillEnglish(english, id);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u" | ")));
        const QStringList cut = clipped(id);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u" | ")));
        QCOMPARE(id.value(QStringLiteral("title")).text, QStringLiteral("Pengaturan"));
    }

    // The dialogs a trader opens from the tabs: the note merge (Conflicts), the user guide
    // (Help) and Export CSV… (Qt's own file dialog where no desktop dialog answers).
    void mergeGuideAndExportInIndonesian()
    {
        journal::NoteConflict conflict;
        conflict.key = QStringLiteral("main:BTCUSDT:BOTH:1");
        conflict.theirsDevice = QStringLiteral("0123456789abcdef");
        journal::Annotation mine;
        mine.tradeKey = conflict.key;
        mine.notes = QStringLiteral("Entered early");
        mine.tags = {QStringLiteral("fomo")};
        mine.rating = 3;
        journal::Annotation theirs;
        theirs.tradeKey = conflict.key;
        theirs.notes = QStringLiteral("Good patience");
        theirs.tags = {QStringLiteral("a+")};
        theirs.setup = QStringLiteral("Breakout");
        conflict.mine = mine;
        conflict.theirs = theirs;
        QTemporaryDir exportHome;
        const auto texts = [&] {
            Texts t;
            const auto add = [&t](QWidget* root, const QString& prefix) {
                const QList<QWidget*> widgets = root->findChildren<QWidget*>();
                for (int n = 0; n < widgets.size(); ++n)
                    if (widgets.at(n)->isVisible())
                        collectOne(widgets.at(n), prefix + QString::number(n), t);
                t.insert(prefix + QStringLiteral("title"), {root->windowTitle(), false});
            };
            ui::NoteMergeDialog merge(conflict);
            merge.show();
            QTest::qWait(50);
            add(&merge, QStringLiteral("merge/"));

            QMainWindow window;
            ui::addHelpMenu(&window, [] { return QStringLiteral("3.40.1"); });
            window.show();
            window.findChild<QAction*>(QStringLiteral("actionUserGuide"))->trigger();
            auto* guide = window.findChild<QDialog*>(QStringLiteral("userGuide"));
            if (!guide)
                return t;
            QTest::qWait(50);
            add(guide, QStringLiteral("guide/"));
            // The guide's paragraphs, each a text of its own (a heading or a sentence kept in
            // English would show up here).
            const QStringList paragraphs =
                guide->findChild<QTextBrowser*>()->toPlainText().split(QLatin1Char('\n'));
            for (int n = 0; n < paragraphs.size(); ++n)
                t.insert(QStringLiteral("guide/p%1").arg(n), {paragraphs.at(n), false});
            guide->close();

            journal::Database db(exportHome.filePath(QStringLiteral("journal.sqlite")));
            ui::WriteGate writes(db);
            ui::TradesView trades(db, writes);
            std::unique_ptr<QFileDialog> exportDialog(trades.makeExportDialog());
            exportDialog->setOption(QFileDialog::DontUseNativeDialog);
            exportDialog->setDirectory(exportHome.path());
            exportDialog->resize(900, 560);
            exportDialog->show();
            QTest::qWait(100);
            add(exportDialog.get(), QStringLiteral("export/"));
            return t;
        };
        ui::applyLanguage(ui::Language::English);
        const Texts english = texts();
        ui::applyLanguage(ui::Language::Indonesian);
        const Texts id = texts();
        QVERIFY(id.contains(QStringLiteral("guide/title")));
        QVERIFY(id.contains(QStringLiteral("export/title")));
        const QStringList left = stillEnglish(english, id);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u" | ")));
        const QStringList cut = clipped(id);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u" | ")));
        QCOMPARE(id.value(QStringLiteral("export/title")).text, QStringLiteral("Ekspor trade"));
    }

private:
    ui::AppContext context() const
    {
        ui::AppContext c;
        c.journalPath = m_dir.filePath(QStringLiteral("journal.sqlite"));
        c.engine.databasePath = c.journalPath;
        c.engine.client = m_sim.clientConfig();
        c.engine.client.requestTimeoutMs = 5000;
        c.engine.progressIntervalMs = 50;
        c.settings.account = QStringLiteral("main");
        c.settings.endpoint = QStringLiteral("custom");
        c.settings.customBaseUrl = m_sim->baseUrl();
        c.settings.defaultRangeDays = 30;
        c.settings.timeZoneId = QStringLiteral("UTC");
        c.settings.language = QStringLiteral("en");
        return c;
    }

    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
};

int main(int argc, char** argv)
{
    return fbtest::runInPrivateHome<TestTranslation>(argc, argv,
                                                     QStringLiteral("fillbook-test-translation"));
}

#include "test_translation.moc"
