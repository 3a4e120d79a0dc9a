#pragma once
// The language of the desktop app (issue 15): English or Bahasa Indonesia, following the system
// locale unless Settings overrides it. applyLanguage() installs (or removes) the translator at
// once; every widget then gets QEvent::LanguageChange and retranslates itself, and numbers and
// dates on screen follow the matching locale (ui/models/money_format.h, displayLocale()).

#include <QLocale>
#include <QString>

namespace fb::ui {

enum class Language {
    System, // follow the system locale: Indonesian when it is, English otherwise
    English,
    Indonesian,
};

// Stored in settings as "system", "en" or "id"; anything else reads as System.
QString languageCode(Language language);
Language languageFromCode(const QString& code);

// The language the app shows for `choice` on a system whose locale is `system`.
Language effectiveLanguage(Language choice, const QLocale& system = QLocale::system());
// The locale numbers and dates are written in: id_ID for Indonesian; for English the system
// locale when it is an English one (en_GB keeps its dates), else en_US.
QLocale localeFor(Language choice, const QLocale& system = QLocale::system());

// Installs the translator for `choice` (none for English), makes localeFor(choice) the display
// locale and QLocale's default. Returns the language now shown. Safe to call again at any time.
Language applyLanguage(Language choice);

} // namespace fb::ui
