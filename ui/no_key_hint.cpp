#include "ui/no_key_hint.h"

#include "ui/retranslate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fb::ui {

NoKeyHint::NoKeyHint(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("noKeyHint"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#noKeyHint { background: #eef4ff; border: 1px solid #9db7e8; "
                                 "border-radius: 4px; }"));
    auto* layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_text->setMinimumWidth(200);
    m_settings = new QPushButton(this);
    m_settings->setDefault(true);
    m_demo = new QPushButton(this);
    retranslateOnLanguageChange(this, [this] {
        m_text->setText(
            tr("<b>No Binance account yet.</b> Fillbook reads your USD-M Futures history with a "
               "<b>read-only</b> API key: create one on Binance (API Management, enable only "
               "“Enable Reading”), then add it in Settings and press Sync now. Your trades appear "
               "below. Or look around first with the demo journal of a simulated account."));
        m_settings->setText(tr("Add an API key in Settings…"));
        m_demo->setText(tr("Try the demo"));
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_settings);
    buttons->addWidget(m_demo);
    buttons->addStretch(1);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    connect(m_settings, &QPushButton::clicked, this, &NoKeyHint::settingsRequested);
    connect(m_demo, &QPushButton::clicked, this, &NoKeyHint::demoRequested);
}

} // namespace fb::ui
