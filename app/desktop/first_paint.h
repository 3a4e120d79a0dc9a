#pragma once
// Probes for fillbook-bench.
//
// --first-paint (hidden, for fillbook-bench): open the journal as the window always does, wait
// for the trade table's first painted page, print how long that took and quit (issue 12,
// target 6: a 1,000,000-trade journal's first page within 300 ms). Nothing is synced.
//
// The figure is taken when the paint that shows rows has finished (a zero-delay timer queued
// from the viewport's Paint event runs after the whole window's repaint); a journal without
// trades counts its first paint. The process start itself (exec, libraries, QApplication) is
// what the caller measures around the process; this prints the part after main() began.

#include <QElapsedTimer>
#include <QObject>

class QAbstractItemView;

namespace fb::ui {
class MainWindow;
}

namespace fb::desktop {

// --watch-idle MS (hidden, for fillbook-bench): the stall watchdog over an idle window for MS,
// no sync; prints the longest stall as --screenshot does and quits. The machine's own floor.
void watchIdle(ui::MainWindow& window, int ms);

class FirstPaintProbe : public QObject
{
    Q_OBJECT
public:
    // `sinceMain` was started at the top of main().
    FirstPaintProbe(QAbstractItemView& table, const QElapsedTimer& sinceMain,
                    QObject* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void report();

    QAbstractItemView& m_table;
    QElapsedTimer m_sinceMain;
    bool m_pending = false;
};

} // namespace fb::desktop
