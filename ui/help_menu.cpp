#include "ui/help_menu.h"

#include "ui/models/money_format.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>

// A static library's resources are registered by hand (outside any namespace).
static void initHelpResource()
{
    Q_INIT_RESOURCE(help);
}

namespace fb::ui {

namespace {
// lupdate reads the context from here: these free functions translate as "HelpMenu".
class HelpMenuText
{
    Q_DECLARE_TR_FUNCTIONS(HelpMenu)
};

void showUserGuide(QWidget* parent)
{
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("userGuide"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(HelpMenuText::tr("Fillbook user guide"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser(dialog);
    text->setOpenExternalLinks(true);
    text->setMarkdown(userGuideMarkdown());
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(760, 640);
    dialog->show();
}
} // namespace

QString userGuideMarkdown()
{
    initHelpResource();
    // The guide in the language the app shows (ui/help/user_guide_id.md for Indonesian).
    const bool indonesian = displayLocale().language() == QLocale::Indonesian;
    QFile file(indonesian ? QStringLiteral(":/fillbook/help/user_guide_id.md")
                          : QStringLiteral(":/fillbook/help/user_guide.md"));
    if (!file.open(QIODevice::ReadOnly))
        return HelpMenuText::tr("The user guide is missing from this build.");
    return QString::fromUtf8(file.readAll());
}

QString aboutText(const QString& sqliteVersion)
{
    const QString version = QCoreApplication::applicationVersion();
    return HelpMenuText::tr(
               "<h3>Fillbook %1</h3>"
               "<p>A trading journal for Binance USDⓈ-M Futures. It only reads your account.</p>"
               "<p>Qt %2 (built with Qt %3)<br>SQLite %4</p>"
               "<p>Licence: MIT. Fillbook comes with no warranty; it is not affiliated with "
               "Binance.</p>")
        .arg(version.isEmpty() ? HelpMenuText::tr("(development build)") : version,
             QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             sqliteVersion.isEmpty() ? HelpMenuText::tr("(unknown)") : sqliteVersion);
}

void addHelpMenu(QMainWindow* window, std::function<QString()> sqliteVersion)
{
    QMenu* help = window->menuBar()->addMenu(HelpMenuText::tr("&Help"));
    QAction* guide = help->addAction(HelpMenuText::tr("&User guide"), QKeySequence::HelpContents,
                                     window, [window] { showUserGuide(window); });
    guide->setObjectName(QStringLiteral("actionUserGuide"));
    QAction* about =
        help->addAction(HelpMenuText::tr("&About Fillbook"), window, [window, sqliteVersion] {
            QMessageBox box(window);
            box.setObjectName(QStringLiteral("aboutBox"));
            box.setWindowTitle(HelpMenuText::tr("About Fillbook"));
            box.setIconPixmap(window->windowIcon().pixmap(64, 64));
            box.setTextFormat(Qt::RichText);
            box.setText(aboutText(sqliteVersion ? sqliteVersion() : QString()));
            box.exec();
        });
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    help->addAction(HelpMenuText::tr("About &Qt"), qApp, &QApplication::aboutQt);
}

} // namespace fb::ui
