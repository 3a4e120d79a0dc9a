#pragma once
// Internal to the schema steps: schema_steps.cpp lists every step; the SQL of versions 9 and
// later lives in schema_steps_late.cpp to keep each file readable. Never edit a released step.

#include <QStringList>

#include <initializer_list>

namespace fb::journal::schema::steps_detail {

inline QStringList statements(std::initializer_list<const char*> sql)
{
    QStringList list;
    for (const char* statement : sql)
        list.append(QString::fromUtf8(statement));
    return list;
}

QStringList version9();
QStringList version10();
QStringList version11();
QStringList version12();
QStringList version13();
QStringList version14();
QStringList version15();
QStringList version16();
QStringList version17();
QStringList version18();
QStringList version19();
QStringList version20(); // schema_steps_candles.cpp
QStringList version21();

} // namespace fb::journal::schema::steps_detail
