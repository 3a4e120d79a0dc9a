#include "app/desktop/screenshot.h"

#include "ui/calendar_view.h"
#include "ui/candle_worker.h"
#include "ui/conflicts_view.h"
#include "ui/main_window.h"
#include "ui/models/trade_table_model.h"
#include "ui/reports_view.h"
#include "ui/secret_store.h"
#include "ui/settings_dialog.h"
#include "ui/share_settings_page.h"
#include "ui/stall_watchdog.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"

#include "sync/journal/database.h"
#include "sync/journal/trade_queries.h"

#include <QTableView>
#include <QTableWidget>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace fb::desktop {

namespace {
// A demo sync takes seconds; anything near this limit means it hangs.
constexpr int kSyncTimeoutMs = 10 * 60 * 1000;
// Lets charts and lazily sized columns lay out before the grab.
constexpr int kSettleMs = 300;
} // namespace

ScreenshotRun::ScreenshotRun(ui::MainWindow& window, const QString& path, const QString& tab,
                             QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_path(path)
    , m_tab(tab)
{}

void ScreenshotRun::start()
{
    connect(&m_window, &ui::MainWindow::syncFinished, this,
            [this](const sync::RunSummary& summary) {
                std::fprintf(stdout, "sync finished: %s, %lld trades inserted, %s\n",
                             qPrintable(sync::runStatusName(summary.status)),
                             static_cast<long long>(summary.tradesInserted),
                             qPrintable(sync::formatDuration(summary.durationMs)));
                const ui::StallWatchdog* watchdog = m_window.watchdog();
                std::fprintf(stdout,
                             "longest main-thread stall: %lld ms (the UI thread ran %lld ms of "
                             "it); most UI-thread work between two ticks: %lld ms\n",
                             static_cast<long long>(watchdog->longestStallMs()),
                             static_cast<long long>(watchdog->busyInLongestStallMs()),
                             static_cast<long long>(watchdog->longestBusyMs()));
                std::fflush(stdout);
                // The trade's chart is part of the picture: its candles first (the fetch runs
                // after the sync, docs/design.md D132; it starts after this signal).
                QTimer::singleShot(0, this, &ScreenshotRun::captureAfterCandles);
            });
    QTimer::singleShot(kSyncTimeoutMs, this, [] {
        std::fprintf(stderr, "fillbook: the demo sync did not finish in time\n");
        QApplication::exit(1);
    });
    // Start once the window has been shown and painted: the measurement is about the sync,
    // not the first layout of a fresh window.
    QTimer::singleShot(kSettleMs, this, [this] {
        m_window.watchdog()->start();
        m_window.startSync();
    });
}

void ScreenshotRun::captureAfterCandles()
{
    ui::CandleWorker* candles = m_window.candleWorker();
    if (m_tab != QLatin1String("trades") || !candles->isPending())
        return capture();
    connect(candles, &ui::CandleWorker::progressChanged, this,
            [this](const ui::CandleProgress& progress) {
                if (progress.state == ui::CandleProgress::State::Fetching || m_captured)
                    return;
                std::fprintf(stdout, "candles: %d of %d trades, weight %lld\n", progress.tradesDone,
                             progress.tradesTotal, static_cast<long long>(progress.weight));
                std::fflush(stdout);
                m_captured = true;
                QTimer::singleShot(0, this, &ScreenshotRun::capture);
            });
}

void ScreenshotRun::capture()
{
    m_window.selectTab(m_tab);
    m_window.refreshAll();
    if (!m_symbols.isEmpty())
        m_window.tradesView()->filterBar()->setSymbolSelection(m_symbols);
    // A selected trade shows what the detail pane holds.
    if (m_tab == QLatin1String("trades")) {
        QTableView* table = m_window.tradesView()->table();
        int row = 2;
        if (!m_tradeKey.isEmpty()) {
            // The model is lazy: page on until the key is loaded (or the list ends).
            QAbstractItemModel* model = table->model();
            row = -1;
            for (int page = 0; row < 0 && page < 500; ++page) {
                for (int r = 0; r < model->rowCount(); ++r) {
                    if (model->index(r, 0).data(ui::TradeTableModel::KeyRole).toString() ==
                        m_tradeKey) {
                        row = r;
                        break;
                    }
                }
                if (row < 0 && !model->canFetchMore({}))
                    break;
                if (row < 0)
                    model->fetchMore({});
            }
            if (row < 0)
                std::fprintf(stderr, "fillbook: no trade %s in the list\n", qPrintable(m_tradeKey));
        }
        if (row >= 0) {
            table->selectRow(row);
            table->scrollTo(table->model()->index(row, 0));
        }
    }
    if (m_tab == QLatin1String("conflicts")) {
        // The first conflict selected, so that its side panel (a note conflict's two versions
        // and actions) shows.
        QTableWidget* table = m_window.conflictsView()->table();
        if (table->rowCount() > 0)
            table->selectRow(0);
    }
    if (m_tab == QLatin1String("calendar")) {
        // The month of the newest closed trade (the demo's history ends near today), with the
        // newest day selected so that its figures and note field show.
        try {
            journal::Database db(m_window.context().journalPath,
                                 journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                      QStringLiteral("screenshot"), false});
            journal::TradeQuery query;
            query.status = QStringLiteral("CLOSED");
            query.sort = journal::TradeSort{journal::TradeSortColumn::CloseTime, true};
            const auto newest = journal::loadTradePage(db, query, std::nullopt, 1);
            if (!newest.isEmpty() && newest.first().closeTime) {
                const QDate day =
                    QDateTime::fromMSecsSinceEpoch(*newest.first().closeTime,
                                                   m_window.context().settings.timeZone())
                        .date();
                m_window.calendarView()->setMonth(day);
                m_window.calendarView()->selectDay(day);
            }
        } catch (const journal::JournalError& e) {
            std::fprintf(stderr, "fillbook: %s\n", e.what());
        }
    }
    QWidget* target = &m_window;
    if (m_tab == QLatin1String("settings") || m_tab == QLatin1String("settings-demo")) {
        // The dialog as a new user meets it: the demo's preferences, no key stored yet; or as
        // the demo shows it (settings-demo).
        auto* secrets = new ui::SecretStore(this);
        ui::AppSettings shown = m_window.context().settings;
        shown.account = QStringLiteral("main");
        // The accounts listed in fillbook.conf (docs/desktop.md: an empty XDG_CONFIG_HOME with
        // a conf of two accounts for settings-accounts.png; none: main alone).
        shown.accounts = ui::AppSettings::load().accounts;
        auto* dialog = new ui::SettingsDialog(shown, *secrets, &m_window);
        if (m_tab == QLatin1String("settings-demo"))
            dialog->setDemoAccount(m_window.context().account());
        m_window.addSharePage(*dialog); // its tab, as Sync → Settings… shows it
        dialog->resize(640, dialog->sizeHint().height());
        dialog->show();
        target = dialog;
    }
    if (m_tab == QLatin1String("settings-share")) {
        // Settings → Share alone, as this journal's settings fill it.
        auto* secrets = new ui::SecretStore(this);
        auto* dialog = new ui::SettingsDialog(m_window.context().settings, *secrets, &m_window);
        ui::ShareSettingsPage* page = m_window.addSharePage(*dialog);
        page->setParent(nullptr);
        page->setParent(&m_window, Qt::Window);
        page->resize(640, page->sizeHint().height());
        page->show();
        target = page;
    }
    QTimer::singleShot(kSettleMs, this, [this, target] {
        const QPixmap pixmap = target->grab();
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        if (!pixmap.save(m_path, "PNG")) {
            std::fprintf(stderr, "fillbook: could not write %s\n", qPrintable(m_path));
            QApplication::exit(1);
            return;
        }
        std::fprintf(stdout, "screenshot saved: %s\n", qPrintable(m_path));
        QApplication::exit(0);
    });
}

} // namespace fb::desktop
