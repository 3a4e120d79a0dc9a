#include "models/domain/duration.h"

namespace fb::domain {

QString formatDuration(qint64 ms, const DurationTemplates& templates)
{
    const qint64 seconds = (ms + 500) / 1000;
    if (seconds < 60)
        return templates.seconds.arg(seconds);
    if (seconds < 3600)
        return templates.minutesSeconds.arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return templates.hoursMinutes.arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace fb::domain
