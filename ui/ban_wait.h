#pragma once
// The wait for the end of the exchange's ban (HTTP 418) on this IP: a countdown for people, and
// the run resumed when the ban ends, not a moment before. On Binance every request during a ban
// lengthens it, so nothing is sent while this waits (docs/design.md §3.5, docs/desktop.md).
//
// The ban's end is exchange time; it is compared with the local clock plus the offset the banned
// run measured. The clock is injected: tests move it instead of waiting.

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace fb::ui {

class BanWait : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // this computer's clock, ms since the epoch
    explicit BanWait(Clock localClock, QObject* parent = nullptr);

    // Waits for `untilMs` (exchange time) to resume `runId`. autoResume: due() is emitted at the
    // end; otherwise the end only makes the run resumable by hand again (the text says which).
    void start(const QString& runId, qint64 untilMs, std::optional<qint64> clockOffsetMs,
               bool autoResume);
    void stop();

    bool isWaiting() const { return !m_runId.isEmpty(); }
    QString runId() const { return m_runId; }
    bool autoResume() const { return m_autoResume; }
    qint64 remainingMs() const;
    // "Binance asked us to pause — resuming at 14:05 (in 3 min 20 s)"; empty when not waiting.
    QString text() const;
    // Re-reads the clock: emits changed(), or, once the ban is over, stops and emits ended().
    // A one-second timer calls it while waiting.
    void refresh();

signals:
    void changed(const QString& text);
    void ended(const QString& runId, bool autoResume);

private:
    Clock m_clock;
    QTimer m_timer;
    QString m_runId;
    qint64 m_untilMs = 0;
    qint64 m_offsetMs = 0;
    bool m_autoResume = false;
};

} // namespace fb::ui
