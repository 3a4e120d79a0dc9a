#pragma once
// Durations for people, in one place: the command line writes them with English unit symbols,
// the desktop passes its translated templates (ui::durationText), and both round the same way.

#include <QString>

namespace fb::domain {

// The three shapes of a duration; %1 and %2 are the numbers.
struct DurationTemplates
{
    QString seconds = QStringLiteral("%1 s");
    QString minutesSeconds = QStringLiteral("%1 min %2 s");
    QString hoursMinutes = QStringLiteral("%1 h %2 min");
};

// "45 s", "3 min 20 s", "2 h 05 min" (rounded to the nearest second).
QString formatDuration(qint64 ms, const DurationTemplates& templates = {});

} // namespace fb::domain
