#pragma once
// Runs the review queries (reports, the month calendar, the trade table's summary row) off the UI
// thread, the way StatsWorker does: a thread of its own with its own read-only journal connection
// (opened, used and closed there: JournalReaderThread). Results come back queued, as values, with
// the generation they were asked with; a view shows only its newest one.

#include "ui/journal_reader_thread.h"

#include "sync/journal/report_queries.h"

#include <QMap>
#include <QObject>
#include <QTimeZone>

#include <functional>

namespace fb::ui {

struct ReportResult
{
    quint64 generation = 0;
    TradeReport report;
    QString error;
};

struct CalendarResult
{
    quint64 generation = 0;
    MonthCalendar calendar;
    QMap<QDate, QString> notes; // the month's daily notes
    QString error;
};

struct SummaryResult
{
    quint64 generation = 0;
    QMap<QString, journal::TradeSummary> assets;
    QString error;
};

class ReviewWorker
{
public:
    // `receiver` lives on the calling thread; the callbacks run there, queued.
    ReviewWorker(const QString& journalPath, QObject* receiver);
    // The destructor closes the connection on its thread, then joins it.
    ReviewWorker(const ReviewWorker&) = delete;
    ReviewWorker& operator=(const ReviewWorker&) = delete;

    void report(quint64 generation, const journal::TradeQuery& query, ReportBy by,
                const QTimeZone& zone, bool includeUnknownEntry,
                std::function<void(const ReportResult&)> done);
    void calendar(quint64 generation, const journal::TradeQuery& query, const QDate& month,
                  const QTimeZone& zone, bool includeUnknownEntry,
                  std::function<void(const CalendarResult&)> done);
    void summary(quint64 generation, const journal::TradeQuery& query,
                 std::function<void(const SummaryResult&)> done);

private:
    JournalReaderThread m_reader;
};

} // namespace fb::ui
