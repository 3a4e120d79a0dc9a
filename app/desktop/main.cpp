// fillbook: the desktop trading journal. See docs/desktop.md.
//
//   fillbook [--db PATH] [--demo] [--lang system|en|id]
//            [--screenshot FILE.png [--tab
//            trades|runs|stats|conflicts|calendar|reports|settings|settings-share]
//             [--select-trade KEY]]

#include "app/desktop/first_paint.h"
#include "app/desktop/screenshot.h"
#include "app/desktop/single_instance.h"

#include "ui/app_settings.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/secret_store.h"
#include "ui/trades_view.h"
#include "ui/window_state.h"

#include "sync/demo/demo_exchange.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/journal_paths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>

namespace {

void fail(const QString& message, bool gui)
{
    std::fprintf(stderr, "fillbook: %s\n", qPrintable(message));
    if (gui)
        QMessageBox::critical(
            nullptr, QStringLiteral("Fillbook"),
            QCoreApplication::translate("Desktop", "Fillbook cannot start: %1").arg(message));
}

QString defaultJournal(bool demo)
{
    // The journal creates its folder (0700) when it first opens for writing.
    return fb::journal::defaultJournalPath(demo ? fb::journal::JournalFile::Demo
                                                : fb::journal::JournalFile::Own);
}

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("fillbook"));
    QCoreApplication::setOrganizationName(QStringLiteral("fillbook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FILLBOOK_VERSION));
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceMain; // --first-paint's clock
    sinceMain.start();
    // A write past the file size limit (ulimit -f) then fails with EFBIG and is reported as a
    // journal error, instead of SIGXFSZ killing the app mid-sync.
    std::signal(SIGXFSZ, SIG_IGN);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A trading journal for Binance USD-M Futures."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Journal file."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Use the built-in simulated exchange."));
    const QCommandLineOption shotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Run a demo sync, save the window as a PNG and exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption tabOption(
        QStringLiteral("tab"),
        QStringLiteral("Tab to show: trades, runs, stats, conflicts, calendar, reports, settings, "
                       "settings-demo or settings-share."),
        QStringLiteral("TAB"), QStringLiteral("trades"));
    const QCommandLineOption selectOption(
        QStringLiteral("select-trade"),
        QStringLiteral("With --screenshot: the trade (its key) selected in the Trades tab."),
        QStringLiteral("KEY"));
    // For the pictures of several symbols at once (issue 14): hidden.
    QCommandLineOption symbolsOption(
        QStringLiteral("filter-symbols"),
        QStringLiteral("With --screenshot: the symbols chosen in the Trades tab's filter."),
        QStringLiteral("A,B"));
    symbolsOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // For measuring the main-thread stall on a bigger account; not for everyday use.
    QCommandLineOption fillsOption(QStringLiteral("demo-fills"),
                                   QStringLiteral("Fills of the demo account (default 6000)."),
                                   QStringLiteral("N"));
    fillsOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // For tests and pictures: a slow demo exchange (a kill lands mid-sync), a low weight limit
    // (a rate-limit wait shows its countdown), and a sync started at launch.
    QCommandLineOption latencyOption(QStringLiteral("demo-latency"),
                                     QStringLiteral("Delay of every demo answer (ms)."),
                                     QStringLiteral("MS"));
    latencyOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption weightOption(QStringLiteral("demo-weight-limit"),
                                    QStringLiteral("The demo exchange's weight limit per minute."),
                                    QStringLiteral("N"));
    weightOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption syncOption(QStringLiteral("sync-at-start"),
                                  QStringLiteral("Start a sync as soon as the window opens."));
    syncOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // Grabs the window as it is after MS ms (a banner after a crash, a wait's countdown, the
    // window of a new user: states a finished demo sync never shows), saves it and exits.
    QCommandLineOption grabOption(QStringLiteral("grab-after"),
                                  QStringLiteral("Save the window as FILE.png after MS ms, exit."),
                                  QStringLiteral("MS:FILE.png"));
    grabOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // The language of the window (and of --screenshot pictures); Settings keeps the choice.
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QStringLiteral("Language: system, en (English) or id (Bahasa Indonesia). Default: the "
                       "one chosen in Settings, else the system's."),
        QStringLiteral("LANG"));
    // For fillbook-bench (issue 12, target 6): the time to the trade table's first painted page.
    QCommandLineOption firstPaintOption(
        QStringLiteral("first-paint"),
        QStringLiteral("Print the time to the trade table's first painted page and exit."));
    firstPaintOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // The same run's floor for the stall figure: the watchdog over an idle window, no sync.
    QCommandLineOption idleOption(QStringLiteral("watch-idle"),
                                  QStringLiteral("Watch an idle window for MS ms, print the "
                                                 "longest main-thread stall and exit."),
                                  QStringLiteral("MS"));
    idleOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dbOption, demoOption, shotOption, tabOption, selectOption, symbolsOption,
                       fillsOption, latencyOption, weightOption, syncOption, grabOption, langOption,
                       firstPaintOption, idleOption});
    // Looked at before QApplication exists: --help and --version need no display (QApplication
    // aborts without one), so a QCoreApplication prints them and exits. A failed parse here may
    // be Qt's own options (-platform …): QApplication takes those, then the parser judges again.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (parser.parse(arguments) &&
        (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")) ||
         parser.isSet(QStringLiteral("version")))) {
        QCoreApplication core(argc, argv);
        setApplicationNames();
        parser.process(core); // prints the help or the version, and exits 0
        return 0;
    }
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Fillbook"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.fillbook.Fillbook"));
    parser.process(app);
    // Log lines are for debugging (QT_LOGGING_RULES="fillbook.*=true" brings them back); the
    // stall figure of --screenshot mode is printed on its own.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("fillbook.*.debug=false\n"
                                                        "fillbook.*.info=false"));
    const bool screenshot = parser.isSet(shotOption);
    const bool firstPaint = parser.isSet(firstPaintOption) || parser.isSet(idleOption);
    const bool gui = !screenshot && !firstPaint;
    fb::ui::AppSettings settings = fb::ui::AppSettings::load();
    // The environment overrides the saved account, as for fillbook-cli.
    if (qEnvironmentVariableIsSet("FILLBOOK_ACCOUNT"))
        settings.account = qEnvironmentVariable("FILLBOOK_ACCOUNT");
    if (qEnvironmentVariableIsSet("FILLBOOK_BASE_URL")) {
        settings.endpoint = QStringLiteral("custom");
        settings.customBaseUrl = QUrl(qEnvironmentVariable("FILLBOOK_BASE_URL"));
    }
    QByteArray apiKey = qgetenv("FILLBOOK_API_KEY");
    QByteArray apiSecret = qgetenv("FILLBOOK_API_SECRET");
    // The environment's key is for the account selected now (FILLBOOK_ACCOUNT, else the saved
    // one), as fillbook-cli's is for its --account; D149.
    const QString environmentKeyAccount = settings.account;
    const bool keyFromEnvironment = !apiKey.isEmpty() && !apiSecret.isEmpty();
    if (parser.isSet(langOption)) {
        const QString code = parser.value(langOption);
        if (code != QLatin1String("system") && code != QLatin1String("en") &&
            code != QLatin1String("id")) {
            std::fprintf(stderr, "fillbook: --lang takes system, en or id, not \"%s\"\n",
                         qPrintable(code));
            return 2;
        }
        settings.language = code;
    } else if (screenshot) {
        settings.language = QStringLiteral("en"); // pictures are English unless --lang says
    }
    fb::ui::applyLanguage(fb::ui::languageFromCode(settings.language));
    bool demo = parser.isSet(demoOption) || screenshot;
    if (!demo && (apiKey.isEmpty() || apiSecret.isEmpty())) {
        fb::ui::SecretStore secrets;
        const fb::ui::StoredCredentials stored = secrets.readNow(settings.account);
        apiKey = stored.credentials.apiKey;
        apiSecret = stored.credentials.apiSecret;
        if (!stored.warning.isEmpty())
            std::fprintf(stderr, "fillbook: %s\n", qPrintable(stored.warning));
    }
    if (!demo && (apiKey.isEmpty() || apiSecret.isEmpty()) && !parser.isSet(grabOption) &&
        !firstPaint) {
        // No account yet: the demo shows what the journal does without any key.
        const auto answer = QMessageBox::question(
            nullptr, QStringLiteral("Fillbook"),
            QCoreApplication::translate(
                "Desktop", "No Binance account is configured yet (add its read-only API key "
                           "in Sync → Settings, or set FILLBOOK_API_KEY and "
                           "FILLBOOK_API_SECRET).\n\n"
                           "Open the demo journal with a simulated exchange instead?"));
        // "No" opens the real journal: the account can then be added in Settings.
        demo = answer == QMessageBox::Yes;
    }
    const QString journalPath =
        parser.isSet(dbOption) ? parser.value(dbOption) : defaultJournal(demo);

    fb::desktop::SingleInstance instance(journalPath);
    if (instance.notifyRunningInstance()) {
        std::fprintf(stdout, "fillbook is already open on %s; raised its window.\n",
                     qPrintable(journalPath));
        return 0;
    }
    QString listenError;
    if (!instance.listen(&listenError)) {
        fail(QStringLiteral("cannot start: no single-instance socket for %1 (%2)")
                 .arg(journalPath, listenError),
             gui);
        return 1;
    }

    fb::ui::AppContext context;
    context.journalPath = journalPath;
    context.demo = demo;
    context.settings = settings;
    if (screenshot) {
        // The picture shows the demo as anyone would see it, not this machine's preferences.
        context.settings = fb::ui::AppSettings();
        context.settings.timeZoneId = QStringLiteral("UTC");
        context.settings.language = settings.language;
    }
    std::unique_ptr<fb::DemoExchange> exchange;
    if (demo) {
        exchange = std::make_unique<fb::DemoExchange>();
        QString error;
        if (!exchange->start(journalPath, &error, parser.value(fillsOption).toInt(),
                             parser.value(latencyOption).toInt(),
                             parser.value(weightOption).toInt())) {
            fail(QStringLiteral("the demo exchange did not start: %1").arg(error), gui);
            return 1;
        }
        exchange->configure(context.engine);
        // Serving the demo is background work: the window comes first (D180).
        exchange->lowerThreadPriority();
    } else {
        // Account label and endpoint come from the settings (MainWindow applies them).
        context.engine.client.apiKey = apiKey;
        context.engine.client.apiSecret = apiSecret;
        if (keyFromEnvironment)
            context.environmentKey = {environmentKeyAccount, apiKey, apiSecret};
    }

    std::unique_ptr<fb::ui::MainWindow> window;
    try {
        window = std::make_unique<fb::ui::MainWindow>(context);
    } catch (const fb::journal::JournalError& e) {
        fail(QStringLiteral("cannot open the journal %1: %2")
                 .arg(journalPath, QString::fromUtf8(e.what())),
             gui);
        return 1;
    }
    // The journal's check (write_gate.h) runs after the window shows; a damaged journal is said
    // as it was when the check ran before the window: the same sentence, exit 1, nothing written.
    QObject::connect(
        window.get(), &fb::ui::MainWindow::journalRefused, window.get(),
        [w = window.get(), journalPath, gui](const QString& sentence) {
            w->hide();
            fail(QStringLiteral("cannot open the journal %1: %2").arg(journalPath, sentence), gui);
            QApplication::exit(1);
        });
    QObject::connect(&instance, &fb::desktop::SingleInstance::raiseRequested, window.get(),
                     [w = window.get()] {
                         w->showNormal();
                         w->raise();
                         w->activateWindow();
                     });
    // The window as it was left (size, columns, sort, splitter); pictures use the defaults.
    const bool keepLayout = !screenshot && !firstPaint;
    if (!keepLayout || !fb::ui::WindowState::load().applyTo(*window))
        window->resize(1440, 900);
    std::unique_ptr<fb::desktop::FirstPaintProbe> probe;
    if (firstPaint && !parser.isSet(idleOption))
        probe = std::make_unique<fb::desktop::FirstPaintProbe>(*window->tradesView()->table(),
                                                               sinceMain);
    window->show();

    if (parser.isSet(syncOption) && !screenshot)
        QTimer::singleShot(0, window.get(), &fb::ui::MainWindow::startSync);
    if (parser.isSet(grabOption)) {
        const QString spec = parser.value(grabOption);
        const int colon = int(spec.indexOf(QLatin1Char(':')));
        const QString file = spec.mid(colon + 1);
        QTimer::singleShot(spec.left(colon).toInt(), window.get(), [w = window.get(), file] {
            const bool saved = w->grab().save(file);
            std::fprintf(stdout, "%s %s\n", saved ? "saved" : "could not save", qPrintable(file));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    if (parser.isSet(idleOption))
        fb::desktop::watchIdle(*window, parser.value(idleOption).toInt());
    std::unique_ptr<fb::desktop::ScreenshotRun> shot;
    if (screenshot) {
        shot = std::make_unique<fb::desktop::ScreenshotRun>(*window, parser.value(shotOption),
                                                            parser.value(tabOption));
        shot->selectTrade(parser.value(selectOption));
        shot->filterSymbols(
            parser.value(symbolsOption).split(QLatin1Char(','), Qt::SkipEmptyParts));
        shot->start();
    }
    const int code = QApplication::exec();
    if (keepLayout)
        fb::ui::WindowState::of(*window).save();
    window.reset(); // joins the sync thread before the demo exchange goes
    return code;
}
