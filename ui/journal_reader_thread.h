#pragma once
// The lifecycle both background readers of the journal share (StatsWorker, ReviewWorker): a
// thread of their own (low priority) with a read-only journal connection that is opened on
// first use, used and closed on that thread only; requests are queued to it in order and their
// results come back queued, as values, to a receiver on the calling thread.
//
// A request's result type has an `error` field: a journal error (opening or reading) fills it
// with the error's sentence instead of ending anything.

#include "sync/journal/journal_error.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace fb::journal {
class Database;
}

namespace fb::ui {

class JournalReaderThread
{
public:
    // `threadName` names the thread ("fillbook-stats"), `purpose` the connection ("ui-stats").
    // `receiver` lives on the calling thread; results are delivered there.
    JournalReaderThread(const QString& journalPath, const QString& threadName,
                        const QString& purpose, QObject* receiver);
    ~JournalReaderThread(); // closes the connection on its thread, then joins it
    JournalReaderThread(const JournalReaderThread&) = delete;
    JournalReaderThread& operator=(const JournalReaderThread&) = delete;

    // Runs `work` on the thread with the connection, filling `result` (which carries what the
    // caller set, e.g. its generation), then hands the result to `done` on the receiver's
    // thread.
    template <typename Result>
    void request(Result result, std::function<void(journal::Database&, Result&)> work,
                 std::function<void(const Result&)> done)
    {
        post([this, result = std::move(result), work = std::move(work),
              done = std::move(done)]() mutable {
            try {
                work(database(), result);
            } catch (const journal::JournalError& e) {
                result.error = e.message();
            }
            deliver([done = std::move(done), result = std::move(result)] { done(result); });
        });
    }

private:
    void post(std::function<void()> job);     // queued to the thread
    void deliver(std::function<void()> call); // queued to the receiver
    journal::Database& database();            // on the thread only; opened on first use

    QThread m_thread;
    QObject* m_context = nullptr;            // lives in m_thread
    std::unique_ptr<journal::Database> m_db; // opened, used and closed in m_thread only
    QString m_path;
    QString m_purpose;
    QObject* m_receiver = nullptr;
};

} // namespace fb::ui
