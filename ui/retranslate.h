#pragma once
// Language switches without a restart (issue 15): a widget's texts are set by a function that
// runs once now and again on every QEvent::LanguageChange the widget receives (translator
// installed or removed, ui/language.h). Models re-announce their headers and cells instead.

#include <functional>

class QWidget;

namespace fb::ui {

// Runs `retranslate` now, and whenever `widget` gets QEvent::LanguageChange (for as long as the
// widget lives). `retranslate` sets every text the widget shows: labels, buttons, tool tips,
// placeholders, combo items, headers, and texts built from facts (counts, dates, amounts).
void retranslateOnLanguageChange(QWidget* widget, std::function<void()> retranslate);

} // namespace fb::ui
