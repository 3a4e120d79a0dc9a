#include "ui/review_worker.h"

#include "sync/journal/database.h"

namespace fb::ui {

ReviewWorker::ReviewWorker(const QString& journalPath, QObject* receiver)
    : m_path(journalPath)
    , m_receiver(receiver)
{
    m_thread.setObjectName(QStringLiteral("fillbook-review"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
}

ReviewWorker::~ReviewWorker()
{
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

journal::Database& ReviewWorker::db()
{
    if (!m_db)
        m_db = std::make_unique<journal::Database>(
            m_path,
            journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("ui-review"), false});
    return *m_db;
}

template <typename Result>
void ReviewWorker::deliver(std::function<void(const Result&)> done, Result result)
{
    QMetaObject::invokeMethod(
        m_receiver, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

void ReviewWorker::report(quint64 generation, const journal::TradeQuery& query, ReportBy by,
                          const QTimeZone& zone, bool includeUnknownEntry,
                          std::function<void(const ReportResult&)> done)
{
    QMetaObject::invokeMethod(m_context, [=, this, done = std::move(done)] {
        ReportResult result;
        result.generation = generation;
        try {
            result.report = journal::loadTradeReport(db(), query, by, zone, includeUnknownEntry);
        } catch (const journal::JournalError& e) {
            result.error = e.message();
        }
        deliver(done, std::move(result));
    });
}

void ReviewWorker::calendar(quint64 generation, const journal::TradeQuery& query,
                            const QDate& month, const QTimeZone& zone, bool includeUnknownEntry,
                            std::function<void(const CalendarResult&)> done)
{
    QMetaObject::invokeMethod(m_context, [=, this, done = std::move(done)] {
        CalendarResult result;
        result.generation = generation;
        try {
            result.calendar =
                journal::loadMonthCalendar(db(), query, month, zone, includeUnknownEntry);
            result.notes = journal::loadDayNotes(db(), month, month.addMonths(1).addDays(-1));
        } catch (const journal::JournalError& e) {
            result.error = e.message();
        }
        deliver(done, std::move(result));
    });
}

void ReviewWorker::summary(quint64 generation, const journal::TradeQuery& query,
                           std::function<void(const SummaryResult&)> done)
{
    QMetaObject::invokeMethod(m_context, [=, this, done = std::move(done)] {
        SummaryResult result;
        result.generation = generation;
        try {
            result.assets = journal::loadTradeSummary(db(), query);
        } catch (const journal::JournalError& e) {
            result.error = e.message();
        }
        deliver(done, std::move(result));
    });
}

} // namespace fb::ui
