// fillbook-cli entry point: everything else is in cli.cpp and the commands_*.cpp files.
#include "app/cli/cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>

int main(int argc, char* argv[])
{
    // Past the file size limit (ulimit -f) the kernel sends SIGXFSZ, which kills the process
    // mid-write by default. Ignored, the write fails with EFBIG instead: the transaction rolls
    // back, the run ends failed with exit code 7 and a sentence naming the limit.
    std::signal(SIGXFSZ, SIG_IGN);
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
