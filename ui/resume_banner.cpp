#include "ui/resume_banner.h"

#include "ui/retranslate.h"

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
    // A long reason wraps; it never widens the window.
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_text->setMinimumWidth(200);
    m_resume = new QPushButton(this);
    m_discard = new QPushButton(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_resume);
    layout->addWidget(m_discard);
    connect(m_resume, &QPushButton::clicked, this, [this] { emit resumeRequested(m_runId); });
    connect(m_discard, &QPushButton::clicked, this, [this] { emit discardRequested(m_runId); });
    // The sentence itself is rebuilt by the main window (refreshBanner) on a language change.
    retranslateOnLanguageChange(this, [this] {
        m_resume->setText(tr("Resume"));
        m_discard->setText(tr("Discard"));
    });
    hide();
}

void ResumeBanner::showRun(const std::optional<journal::RunRecord>& run,
                           const RunSymbolsDone& symbols, const QString& account)
{
    if (!run || !journal::isResumable(run->status)) {
        m_runId.clear();
        hide();
        return;
    }
    m_runId = run->id;
    m_runText = RunMessages::incompleteRun(*run, symbols);
    if (!account.isEmpty())
        m_runText = tr("Account <b>%1</b>: %2").arg(account.toHtmlEscaped(), m_runText);
    m_text->setText(m_runText);
    m_resume->setEnabled(true);
    m_discard->setEnabled(true);
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
