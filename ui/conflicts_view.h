#pragma once
// Conflicts tab: changed exchange records and orphaned annotations, each resolvable.

#include <QWidget>

class QTableWidget;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class ConflictsView : public QWidget
{
    Q_OBJECT
public:
    ConflictsView(journal::Database& readDb, journal::Database& writeDb, QWidget* parent = nullptr);
    void reload();
    int openCount() const;

signals:
    void countChanged(int open);

private:
    void resolveSelected();

    journal::Database& m_readDb;
    journal::Database& m_writeDb;
    QTableWidget* m_table = nullptr;
};

} // namespace fb::ui
