#include "sync/journal/thread_priority.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <algorithm>

namespace fb::journal {

void lowerCurrentThreadPriority()
{
#ifdef Q_OS_LINUX
    // QThread::setPriority() cannot do this on Linux: under SCHED_OTHER its levels all map to
    // the one static priority 0, and only the nice value weighs a thread against another.
    const auto thread = id_t(syscall(SYS_gettid));
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, thread);
    if (nice == -1 && errno != 0)
        return;
    setpriority(PRIO_PROCESS, thread, std::min(nice + 10, 19));
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace fb::journal
