// fillbook-rusage OUT PROGRAM [ARGS...]: runs PROGRAM (standard streams and environment
// inherited), waits for it with wait4() and writes one line to the file OUT:
//     exit CODE wall_us N user_us N sys_us N maxrss_kb N
// CODE is the program's exit code, or 128 + the signal that ended it; 127 when it could not be
// started. Exits 0 once OUT is written (the program's own code is in it), 2 on bad usage.
//
// Why a program of its own (issue 12, target 4; docs/performance.md "Target 4"): Linux records
// the exec'ing process's old peak RSS into the new program's ru_maxrss, and a fork()ed (or
// vfork()ed) child's old memory is its parent's. Measured from the benchmark directly, every
// figure would be at least the benchmark's own peak. This launcher is small, so the program's
// peak RSS is its own.

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>

namespace {

long long nowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1'000'000LL + ts.tv_nsec / 1000;
}

long long us(const timeval& tv)
{
    return static_cast<long long>(tv.tv_sec) * 1'000'000LL + tv.tv_usec;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fputs("usage: fillbook-rusage OUT PROGRAM [ARGS...]\n", stderr);
        return 2;
    }
    const long long start = nowUs();
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fillbook-rusage: fork");
        return 2;
    }
    if (pid == 0) {
        execv(argv[2], argv + 2);
        std::perror("fillbook-rusage: exec");
        _exit(127);
    }
    int status = 0;
    rusage ru{};
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            std::perror("fillbook-rusage: wait4");
            return 2;
        }
    }
    const long long wall = nowUs() - start;
    const int code = WIFEXITED(status)     ? WEXITSTATUS(status)
                     : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                           : 255;
    std::FILE* out = std::fopen(argv[1], "w");
    if (!out) {
        std::perror("fillbook-rusage: OUT");
        return 2;
    }
    std::fprintf(out, "exit %d wall_us %lld user_us %lld sys_us %lld maxrss_kb %ld\n", code, wall,
                 us(ru.ru_utime), us(ru.ru_stime), ru.ru_maxrss);
    std::fclose(out);
    return 0;
}
