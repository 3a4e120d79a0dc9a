#include "tests/support/cli_process.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace fbtest {

CliResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs))
        qFatal("%s did not finish", qPrintable(program));
    CliResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

CliResult runDeskProgram(const QString& program, const QStringList& arguments,
                         const QString& deskPassword, const QByteArray& input, int timeoutMs)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("FILLBOOK_DESK_PASSWORD"), deskPassword);
    e.remove(QStringLiteral("FILLBOOK_DESK_TEST_STOP"));
    QProcess p;
    p.setProcessEnvironment(e);
    p.start(program, arguments);
    if (!p.waitForStarted(30'000))
        qFatal("%s did not start", qPrintable(program));
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs))
        qFatal("%s did not finish", qPrintable(program));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace fbtest
