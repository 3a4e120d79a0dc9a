#pragma once
// The built-in demo exchange: fillbook-sim's simulator started in-process on 127.0.0.1 with a
// deterministic account and the demo keys, so `fillbook-cli --demo sync` and `fillbook --demo`
// work on a new machine with no keys and no network. One class serves both executables; it
// runs the simulator on a thread of its own, so that answering the engine never stalls the
// caller's thread (the desktop's window, the CLI's progress line).
//
// The demo dataset is fixed (docs/design.md D64): seed 42 and a fixed anchor,
// kAnchorMs, so that every new demo journal gets the same fills, prices and dates, and the
// screenshots in docs/ show what a user sees. The simulator serves with the real clock (signed
// requests and exchange time stay "now"), keeps the history however old it gets (no 90-day
// retention), and configure() makes a new run's range reach back to the history's start.
// A demo journal created before the anchor was fixed remembers its own anchor (setting
// "demo.anchor_ms") and keeps it: regenerating its account at another time would make the
// journal flag every record as changed by the exchange.

#include "sync/engine/engine_config.h"
#include "sync/simulator/simulator.h"

#include <QString>
#include <QThread>
#include <QUrl>

#include <functional>

#include <optional>

namespace fb {

class DemoExchange
{
public:
    // The demo account: 12 symbols, 6000 fills over 60 days, some hedge-mode books.
    static constexpr int kSymbols = 12;
    static constexpr int kFills = 6000;
    static constexpr int kDays = 60;
    static constexpr quint64 kSeed = 42;
    // Ten times Binance's default weight limit, so a demo sync takes seconds, not minutes.
    static constexpr int kWeightLimit = 24'000;
    // The end of the demo's history: 2026-11-30 00:00:00 UTC. It starts kDays before.
    static constexpr qint64 kAnchorMs = 1'795'996'800'000;
    static constexpr qint64 historyStartMs(qint64 anchorMs)
    {
        return anchorMs - qint64(kDays) * 86'400'000;
    }

    DemoExchange();
    ~DemoExchange();
    DemoExchange(const DemoExchange&) = delete;
    DemoExchange& operator=(const DemoExchange&) = delete;

    // The anchor of the demo journal at `journalPath`, recorded on first use; nullopt (with one
    // sentence in *error, and in *exitCode the journal error's code of sync/engine/exit_codes.h)
    // when the journal cannot be opened.
    static std::optional<qint64> anchorFor(const QString& journalPath, QString* error,
                                           int* exitCode = nullptr);
    // The demo account's simulator configuration, generated as of `anchorMs`. Serving must then
    // switch the simulator's clock to the real one (Simulator::setClock).
    static sim::SimulatorConfig simulatorConfig(qint64 anchorMs);

    // Reads (or records, on first use) the anchor in the journal at `journalPath`, generates the
    // account and starts serving; blocks until it serves. fills > 0 replaces the demo's 6000
    // fills (the stall measurement uses ~20,000): use it with a journal of its own, or every
    // record would read as changed. Returns false with one sentence in *error on failure.
    // latencyMs > 0 delays every answer (tests kill a sync mid-run), weightLimit > 0 lowers the
    // exchange's weight limit per minute (to show a rate-limit wait); both hidden options.
    bool start(const QString& journalPath, QString* error, int fills = 0, int latencyMs = 0,
               int weightLimit = 0);
    // The clock the exchange serves with (exchange "now"; default the wall clock). Set before
    // start(); tests use it to show that the dataset does not depend on it.
    void setClock(std::function<qint64()> nowMs) { m_clock = std::move(nowMs); }
    // After start() failed: the exit code of the journal's error (a damaged or too new journal is
    // 7, as for every command), or 2 when the exchange itself could not start.
    int failureExitCode() const { return m_failureExitCode; }
    bool isRunning() const { return m_url.isValid(); }
    // After start(): serves from a thread below the UI thread's priority (the desktop: D180).
    void lowerThreadPriority();
    QUrl baseUrl() const { return m_url; }
    // Points an engine configuration at this exchange with the demo keys, and makes a new run's
    // range reach back to the start of the demo's history.
    void configure(sync::EngineConfig& config) const;
    static QString accountName() { return QStringLiteral("demo"); }

private:
    QThread m_thread;
    QObject* m_context = nullptr; // lives in m_thread
    sim::Simulator* m_simulator = nullptr;
    QUrl m_url;
    qint64 m_anchorMs = kAnchorMs;
    std::function<qint64()> m_clock;
    int m_failureExitCode = 0;
};

} // namespace fb
