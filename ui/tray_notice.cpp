#include "ui/tray_notice.h"

#include "ui/run_messages.h"

#include <QCoreApplication>

namespace fb::ui {

namespace {
// lupdate reads the context from here: these free functions translate as "TrayNotice".
class TrayNoticeText
{
    Q_DECLARE_TR_FUNCTIONS(TrayNotice)
};
} // namespace

std::optional<TrayNotice> trayNoticeFor(const sync::RunSummary& summary, const TrayContext& context)
{
    if (!context.trayAvailable || context.windowActive)
        return std::nullopt;
    const QString inserted = TrayNoticeText::tr("%1 trades inserted.").arg(summary.tradesInserted);
    switch (summary.status) {
    case sync::RunStatus::Completed:
        return TrayNotice{TrayNoticeText::tr("Sync completed"), inserted,
                          TrayNotice::Severity::Information};
    case sync::RunStatus::CompletedWithErrors:
        return TrayNotice{TrayNoticeText::tr("Sync completed with errors"),
                          inserted + QLatin1Char(' ') +
                              TrayNoticeText::tr("Failed: %1.")
                                  .arg(summary.failedSymbols.join(QStringLiteral(", "))),
                          TrayNotice::Severity::Warning};
    case sync::RunStatus::Paused:
    case sync::RunStatus::Interrupted: {
        if (context.userStopped)
            return std::nullopt;
        QString body = inserted + QLatin1Char(' ') + RunMessages::withoutCliHints(summary.message);
        if (const QString hint = resumeHint(summary); !hint.isEmpty())
            body += QLatin1Char(' ') + hint;
        return TrayNotice{TrayNoticeText::tr("Sync paused"), body, TrayNotice::Severity::Warning};
    }
    case sync::RunStatus::Failed:
        return TrayNotice{TrayNoticeText::tr("Sync failed"),
                          RunMessages::withoutCliHints(summary.message),
                          TrayNotice::Severity::Critical};
    case sync::RunStatus::Running:
    case sync::RunStatus::Discarded:
    case sync::RunStatus::Expired:
        break;
    }
    return std::nullopt;
}

QString resumeHint(const sync::RunSummary& summary)
{
    if (!summary.runId.isEmpty() && sync::canRetryFailedSymbols(summary.status))
        return TrayNoticeText::tr("Retry them with Retry failed symbols in the Runs tab.");
    if (!summary.resumable())
        return {};
    // A ban names its end in the message; the window waits it out and resumes then (BanWait).
    return summary.resumeAfterMs > 0 ? TrayNoticeText::tr("The sync resumes by itself then.")
                                     : TrayNoticeText::tr("Click Resume to continue.");
}

} // namespace fb::ui
