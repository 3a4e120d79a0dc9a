#pragma once
// An item delegate that keeps the shaped text of recent cells (QStaticText), so repainting a
// table whose rows barely changed does not shape every string again. While a sync inserts rows
// the trade table is repainted many times a second, and text shaping was most of its cost.
// Cells whose text would need eliding, wrapping or an icon are left to QStyledItemDelegate.

#include <QCache>
#include <QFont>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace fb::ui {

class CachedTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    const QStaticText* shaped(const QString& text, const QFont& font) const;

    mutable QCache<QString, QStaticText> m_cache{4000};
    mutable QFont m_font;
};

} // namespace fb::ui
