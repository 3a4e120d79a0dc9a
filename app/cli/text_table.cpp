#include "app/cli/text_table.h"

namespace fb::cli {

void TextTable::addColumn(const QString& title, Align align)
{
    m_titles.append(title);
    m_align.append(align);
}

void TextTable::addRow(const QStringList& cells)
{
    m_rows.append(cells);
}

void TextTable::print(QTextStream& out) const
{
    QVector<qsizetype> widths(m_titles.size(), 0);
    const auto measure = [&widths](const QStringList& cells) {
        for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths[i], cells.at(i).size());
    };
    measure(m_titles);
    for (const QStringList& row : m_rows)
        measure(row);

    const auto printRow = [&](const QStringList& cells) {
        QString line;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            if (i > 0)
                line += QStringLiteral("  ");
            line += m_align.at(i) == Align::Right ? cell.rightJustified(widths.at(i))
                                                  : cell.leftJustified(widths.at(i));
        }
        // Left-aligned last columns would leave trailing blanks.
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    };
    printRow(m_titles);
    for (const QStringList& row : m_rows)
        printRow(row);
}

} // namespace fb::cli
