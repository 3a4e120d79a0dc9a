#pragma once
// "Incomplete sync found": shown while the latest run is interrupted or paused, with what it
// was doing and how far it got, and the two ways out (Resume, Discard).

#include "ui/run_messages.h"

#include "sync/journal/run_store.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace fb::ui {

class ResumeBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ResumeBanner(QWidget* parent = nullptr);

    // Shows the banner for a resumable run, hides it otherwise.
    // `account`: named in the text when the run is not the selected account's (issue 14).
    void showRun(const std::optional<journal::RunRecord>& run, const RunSymbolsDone& symbols = {},
                 const QString& account = {});
    QString runId() const { return m_runId; }
    // While the exchange's ban holds the run: the countdown replaces the text, and Resume is
    // off (it could send nothing). Empty: the run's own text, and Resume, again.
    void showBanWait(const QString& countdown);
    QString text() const;
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* discardButton() const { return m_discard; }

signals:
    void resumeRequested(const QString& runId);
    void discardRequested(const QString& runId);

private:
    QLabel* m_text = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_discard = nullptr;
    QString m_runId;
    QString m_runText;
};

} // namespace fb::ui
