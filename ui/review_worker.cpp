#include "ui/review_worker.h"

#include "sync/journal/database.h"

namespace fb::ui {

ReviewWorker::ReviewWorker(const QString& journalPath, QObject* receiver)
    : m_reader(journalPath, QStringLiteral("fillbook-review"), QStringLiteral("ui-review"),
               receiver)
{}

void ReviewWorker::report(quint64 generation, const journal::TradeQuery& query, ReportBy by,
                          const QTimeZone& zone, bool includeUnknownEntry,
                          std::function<void(const ReportResult&)> done)
{
    ReportResult seed;
    seed.generation = generation;
    m_reader.request<ReportResult>(
        std::move(seed),
        [query, by, zone, includeUnknownEntry](journal::Database& db, ReportResult& result) {
            result.report = journal::loadTradeReport(db, query, by, zone, includeUnknownEntry);
        },
        std::move(done));
}

void ReviewWorker::calendar(quint64 generation, const journal::TradeQuery& query,
                            const QDate& month, const QTimeZone& zone, bool includeUnknownEntry,
                            std::function<void(const CalendarResult&)> done)
{
    CalendarResult seed;
    seed.generation = generation;
    m_reader.request<CalendarResult>(
        std::move(seed),
        [query, month, zone, includeUnknownEntry](journal::Database& db, CalendarResult& result) {
            result.calendar =
                journal::loadMonthCalendar(db, query, month, zone, includeUnknownEntry);
            result.notes = journal::loadDayNotes(db, month, month.addMonths(1).addDays(-1));
        },
        std::move(done));
}

void ReviewWorker::summary(quint64 generation, const journal::TradeQuery& query,
                           std::function<void(const SummaryResult&)> done)
{
    SummaryResult seed;
    seed.generation = generation;
    m_reader.request<SummaryResult>(
        std::move(seed),
        [query](journal::Database& db, SummaryResult& result) {
            result.assets = journal::loadTradeSummary(db, query);
        },
        std::move(done));
}

} // namespace fb::ui
