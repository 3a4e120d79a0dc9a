#include "app/desktop/first_paint.h"

#include "ui/main_window.h"
#include "ui/stall_watchdog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QEvent>
#include <QTimer>

#include <cstdio>

#include <time.h>

namespace fb::desktop {

namespace {
// A window that never paints its first page is a failure, not a slow figure.
constexpr int kTimeoutMs = 60 * 1000;

qint64 threadCpuMs()
{
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return -1;
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}
} // namespace

FirstPaintProbe::FirstPaintProbe(QAbstractItemView& table, const QElapsedTimer& sinceMain,
                                 QObject* parent)
    : QObject(parent)
    , m_table(table)
    , m_sinceMain(sinceMain)
{
    m_table.viewport()->installEventFilter(this);
    QTimer::singleShot(kTimeoutMs, this, [] {
        std::fprintf(stderr, "fillbook: the trade table was never painted\n");
        QApplication::exit(1);
    });
}

bool FirstPaintProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && watched == m_table.viewport() && !m_pending) {
        const QAbstractItemModel* model = m_table.model();
        const bool hasRows = model && model->rowCount() > 0;
        const bool empty = model && model->rowCount() == 0 && !model->canFetchMore({});
        if (hasRows || empty) {
            m_pending = true;
            // Runs once this repaint of the window is done.
            QTimer::singleShot(0, this, &FirstPaintProbe::report);
        }
    }
    return QObject::eventFilter(watched, event);
}

void watchIdle(ui::MainWindow& window, int ms)
{
    // As --screenshot does: start once the window has been shown and painted.
    QTimer::singleShot(300, &window, [&window, ms] {
        window.watchdog()->start();
        QTimer::singleShot(ms, &window, [&window] {
            const ui::StallWatchdog* watchdog = window.watchdog();
            std::fprintf(stdout,
                         "longest main-thread stall: %lld ms (the UI thread ran %lld ms of it); "
                         "most UI-thread work between two ticks: %lld ms\n",
                         static_cast<long long>(watchdog->longestStallMs()),
                         static_cast<long long>(watchdog->busyInLongestStallMs()),
                         static_cast<long long>(watchdog->longestBusyMs()));
            std::fflush(stdout);
            QApplication::exit(0);
        });
    });
}

void FirstPaintProbe::report()
{
    const QAbstractItemModel* model = m_table.model();
    std::fprintf(stdout,
                 "first paint of the trade table: %lld ms after main() began (%d rows loaded, "
                 "the UI thread ran %lld ms)\n",
                 static_cast<long long>(m_sinceMain.elapsed()), model ? model->rowCount() : 0,
                 static_cast<long long>(threadCpuMs()));
    std::fflush(stdout);
    QApplication::exit(0);
}

} // namespace fb::desktop
