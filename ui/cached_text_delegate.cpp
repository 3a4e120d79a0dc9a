#include "ui/cached_text_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace fb::ui {

const QStaticText* CachedTextDelegate::shaped(const QString& text, const QFont& font) const
{
    if (font != m_font) {
        m_cache.clear();
        m_font = font;
    }
    if (const QStaticText* hit = m_cache.object(text))
        return hit;
    auto* fresh = new QStaticText(text);
    fresh->setTextFormat(Qt::PlainText);
    fresh->setPerformanceHint(QStaticText::AggressiveCaching);
    fresh->prepare(QTransform(), font);
    m_cache.insert(text, fresh);
    return fresh;
}

void CachedTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    const bool plain = !opt.text.isEmpty() && opt.icon.isNull() &&
                       !(opt.features & QStyleOptionViewItem::HasCheckIndicator) &&
                       !opt.text.contains(QLatin1Char('\n'));
    if (!plain) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The same margins QCommonStyle uses for item text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                               .adjusted(margin, 0, -margin, 0);
    const QStaticText* text = shaped(opt.text, opt.font);
    const QSizeF size = text->size();
    if (size.width() > textRect.width()) {
        QStyledItemDelegate::paint(painter, option, index); // needs eliding
        return;
    }
    const QString content = opt.text;
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, focus

    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const QColor color = opt.palette.color(
        group, (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text);
    const Qt::Alignment align = QStyle::visualAlignment(opt.direction, opt.displayAlignment);
    qreal x = textRect.left();
    if (align & Qt::AlignRight)
        x = textRect.right() + 1 - size.width();
    else if (align & Qt::AlignHCenter)
        x = textRect.left() + (textRect.width() - size.width()) / 2;
    const qreal y = textRect.top() + (textRect.height() - size.height()) / 2;
    painter->save();
    painter->setPen(color);
    painter->setFont(opt.font);
    painter->drawStaticText(QPointF(x, y), *text);
    painter->restore();
}

} // namespace fb::ui
