#pragma once
// Issue 12, target 6: the desktop, measured by running the real window (the `fillbook` binary,
// offscreen, empty XDG folders) as a child process.
//   (a) the main thread's longest stall during a demo sync of 20,000 fills (limit 16 ms, one
//       frame): `fillbook --demo --demo-fills N --screenshot` prints it from ui/stall_watchdog,
//       with the UI thread's own CPU inside that stall; an idle window watched the same way in
//       the same run is the floor the machine itself sets (no sync: scheduling only);
//   (b) process start to the trade table's first painted page (limit 300 ms) on a generated
//       1,000,000-trade journal (tests/support/big_journal: one INSERT ... SELECT, indexes
//       built after), next to an empty journal in the same run (`fillbook --first-paint`).
// Printed, never asserted (docs/performance.md).

#include <QDir>
#include <QString>

#include <functional>

namespace fb::bench {

struct DesktopBenchOptions
{
    QString fillbook;            // the desktop binary; empty: next to this one in the build tree
    int stallFills = 20'000;     // (a): the demo account's fills; 0 skips (a)
    int stallRuns = 3;           // (a): fresh demo journal each run
    int paintTrades = 1'000'000; // (b): 0 skips (b)
    int paintRuns = 3;           // (b): alternating empty / big journal
};

struct DesktopFigures
{
    qint64 worstStallMs = -1; // the largest of (a)'s runs; -1: not measured
    qint64 bestStallMs = -1;
    qint64 uiCpuInWorstMs = -1;
    qint64 idleStallMs = -1;   // the floor (no sync)
    double medianPaintMs = -1; // (b) on the big journal, process start to first paint
    double medianEmptyPaintMs = -1;
};

// The section's text (markdown tables); `figures` gets the summary values.
QString runDesktopSection(const DesktopBenchOptions& o, const QDir& dir,
                          const std::function<void(const QString&)>& progress,
                          DesktopFigures* figures = nullptr);

} // namespace fb::bench
