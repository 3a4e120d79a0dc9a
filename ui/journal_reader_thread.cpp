#include "ui/journal_reader_thread.h"

#include "sync/journal/database.h"

namespace fb::ui {

JournalReaderThread::JournalReaderThread(const QString& journalPath, const QString& threadName,
                                         const QString& purpose, QObject* receiver)
    : m_path(journalPath)
    , m_purpose(purpose)
    , m_receiver(receiver)
{
    m_thread.setObjectName(threadName);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
}

JournalReaderThread::~JournalReaderThread()
{
    // The connection belongs to the worker thread: it is closed there, then the thread ends.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_db.reset();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void JournalReaderThread::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job));
}

void JournalReaderThread::deliver(std::function<void()> call)
{
    QMetaObject::invokeMethod(m_receiver, std::move(call), Qt::QueuedConnection);
}

journal::Database& JournalReaderThread::database()
{
    if (!m_db)
        m_db = std::make_unique<journal::Database>(
            m_path, journal::OpenOptions{journal::OpenMode::ReadOnly, m_purpose, false});
    return *m_db;
}

} // namespace fb::ui
