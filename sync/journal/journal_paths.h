#pragma once
// Where journals live when no --db is given: one rule for the CLI, the desktop and the demo.
// ~/.local/share/fillbook/journal.sqlite (QStandardPaths' GenericDataLocation + "fillbook"),
// whatever organization name the process set, so the CLI and the desktop open the same
// journal. The demo's journal sits next to the trader's own and is never the same file, so
// trying the demo never mixes with real history.
//
// Earlier desktop builds kept their journal one folder deeper (…/fillbook/fillbook/, from its
// organization name): while only that file exists, it is the default, so nobody's history
// seems to vanish after an update.

#include <QString>

namespace fb::journal {

enum class JournalFile { Own, Demo };

// The path only: nothing is created (read-only commands must not create a journal).
QString defaultJournalPath(JournalFile which = JournalFile::Own);

} // namespace fb::journal
