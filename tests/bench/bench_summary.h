#pragma once
// --issue12's summary table (tests/bench/bench_main.cpp): each section adds its figures.

#include <QString>
#include <QVector>

namespace fb::bench {

// One line of --issue12's summary: a figure next to its target and the bound or limit measured
// in the same run.
struct SummaryRow
{
    QString target;
    QString figure;
    QString value;
    QString bound; // the lower bound or limit it is read against, measured in the same run
    QString verdict;
};
using Summary = QVector<SummaryRow>;

} // namespace fb::bench
