#pragma once
// Aligned plain-text columns for people (the CSV and JSON formats are for scripts).

#include <QStringList>
#include <QTextStream>
#include <QVector>

namespace fb::cli {

class TextTable
{
public:
    enum class Align { Left, Right };

    void addColumn(const QString& title, Align align = Align::Left);
    void addRow(const QStringList& cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    // Columns separated by two spaces; no trailing blanks.
    void print(QTextStream& out) const;

private:
    QStringList m_titles;
    QVector<Align> m_align;
    QVector<QStringList> m_rows;
};

} // namespace fb::cli
