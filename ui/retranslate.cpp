#include "ui/retranslate.h"

#include <QEvent>
#include <QWidget>

namespace fb::ui {

namespace {

class LanguageWatcher : public QObject
{
public:
    LanguageWatcher(QWidget* widget, std::function<void()> retranslate)
        : QObject(widget)
        , m_retranslate(std::move(retranslate))
    {
        widget->installEventFilter(this);
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == parent() && event->type() == QEvent::LanguageChange)
            m_retranslate();
        return false;
    }

private:
    std::function<void()> m_retranslate;
};

} // namespace

void retranslateOnLanguageChange(QWidget* widget, std::function<void()> retranslate)
{
    retranslate();
    new LanguageWatcher(widget, std::move(retranslate));
}

} // namespace fb::ui
