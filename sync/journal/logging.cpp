#include "sync/journal/logging.h"

namespace fb::journal {
Q_LOGGING_CATEGORY(lcJournal, "fillbook.journal", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJournalSql, "fillbook.journal.sql", QtWarningMsg)
} // namespace fb::journal
