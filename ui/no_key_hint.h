#pragma once
// What a new user without a key sees instead of an empty window: what to do next (add a
// read-only key in Settings, or look around the demo journal), with a button for each. Shown
// while no key is configured outside the demo; Sync now then opens Settings instead of starting
// a run that could only fail (docs/design.md D50).

#include <QFrame>

class QLabel;
class QPushButton;

namespace fb::ui {

class NoKeyHint : public QFrame
{
    Q_OBJECT
public:
    explicit NoKeyHint(QWidget* parent = nullptr);

    QLabel* textLabel() const { return m_text; }
    QPushButton* settingsButton() const { return m_settings; }
    QPushButton* demoButton() const { return m_demo; }

signals:
    void settingsRequested();
    void demoRequested();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_settings = nullptr;
    QPushButton* m_demo = nullptr;
};

} // namespace fb::ui
