#include "tests/bench/bench_common.h"

#include <QFile>
#include <QLocale>
#include <QSysInfo>

#include <algorithm>
#include <thread>

namespace fb::bench {
namespace {

qint64 statusField(const char* name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(name) + ':';
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

qint64 peakRssKb()
{
    return statusField("VmHWM");
}
qint64 currentRssKb()
{
    return statusField("VmRSS");
}

bool resetPeakRss()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (!refs.open(QIODevice::WriteOnly))
        return false;
    return refs.write("5") == 1;
}

QStringList machineLines()
{
    QString model = QStringLiteral("unknown");
    QFile cpu(QStringLiteral("/proc/cpuinfo"));
    if (cpu.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : cpu.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                model = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    qint64 memKb = -1;
    QFile mem(QStringLiteral("/proc/meminfo"));
    if (mem.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : mem.readAll().split('\n')) {
            if (line.startsWith("MemTotal:"))
                memKb = line.mid(9).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return {QStringLiteral("nproc: %1").arg(std::thread::hardware_concurrency()),
            QStringLiteral("CPU: %1").arg(model),
            QStringLiteral("RAM: %1 GiB").arg(QString::number(double(memKb) / 1048576.0, 'f', 1)),
            QStringLiteral("OS: %1, Qt %2, SQLite (journal: Qt's QSQLITE driver)")
                .arg(QSysInfo::prettyProductName(), QString::fromLatin1(qVersion()))};
}

QString Table::render() const
{
    QVector<qsizetype> widths;
    for (const QStringList& row : m_rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    QString out;
    for (qsizetype r = 0; r < m_rows.size(); ++r) {
        QStringList cells;
        for (qsizetype i = 0; i < m_rows[r].size(); ++i)
            cells << m_rows[r][i].leftJustified(widths[i]);
        out += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        if (r == 0) {
            QStringList dashes;
            for (qsizetype i = 0; i < m_rows[r].size(); ++i)
                dashes << QString(widths[i], QLatin1Char('-'));
            out +=
                QStringLiteral("|-") + dashes.join(QStringLiteral("-|-")) + QStringLiteral("-|\n");
        }
    }
    return out;
}

QString fmtInt(qint64 value)
{
    QLocale c(QLocale::English);
    return c.toString(value);
}

QString fmtRate(double perSecond)
{
    return fmtInt(qint64(perSecond + 0.5)) + QStringLiteral("/s");
}

QString fmtPercent(double ratio)
{
    return QString::number(ratio * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString fmtSeconds(double seconds)
{
    return QString::number(seconds, 'f', 2) + QStringLiteral(" s");
}

QString fmtMb(qint64 kib)
{
    return kib < 0 ? QStringLiteral("n/a")
                   : QString::number(double(kib) / 1024.0, 'f', 1) + QStringLiteral(" MB");
}

} // namespace fb::bench
