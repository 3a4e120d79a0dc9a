#include "ui/symbol_picker.h"

#include "ui/retranslate.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

SymbolPicker::SymbolPicker(QWidget* parent)
    : QFrame(parent, Qt::Popup)
{
    setObjectName(QStringLiteral("symbolPicker"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(this);
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setMinimumHeight(220);
    m_apply = new QPushButton(this);
    m_apply->setDefault(true);
    m_clear = new QPushButton(this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    buttons->addWidget(m_apply);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    retranslateOnLanguageChange(this, [this] { retranslateUi(); });
    connect(m_search, &QLineEdit::textChanged, this, &SymbolPicker::filterList);
    // Enter (or a double click) on a row ticks it, as a click on its box does.
    connect(m_list, &QListWidget::itemActivated, this, [](QListWidgetItem* item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setCheckState(Qt::Unchecked);
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        hide();
        emit applied(checkedSymbols());
    });
    connect(m_search, &QLineEdit::returnPressed, m_apply, &QPushButton::click);
}

void SymbolPicker::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search symbols"));
    m_apply->setText(tr("Apply"));
    m_clear->setText(tr("Clear", "untick every symbol"));
}

void SymbolPicker::setSymbols(const QStringList& symbols, const QStringList& checked)
{
    m_list->clear();
    for (const QString& symbol : symbols) {
        auto* item = new QListWidgetItem(symbol, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(symbol) ? Qt::Checked : Qt::Unchecked);
    }
    m_search->clear();
}

QStringList SymbolPicker::checkedSymbols() const
{
    QStringList symbols;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            symbols << m_list->item(i)->text();
    return symbols;
}

void SymbolPicker::filterList(const QString& text)
{
    const QString needle = text.trimmed();
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setHidden(!needle.isEmpty() &&
                                   !m_list->item(i)->text().contains(needle, Qt::CaseInsensitive));
}

void SymbolPicker::hideEvent(QHideEvent* event)
{
    QFrame::hideEvent(event);
    emit closed();
}

void SymbolPicker::popUp(QWidget* anchor)
{
    resize(std::max(anchor->width(), 220), 320);
    move(anchor->mapToGlobal(QPoint(0, anchor->height())));
    show();
    m_search->setFocus();
}

} // namespace fb::ui
