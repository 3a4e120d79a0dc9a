// fillbook-cli entry point: everything else is in cli.cpp and the commands_*.cpp files.
#include "app/cli/cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // AppDataLocation becomes ~/.local/share/fillbook (no organization folder), shared with the
    // desktop app.
    QCoreApplication::setApplicationName(QStringLiteral("fillbook"));
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationVersion(QStringLiteral(FILLBOOK_VERSION));
    // The terminal gets the progress line and plain sentences; the engine's own log lines are
    // for debugging (QT_LOGGING_RULES="fillbook.*=true" brings them back).
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("fillbook.*.debug=false\n"
                                                        "fillbook.*.info=false"));
    return fb::cli::run(QCoreApplication::arguments());
}
