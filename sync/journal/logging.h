#pragma once
// Logging categories of the journal: `fillbook.journal` for opening, migrations and errors,
// `fillbook.journal.sql` for per-statement detail (off by default; enable with
// QT_LOGGING_RULES="fillbook.journal.sql.debug=true").

#include <QLoggingCategory>

namespace fb::journal {
Q_DECLARE_LOGGING_CATEGORY(lcJournal)
Q_DECLARE_LOGGING_CATEGORY(lcJournalSql)
} // namespace fb::journal
