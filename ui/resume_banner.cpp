#include "ui/resume_banner.h"

#include "sync/engine/run_types.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace fb::ui {

ResumeBanner::ResumeBanner(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("resumeBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#resumeBanner { background: #fff4d6; border: 1px solid #e0b84c; "
                                 "border-radius: 4px; } QLabel { color: #4a3b00; }"));
    auto* layout = new QHBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_resume = new QPushButton(tr("Resume"), this);
    m_discard = new QPushButton(tr("Discard"), this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_resume);
    layout->addWidget(m_discard);
    connect(m_resume, &QPushButton::clicked, this, [this] { emit resumeRequested(m_runId); });
    connect(m_discard, &QPushButton::clicked, this, [this] { emit discardRequested(m_runId); });
    hide();
}

void ResumeBanner::showRun(const std::optional<journal::RunRecord>& run)
{
    if (!run || !journal::isResumable(run->status)) {
        m_runId.clear();
        hide();
        return;
    }
    m_runId = run->id;
    const qint64 started = run->startedAt.value_or(run->createdAt);
    const QString when =
        QDateTime::fromMSecsSinceEpoch(started).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const qint64 planned = run->counters.plannedUnits;
    const qint64 done = run->counters.doneUnits;
    const QString progress =
        planned > 0
            ? tr("%1 of %2 steps done (%3%)").arg(done).arg(planned).arg(done * 100 / planned)
            : tr("not started");
    m_runText = tr("<b>Incomplete sync found</b> — started %1, %2, %3 trades inserted so far "
                   "(%4).")
                    .arg(when, progress)
                    .arg(run->counters.tradesInserted) // trades, not records (§3.12)
                    .arg(journal::runStatusName(run->status));
    m_text->setText(m_runText);
    m_resume->setEnabled(true);
    show();
}

void ResumeBanner::showBanWait(const QString& countdown)
{
    m_text->setText(countdown.isEmpty() ? m_runText : countdown.toHtmlEscaped());
    m_resume->setEnabled(countdown.isEmpty());
}

QString ResumeBanner::text() const
{
    return m_text->text();
}

} // namespace fb::ui
