#pragma once
// Runs a command-line program (fillbook-cli, whose path each test gets as FILLBOOK_CLI_PATH) to
// its end and keeps what it said: the tests of the command line assert exit codes and exact text.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace fbtest {

struct CliResult
{
    int exitCode = -1; // -2 when the program crashed
    QString out;
    QString err;
};

// Waits up to `timeoutMs` for the program to finish, and stops the test run when it does not.
CliResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 30'000);
// The same while this thread's event loop goes on (a simulator of this process serves the
// program), in `environment`.
CliResult runProgramServing(const QString& program, const QStringList& arguments,
                            const QProcessEnvironment& environment, int timeoutMs);
// The same with FILLBOOK_DESK_PASSWORD set to `deskPassword` (and no desk test stop), `input`
// written to its standard input: the desk commands as a trader runs them.
CliResult runDeskProgram(const QString& program, const QStringList& arguments,
                         const QString& deskPassword, const QByteArray& input = {},
                         int timeoutMs = 120'000);

} // namespace fbtest
