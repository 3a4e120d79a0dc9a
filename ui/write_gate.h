#pragma once
// The desktop's only way to write to the journal (issue 12, target 6b; D44).
//
// An existing journal is checked (SQLite's quick_check) before its first write, and a damaged
// one is refused and left as it was. On a 1,000,000-trade journal the check reads the whole
// file for most of a second, so the desktop no longer runs it on the UI thread before the
// window shows: the gate runs it on a thread of its own, with its own read-only connection,
// and the editing connection does not exist until the check has passed. Every edit of the
// window (notes, tags, attachments, day notes, conflict resolutions, saved filters, share
// settings, discards, the stale-run recovery) is a function handed to write(): run at once
// when the journal is open, held in order while it is being checked, and never run when the
// check refused it. No code of the window can write around the gate: it has no other writer.
//
// A new journal, or one that must be upgraded, is opened (checked, then migrated) before the
// window is built, as before: the gate then starts open with that connection.

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace fb::journal {
class Database;
struct OpenOptions;
} // namespace fb::journal

namespace fb::ui {

// SQLite's findings for the journal at `path` (empty: every page is sound). Runs on the gate's
// thread; may throw journal::JournalError. Tests hand a slow or failing one.
using JournalCheck = std::function<QStringList(const QString& path)>;
// The writers' rule (integrity_record.h): nothing when Fillbook can vouch for the file, else
// quick_check through a read-only connection of its own, recorded when it passes.
JournalCheck quickJournalCheck();
// The window's editing connection. It never checkpoints the WAL inside its own COMMIT: a sync
// lets the WAL grow to 64 MiB before its own connection checkpoints it (D154), and
// copying that on the UI thread when a note is saved mid-sync would stall the window; the
// engine checkpoints at its bound and at each run's end, and SQLite at the last close.
journal::OpenOptions editingConnectionOptions(bool checkIntegrity);

class WriteGate : public QObject
{
    Q_OBJECT
public:
    enum class State { Checking, Open, Refused };

    // Already checked: `writer` is the editing connection.
    explicit WriteGate(std::unique_ptr<journal::Database> writer, QObject* parent = nullptr);
    // Already checked, and kept by the caller, who outlives the gate (views built on their own
    // in tests).
    explicit WriteGate(journal::Database& writer, QObject* parent = nullptr);
    // Not checked yet: start() runs `check` on a thread of its own; the editing connection
    // opens (on this thread) once it has found nothing.
    WriteGate(QString path, JournalCheck check, QObject* parent = nullptr);
    // Waits for a check that is still running (it only reads).
    ~WriteGate() override;
    WriteGate(const WriteGate&) = delete;
    WriteGate& operator=(const WriteGate&) = delete;

    // Starts the check (once; nothing when the gate was built open).
    void start();
    // The window closes: with edits held, waits for the check (starting it if need be) and
    // writes them when it passes, before the widgets they came from go.
    void finish();
    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    // An edit handed now is (or will be) written: open, or being checked.
    bool accepts() const { return m_state != State::Refused; }
    // Why the journal is not written: the damaged-journal sentence (journal_error.h), or what
    // opening the editing connection said. Empty unless refused.
    QString refusal() const { return m_refusal; }
    // Edits waiting for the check.
    int heldWrites() const { return int(m_held.size()); }

    // Runs `write` with the editing connection: now when the journal is open (returns true);
    // after the check has passed, in the order handed, when it is being checked (dropped if
    // `context` is gone by then); never when the journal was refused. `write` handles its own
    // journal errors, as the code that wrote directly did.
    using Write = std::function<void(journal::Database&)>;
    bool write(QObject* context, Write write);

signals:
    // The check passed and the held writes ran.
    void opened();
    // The check found damage (or the editing connection could not open): no write ever runs.
    void refused(const QString& sentence);

private:
    void checked(); // on this thread, after the check's thread has ended
    void refuse(const QString& sentence);

    struct Held
    {
        QPointer<QObject> context;
        Write write;
    };

    QString m_path;
    JournalCheck m_check;
    State m_state = State::Checking;
    QString m_refusal;
    std::unique_ptr<journal::Database> m_owned;
    journal::Database* m_writer = nullptr; // m_owned's, or the caller's
    std::vector<Held> m_held;
    std::thread m_thread;
    QStringList m_problems; // written by m_thread, read after it was joined
    QString m_error;
    bool m_started = false;
};

} // namespace fb::ui
